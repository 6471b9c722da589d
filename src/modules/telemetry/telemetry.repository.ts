/**
 * The SQL of telemetry ingest: a handful of set-based statements per batch, whatever its size — the ledger insert
 * that tells new events from replays, device lookups by identity, one multi-row UPDATE of the devices reported on,
 * upserts of sightings, pairings and the daily rollups. Every statement names the tenant or a tenant's device ids;
 * all run in the caller's transaction.
 */
import { CompiledQuery, type DialectAdapter, type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { insertRows, insertRowsReturning, type StatementTail } from '../../db/bulk-insert.js';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { AuditEventTable } from '../audit/audit-event.table.js';
import type { ConnectedDeviceTable, DeviceTable, SightingTable } from '../devices/device.table.js';
import type { ProductTable } from '../products/product.table.js';
import type { TelemetryDailyTable, TelemetryEventTable } from './telemetry.table.js';

/** Keys per IN list and rows per multi-row statement: far below both engines' parameter limits. */
const KEYS_PER_STATEMENT = 1000;
const ROWS_PER_INSERT = 500;
const ROWS_PER_UPDATE = 1000;

/** The device columns ingest reads and rewrites. */
export const REPORTED_COLUMNS = [
  'id',
  'serial',
  'display_id',
  'mac',
  'manufacturer',
  'product_id',
  'owner_person_id',
  'site_id',
  'status',
  'last_seen_at',
  'telemetry_seen_at',
  'fw_main',
  'fw_base',
  'fw_headset',
  'fw_bluetooth',
  'fw_usb',
  'fw_reported_at',
  'reported_settings',
  'settings_reported_at',
  'compliance',
  'policy_id',
  'version',
] as const;
export type ReportedDevice = Pick<Selectable<DeviceTable>, (typeof REPORTED_COLUMNS)[number]>;

/** The columns a heartbeat leaves as they are: when none changes, only presence is written. */
const PRESENCE_KEPT = [
  'status',
  'fw_main',
  'fw_base',
  'fw_headset',
  'fw_bluetooth',
  'fw_usb',
  'fw_reported_at',
  'reported_settings',
  'settings_reported_at',
  'compliance',
  'policy_id',
] as const;

const PRESENCE_COLUMNS = ['last_seen_at', 'telemetry_seen_at'] as const;
const BIGINT_COLUMNS: ReadonlySet<string> = new Set([
  'version',
  'updated_at',
  'last_seen_at',
  'telemetry_seen_at',
  'fw_reported_at',
  'settings_reported_at',
]);
type UpdatedColumn = (typeof PRESENCE_COLUMNS)[number] | (typeof PRESENCE_KEPT)[number];

/** A device's new reported state, written only if the device is still at `version`. */
export type ReportedState = Omit<
  ReportedDevice,
  'serial' | 'display_id' | 'mac' | 'manufacturer' | 'product_id' | 'owner_person_id' | 'site_id'
>;

export type CatalogueProduct = Pick<
  Selectable<ProductTable>,
  'id' | 'manufacturer' | 'model_id' | 'name' | 'device_kind' | 'usb_vendor_id' | 'usb_product_id'
>;

/*
 * The conflict clauses of ingest's multi-row INSERTs, compiled once into bulk-insert.ts's statement templates.
 */
const NEW_EVENT_IDS: StatementTail = {
  name: 'new event ids',
  finish: (q) => q.onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing()).returning('id'),
};
const NEW_SIGHTINGS: StatementTail = {
  name: 'new sightings',
  finish: (q) => q.onConflict((oc) => oc.columns(['device_id', 'kind']).doNothing()).returning('device_id'),
};
/** A last sighting is replaced by one at least as recent (a late report never goes back). */
const NEWER_SIGHTINGS: StatementTail = {
  name: 'newer sightings',
  finish: (q) =>
    q.onConflict((oc) =>
      oc
        .columns(['device_id', 'kind'])
        .doUpdateSet((eb) =>
          Object.fromEntries(SIGHTING_DETAILS.map((column) => [column, eb.ref(`excluded.${column}`)])),
        )
        .where((eb) => eb('excluded.seen_at', '>=', eb.ref('sightings.seen_at'))),
    ),
};
const NEW_ACTIVE_DAYS: StatementTail = {
  name: 'new active days',
  finish: (q) => q.onConflict((oc) => oc.columns(['device_id', 'day']).doNothing()).returning(['device_id', 'day']),
};
const ADDED_TO_ROLLUPS: StatementTail = {
  name: 'added to rollups',
  finish: (q) =>
    q.onConflict((oc) =>
      oc.columns(['tenant_id', 'dimension', 'day', 'key']).doUpdateSet((eb) => ({
        active_devices: eb('telemetry_daily.active_devices', '+', eb.ref('excluded.active_devices')),
        new_devices: eb('telemetry_daily.new_devices', '+', eb.ref('excluded.new_devices')),
      })),
    ),
};
const SIGHTING_DETAILS = [
  'seen_at',
  'client_instance_id',
  'hostname',
  'host_os',
  'host_os_version',
  'softphone_name',
  'softphone_plugin_id',
  'softphone_vendor',
  'softphone_version',
  'username',
  'first_name',
  'last_name',
  'user_groups',
] as const;

