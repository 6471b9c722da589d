/**
 * Telemetry from desktop agents (issue 9): the event ledger that makes ingest idempotent, the device columns the
 * reports maintain, and the daily rollups the adoption analytics read.
 * - telemetry_events: one row per accepted event id (the client's), per tenant; a replayed id is found here and
 *   changes nothing. The identity the event named is kept, not the payload (that lives on in the device).
 * - devices: telemetry_seen_at (the latest report's instant: drives the Online → Offline sweep, which leaves
 *   devices no agent reports on alone), fw_reported_at (firmware only moves to a newer report), reported_settings
 *   (JSON of the latest settings report) and settings_reported_at.
 * - device_active_days: one row per device and UTC day with a report, so a late event for a day already counted
 *   is counted once; telemetry_daily: per tenant, day (days since the epoch), dimension and key, the devices
 *   active that day and the devices first seen that day. Analytics read only telemetry_daily.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('telemetry_events')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('device_key', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('telemetry_events_pk', ['tenant_id', 'id'])
    .execute();

  await db.schema.alterTable('devices').addColumn('telemetry_seen_at', 'bigint').execute();
  await db.schema.alterTable('devices').addColumn('fw_reported_at', 'bigint').execute();
  await db.schema.alterTable('devices').addColumn('reported_settings', 'text').execute();
  await db.schema.alterTable('devices').addColumn('settings_reported_at', 'bigint').execute();
  await db.schema
    .createIndex('devices_status_telemetry_seen_idx')
    .on('devices')
    .columns(['status', 'telemetry_seen_at'])
    .execute();
  await db.schema
    .createIndex('devices_tenant_last_seen_idx')
    .on('devices')
    .columns(['tenant_id', 'last_seen_at', 'id'])
    .execute();
  // Reports name devices by serial (0004 indexes it), tattoo id or MAC (unique).
  await db.schema
    .createIndex('devices_tenant_display_id_idx')
    .on('devices')
    .columns(['tenant_id', 'display_id'])
    .execute();

  await db.schema
    .createTable('device_active_days')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_active_days_pk', ['device_id', 'day'])
    .execute();

  await db.schema
    .createTable('telemetry_daily')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('active_devices', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('new_devices', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('telemetry_daily_pk', ['tenant_id', 'dimension', 'day', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('telemetry_daily').ifExists().execute();
  await db.schema.dropTable('device_active_days').ifExists().execute();
  await db.schema.dropIndex('devices_tenant_display_id_idx').ifExists().execute();
  await db.schema.dropIndex('devices_tenant_last_seen_idx').ifExists().execute();
  await db.schema.dropIndex('devices_status_telemetry_seen_idx').ifExists().execute();
  for (const column of ['settings_reported_at', 'reported_settings', 'fw_reported_at', 'telemetry_seen_at']) {
    await db.schema.alterTable('devices').dropColumn(column).execute();
  }
  await db.schema.dropTable('telemetry_events').ifExists().execute();
}
