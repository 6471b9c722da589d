/** User group use cases shared by every API surface. */
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Viewer } from '../access/principal.js';
import type { PersonFilter, PersonIncludes, PersonRecord, PersonSortField } from '../people/person.repository.js';
import type { PersonService } from '../people/person.service.js';
import {
  ALL_USER_GROUP_RELATIONS,
  type UserGroupFilter,
  type UserGroupIncludes,
  type UserGroupRecord,
  type UserGroupRepository,
  type UserGroupSortField,
} from './user-group.repository.js';

export class UserGroupService {
  constructor(
    private readonly groups: UserGroupRepository,
    private readonly people: PersonService,
  ) {}

  /** A user group of the tenant; any other id (missing, malformed, another tenant's) is user_group_not_found. */
  async getUserGroup(
    tenantId: string,
    id: string,
    include: UserGroupIncludes = ALL_USER_GROUP_RELATIONS,
  ): Promise<UserGroupRecord> {
    const record = id.length <= 64 ? await this.groups.findById(tenantId, id, include) : undefined;
    if (!record) throw notFound(id);
    return record;
  }

  listUserGroups(
    tenantId: string,
    filter: UserGroupFilter,
    page: PageRequest<UserGroupSortField>,
    include: UserGroupIncludes = ALL_USER_GROUP_RELATIONS,
  ): Promise<Page<UserGroupRecord>> {
    return this.groups.list(tenantId, filter, page, include);
  }

  /** The members of a group (further narrowed by the people filters); user_group_not_found unless the group is the tenant's. */
  async listMembers(
    viewer: Viewer,
    groupId: string,
    filter: Omit<PersonFilter, 'userGroup' | 'groupId'>,
    page: PageRequest<PersonSortField>,
    include?: PersonIncludes,
  ): Promise<Page<PersonRecord>> {
    const exists = groupId.length <= 64 && (await this.groups.exists(viewer.tenantId, groupId));
    if (!exists) throw notFound(groupId);
    return this.people.listPeople(viewer, { ...filter, groupId }, page, include);
  }
}

function notFound(id: string): AppError {
  return new AppError('user_group_not_found', `There is no user group with id '${id.slice(0, 64)}'.`);
}
