/**
 * App authorizations (Plantronics "authrequests"): a tenant authorizes another tenant's registered app to read
 * its data, for the datasets ("subscriptions") it grants. At most one open (pending or approved) authorization
 * per app and authorizing tenant. Tenants flagged `apps_auto_approved` (the demo sandbox) approve every request
 * at once. Apps gain the description and partner profile that Plantronics registrations carry.
 * Portable SQL only: SQLite adds a NOT NULL column only with a default.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('apps_auto_approved', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('apps').addColumn('description', 'text').execute();
  await db.schema.alterTable('apps').addColumn('partner_profile', 'text').execute();

  await db.schema
    .createTable('app_authorizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_row_id', 'text', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    // The authorizing tenant: whose data the app may read.
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('requested_by_tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // JSON arrays of subscription names: what the app asked for, and what the tenant granted.
    .addColumn('subscriptions', 'text', (c) => c.notNull())
    .addColumn('granted_subscriptions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    // The person (or credential) of the authorizing tenant that approved or rejected it last.
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema
    .createIndex('app_authorizations_open_uq')
    .on('app_authorizations')
    .columns(['app_row_id', 'tenant_id'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('pending', 'approved')`)
    .execute();
  await db.schema
    .createIndex('app_authorizations_tenant_idx')
    .on('app_authorizations')
    .columns(['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('app_authorizations_app_idx')
    .on('app_authorizations')
    .columns(['app_row_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_authorizations').ifExists().execute();
  await db.schema.alterTable('apps').dropColumn('partner_profile').execute();
  await db.schema.alterTable('apps').dropColumn('description').execute();
  await db.schema.alterTable('tenants').dropColumn('apps_auto_approved').execute();
}
