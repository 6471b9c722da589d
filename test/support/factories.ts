/** Test data factories: each test makes its own tenant and rows; every column can be overridden. */
import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { generateApiKey, hashApiKey, keyPrefix } from '../../src/modules/api-keys/api-key.js';
import { ROLE_SCOPES, type Role } from '../../src/modules/access/roles.js';
import type { DeviceTable } from '../../src/modules/devices/device.table.js';
import type { FirmwareReleaseTable } from '../../src/modules/firmware/firmware.table.js';
import { versionSortKey } from '../../src/modules/firmware/version-order.js';
import type { PersonTable } from '../../src/modules/people/person.table.js';
import type { ProductTable } from '../../src/modules/products/product.table.js';
import type { SiteTable } from '../../src/modules/sites/site.table.js';
import type { UserGroupTable } from '../../src/modules/user-groups/user-group.table.js';
import type { WorkspaceTable } from '../../src/modules/workspaces/workspace.table.js';

const now = () => Date.now();

export const AT = Date.UTC(2025, 2, 4, 5, 6, 7);
export const hex = (bytes = 3): string => randomBytes(bytes).toString('hex');

export async function insertPerson(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<PersonTable>> = {},
): Promise<string> {
  const id = newId();
  const username = values.username ?? `user-${hex()}`;
  await store.db
    .insertInto('people')
    .values({
      id,
      tenant_id: tenantId,
      username,
      first_name: null,
      last_name: null,
      email: null,
      extension_number: null,
      roles: '[]',
      site_id: null,
      agent_state: null,
      agent_work_mode: null,
      source_system: 'test',
      external_id: null,
      synced_at: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

/** Memberships in the given order: the first group is the highest priority (position 0). */
export async function joinGroups(
  store: Store,
  tenantId: string,
  personId: string,
  groupIds: readonly string[],
): Promise<void> {
  for (const [position, groupId] of groupIds.entries()) {
    await store.db
      .insertInto('group_memberships')
      .values({ tenant_id: tenantId, person_id: personId, group_id: groupId, position })
      .execute();
  }
}

export async function insertGroup(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<UserGroupTable>> = {},
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('user_groups')
    .values({
      id,
      tenant_id: tenantId,
      name: `Group ${hex()}`,
      description: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

export async function insertSite(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<SiteTable>> = {},
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('sites')
    .values({
      id,
      tenant_id: tenantId,
      name: `Site ${hex()}`,
      street: null,
      street2: null,
      city: null,
      state: null,
      postal_code: null,
      country_code: null,
      time_zone: null,
      subnets: '[]',
      emergency_address: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

export async function insertWorkspace(
  store: Store,
  tenantId: string,
  values: Partial<Insertable<WorkspaceTable>> = {},
): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('workspaces')
    .values({
      id,
      tenant_id: tenantId,
      name: `Workspace ${hex()}`,
      site_id: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
      ...values,
    })
    .execute();
  return id;
}

export async function insertProduct(store: Store, values: Partial<Insertable<ProductTable>> = {}): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('products')
    .values({
      id,
      manufacturer: `Maker ${hex()}`,
      family: null,
      model_id: `M-${hex(4)}`,
      name: `Product ${hex()}`,
      type: 'USB',
      device_kind: 'Headset',
      usb_vendor_id: null,
      usb_product_id: null,
      sku: null,
      box_billing_id: null,
      line_count: null,
      features: '[]',
      created_at: AT,
      ...values,
    })
    .execute();
  return id;
}

export async function insertFirmware(
  store: Store,
  productId: string,
  values: Pick<Insertable<FirmwareReleaseTable>, 'component' | 'version' | 'released_at'> & {
    update_id?: string | null;
  },
): Promise<void> {
  await store.db
    .insertInto('firmware_releases')
    .values({
      id: newId(),
      product_id: productId,
      update_id: null,
      version_key: versionSortKey(values.version),
      ...values,
    })
    .execute();
}

export interface TestTenant {
  tenantId: string;
  apiKey: string;
  auth: { authorization: string };
}

export async function createTenant(
  store: Store,
  name = `Tenant ${randomBytes(3).toString('hex')}`,
): Promise<TestTenant> {
  const tenantId = newId();
  const at = now();
  await store.db
    .insertInto('tenants')
    .values({
      id: tenantId,
      name,
      api_code: newId(),
      webex_org_id: null,
      ringcentral_account_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  const { key: apiKey } = await createApiKey(store, tenantId);
  return { tenantId, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

export interface ApiKeyOptions {
  role?: Role;
  /** Default: everything the role may be granted. */
  scopes?: readonly string[];
  personId?: string | null;
  expiresAt?: number | null;
  revokedAt?: number | null;
}

/** An API key of the tenant, stored hashed like a real one; returns the key and a ready Authorization header. */
export async function createApiKey(
  store: Store,
  tenantId: string,
  options: ApiKeyOptions = {},
): Promise<{ id: string; key: string; auth: { authorization: string } }> {
  const role = options.role ?? 'admin';
  const key = generateApiKey();
  const id = newId();
  await store.db
    .insertInto('api_keys')
    .values({
      id,
      tenant_id: tenantId,
      name: `test ${role}`,
      prefix: keyPrefix(key),
      key_hash: hashApiKey(key),
      role,
      scopes: JSON.stringify(options.scopes ?? ROLE_SCOPES[role]),
      person_id: options.personId ?? null,
      created_at: now(),
      last_used_at: null,
      expires_at: options.expiresAt ?? null,
      revoked_at: options.revokedAt ?? null,
    })
    .execute();
  return { id, key, auth: { authorization: `Bearer ${key}` } };
}

export function deviceRow(tenantId: string, values: Partial<Insertable<DeviceTable>> = {}): Insertable<DeviceTable> {
  const at = now();
  return {
    id: newId(),
    tenant_id: tenantId,
    kind: 'Headset',
    product_id: null,
    manufacturer: null,
    name: `Device ${randomBytes(3).toString('hex')}`,
    display_id: null,
    serial: randomBytes(5).toString('hex').toUpperCase(),
    mac: null,
    ip: null,
    status: 'Online',
    activation_state: null,
    owner_person_id: null,
    owner_workspace_id: null,
    site_id: null,
    fw_main: null,
    fw_base: null,
    fw_headset: null,
    fw_bluetooth: null,
    fw_usb: null,
    compliance: 'unknown',
    policy_id: null,
    upgrade_channel: null,
    managed_by: null,
    sip_user_name: null,
    sip_line_port: null,
    sip_outbound_proxy: null,
    hot_desk: 0,
    common_phone: 0,
    line_pooling: null,
    telephony_network: null,
    do_not_disturb: 0,
    forward_to: null,
    monitoring_state: null,
    monitoring_mode: null,
    monitoring_scope: null,
    monitoring_target_device_id: null,
    monitoring_supervisor_id: null,
    computer_name: null,
    emergency: null,
    shipping: null,
    billing: null,
    last_seen_at: null,
    source_system: 'test',
    external_id: null,
    synced_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
    ...values,
  };
}

/** Inserts devices (in chunks small enough for either engine) and returns their ids in insertion order. */
export async function createDevices(store: Store, rows: Insertable<DeviceTable>[]): Promise<string[]> {
  for (let i = 0; i < rows.length; i += 200) {
    await store.db
      .insertInto('devices')
      .values(rows.slice(i, i + 200))
      .execute();
  }
  return rows.map((r) => r.id as string);
}

export async function tagDevice(store: Store, tenantId: string, deviceId: string, ...tags: string[]): Promise<void> {
  for (const tag of tags)
    await store.db.insertInto('device_tags').values({ tenant_id: tenantId, device_id: deviceId, tag }).execute();
}
