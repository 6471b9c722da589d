/**
 * Reads and writes devices and what hangs off them (tags, pairings, sightings, lines).
 * Every query names the tenant; a device of another tenant is indistinguishable from a missing one.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { type Bind, PreparedQueries, bindList, listValues } from '../../db/prepared.js';
import { applyPageShape, pageShape, pageValues, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { ConnectedDeviceTable, DeviceTable, SightingTable } from './device.table.js';
import { anyColumnContains, containsPattern } from '../../db/text-search.js';
import { LATEST_TARGET } from '../firmware/compliance.js';
import { newestFirst } from '../firmware/firmware.repository.js';

export const DEVICE_SORT_FIELDS = ['id', 'name'] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

/** Canonical list filters; every dialect maps its parameters onto these. */
export interface DeviceFilter {
  /** Manufacturer name, or any of several, any case (e.g. "poly"). */
  manufacturer?: string | readonly string[];
  /** Exclude these manufacturers, any case (Poly's "non plantronics"); devices of no known manufacturer stay. */
  notManufacturer?: string | readonly string[];
  kind?: string;
  status?: string;
  /** Product id, model id or product name, any case. */
  product?: string;
  /** Product type (USB, DECT, Bluetooth, SIP, …), any case. */
  productType?: string;
  /** User group id or name, or any of several: devices owned by their members. */
  userGroup?: string | readonly string[];
  /** Site id or name. */
  site?: string;
  /** Owner: person id, workspace id, virtual line id, or username. */
  owner?: string;
  /** Exactly this owning person id (what an agent may see). */
  ownerPerson?: string;
  /** Every tag must be present. */
  tags?: readonly string[];
  compliance?: string;
  /** Only devices with a phone number on a line (what a contact center calls a device). */
  hasPhoneNumber?: boolean;
  /** Case-insensitive substring of name, serial, display id or MAC. */
  q?: string;
  /** Any of these kinds; an empty list matches nothing. */
  kinds?: readonly string[];
  /** Case-insensitive substring of the name only. */
  nameContains?: string;
  /** Exactly this serial. */
  serial?: string;
  /** Exactly this main firmware version. */
  firmware?: string;
  /** This upgrade channel, any case. */
  upgradeChannel?: string;
  /** This MAC, in the stored form (twelve upper-case hex digits). */
  mac?: string;
  /** true: only devices activating with an activation code; false: every other device. */
  activating?: boolean;
  /** This line pooling (Host, Guest, None); a device without one counts as None. */
  linePooling?: string;
  /** A line of this type (Standalone, BlaPrimary, …) on the device. */
  lineType?: string;
  /** The device's product lists any of these features (BLA, CommonPhone, Intercom, Paging, HELD). */
  productFeatures?: readonly string[];
  /** Automatic Location Update (RingCentral) on (true) or off (false). */
  emergencyAutoUpdate?: boolean;
  /** true: only devices at no site (RingCentral's main site). */
  withoutSite?: boolean;
  /** Every word is a case-insensitive substring of the device name or its product's name. */
  nameWords?: readonly string[];
  /** RingCentral model ids: the model id of the product's SKU (HP-16-2-2 → 16), else the product's model id. */
  modelIds?: readonly string[];
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
  virtual_line_first_name: string | null;
  virtual_line_last_name: string | null;
  virtual_line_display_name: string | null;
  policy_target_version: string | null;
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
/** Ids per statement of findByIds: far below both engines' bound-parameter limits. */
const FIND_BY_IDS_CHUNK = 1000;

/** Which filters are present: the SQL of a list depends on this, never on the values. */
type FilterShape = {
  [K in keyof DeviceFilter]-?: K extends
    'tags' | 'manufacturer' | 'notManufacturer' | 'userGroup' | 'kinds' | 'productFeatures' | 'nameWords' | 'modelIds'
    ? number
    : K extends 'activating'
      ? 'yes' | 'no' | 'any'
      : boolean;
} & {
  qMac: boolean;
};

export class DeviceRepository {
  private readonly prepared: PreparedQueries<Database>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
    prepared?: PreparedQueries<Database>,
  ) {
    this.prepared = prepared ?? new PreparedQueries(db);
  }

  /** The same reads inside a transaction (a write reads the state it changes), sharing the compiled queries. */
  inTransaction(trx: Kysely<Database>): DeviceRepository {
    return new DeviceRepository(trx, this.capabilities, this.prepared.on(trx));
  }

