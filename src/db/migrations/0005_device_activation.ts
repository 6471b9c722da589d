/**
 * Webex-style activation codes (src/modules/activation/): one row per code issued for a pre-created device.
 * The code itself is a secret shown once; only its SHA-256 is stored (unique, so a redeem finds it by hash).
 * A code is used at most once (`used_at`) and not after `expires_at`; deactivating the device withdraws it.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activation_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('withdrawn_at', 'bigint')
    .addUniqueConstraint('activation_codes_code_hash_uq', ['code_hash'])
    .execute();
  await db.schema
    .createIndex('activation_codes_device_idx')
    .on('activation_codes')
    .columns(['tenant_id', 'device_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activation_codes').execute();
}
