/**
 * Virtual lines (Webex Calling's VIRTUAL_LINE members): a line with its own extension or number and caller id
 * (first and last name), at a site, tied to no person. A device belongs to a person, a workspace or a virtual
 * line; `devices.owner_virtual_line_id` is the third owner column, indexed like the other two.
 * Portable SQL only: SQLite adds a referencing column when its default is null.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('virtual_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('extension', 'text')
    .addColumn('phone_number_id', 'text', (c) => c.references('phone_numbers.id').onDelete('set null'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null'))
    // The versioned columns of 0001's editable tables.
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // Nulls are distinct in a unique constraint on both engines: many lines may lack an extension or a number.
    .addUniqueConstraint('virtual_lines_tenant_extension_uq', ['tenant_id', 'extension'])
    .addUniqueConstraint('virtual_lines_tenant_phone_number_uq', ['tenant_id', 'phone_number_id'])
    .execute();
  await db.schema
    .createIndex('virtual_lines_tenant_name_idx')
    .on('virtual_lines')
    .columns(['tenant_id', 'last_name', 'first_name', 'id'])
    .execute();

  await db.schema
    .alterTable('devices')
    .addColumn('owner_virtual_line_id', 'text', (c) => c.references('virtual_lines.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('devices_tenant_owner_virtual_line_id_idx')
    .on('devices')
    .columns(['tenant_id', 'owner_virtual_line_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('devices_tenant_owner_virtual_line_id_idx').ifExists().execute();
  await db.schema.alterTable('devices').dropColumn('owner_virtual_line_id').execute();
  await db.schema.dropTable('virtual_lines').ifExists().execute();
}
