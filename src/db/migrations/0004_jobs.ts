/**
 * Background jobs (src/modules/jobs/): one row per job a tenant started (today: device imports), with its state,
 * progress and, once finished, its result. A job runs in the process that accepted it; `updated_at` is its
 * heartbeat, so a job whose process died is seen as stale and marked failed. Also indexes devices by (tenant, serial)
 * for the import's upsert by serial.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer', (c) => c.notNull())
    .addColumn('progress_total', 'integer', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('jobs_tenant_id_idx').on('jobs').columns(['tenant_id', 'id']).execute();
  // A bulk import finds the device a row updates by its serial alone (any manufacturer): without this index each
  // lookup would scan the tenant's devices, and an import would be quadratic in the fleet's size.
  await db.schema.createIndex('devices_tenant_serial_idx').on('devices').columns(['tenant_id', 'serial']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('devices_tenant_serial_idx').execute();
  await db.schema.dropTable('jobs').execute();
}
