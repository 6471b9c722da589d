/**
 * Optimistic concurrency as every editable table uses it: a row is changed or deleted only at the version the
 * writer read, so a concurrent change makes the statement touch nothing (the caller then answers 412 or retries).
 */
import type { Kysely, Updateable } from 'kysely';
import type { Database } from './schema.js';

export type VersionedTable =
  | 'people'
  | 'user_groups'
  | 'sites'
  | 'workspaces'
  | 'devices'
  | 'phone_numbers'
  | 'virtual_lines'
  | 'paging_groups'
  | 'compliance_policies';

/** Sets `values` on the tenant's row at `version`; false when the row is gone or has moved on. */
export async function updateAtVersion<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  tenantId: string,
  id: string,
  version: number,
  values: Updateable<Database[T]>,
): Promise<boolean> {
  // Every versioned table has tenant_id, id and version; Kysely cannot type a set() over a union of tables.
  const result = await db
    .updateTable(table as 'sites')
    .set(values as Updateable<Database['sites']>)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes the tenant's row at `version`; false when the row is gone or has moved on. */
export async function deleteAtVersion(
  db: Kysely<Database>,
  table: VersionedTable,
  tenantId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
