/**
 * Device configuration beyond the device row (Webex Calling's device settings, docs/compat/webex.md): a device's
 * settings override, its line-key layout, the scrypt hash of a third-party device's SIP password — each keyed
 * by the device and gone with it — and the device settings of people and workspaces (compression, hoteling),
 * one row per owner, gone with the owner — and a device's configured RoomOS configuration values (Webex's
 * /deviceConfigurations), one row per key. Portable SQL only (text, integer, bigint).
 */
import { type Kysely, sql } from 'kysely';

const DEVICE_DOCUMENTS = [
  ['device_setting_overrides', 'customizations'],
  ['device_layouts', 'layout'],
  ['device_sip_credentials', 'password_hash'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column] of DEVICE_DOCUMENTS) {
    await db.schema
      .createTable(table)
      .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn(column, 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  }
  await db.schema
    .createTable('owner_device_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.references('workspaces.id').onDelete('cascade'))
    .addColumn('compression', 'text')
    .addColumn('hoteling_enabled', 'integer')
    .addColumn('hoteling_limit_guest_use', 'integer')
    .addColumn('hoteling_guest_hours_limit', 'integer')
    .addColumn('enabled_for_multiple_devices', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Nulls are distinct in a unique constraint on both engines: one row per person, one per workspace.
    .addUniqueConstraint('owner_device_settings_person_uq', ['person_id'])
    .addUniqueConstraint('owner_device_settings_workspace_uq', ['workspace_id'])
    .addCheckConstraint('owner_device_settings_one_owner_ck', sql`(person_id is null) <> (workspace_id is null)`)
    .execute();
  await db.schema
    .createTable('device_configurations')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('config_key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_configurations_pk', ['device_id', 'config_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('device_configurations').ifExists().execute();
  await db.schema.dropTable('owner_device_settings').ifExists().execute();
  for (const [table] of [...DEVICE_DOCUMENTS].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
