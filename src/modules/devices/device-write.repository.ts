/**
 * The SQL of device writes: inserting, updating and deleting a device conditionally on the version it was
 * read at, replacing its tags, and the lookups the write rules need (catalogue products, the tenant's
 * people, workspaces, virtual lines and sites, compliance policies). Every tenant-owned lookup names the
 * tenant. Built on the caller's transaction: one instance per transaction.
 */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { tenantRowExists } from '../../db/tenant-rows.js';
import { deleteAtVersion, updateAtVersion } from '../../db/versioned-rows.js';
import type { UniqueConstraint } from '../../db/unique-violation.js';
import type { ApplicablePolicy } from '../firmware/compliance.js';
import { withLatestTargets } from '../firmware/latest-targets.js';
import type { DeviceTable } from './device.table.js';

/** A catalogue product as the device rules see it. */
export interface CatalogueProduct {
  readonly id: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly sku: string | null;
  readonly features: readonly string[];
}

/** The unique constraints a device write can break, with the error each one answers. */
export const DEVICE_UNIQUE_CONSTRAINTS = [
  { name: 'devices_tenant_mac_uq', table: 'devices', columns: ['tenant_id', 'mac'], field: 'mac' },
  {
    name: 'devices_tenant_manufacturer_serial_uq',
    table: 'devices',
    columns: ['tenant_id', 'manufacturer', 'serial'],
    field: 'serial',
  },
] as const satisfies readonly (UniqueConstraint & { field: string })[];

/**
 * What every newly created device starts with besides the columns its creator set: no firmware, network or
 * telephony state yet, never seen, made by Ucfleet itself, version 1.
 */
export function newDeviceState(at: number) {
  return {
    fw_main: null,
    fw_base: null,
    fw_headset: null,
    fw_bluetooth: null,
    fw_usb: null,
    ip: null,
    activation_state: null,
    telephony_network: null,
    do_not_disturb: 0,
    forward_to: null,
    monitoring_state: null,
    monitoring_mode: null,
    monitoring_scope: null,
    monitoring_target_device_id: null,
    monitoring_supervisor_id: null,
    last_seen_at: null,
    source_system: 'ucfleet',
    external_id: null,
    synced_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  } satisfies Partial<Insertable<DeviceTable>>;
}

export class DeviceWriteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  productById(id: string): Promise<CatalogueProduct | undefined> {
    return this.product('id', id);
  }

  /** The product with this SKU (the oldest, should the catalogue list it twice). */
  productBySku(sku: string): Promise<CatalogueProduct | undefined> {
    return this.product('sku', sku);
  }

  productByBoxBillingId(boxBillingId: number): Promise<CatalogueProduct | undefined> {
    return this.product('box_billing_id', boxBillingId);
  }

  private async product(column: 'id' | 'sku' | 'box_billing_id', value: string | number) {
    const row = await this.db
      .selectFrom('products')
      .select(['id', 'name', 'manufacturer', 'sku', 'features'])
      .where(column, '=', value)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row && { ...row, features: JSON.parse(row.features) as string[] };
  }

  personExists(tenantId: string, id: string): Promise<boolean> {
    return tenantRowExists(this.db, 'people', tenantId, id);
  }

  workspaceExists(tenantId: string, id: string): Promise<boolean> {
    return tenantRowExists(this.db, 'workspaces', tenantId, id);
  }

  virtualLineExists(tenantId: string, id: string): Promise<boolean> {
    return tenantRowExists(this.db, 'virtual_lines', tenantId, id);
  }

  siteExists(tenantId: string, id: string): Promise<boolean> {
    return tenantRowExists(this.db, 'sites', tenantId, id);
  }

  /** The person's user groups, highest priority first. */
  async groupIdsOf(tenantId: string, personId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('group_memberships')
      .select('group_id')
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', personId)
      .orderBy('position')
      .execute();
    return rows.map((r) => r.group_id);
  }

  /** The tenant's compliance policies that can govern a device of this product (or of none). */
  async policiesFor(tenantId: string, productId: string | null): Promise<ApplicablePolicy[]> {
    const rows = await this.db
      .selectFrom('compliance_policies')
      .select(['id', 'product_id', 'user_group_id', 'component', 'target_version'])
      .where('tenant_id', '=', tenantId)
      .where((eb) =>
        productId === null
          ? eb('product_id', 'is', null)
          : eb.or([eb('product_id', 'is', null), eb('product_id', '=', productId)]),
      )
      .execute();
    const policies = rows.map((r) => ({
      id: r.id,
      productId: r.product_id,
      userGroupId: r.user_group_id,
      component: r.component,
      targetVersion: r.target_version,
    }));
    // "latest" targets resolved against the catalogue for this product.
    return withLatestTargets(this.db, policies, productId === null ? [] : [productId]);
  }

  async insert(row: Insertable<DeviceTable>): Promise<void> {
    await this.db.insertInto('devices').values(row).execute();
  }

  /** Updates the device only if it is still at `version`; false when it is not (or is gone). */
  update(tenantId: string, id: string, version: number, values: Updateable<DeviceTable>): Promise<boolean> {
    return updateAtVersion(this.db, 'devices', tenantId, id, version, values);
  }

  /** Deletes the device only if it is still at `version` (its tags, pairings, sightings and lines go with it). */
  delete(tenantId: string, id: string, version: number): Promise<boolean> {
    return deleteAtVersion(this.db, 'devices', tenantId, id, version);
  }

  /** Gives device `a` the lines (numbers) of device `b` and `b` those of `a`, positions and types kept. */
  async swapLines(tenantId: string, a: string, b: string): Promise<void> {
    const lines = await this.db
      .selectFrom('device_lines')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('device_id', 'in', [a, b])
      .execute();
    if (lines.length === 0) return;
    await this.db
      .deleteFrom('device_lines')
      .where('tenant_id', '=', tenantId)
      .where('device_id', 'in', [a, b])
      .execute();
    await this.db
      .insertInto('device_lines')
      .values(lines.map((line) => ({ ...line, device_id: line.device_id === a ? b : a })))
      .execute();
  }

  async replaceTags(tenantId: string, deviceId: string, tags: readonly string[]): Promise<void> {
    await this.db
      .deleteFrom('device_tags')
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .execute();
    if (tags.length === 0) return;
    await this.db
      .insertInto('device_tags')
      .values(tags.map((tag) => ({ tenant_id: tenantId, device_id: deviceId, tag })))
      .execute();
  }
}
