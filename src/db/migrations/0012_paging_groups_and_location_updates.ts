/**
 * Paging groups and Automatic Location Update (RingCentral's paging-only groups and emergency address
 * auto-update, docs/compat/ringcentral.md):
 * - `paging_groups`: a named group (optionally with its own extension) whose member devices receive pages;
 *   `paging_group_devices` lists the members (a device may be in several groups of its tenant). Members go with
 *   their device or their group.
 * - `devices.emergency_auto_update`: 1 when the device's emergency address follows its network location
 *   (Automatic Location Update), 0 otherwise (every existing device starts without it).
 * - `people.ringcentral_extension_id`, `workspaces.ringcentral_extension_id`: the numeric extension id each is
 *   known by (src/modules/extension-ids), indexed per tenant so that an extension id resolves by a lookup; the
 *   existing rows are given theirs here.
 * Portable SQL only.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

const BACKFILL_PAGE = 1000;

/** numericExtensionIdOf (src/modules/extension-ids) as it was when this migration was written. */
function numericExtensionIdOf(uuid: string): number {
  const digest = createHash('sha256').update(`ringcentral\0${uuid.toLowerCase()}`).digest();
  const value = Number(digest.readBigUInt64BE(0) & ((1n << 53n) - 1n));
  return value === 0 ? 1 : value;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('paging_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('extension', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('paging_groups_tenant_name_uq', ['tenant_id', 'name'])
    // Nulls are distinct on both engines: many groups may lack an extension.
    .addUniqueConstraint('paging_groups_tenant_extension_uq', ['tenant_id', 'extension'])
    .execute();
  await db.schema
    .createTable('paging_group_devices')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('paging_group_id', 'text', (c) => c.notNull().references('paging_groups.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('paging_group_devices_pk', ['paging_group_id', 'device_id'])
    .execute();
  await db.schema
    .createIndex('paging_group_devices_tenant_device_idx')
    .on('paging_group_devices')
    .columns(['tenant_id', 'device_id'])
    .execute();

  await db.schema
    .alterTable('devices')
    .addColumn('emergency_auto_update', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  for (const table of ['people', 'workspaces'] as const) {
    await db.schema.alterTable(table).addColumn('ringcentral_extension_id', 'bigint').execute();
    await db.schema
      .createIndex(`${table}_tenant_ringcentral_extension_id_idx`)
      .on(table)
      .columns(['tenant_id', 'ringcentral_extension_id'])
      .execute();
    for (;;) {
      const rows: { id: string }[] = await db
        .selectFrom(table)
        .select('id')
        .where('ringcentral_extension_id', 'is', null)
        .limit(BACKFILL_PAGE)
        .execute();
      for (const { id } of rows) {
        await db
          .updateTable(table)
          .set({ ringcentral_extension_id: numericExtensionIdOf(id) })
          .where('id', '=', id)
          .execute();
      }
      if (rows.length < BACKFILL_PAGE) break;
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['people', 'workspaces'] as const) {
    await db.schema.dropIndex(`${table}_tenant_ringcentral_extension_id_idx`).ifExists().execute();
    await db.schema.alterTable(table).dropColumn('ringcentral_extension_id').execute();
  }
  await db.schema.alterTable('devices').dropColumn('emergency_auto_update').execute();
  await db.schema.dropIndex('paging_group_devices_tenant_device_idx').ifExists().execute();
  await db.schema.dropTable('paging_group_devices').ifExists().execute();
  await db.schema.dropTable('paging_groups').ifExists().execute();
}
