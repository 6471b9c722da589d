/** Test data factories: each test makes its own tenant and rows, with defaults a reader can skim. */
import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { generateApiKey, hashApiKey, keyPrefix } from '../../src/modules/access/api-key.js';
import type { DeviceTable } from '../../src/modules/devices/device.table.js';

const now = () => Date.now();

export interface TestTenant {
  tenantId: string;
  apiKey: string;
  auth: { authorization: string };
}

export async function createTenant(store: Store, name = `Tenant ${randomBytes(3).toString('hex')}`): Promise<TestTenant> {
  const tenantId = newId();
  const at = now();
  await store.db
    .insertInto('tenants')
    .values({ id: tenantId, name, api_code: newId(), webex_org_id: null, ringcentral_account_id: null, created_at: at, updated_at: at, version: 1 })
    .execute();
  const apiKey = generateApiKey();
  await store.db
    .insertInto('api_keys')
    .values({
      id: newId(), tenant_id: tenantId, name: 'test', prefix: keyPrefix(apiKey), key_hash: hashApiKey(apiKey),
      role: 'admin', scopes: '["admin"]', created_at: at, last_used_at: null, expires_at: null, revoked_at: null,
    })
    .execute();
  return { tenantId, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

export async function createProduct(
  store: Store,
  values: { manufacturer?: string; modelId?: string; name?: string; type?: string; kind?: string } = {},
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('products')
    .values({
      id,
      manufacturer: values.manufacturer ?? 'Poly',
      family: 'Voyager',
      model_id: values.modelId ?? `M-${randomBytes(4).toString('hex')}`,
      name: values.name ?? `Product ${randomBytes(3).toString('hex')}`,
      type: values.type ?? 'USB',
      device_kind: values.kind ?? 'Headset',
      usb_vendor_id: '047F', usb_product_id: null, sku: null, box_billing_id: null, line_count: null, features: '[]',
      created_at: now(),
    })
    .execute();
  return id;
}

export async function createSite(store: Store, tenantId: string, name = `Site ${randomBytes(3).toString('hex')}`): Promise<string> {
  const id = newId();
  const at = now();
  await store.db
    .insertInto('sites')
    .values({
      id, tenant_id: tenantId, name, street: '1 Main St', street2: null, city: 'Austin', state: 'TX', postal_code: '78701',
      country_code: 'US', time_zone: 'America/Chicago', subnets: '["10.1.0.0/16"]', emergency_address: null,
      created_at: at, updated_at: at, version: 1,
    })
    .execute();
  return id;
}

export async function createGroup(store: Store, tenantId: string, name: string): Promise<string> {
  const id = newId();
  const at = now();
  await store.db.insertInto('user_groups').values({ id, tenant_id: tenantId, name, description: null, created_at: at, updated_at: at, version: 1 }).execute();
  return id;
}

export async function createPerson(store: Store, tenantId: string, username: string, groupIds: string[] = []): Promise<string> {
  const id = newId();
  const at = now();
  await store.db
    .insertInto('people')
    .values({
      id, tenant_id: tenantId, username, first_name: 'Test', last_name: username, email: `${username}@example.com`,
      extension_number: null, roles: '["agent"]', site_id: null, agent_state: null, agent_work_mode: null,
      source_system: 'test', external_id: null, synced_at: null, created_at: at, updated_at: at, version: 1,
    })
    .execute();
  for (const [position, groupId] of groupIds.entries()) {
    await store.db.insertInto('group_memberships').values({ tenant_id: tenantId, person_id: id, group_id: groupId, position }).execute();
  }
  return id;
}

export function deviceRow(tenantId: string, values: Partial<Insertable<DeviceTable>> = {}): Insertable<DeviceTable> {
  const at = now();
  return {
    id: newId(), tenant_id: tenantId, kind: 'Headset', product_id: null, manufacturer: null,
    name: `Device ${randomBytes(3).toString('hex')}`, display_id: null, serial: randomBytes(5).toString('hex').toUpperCase(),
    mac: null, ip: null, status: 'Online', activation_state: null, owner_person_id: null, owner_workspace_id: null,
    site_id: null, fw_main: null, fw_base: null, fw_headset: null, fw_bluetooth: null, fw_usb: null, compliance: 'unknown',
    policy_id: null, upgrade_channel: null, managed_by: null, sip_user_name: null, sip_line_port: null,
    sip_outbound_proxy: null, hot_desk: 0, common_phone: 0, line_pooling: null, telephony_network: null,
    do_not_disturb: 0, forward_to: null, monitoring_state: null, monitoring_mode: null, monitoring_scope: null,
    monitoring_target_device_id: null, monitoring_supervisor_id: null, computer_name: null, emergency: null,
    shipping: null, billing: null, last_seen_at: null, source_system: 'test', external_id: null, synced_at: null,
    created_at: at, updated_at: at, version: 1,
    ...values,
  };
}

/** Inserts devices (in chunks small enough for either engine) and returns their ids in insertion order. */
export async function createDevices(store: Store, rows: Insertable<DeviceTable>[]): Promise<string[]> {
  for (let i = 0; i < rows.length; i += 200) {
    await store.db.insertInto('devices').values(rows.slice(i, i + 200)).execute();
  }
  return rows.map((r) => r.id as string);
}

export async function tagDevice(store: Store, tenantId: string, deviceId: string, ...tags: string[]): Promise<void> {
  for (const tag of tags) await store.db.insertInto('device_tags').values({ tenant_id: tenantId, device_id: deviceId, tag }).execute();
}
