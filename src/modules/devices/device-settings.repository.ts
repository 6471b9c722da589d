/**
 * The SQL of device configuration (device-settings.table.ts): device overrides, layouts and SIP credentials keyed
 * by device, owner device settings keyed by person or workspace. Every query is scoped to a tenant.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../../db/ids.js';
import type { OwnerDeviceSettingTable } from './device-settings.table.js';

/** The per-device documents, by table and the column that holds the document. */
const DOCUMENTS = {
  override: { table: 'device_setting_overrides', column: 'customizations' },
  layout: { table: 'device_layouts', column: 'layout' },
  sipCredential: { table: 'device_sip_credentials', column: 'password_hash' },
} as const;
export type DeviceDocumentKind = keyof typeof DOCUMENTS;

export interface StoredDocument {
  readonly text: string;
  readonly updatedAt: number;
}

export interface SettingsOwner {
  readonly kind: 'person' | 'workspace';
  readonly id: string;
}

export type OwnerSettingValues = Partial<
  Pick<
    OwnerDeviceSettingTable,
    | 'compression'
    | 'hoteling_enabled'
    | 'hoteling_limit_guest_use'
    | 'hoteling_guest_hours_limit'
    | 'enabled_for_multiple_devices'
  >
>;

const ownerColumn = (owner: SettingsOwner) => (owner.kind === 'person' ? 'person_id' : 'workspace_id');

export class DeviceSettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findDocument(
    kind: DeviceDocumentKind,
    tenantId: string,
    deviceId: string,
  ): Promise<StoredDocument | undefined> {
    const { table, column } = DOCUMENTS[kind];
    const row = await this.db
      .selectFrom(table)
      .select([`${column} as text`, 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row ? { text: row.text as string, updatedAt: Number(row.updated_at) } : undefined;
  }

  async saveDocument(kind: DeviceDocumentKind, tenantId: string, deviceId: string, text: string, at: number) {
    const { table, column } = DOCUMENTS[kind];
    await this.db
      .insertInto(table)
      .values({ device_id: deviceId, tenant_id: tenantId, [column]: text, updated_at: at } as never)
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ [column]: text, updated_at: at } as never))
      .execute();
  }

  /** True when a document was there. */
  async deleteDocument(kind: DeviceDocumentKind, tenantId: string, deviceId: string): Promise<boolean> {
    const { table } = DOCUMENTS[kind];
    const result = await this.db
      .deleteFrom(table)
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The tenant's devices of these kinds, at a site when one is given. */
  async countDevices(tenantId: string, kinds: readonly string[], siteId?: string): Promise<number> {
    if (kinds.length === 0) return 0;
    let query = this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('kind', 'in', kinds);
    if (siteId !== undefined) query = query.where('site_id', '=', siteId);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** When a device override of the tenant (at a site, when one is given) last changed; undefined: none. */
  async lastOverrideChange(tenantId: string, siteId?: string): Promise<number | undefined> {
    let query = this.db
      .selectFrom('device_setting_overrides as o')
      .innerJoin('devices as d', 'd.id', 'o.device_id')
      .select((eb) => eb.fn.max('o.updated_at').as('at'))
      .where('o.tenant_id', '=', tenantId);
    if (siteId !== undefined) query = query.where('d.site_id', '=', siteId);
    const row = await query.executeTakeFirst();
    return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
  }

  async findOwnerSettings(tenantId: string, owner: SettingsOwner): Promise<OwnerDeviceSettingTable | undefined> {
    const row = await this.db
      .selectFrom('owner_device_settings')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where(ownerColumn(owner), '=', owner.id)
      .executeTakeFirst();
    return row ? { ...row, updated_at: Number(row.updated_at) } : undefined;
  }

  async saveOwnerSettings(tenantId: string, owner: SettingsOwner, values: OwnerSettingValues, at: number) {
    const column = ownerColumn(owner);
    await this.db
      .insertInto('owner_device_settings')
      .values({
        id: newId(),
        tenant_id: tenantId,
        person_id: owner.kind === 'person' ? owner.id : null,
        workspace_id: owner.kind === 'workspace' ? owner.id : null,
        ...values,
        updated_at: at,
      })
      .onConflict((oc) => oc.column(column).doUpdateSet({ ...values, updated_at: at }))
      .execute();
  }
}
