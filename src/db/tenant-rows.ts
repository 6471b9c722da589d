/** Lookups every tenant-owned table shares: whether the tenant has a row of that id. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export type TenantTable = {
  [T in keyof Database]: Database[T] extends { tenant_id: string; id: string } ? T : never;
}[keyof Database];

/** Whether the tenant has a row `id` in `table` (another tenant's row counts as none). */
export async function tenantRowExists(
  db: Kysely<Database>,
  table: TenantTable,
  tenantId: string,
  id: string,
): Promise<boolean> {
  // Every such table has tenant_id and id; Kysely cannot type a where() over a union of tables.
  const row = await db
    .selectFrom(table as 'sites')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