  async findById(
    tenantId: string,
    id: string,
    include: DeviceIncludes = ALL_RELATIONS,
  ): Promise<DeviceRecord | undefined> {
    const [row] = await this.prepared.execute(
      'device.byId',
      null,
      (bind) => this.baseQuery(bind).where('d.id', '=', bind('id')),
      { tenantId, id },
    );
    if (!row) return undefined;
    const [record] = await this.withRelations(tenantId, [row as DeviceRow], include);
    return record;
  }

  /** The tenant's devices among `ids` (missing ones left out), in no particular order; for bulk imports. */
  async findByIds(
    tenantId: string,
    ids: readonly string[],
    include: DeviceIncludes = ALL_RELATIONS,
  ): Promise<DeviceRecord[]> {
    const records: DeviceRecord[] = [];
    for (let i = 0; i < ids.length; i += FIND_BY_IDS_CHUNK) {
      const chunk = ids.slice(i, i + FIND_BY_IDS_CHUNK);
      const rows = await this.prepared.execute(
        'device.byIds',
        chunk.length,
        (bind, n) => this.baseQuery(bind).where('d.id', 'in', bindList(bind, 'id', n)),
        { tenantId, ...listValues('id', chunk) },
      );
      records.push(...(await this.withRelations(tenantId, rows as DeviceRow[], include)));
    }
    return records;
  }

  async list(
    tenantId: string,
    filter: DeviceFilter,
    page: PageRequest<DeviceSortField>,
    include: DeviceIncludes = ALL_RELATIONS,
  ): Promise<Page<DeviceRecord>> {
    // The manufacturer's stored spellings are looked up first, so the filter binds plain values
    // and the (tenant_id, manufacturer, id) index serves it, however rare the manufacturer.
    const manufacturers =
      filter.manufacturer === undefined ? undefined : await this.manufacturerSpellings(listOf(filter.manufacturer));
    if (manufacturers?.length === 0 || filter.kinds?.length === 0) return { items: [] };
    const { shape, values } = filterShape(filter, manufacturers);
    const rows = (await this.prepared.execute(
      'device.list',
      { filter: shape, page: pageShape(page) },
      (bind, { filter: f, page: p }) =>
        applyPageShape(
          this.applyFilter(this.baseQuery(bind), f, bind),
          p,
          { sortColumn: p.sortField === 'name' ? 'd.name' : 'd.id', idColumn: 'd.id' },
          bind,
        ),
      { tenantId, ...values, ...pageValues(page) },
    )) as DeviceRow[];
    const result = toPage(rows, page, (row) => ({ value: page.sort.field === 'name' ? row.name : row.id, id: row.id }));
    return { ...result, items: await this.withRelations(tenantId, result.items, include) };
  }

  private async manufacturerSpellings(names: readonly string[]): Promise<string[]> {
    const rows = await this.prepared.execute(
      'device.manufacturerSpellings',
      names.length,
      (bind) =>
        this.db
          .selectFrom('products')
          .select('manufacturer')
          .distinct()
          .where(sql`lower(manufacturer)`, 'in', bindList(bind, 'name', names.length)),
      listValues(
        'name',
        names.map((n) => n.toLowerCase()),
      ),
    );
    return rows.map((r) => r.manufacturer);
  }

