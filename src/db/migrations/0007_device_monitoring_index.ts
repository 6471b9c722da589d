/**
 * Supervisor monitoring looks devices up by the device they monitor: to refuse a second supervisor on the
 * same device (one at a time) and to show who monitors a device. This index serves both lookups.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('devices_tenant_monitoring_target_idx')
    .on('devices')
    .columns(['tenant_id', 'monitoring_target_device_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('devices_tenant_monitoring_target_idx').ifExists().execute();
}
