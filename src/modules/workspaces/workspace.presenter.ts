/** Turns a workspace row into the native resource: only whitelisted fields, instants as ISO strings. */
import { iso } from '../presenting.js';
import type { WorkspaceRow } from './workspace.repository.js';
import type { WorkspaceView } from './workspace.schemas.js';

export function presentWorkspace(row: WorkspaceRow): WorkspaceView {
  return {
    id: row.id,
    name: row.name,
    site: row.site_id ? { id: row.site_id, name: row.site_name ?? '' } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}
