/** Turns an OAuth client row into the admin-facing resource: never the secret's hash. */
import { iso, isoOrNull } from '../presenting.js';
import type { OAuthClientRow } from './oauth-client.repository.js';
import type { OAuthClientView } from './oauth-client.schemas.js';

export function presentOAuthClient(row: OAuthClientRow): OAuthClientView {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    role: row.role,
    scopes: JSON.parse(row.scopes) as string[],
    personId: row.person_id,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}
