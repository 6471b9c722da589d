/**
 * The canonical model: tenants, access keys, people and their ordered groups, sites, workspaces,
 * the product catalogue, devices with their tags, pairings, sightings and lines, phone numbers,
 * firmware releases and compliance policies. Portable SQL only: text, integer, bigint.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

/** Columns every editable row carries: when it was created and last changed, and its version (the ETag). */
function versioned<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C | 'created_at' | 'updated_at' | 'version'> {
  return table
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

export async function up(db: Kysely<any>): Promise<void> {
  await versioned(
    db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('api_code', 'text', (c) => c.notNull())
      .addColumn('webex_org_id', 'text')
      .addColumn('ringcentral_account_id', 'text'),
  )
    .addUniqueConstraint('tenants_api_code_uq', ['api_code'])
    .addUniqueConstraint('tenants_webex_org_id_uq', ['webex_org_id'])
    .addUniqueConstraint('tenants_ringcentral_account_id_uq', ['ringcentral_account_id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('api_keys_key_hash_uq', ['key_hash'])
    .execute();
  await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').columns(['tenant_id']).execute();

  await versioned(
    db.schema
      .createTable('user_groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text'),
  )
    .addUniqueConstraint('user_groups_tenant_name_uq', ['tenant_id', 'name'])
    .execute();

  await versioned(
    db.schema
      .createTable('sites')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('street', 'text')
      .addColumn('street2', 'text')
      .addColumn('city', 'text')
      .addColumn('state', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('country_code', 'text')
      .addColumn('time_zone', 'text')
      .addColumn('subnets', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('emergency_address', 'text'),
  )
    .addUniqueConstraint('sites_tenant_name_uq', ['tenant_id', 'name'])
    .execute();

  await versioned(
    db.schema
      .createTable('workspaces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null')),
  )
    .addUniqueConstraint('workspaces_tenant_name_uq', ['tenant_id', 'name'])
    .execute();

  await versioned(
    db.schema
      .createTable('people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text')
      .addColumn('last_name', 'text')
      .addColumn('email', 'text')
      .addColumn('extension_number', 'text')
      .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null'))
      .addColumn('agent_state', 'text')
      .addColumn('agent_work_mode', 'text')
      .addColumn('source_system', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('synced_at', 'bigint'),
  )
    .addUniqueConstraint('people_tenant_username_uq', ['tenant_id', 'username'])
    .addUniqueConstraint('people_tenant_email_uq', ['tenant_id', 'email'])
    .addUniqueConstraint('people_tenant_source_external_uq', ['tenant_id', 'source_system', 'external_id'])
    .execute();
  await db.schema
    .createIndex('people_tenant_name_idx')
    .on('people')
    .columns(['tenant_id', 'last_name', 'first_name', 'id'])
    .execute();

  await db.schema
    .createTable('group_memberships')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('user_groups.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_memberships_pk', ['person_id', 'group_id'])
    .addUniqueConstraint('group_memberships_person_position_uq', ['person_id', 'position'])
    .execute();
  await db.schema
    .createIndex('group_memberships_group_idx')
    .on('group_memberships')
    .columns(['tenant_id', 'group_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('manufacturer', 'text', (c) => c.notNull())
    .addColumn('family', 'text')
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('device_kind', 'text', (c) => c.notNull())
    .addColumn('usb_vendor_id', 'text')
    .addColumn('usb_product_id', 'text')
    .addColumn('sku', 'text')
    .addColumn('box_billing_id', 'bigint')
    .addColumn('line_count', 'integer')
    .addColumn('features', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('products_manufacturer_model_uq', ['manufacturer', 'model_id'])
    .execute();

  await versioned(
    db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.references('products.id'))
      .addColumn('manufacturer', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('display_id', 'text')
      .addColumn('serial', 'text')
      .addColumn('mac', 'text')
      .addColumn('ip', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('activation_state', 'text')
      .addColumn('owner_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
      .addColumn('owner_workspace_id', 'text', (c) => c.references('workspaces.id').onDelete('set null'))
      .addColumn('site_id', 'text', (c) => c.references('sites.id').onDelete('set null'))
      .addColumn('fw_main', 'text')
      .addColumn('fw_base', 'text')
      .addColumn('fw_headset', 'text')
      .addColumn('fw_bluetooth', 'text')
      .addColumn('fw_usb', 'text')
      .addColumn('compliance', 'text', (c) => c.notNull().defaultTo('unknown'))
      .addColumn('policy_id', 'text')
      .addColumn('upgrade_channel', 'text')
      .addColumn('managed_by', 'text')
      .addColumn('sip_user_name', 'text')
      .addColumn('sip_line_port', 'text')
      .addColumn('sip_outbound_proxy', 'text')
      .addColumn('hot_desk', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('common_phone', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('line_pooling', 'text')
      .addColumn('telephony_network', 'text')
      .addColumn('do_not_disturb', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('forward_to', 'text')
      .addColumn('monitoring_state', 'text')
      .addColumn('monitoring_mode', 'text')
      .addColumn('monitoring_scope', 'text')
      .addColumn('monitoring_target_device_id', 'text')
      .addColumn('monitoring_supervisor_id', 'text')
      .addColumn('computer_name', 'text')
      .addColumn('emergency', 'text')
      .addColumn('shipping', 'text')
      .addColumn('billing', 'text')
      .addColumn('last_seen_at', 'bigint')
      .addColumn('source_system', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('synced_at', 'bigint'),
  )
    .addUniqueConstraint('devices_tenant_mac_uq', ['tenant_id', 'mac'])
    .addUniqueConstraint('devices_tenant_manufacturer_serial_uq', ['tenant_id', 'manufacturer', 'serial'])
    .addUniqueConstraint('devices_tenant_source_external_uq', ['tenant_id', 'source_system', 'external_id'])
    .execute();
  // One index per list filter, each ending in id so a filtered page is read in keyset order.
  for (const column of [
    'status',
    'kind',
    'manufacturer',
    'product_id',
    'site_id',
    'owner_person_id',
    'owner_workspace_id',
    'compliance',
    'name',
  ]) {
    await db.schema
      .createIndex(`devices_tenant_${column}_idx`)
      .on('devices')
      .columns(['tenant_id', column, 'id'])
      .execute();
  }
  await db.schema.createIndex('devices_tenant_id_idx').on('devices').columns(['tenant_id', 'id']).execute();

  await db.schema
    .createTable('device_tags')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_tags_pk', ['device_id', 'tag'])
    .execute();
  // Tag first: an index led by tenant_id would tempt the planner away from the primary key when
  // loading the tags of a few devices (`tenant_id = ? and device_id in (…)`).
  await db.schema
    .createIndex('device_tags_tag_idx')
    .on('device_tags')
    .columns(['tag', 'tenant_id', 'device_id'])
    .execute();

  await db.schema
    .createTable('connected_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('connected_device_id', 'text', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('display_id', 'text')
    .addColumn('family', 'text')
    .addColumn('model_id', 'text')
    .addColumn('name', 'text')
    .execute();
  await db.schema.createIndex('connected_devices_device_idx').on('connected_devices').columns(['device_id']).execute();

  await db.schema
    .createTable('sightings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'bigint', (c) => c.notNull())
    .addColumn('client_instance_id', 'text')
    .addColumn('hostname', 'text')
    .addColumn('host_os', 'text')
    .addColumn('host_os_version', 'text')
    .addColumn('softphone_name', 'text')
    .addColumn('softphone_plugin_id', 'text')
    .addColumn('softphone_vendor', 'text')
    .addColumn('softphone_version', 'text')
    .addColumn('username', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('user_groups', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('sightings_pk', ['device_id', 'kind'])
    .execute();

  await versioned(
    db.schema
      .createTable('phone_numbers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('e164', 'text')
      .addColumn('country_code', 'text')
      .addColumn('calling_code', 'text')
      .addColumn('national_format', 'text')
      .addColumn('location', 'text')
      .addColumn('number_type', 'text'),
  )
    .addUniqueConstraint('phone_numbers_tenant_number_uq', ['tenant_id', 'number'])
    .execute();

  await db.schema
    .createTable('device_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('phone_number_id', 'text', (c) => c.notNull().references('phone_numbers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('line_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_lines_pk', ['device_id', 'position'])
    .execute();
  await db.schema.createIndex('device_lines_number_idx').on('device_lines').columns(['phone_number_id']).execute();

  await db.schema
    .createTable('firmware_releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('released_at', 'bigint', (c) => c.notNull())
    .addColumn('update_id', 'text')
    .addUniqueConstraint('firmware_releases_product_component_version_uq', ['product_id', 'component', 'version'])
    .execute();

  await versioned(
    db.schema
      .createTable('compliance_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.references('products.id').onDelete('cascade'))
      .addColumn('user_group_id', 'text', (c) => c.references('user_groups.id').onDelete('cascade'))
      .addColumn('component', 'text', (c) => c.notNull())
      .addColumn('target_version', 'text', (c) => c.notNull())
      .addColumn('allow_decline', 'integer', (c) => c.notNull().defaultTo(0)),
  )
    .addUniqueConstraint('compliance_policies_tenant_name_uq', ['tenant_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'compliance_policies',
    'firmware_releases',
    'device_lines',
    'phone_numbers',
    'sightings',
    'connected_devices',
    'device_tags',
    'devices',
    'products',
    'group_memberships',
    'people',
    'workspaces',
    'sites',
    'user_groups',
    'api_keys',
    'tenants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
