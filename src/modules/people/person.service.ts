/** People use cases shared by every API surface: the native API and each vendor dialect call these. */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { DeviceFilter, DeviceIncludes, DeviceRecord, DeviceSortField } from '../devices/device.repository.js';
import type { DeviceService } from '../devices/device.service.js';
import {
  ALL_PERSON_RELATIONS,
  type PersonFilter,
  type PersonIncludes,
  type PersonRecord,
  type PersonRepository,
  type PersonSortField,
} from './person.repository.js';

export class PersonService {
  constructor(
    private readonly people: PersonRepository,
    private readonly devices: DeviceService,
  ) {}

  /** A person of the tenant; any other id (missing, malformed, another tenant's) is person_not_found. */
  async getPerson(tenantId: string, id: string, include: PersonIncludes = ALL_PERSON_RELATIONS): Promise<PersonRecord> {
    const record = id.length <= 64 ? await this.people.findById(tenantId, id, include) : undefined;
    if (!record) throw notFound(id);
    return record;
  }

  listPeople(
    tenantId: string,
    filter: PersonFilter,
    page: PageRequest<PersonSortField>,
    include: PersonIncludes = ALL_PERSON_RELATIONS,
  ): Promise<Page<PersonRecord>> {
    return this.people.list(tenantId, filter, page, include);
  }

  /** The devices a person owns; person_not_found unless the person is the tenant's. */
  async listPersonDevices(
    tenantId: string,
    personId: string,
    filter: Omit<DeviceFilter, 'owner'>,
    page: PageRequest<DeviceSortField>,
    include?: DeviceIncludes,
  ): Promise<Page<DeviceRecord>> {
    const exists = personId.length <= 64 && (await this.people.exists(tenantId, personId));
    if (!exists) throw notFound(personId);
    return this.devices.listDevices(tenantId, { ...filter, owner: personId }, page, include);
  }
}

function notFound(id: string): AppError {
  return new AppError('person_not_found', `There is no person with id '${id.slice(0, 64)}'.`);
}
