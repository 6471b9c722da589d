/**
 * People use cases shared by every API surface: the native API and each vendor dialect call these.
 * An agent viewer sees only their own person record.
 */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Viewer } from '../access/principal.js';
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

  /** A person the viewer may see; any other id (missing, malformed, another tenant's) is person_not_found. */
  async getPerson(viewer: Viewer, id: string, include: PersonIncludes = ALL_PERSON_RELATIONS): Promise<PersonRecord> {
    const record = visible(viewer, id) ? await this.people.findById(viewer.tenantId, id, include) : undefined;
    if (!record) throw notFound(id);
    return record;
  }

  /** The id of the person with this username, if the viewer may see them; otherwise person_not_found. */
  async idOfUsername(viewer: Viewer, username: string): Promise<string> {
    const id = username.length <= 200 ? await this.people.idByUsername(viewer.tenantId, username) : undefined;
    if (id === undefined || !visible(viewer, id)) {
      throw new AppError('person_not_found', `There is no person with username '${username.slice(0, 200)}'.`);
    }
    return id;
  }

  listPeople(
    viewer: Viewer,
    filter: PersonFilter,
    page: PageRequest<PersonSortField>,
    include: PersonIncludes = ALL_PERSON_RELATIONS,
  ): Promise<Page<PersonRecord>> {
    const scoped = viewer.onlyPerson === null ? filter : { ...filter, personId: viewer.onlyPerson };
    return this.people.list(viewer.tenantId, scoped, page, include);
  }

  /** The devices a person owns; person_not_found unless the person is the tenant's. */
  async listPersonDevices(
    viewer: Viewer,
    personId: string,
    filter: Omit<DeviceFilter, 'owner'>,
    page: PageRequest<DeviceSortField>,
    include?: DeviceIncludes,
  ): Promise<Page<DeviceRecord>> {
    const exists = visible(viewer, personId) && (await this.people.exists(viewer.tenantId, personId));
    if (!exists) throw notFound(personId);
    return this.devices.listDevices(viewer, { ...filter, owner: personId }, page, include);
  }
}

function visible(viewer: Viewer, personId: string): boolean {
  return personId.length <= 64 && (viewer.onlyPerson === null || viewer.onlyPerson === personId);
}

function notFound(id: string): AppError {
  return new AppError('person_not_found', `There is no person with id '${id.slice(0, 64)}'.`);
}
