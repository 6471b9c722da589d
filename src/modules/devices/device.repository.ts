/**
 * Reads and writes devices and what hangs off them (tags, pairings, sightings, lines).
 * Every query names the tenant; a device of another tenant is indistinguishable from a missing one.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { ConnectedDeviceTable, DeviceTable, SightingTable } from './device.table.js';

export const DEVICE_SORT_FIELDS = ['id', 'name'] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

/** Canonical list filters; every dialect maps its parameters onto these. */
export interface DeviceFilter {
  /** Manufacturer name, any case (e.g. "poly"). */
  manufacturer?: string;
  /** Exclude this manufacturer (Poly's "non plantronics"). */
  notManufacturer?: string;
  kind?: string;
  status?: string;
  /** Product id, model id or product name, any case. */
  product?: string;
  /** Product type (USB, DECT, Bluetooth, SIP, …), any case. */
  productType?: string;
  /** User group id or name: devices owned by its members. */
  userGroup?: string;
  /** Site id or name. */
  site?: string;
  /** Owner: person id, workspace id, or username. */
  owner?: string;
  /** Every tag must be present. */
  tags?: readonly string[];
  compliance?: string;
  /** Case-insensitive substring of name, serial, display id or MAC. */
  q?: string;
}

export type DeviceRow = Selectable<DeviceTable> & {
  product_manufacturer: string | null;
  product_family: string | null;
  product_model_id: string | null;
  product_name: string | null;
  product_type: string | null;
  product_usb_vendor_id: string | null;
  product_usb_product_id: string | null;
  product_sku: string | null;
  site_name: string | null;
  owner_username: string | null;
  owner_first_name: string | null;
  owner_last_name: string | null;
  workspace_name: string | null;
  policy_target_version: string | null;
  policy_component: string | null;
  firmware_available: string | null;
  firmware_update_id: string | null;
};

export interface DeviceLineRow {
  position: number;
  line_type: string;
  phone_number_id: string;
  number: string;
  e164: string | null;
  country_code: string | null;
  calling_code: string | null;
  national_format: string | null;
  location: string | null;
  number_type: string | null;
}

export interface DeviceRecord {
  readonly row: DeviceRow;
  readonly tags: string[];
  readonly connected: Selectable<ConnectedDeviceTable>[];
  readonly firstSeen?: Selectable<SightingTable>;
  readonly lastSeen?: Selectable<SightingTable>;
  readonly lines: DeviceLineRow[];
}

/** Which relations to load besides the row; a projection that omits them skips their queries. */
export interface DeviceIncludes {
  tags: boolean;
  connected: boolean;
  sightings: boolean;
  lines: boolean;
}
export const ALL_RELATIONS: DeviceIncludes = { tags: true, connected: true, sightings: true, lines: true };

