/**
 * Device use cases shared by every API surface: the native API and each vendor dialect call these.
 * Every read is for a viewer: the tenant, and for an agent only the devices they own.
 */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Viewer } from '../access/principal.js';
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

  /** A device the viewer may see; any other id (missing, malformed, another tenant's or person's) is device_not_found. */
  async getDevice(viewer: Viewer, id: string, include: DeviceIncludes = ALL_RELATIONS): Promise<DeviceRecord> {
    const record = id.length <= 64 ? await this.devices.findById(viewer.tenantId, id, include) : undefined;
    if (!record || (viewer.onlyPerson !== null && record.row.owner_person_id !== viewer.onlyPerson)) {
      throw new AppError('device_not_found', `There is no device with id '${id.slice(0, 64)}'.`);
    }
    return record;
  }

  listDevices(
    viewer: Viewer,
    filter: DeviceFilter,
    page: PageRequest<DeviceSortField>,
    include: DeviceIncludes = ALL_RELATIONS,
  ): Promise<Page<DeviceRecord>> {
    const visible = viewer.onlyPerson === null ? filter : { ...filter, ownerPerson: viewer.onlyPerson };
    return this.devices.list(viewer.tenantId, visible, page, include);
  }
}
