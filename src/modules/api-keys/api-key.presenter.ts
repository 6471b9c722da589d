/** Turns an API key row into the native resource: never the hash, never the key. */
import { iso, isoOrNull } from '../presenting.js';
import type { ApiKeyRow } from './api-key.repository.js';
import type { ApiKeyView } from './api-key.schemas.js';
import type { Role } from '../access/roles.js';

export function presentApiKey(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role as Role,
    scopes: JSON.parse(row.scopes) as string[],
    personId: row.person_id,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}
