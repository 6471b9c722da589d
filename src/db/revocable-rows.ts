/**
 * Revocation as the credential tables (API keys, OAuth clients, registered apps, sessions) share it: the row
 * stays in place with its revoked_at set, so it remains listed and its id is never reused.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type RevocableTable = 'api_keys' | 'oauth_clients' | 'apps' | 'sessions';

/** Marks a row of the tenant revoked; false when it already was, or is not the tenant's. */
export async function revokeRow(
  db: Kysely<Database>,
  table: RevocableTable,
  tenantId: string,
  id: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
