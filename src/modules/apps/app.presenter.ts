/** Turns a registered-app row into the native resource. */
import { iso, isoOrNull } from '../presenting.js';
import type { AppRow } from './app.repository.js';
import type { AppView } from './app.schemas.js';

export function presentApp(row: AppRow): AppView {
  return {
    id: row.id,
    name: row.name,
    appId: row.app_id,
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}
