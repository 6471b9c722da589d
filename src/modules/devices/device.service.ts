/** Device use cases shared by every API surface: the native API and each vendor dialect call these. */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import {
  ALL_RELATIONS,
  type DeviceFilter,
  type DeviceIncludes,
  type DeviceRecord,
  type DeviceRepository,
  type DeviceSortField,
} from './device.repository.js';

export class DeviceService {
  constructor(private readonly devices: DeviceRepository) {}

  /** A device of the tenant; any other id (missing, malformed, another tenant's) is device_not_found. */
  async getDevice(tenantId: string, id: string, include: DeviceIncludes = ALL_RELATIONS): Promise<DeviceRecord> {
    const record = id.length <= 64 ? await this.devices.findById(tenantId, id, include) : undefined;
    if (!record) throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
    return record;
  }

  listDevices(
    tenantId: string,
    filter: DeviceFilter,
    page: PageRequest<DeviceSortField>,
    include: DeviceIncludes = ALL_RELATIONS,
  ): Promise<Page<DeviceRecord>> {
    return this.devices.list(tenantId, filter, page, include);
  }
}