/** Compiled device UPDATE statements per dialect adapter, keyed by columns and row count. */
const updateTemplates = new WeakMap<DialectAdapter, Map<string, CompiledQuery>>();

export class TelemetryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Pick<Capabilities, 'maxParameters'>,
  ) {}

  /** Stores the ledger rows; returns the ids that were new (a replayed id is left as it was). */
  async insertEvents(rows: readonly Insertable<TelemetryEventTable>[]): Promise<Set<string>> {
    const inserted = await insertRowsReturning(this.db, this.capabilities, 'telemetry_events', rows, {
      maxRowsPerStatement: ROWS_PER_INSERT,
      tail: NEW_EVENT_IDS,
    });
    return new Set(inserted.map((row) => row.id as string));
  }

  /** The catalogue products an event may name: by id, by USB ids or by model id. */
  async products(ids: readonly string[], usbProductIds: readonly string[], modelIds: readonly string[]) {
    if (ids.length + usbProductIds.length + modelIds.length === 0) return [];
    return this.db
      .selectFrom('products')
      .select(['id', 'manufacturer', 'model_id', 'name', 'device_kind', 'usb_vendor_id', 'usb_product_id'])
      .where((eb) =>
        eb.or([
          ...(ids.length > 0 ? [eb('id', 'in', [...ids])] : []),
          ...(usbProductIds.length > 0 ? [eb('usb_product_id', 'in', [...usbProductIds])] : []),
          ...(modelIds.length > 0 ? [eb('model_id', 'in', [...modelIds])] : []),
        ]),
      )
      .execute() as Promise<CatalogueProduct[]>;
  }

  /** The tenant's devices holding any of these serials, tattoo ids (display ids) or MACs. */
  async devicesByIdentity(
    tenantId: string,
    keys: { serials: readonly string[]; tattooIds: readonly string[]; macs: readonly string[] },
  ): Promise<ReportedDevice[]> {
    const found = new Map<string, ReportedDevice>();
    for (const [column, values] of [
      ['serial', keys.serials],
      ['display_id', keys.tattooIds],
      ['mac', keys.macs],
    ] as const) {
      const rows = await inChunks(values, KEYS_PER_STATEMENT, (chunk) =>
        this.db
          .selectFrom('devices')
          .select(REPORTED_COLUMNS)
          .where('tenant_id', '=', tenantId)
          .where(column, 'in', chunk)
          .orderBy('id')
          .execute(),
      );
      for (const row of rows) found.set(row.id, row);
    }
    return [...found.values()];
  }

  /** People of the tenant by username: who a new device's reports name. */
  async peopleByUsername(tenantId: string, usernames: readonly string[]): Promise<Map<string, string>> {
    const rows = await inChunks(usernames, KEYS_PER_STATEMENT, (chunk) =>
      this.db
        .selectFrom('people')
        .select(['id', 'username'])
        .where('tenant_id', '=', tenantId)
        .where('username', 'in', chunk)
        .execute(),
    );
    return new Map(rows.map((row) => [row.username, row.id]));
  }

  insertDevices(rows: readonly Insertable<DeviceTable>[]): Promise<void> {
    return insertRows(this.db, this.capabilities, 'devices', rows);
  }

  insertAuditEvents(rows: readonly Insertable<AuditEventTable>[]): Promise<void> {
    return insertRows(this.db, this.capabilities, 'audit_events', rows);
  }

  /**
   * Writes the reported state of many devices in one statement per ROWS_PER_UPDATE, each only if the device is
   * still at the version read; returns the ids written (a missing id was changed concurrently).
   * The version test is written `devices.version - v.version = 0`, not `=`: SQLite's planner would otherwise join
   * on version (an automatic index on v, a scan of devices) instead of looking each id up (1,000× slower).
   * The ids come from the tenant's own rows read in this transaction, so the statement needs no tenant test.
   */
  async updateReported(states: readonly ReportedState[], current: ReadonlyMap<string, ReportedDevice>, at: number) {
    const presenceOnly: ReportedState[] = [];
    const rest: ReportedState[] = [];
    for (const state of states) {
      const d = current.get(state.id);
      const onlyPresence = d !== undefined && PRESENCE_KEPT.every((column) => d[column] === state[column]);
      (onlyPresence ? presenceOnly : rest).push(state);
    }
    // Only lastSeen moved (a heartbeat): fewer columns, fewer indexes to maintain.
    const written = await this.updateColumns(presenceOnly, PRESENCE_COLUMNS, at);
    for (const id of await this.updateColumns(rest, [...PRESENCE_COLUMNS, ...PRESENCE_KEPT], at)) written.add(id);
    return written;
  }

  private async updateColumns(
    states: readonly ReportedState[],
    columns: readonly UpdatedColumn[],
    at: number,
  ): Promise<Set<string>> {
    const written = await inChunks(states, ROWS_PER_UPDATE, async (chunk) => {
      // Parameters in the template's order: each row's id, version and columns, then updated_at.
      const parameters: unknown[] = [];
      for (const state of chunk) {
        parameters.push(state.id, state.version);
        for (const column of columns) parameters.push(state[column]);
      }
      parameters.push(at);
      const template = this.updateTemplate(columns, chunk.length);
      const result = await this.db.executeQuery<{ id: string }>(CompiledQuery.raw(template.sql, parameters));
      return result.rows;
    });
    return new Set(written.map((row) => row.id));
  }

  /**
   * The multi-row UPDATE of `columns` for `rowCount` devices, compiled once per shape (building a 1,000-row
   * statement costs more than running it). Instants and versions are cast so that PostgreSQL types the VALUES
   * columns (it takes untyped parameters, nulls included, as text).
   */
  private updateTemplate(columns: readonly UpdatedColumn[], rowCount: number): CompiledQuery {
    const adapter = this.db.getExecutor().adapter;
    const cache = updateTemplates.get(adapter) ?? new Map<string, CompiledQuery>();
    updateTemplates.set(adapter, cache);
    const key = `${columns.join(',')}\u0000${rowCount}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const value = (column: string) => (BIGINT_COLUMNS.has(column) ? sql`cast(${null} as bigint)` : sql`${null}`);
    const row = sql`(${sql.join(['id', 'version', ...columns].map(value))})`;
    const names = sql.join(['id', 'version', ...columns].map((c) => sql.id(c)));
    const assignments = sql.join(columns.map((c) => sql`${sql.id(c)} = ${sql.ref(`v.${c}`)}`));
    const compiled = sql<{ id: string }>`
      with v (${names}) as (values ${sql.join(Array.from({ length: rowCount }, () => row))})
      update devices set ${assignments}, version = devices.version + 1, updated_at = ${value('updated_at')}
      from v
      where devices.id = v.id and devices.version - v.version = 0
      returning devices.id`.compile(this.db);
    if (compiled.parameters.length !== rowCount * (columns.length + 2) + 1) {
      throw new Error('updateTemplate: unexpected statement shape');
    }
    cache.set(key, compiled);
    return compiled;
  }

  /** Inserts first sightings where a device has none; returns the devices that were seen for the first time. */
  async insertFirstSightings(rows: readonly Insertable<SightingTable>[]): Promise<Set<string>> {
    const inserted = await insertRowsReturning(this.db, this.capabilities, 'sightings', rows, {
      maxRowsPerStatement: ROWS_PER_INSERT,
      tail: NEW_SIGHTINGS,
    });
    return new Set(inserted.map((row) => row.device_id as string));
  }

  /** Replaces last sightings with these where they are at least as recent (a late report never goes back). */
  async upsertLastSightings(rows: readonly Insertable<SightingTable>[]): Promise<void> {
    await insertRows(this.db, this.capabilities, 'sightings', rows, {
      maxRowsPerStatement: ROWS_PER_INSERT,
      tail: NEWER_SIGHTINGS,
    });
  }

  /** Replaces the pairing of each (device, component) named. */
  async replacePairings(tenantId: string, rows: readonly Insertable<ConnectedDeviceTable>[]): Promise<void> {
    for (const component of new Set(rows.map((r) => r.component))) {
      const ids = rows.filter((r) => r.component === component).map((r) => r.device_id);
      await inChunks(ids, KEYS_PER_STATEMENT, (chunk) =>
        this.db
          .deleteFrom('connected_devices')
          .where('tenant_id', '=', tenantId)
          .where('component', '=', component)
          .where('device_id', 'in', chunk)
          .execute(),
      );
    }
    await insertRows(this.db, this.capabilities, 'connected_devices', rows);
  }

  /** Marks devices active on days; returns the `device_id:day` pairs not marked before. */
  async markActiveDays(tenantId: string, pairs: readonly { deviceId: string; day: number }[]): Promise<Set<string>> {
    const marked = await insertRowsReturning(
      this.db,
      this.capabilities,
      'device_active_days',
      pairs.map((p) => ({ tenant_id: tenantId, device_id: p.deviceId, day: p.day })),
      { maxRowsPerStatement: ROWS_PER_INSERT, tail: NEW_ACTIVE_DAYS },
    );
    return new Set(marked.map((row) => `${row.device_id}:${row.day}`));
  }

  /** Adds to the daily counters (rows in key order, so concurrent batches lock rollup rows in one order). */
  async addToRollups(rows: readonly Insertable<TelemetryDailyTable>[]): Promise<void> {
    await insertRows(this.db, this.capabilities, 'telemetry_daily', rows, {
      maxRowsPerStatement: ROWS_PER_INSERT,
      tail: ADDED_TO_ROLLUPS,
    });
  }

  /**
   * Devices an agent reported on whose last report is older than `cutoff` go Offline (every tenant; idempotent, so
   * every node of a cluster may run it). Returns how many changed.
   */
  async markSilentOffline(cutoff: number, at: number, limit: number): Promise<number> {
    const silent = await this.db
      .selectFrom('devices')
      .select('id')
      .where('status', '=', 'Online')
      .where('telemetry_seen_at', '<', cutoff)
      .limit(limit)
      .execute();
    if (silent.length === 0) return 0;
    const result = await this.db
      .updateTable('devices')
      .set((eb) => ({ status: 'Offline', version: eb('version', '+', 1), updated_at: at }))
      .where(
        'id',
        'in',
        silent.map((s) => s.id),
      )
      .where('status', '=', 'Online')
      .where('telemetry_seen_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

/** Runs `statement` on consecutive slices of `items` (at most `size` each) and gathers what the slices return. */
async function inChunks<T, R>(
  items: readonly T[],
  size: number,
  statement: (chunk: readonly T[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await statement(items.slice(i, i + size))));
  return results;
}