  private baseQuery(bind: Bind) {
    return this.db
      .selectFrom('devices as d')
      .leftJoin('products as p', 'p.id', 'd.product_id')
      .leftJoin('sites as s', (join) => join.onRef('s.id', '=', 'd.site_id').onRef('s.tenant_id', '=', 'd.tenant_id'))
      .leftJoin('people as o', (join) =>
        join.onRef('o.id', '=', 'd.owner_person_id').onRef('o.tenant_id', '=', 'd.tenant_id'),
      )
      .leftJoin('workspaces as w', (join) =>
        join.onRef('w.id', '=', 'd.owner_workspace_id').onRef('w.tenant_id', '=', 'd.tenant_id'),
      )
      .leftJoin('virtual_lines as vl', (join) =>
        join.onRef('vl.id', '=', 'd.owner_virtual_line_id').onRef('vl.tenant_id', '=', 'd.tenant_id'),
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
        'vl.first_name as virtual_line_first_name',
        'vl.last_name as virtual_line_last_name',
        'vl.display_name as virtual_line_display_name',
      ])
      .select((eb) => [
        // The catalogue's latest main release (firmware.repository.ts newestFirst: date, then version).
        newestFirst(
          eb
            .selectFrom('firmware_releases as fr')
            .select('fr.version')
            .whereRef('fr.product_id', '=', 'd.product_id')
            .where('fr.component', '=', sql.lit('main')),
          'fr',
        )
          .limit(sql.lit(1))
          .as('firmware_available'),
        newestFirst(
          eb
            .selectFrom('firmware_releases as fr')
            .select('fr.update_id')
            .whereRef('fr.product_id', '=', 'd.product_id')
            .where('fr.component', '=', sql.lit('main')),
          'fr',
        )
          .limit(sql.lit(1))
          .as('firmware_update_id'),
        // A policy that follows the catalogue ("latest") targets the latest release of the device's product.
        eb
          .case()
          .when('cp.target_version', '=', sql.lit(LATEST_TARGET))
          .then(
            newestFirst(
              eb
                .selectFrom('firmware_releases as fl')
                .select('fl.version')
                .whereRef('fl.product_id', '=', 'd.product_id')
                .whereRef('fl.component', '=', 'cp.component'),
              'fl',
            ).limit(sql.lit(1)),
          )
          .else(eb.ref('cp.target_version'))
          .end()
          .as('policy_target_version'),
      ])
      .where('d.tenant_id', '=', bind('tenantId'));
  }

  private applyFilter(query: ReturnType<DeviceRepository['baseQuery']>, f: FilterShape, bind: Bind) {
    const tenantId = bind('tenantId');
    let q = query;
    if (f.manufacturer > 0) q = q.where('d.manufacturer', 'in', bindList(bind, 'manufacturer', f.manufacturer));
    if (f.notManufacturer > 0) {
      q = q.where((eb) =>
        eb.or([
          eb('d.manufacturer', 'is', null),
          eb(sql`lower(d.manufacturer)`, 'not in', bindList(bind, 'notManufacturer', f.notManufacturer)),
        ]),
      );
    }
    if (f.kind) q = q.where('d.kind', '=', bind('kind'));
    if (f.status) q = q.where('d.status', '=', bind('status'));
    if (f.compliance) q = q.where('d.compliance', '=', bind('compliance'));
    if (f.product) {
      q = q.where('d.product_id', 'in', (eb) =>
        eb
          .selectFrom('products')
          .select('id')
          .where(
            sql<boolean>`(id = ${bind('product')} or lower(model_id) = ${bind('productLower')} or lower(name) = ${bind('productLower')})`,
          ),
      );
    }
    if (f.productType) {
      q = q.where('d.product_id', 'in', (eb) =>
        eb
          .selectFrom('products')
          .select('id')
          .where(sql<boolean>`lower(type) = ${bind('productType')}`),
      );
    }
    if (f.site) {
      q = q.where('d.site_id', 'in', (eb) =>
        eb
          .selectFrom('sites')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where((w) => w.or([w('id', '=', bind('site')), w('name', '=', bind('site'))])),
      );
    }
    if (f.userGroup > 0) {
      const groups = bindList(bind, 'userGroup', f.userGroup);
      q = q.where('d.owner_person_id', 'in', (eb) =>
        eb
          .selectFrom('group_memberships as gm')
          .innerJoin('user_groups as g', 'g.id', 'gm.group_id')
          .select('gm.person_id')
          .where('g.tenant_id', '=', tenantId)
          .where((w) => w.or([w('g.id', 'in', groups), w('g.name', 'in', groups)])),
      );
    }
    if (f.owner) {
      q = q.where((eb) =>
        eb.or([
          eb('d.owner_person_id', '=', bind('owner')),
          eb('d.owner_workspace_id', '=', bind('owner')),
          eb('d.owner_virtual_line_id', '=', bind('owner')),
          eb(
            'd.owner_person_id',
            'in',
            eb
              .selectFrom('people')
              .select('id')
              .where('tenant_id', '=', tenantId)
              .where('username', '=', bind('owner')),
          ),
        ]),
      );
    }
    if (f.ownerPerson) q = q.where('d.owner_person_id', '=', bind('ownerPerson'));
    if (f.hasPhoneNumber) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('device_lines as dl')
            .select('dl.device_id')
            .whereRef('dl.device_id', '=', 'd.id')
            .where('dl.tenant_id', '=', tenantId),
        ),
      );
    }
    for (let i = 0; i < f.tags; i++) {
      q = q.where('d.id', 'in', (eb) =>
        eb
          .selectFrom('device_tags')
          .select('device_id')
          .where('tenant_id', '=', tenantId)
          .where('tag', '=', bind(`tag${i}`)),
      );
    }
    if (f.kinds > 0) q = q.where('d.kind', 'in', bindList(bind, 'anyKind', f.kinds));
    if (f.nameContains) q = q.where(anyColumnContains(this.capabilities, ['d.name'], bind('namePattern')));
    if (f.serial) q = q.where('d.serial', '=', bind('serial'));
    if (f.firmware) q = q.where('d.fw_main', '=', bind('firmware'));
    if (f.upgradeChannel) q = q.where(sql<boolean>`lower(d.upgrade_channel) = ${bind('upgradeChannel')}`);
    if (f.mac) q = q.where('d.mac', '=', bind('mac'));
    if (f.activating === 'yes') q = q.where('d.activation_state', '=', sql.lit('activating'));
    if (f.activating === 'no') {
      q = q.where((eb) =>
        eb.or([eb('d.activation_state', 'is', null), eb('d.activation_state', '!=', sql.lit('activating'))]),
      );
    }
    if (f.linePooling) q = q.where(sql<boolean>`coalesce(d.line_pooling, 'None') = ${bind('linePooling')}`);
    if (f.lineType) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('device_lines as dl')
            .select('dl.device_id')
            .whereRef('dl.device_id', '=', 'd.id')
            .where('dl.tenant_id', '=', tenantId)
            .where('dl.line_type', '=', bind('lineType')),
        ),
      );
    }
    if (f.productFeatures > 0) {
      // features is a JSON array of names: a name matches as its quoted form.
      q = q.where((eb) =>
        eb.or(
          Array.from({ length: f.productFeatures }, (_, i) => eb('p.features', 'like', bind(`productFeature${i}`))),
        ),
      );
    }
    if (f.emergencyAutoUpdate) q = q.where('d.emergency_auto_update', '=', bind<number>('emergencyAutoUpdate'));
    if (f.withoutSite) q = q.where('d.site_id', 'is', null);
    for (let i = 0; i < f.nameWords; i++) {
      q = q.where(anyColumnContains(this.capabilities, ['d.name', 'p.name'], bind(`nameWord${i}`)));
    }
    if (f.modelIds > 0) {
      // A SKU is TP-ID[-AT-AC] with a two-letter TP: its model id matches as `__-ID` or `__-ID-%`.
      q = q.where((eb) =>
        eb.or(
          Array.from({ length: f.modelIds }, (_, i) => [
            eb('p.model_id', '=', bind(`modelId${i}`)),
            eb('p.sku', 'like', bind(`modelSku${i}`)),
            eb('p.sku', 'like', bind(`modelSkuAddon${i}`)),
          ]).flat(),
        ),
      );
    }
    if (f.q) {
      const text = anyColumnContains(this.capabilities, ['d.name', 'd.serial', 'd.display_id'], bind('qPattern'));
      q = q.where((eb) => (f.qMac ? eb.or([text, eb('d.mac', 'like', bind('qMacPattern'))]) : text));
    }
    return q;
  }

  private async withRelations(tenantId: string, rows: DeviceRow[], include: DeviceIncludes): Promise<DeviceRecord[]> {
    if (rows.length === 0) return [];
    const n = rows.length;
    const values = {
      tenantId,
      ...listValues(
        'id',
        rows.map((r) => r.id),
      ),
    };
    const [tags, connected, sightings, lines] = await Promise.all([
      include.tags
        ? this.prepared.execute(
            'device.tags',
            n,
            (bind) =>
              this.db
                .selectFrom('device_tags')
                .select(['device_id', 'tag'])
                .where('tenant_id', '=', bind('tenantId'))
                .where('device_id', 'in', bindList(bind, 'id', n))
                .orderBy('tag'),
            values,
          )
        : [],
      include.connected
        ? this.prepared.execute(
            'device.connected',
            n,
            (bind) =>
              this.db
                .selectFrom('connected_devices')
                .selectAll()
                .where('tenant_id', '=', bind('tenantId'))
                .where('device_id', 'in', bindList(bind, 'id', n))
                .orderBy('id'),
            values,
          )
        : [],
      include.sightings
        ? this.prepared.execute(
            'device.sightings',
            n,
            (bind) =>
              this.db
                .selectFrom('sightings')
                .selectAll()
                .where('tenant_id', '=', bind('tenantId'))
                .where('device_id', 'in', bindList(bind, 'id', n)),
            values,
          )
        : [],
      include.lines
        ? this.prepared.execute(
            'device.lines',
            n,
            (bind) =>
              this.db
                .selectFrom('device_lines as l')
                .innerJoin('phone_numbers as n', (join) =>
                  join.onRef('n.id', '=', 'l.phone_number_id').onRef('n.tenant_id', '=', 'l.tenant_id'),
                )
                .select([
                  'l.device_id',
                  'l.position',
                  'l.line_type',
                  'l.phone_number_id',
                  'n.number',
                  'n.e164',
                  'n.country_code',
                  'n.calling_code',
                  'n.national_format',
                  'n.location',
                  'n.number_type',
                ])
                .where('l.tenant_id', '=', bind('tenantId'))
                .where('l.device_id', 'in', bindList(bind, 'id', n))
                .orderBy('l.position'),
            values,
          )
        : [],
    ]);
    const byDevice = new Map<string, RecordDraft>();
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

type RecordDraft = { -readonly [K in keyof DeviceRecord]: DeviceRecord[K] };

/** Splits a filter into its shape (which parts are present) and the values to bind. */
function filterShape(
  filter: DeviceFilter,
  manufacturers: readonly string[] = [],
): { shape: FilterShape; values: Record<string, unknown> } {
  const present = (v: string | undefined): v is string => v !== undefined;
  const q = filter.q !== undefined && filter.q !== '' ? filter.q : undefined;
  const qMac = q?.replace(/[^0-9a-f]/gi, '').toUpperCase() ?? '';
  const tags = filter.tags ?? [];
  const notManufacturers = listOf(filter.notManufacturer).map((m) => m.toLowerCase());
  const userGroups = listOf(filter.userGroup);
  const kinds = filter.kinds ?? [];
  const productFeatures = filter.productFeatures ?? [];
  return {
    shape: {
      manufacturer: manufacturers.length,
      notManufacturer: notManufacturers.length,
      kind: present(filter.kind),
      status: present(filter.status),
      product: present(filter.product),
      productType: present(filter.productType),
      userGroup: userGroups.length,
      site: present(filter.site),
      owner: present(filter.owner),
      ownerPerson: present(filter.ownerPerson),
      tags: tags.length,
      compliance: present(filter.compliance),
      hasPhoneNumber: filter.hasPhoneNumber === true,
      q: q !== undefined,
      qMac: qMac !== '',
      kinds: kinds.length,
      nameContains: present(filter.nameContains),
      serial: present(filter.serial),
      firmware: present(filter.firmware),
      upgradeChannel: present(filter.upgradeChannel),
      mac: present(filter.mac),
      activating: filter.activating === undefined ? 'any' : filter.activating ? 'yes' : 'no',
      linePooling: present(filter.linePooling),
      lineType: present(filter.lineType),
      productFeatures: productFeatures.length,
      emergencyAutoUpdate: filter.emergencyAutoUpdate !== undefined,
      withoutSite: filter.withoutSite === true,
      nameWords: (filter.nameWords ?? []).length,
      modelIds: (filter.modelIds ?? []).length,
    },
    values: {
      ...listValues('manufacturer', manufacturers),
      ...listValues('notManufacturer', notManufacturers),
      kind: filter.kind,
      status: filter.status,
      compliance: filter.compliance,
      product: filter.product,
      productLower: filter.product?.toLowerCase(),
      productType: filter.productType?.toLowerCase(),
      ...listValues('userGroup', userGroups),
      site: filter.site,
      owner: filter.owner,
      ownerPerson: filter.ownerPerson,
      ...listValues('tag', tags),
      qPattern: q === undefined ? undefined : containsPattern(q),
      qMacPattern: qMac === '' ? undefined : `%${qMac}%`,
      ...listValues('anyKind', kinds),
      namePattern: filter.nameContains === undefined ? undefined : containsPattern(filter.nameContains),
      serial: filter.serial,
      firmware: filter.firmware,
      upgradeChannel: filter.upgradeChannel?.toLowerCase(),
      mac: filter.mac,
      linePooling: filter.linePooling,
      lineType: filter.lineType,
      ...Object.fromEntries(productFeatures.map((name, i) => [`productFeature${i}`, `%"${name}"%`])),
      emergencyAutoUpdate: filter.emergencyAutoUpdate === undefined ? undefined : filter.emergencyAutoUpdate ? 1 : 0,
      ...Object.fromEntries((filter.nameWords ?? []).map((word, i) => [`nameWord${i}`, containsPattern(word)])),
      ...Object.fromEntries(
        (filter.modelIds ?? []).flatMap((id, i) => [
          [`modelId${i}`, id],
          [`modelSku${i}`, `__-${withoutLikeWildcards(id)}`],
          [`modelSkuAddon${i}`, `__-${withoutLikeWildcards(id)}-%`],
        ]),
      ),
    },
  };
}

/** The value without LIKE wildcards (and backslashes), for a pattern without an ESCAPE clause. */
function withoutLikeWildcards(value: string): string {
  return value.replace(/[%_\\]/g, '');
}

/** A filter value that may be one value or several, as a list (empty when absent). */
function listOf(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}
