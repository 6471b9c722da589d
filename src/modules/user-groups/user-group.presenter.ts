/** Turns a user group record into the native resource: only whitelisted fields, instants as ISO strings. */
import type { UserGroupIncludes, UserGroupRecord } from './user-group.repository.js';
import type { UserGroupField, UserGroupView } from './user-group.schemas.js';
import { iso } from '../presenting.js';

export function presentUserGroup({ row, memberCount }: UserGroupRecord): UserGroupView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memberCount: memberCount ?? 0,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** What a projection needs; an unrequested member count is not counted at all. */
export function userGroupIncludesFor(fields: readonly UserGroupField[] | undefined): UserGroupIncludes {
  return { memberCount: !fields || fields.includes('memberCount') };
}