export class DeviceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
  ) {}

  async findById(tenantId: string, id: string, include: DeviceIncludes = ALL_RELATIONS): Promise<DeviceRecord | undefined> {
    const row = await this.baseQuery(tenantId).where('d.id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const [record] = await this.withRelations(tenantId, [row as DeviceRow], include);
    return record;
  }

  async list(
    tenantId: string,
    filter: DeviceFilter,
    page: PageRequest<DeviceSortField>,
    include: DeviceIncludes = ALL_RELATIONS,
  ): Promise<Page<DeviceRecord>> {
    let query = this.applyFilter(this.baseQuery(tenantId), tenantId, filter);
    query = applyPage(query, page, { sortColumn: page.sort.field === 'name' ? 'd.name' : 'd.id', idColumn: 'd.id' });
    const rows = (await query.execute()) as DeviceRow[];
    const result = toPage(rows, page, (row) => ({ value: page.sort.field === 'name' ? row.name : row.id, id: row.id }));
    return { ...result, items: await this.withRelations(tenantId, result.items, include) };
  }

  private baseQuery(tenantId: string) {
    return this.db
      .selectFrom('devices as d')
      .leftJoin('products as p', 'p.id', 'd.product_id')
      .leftJoin('sites as s', (join) => join.onRef('s.id', '=', 'd.site_id').onRef('s.tenant_id', '=', 'd.tenant_id'))
      .leftJoin('people as o', (join) => join.onRef('o.id', '=', 'd.owner_person_id').onRef('o.tenant_id', '=', 'd.tenant_id'))
      .leftJoin('workspaces as w', (join) =>
        join.onRef('w.id', '=', 'd.owner_workspace_id').onRef('w.tenant_id', '=', 'd.tenant_id'),
      )
      .leftJoin('compliance_policies as cp', (join) =>
        join.onRef('cp.id', '=', 'd.policy_id').onRef('cp.tenant_id', '=', 'd.tenant_id'),
      )
      .selectAll('d')
      .select([
        'p.manufacturer as product_manufacturer',
        'p.family as product_family',
        'p.model_id as product_model_id',
        'p.name as product_name',
        'p.type as product_type',
        'p.usb_vendor_id as product_usb_vendor_id',
        'p.usb_product_id as product_usb_product_id',
        'p.sku as product_sku',
        's.name as site_name',
        'o.username as owner_username',
        'o.first_name as owner_first_name',
        'o.last_name as owner_last_name',
        'w.name as workspace_name',
        'cp.target_version as policy_target_version',
        'cp.component as policy_component',
      ])
      .select((eb) => [
        eb
          .selectFrom('firmware_releases as fr')
          .select('fr.version')
          .whereRef('fr.product_id', '=', 'd.product_id')
          .where('fr.component', '=', 'main')
          .orderBy('fr.released_at', 'desc')
          .limit(1)
          .as('firmware_available'),
        eb
          .selectFrom('firmware_releases as fr')
          .select('fr.update_id')
          .whereRef('fr.product_id', '=', 'd.product_id')
          .where('fr.component', '=', 'main')
          .orderBy('fr.released_at', 'desc')
          .limit(1)
          .as('firmware_update_id'),
      ])
      .where('d.tenant_id', '=', tenantId);
  }

  private applyFilter(query: ReturnType<DeviceRepository['baseQuery']>, tenantId: string, filter: DeviceFilter) {
    const like = sql.raw(this.capabilities.caseInsensitiveLike);
    let q = query;
    if (filter.manufacturer !== undefined) {
      const wanted = filter.manufacturer.toLowerCase();
      q = q.where('d.manufacturer', 'in', (eb) =>
        eb.selectFrom('products').select('manufacturer').distinct().where(sql<boolean>`lower(manufacturer) = ${wanted}`),
      );
    }
    if (filter.notManufacturer !== undefined) {
      const unwanted = filter.notManufacturer.toLowerCase();
      q = q.where((eb) =>
        eb.or([eb('d.manufacturer', 'is', null), eb(sql`lower(d.manufacturer)`, '!=', unwanted)]),
      );
    }
    if (filter.kind !== undefined) q = q.where('d.kind', '=', filter.kind);
    if (filter.status !== undefined) q = q.where('d.status', '=', filter.status);
    if (filter.compliance !== undefined) q = q.where('d.compliance', '=', filter.compliance);
    if (filter.product !== undefined) {
      const wanted = filter.product.toLowerCase();
      q = q.where('d.product_id', 'in', (eb) =>
        eb
          .selectFrom('products')
          .select('id')
          .where(sql<boolean>`(id = ${filter.product} or lower(model_id) = ${wanted} or lower(name) = ${wanted})`),
      );
    }
    if (filter.productType !== undefined) {
      const wanted = filter.productType.toLowerCase();
      q = q.where('d.product_id', 'in', (eb) =>
        eb.selectFrom('products').select('id').where(sql<boolean>`lower(type) = ${wanted}`),
      );
    }
    if (filter.site !== undefined) {
      q = q.where('d.site_id', 'in', (eb) =>
        eb
          .selectFrom('sites')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where((w) => w.or([w('id', '=', filter.site!), w('name', '=', filter.site!)])),
      );
    }
    if (filter.userGroup !== undefined) {
      q = q.where('d.owner_person_id', 'in', (eb) =>
        eb
          .selectFrom('group_memberships as gm')
          .innerJoin('user_groups as g', 'g.id', 'gm.group_id')
          .select('gm.person_id')
          .where('g.tenant_id', '=', tenantId)
          .where((w) => w.or([w('g.id', '=', filter.userGroup!), w('g.name', '=', filter.userGroup!)])),
      );
    }
    if (filter.owner !== undefined) {
      const owner = filter.owner;
      q = q.where((eb) =>
        eb.or([
          eb('d.owner_person_id', '=', owner),
          eb('d.owner_workspace_id', '=', owner),
          eb('d.owner_person_id', 'in', eb.selectFrom('people').select('id').where('tenant_id', '=', tenantId).where('username', '=', owner)),
        ]),
      );
    }
    for (const tag of filter.tags ?? []) {
      q = q.where('d.id', 'in', (eb) =>
        eb.selectFrom('device_tags').select('device_id').where('tenant_id', '=', tenantId).where('tag', '=', tag),
      );
    }
    if (filter.q !== undefined && filter.q !== '') {
      const pattern = `%${escapeLike(filter.q)}%`;
      const macPattern = `%${escapeLike(filter.q.replace(/[^0-9a-f]/gi, '').toUpperCase())}%`;
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`d.name ${like} ${pattern} escape '\\'`,
          sql<boolean>`d.serial ${like} ${pattern} escape '\\'`,
          sql<boolean>`d.display_id ${like} ${pattern} escape '\\'`,
          ...(macPattern.length > 2 ? [eb('d.mac', 'like', macPattern)] : []),
        ]),
      );
    }
    return q;
  }

  private async withRelations(tenantId: string, rows: DeviceRow[], include: DeviceIncludes): Promise<DeviceRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [tags, connected, sightings, lines] = await Promise.all([
      include.tags
        ? this.db.selectFrom('device_tags').select(['device_id', 'tag']).where('tenant_id', '=', tenantId).where('device_id', 'in', ids).orderBy('tag').execute()
        : [],
      include.connected
        ? this.db.selectFrom('connected_devices').selectAll().where('tenant_id', '=', tenantId).where('device_id', 'in', ids).orderBy('id').execute()
        : [],
      include.sightings
        ? this.db.selectFrom('sightings').selectAll().where('tenant_id', '=', tenantId).where('device_id', 'in', ids).execute()
        : [],
      include.lines
        ? this.db
            .selectFrom('device_lines as l')
            .innerJoin('phone_numbers as n', (join) => join.onRef('n.id', '=', 'l.phone_number_id').onRef('n.tenant_id', '=', 'l.tenant_id'))
            .select([
              'l.device_id', 'l.position', 'l.line_type', 'l.phone_number_id', 'n.number', 'n.e164', 'n.country_code',
              'n.calling_code', 'n.national_format', 'n.location', 'n.number_type',
            ])
            .where('l.tenant_id', '=', tenantId)
            .where('l.device_id', 'in', ids)
            .orderBy('l.position')
            .execute()
        : [],
    ]);
    const byDevice = new Map<string, { row: DeviceRow; tags: string[]; connected: Selectable<ConnectedDeviceTable>[]; firstSeen?: Selectable<SightingTable>; lastSeen?: Selectable<SightingTable>; lines: DeviceLineRow[] }>();
    for (const row of rows) byDevice.set(row.id, { row, tags: [], connected: [], lines: [] });
    for (const t of tags) byDevice.get(t.device_id)?.tags.push(t.tag);
    for (const c of connected) byDevice.get(c.device_id)?.connected.push(c);
    for (const s of sightings) {
      const record = byDevice.get(s.device_id);
      if (!record) continue;
      if (s.kind === 'first') record.firstSeen = s;
      else if (s.kind === 'last') record.lastSeen = s;
    }
    for (const { device_id, ...line } of lines) byDevice.get(device_id)?.lines.push(line);
    return rows.map((r) => byDevice.get(r.id)!);
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
