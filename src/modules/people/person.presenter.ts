/** Turns a person record into the native resource: only whitelisted fields, instants as ISO strings. */
import type { PersonIncludes, PersonRecord } from './person.repository.js';
import type { PersonField, PersonView } from './person.schemas.js';
import { iso, presentProvenance } from '../presenting.js';

export function displayNameOf(row: { username: string; first_name: string | null; last_name: string | null }): string {
  return [row.first_name, row.last_name].filter(Boolean).join(' ') || row.username;
}

export function presentPerson({ row, userGroups }: PersonRecord): PersonView {
  return {
    id: row.id,
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: displayNameOf(row),
    email: row.email,
    extensionNumber: row.extension_number,
    roles: JSON.parse(row.roles) as string[],
    site: row.site_id ? { id: row.site_id, name: row.site_name ?? '' } : null,
    userGroups: userGroups.map((g) => ({ id: g.id, name: g.name })),
    agentState: row.agent_state === null ? null : { state: row.agent_state, workMode: row.agent_work_mode },
    provenance: presentProvenance(row),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** Relations a projection needs; an unrequested relation is not loaded at all. */
export function personIncludesFor(fields: readonly PersonField[] | undefined): PersonIncludes {
  return { userGroups: !fields || fields.includes('userGroups') };
}
