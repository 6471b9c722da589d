/**
 * Telemetry ingest: a batch of device reports from desktop agents, applied in one transaction and acknowledged
 * only once committed (on SQLite with synchronous=FULL, a 2xx means the batch is on disk).
 *
 * Semantics (issue 9, docs/telemetry.md):
 * - Each event is checked on its own; bad ones are reported with reasons, the others kept.
 * - An event id is stored once per tenant (telemetry_events): a replayed id, or a repeat in the same batch, changes
 *   nothing.
 * - A device is matched by serial (genesId), then tattoo id, then MAC; an unknown one is created with provenance
 *   `telemetry` (its product from the catalogue by id, USB ids or model id; its owner the person whose username the
 *   report names, when there is one). Events of one batch naming the same new device create it once.
 * - lastSeen only moves forward; firstSeen (the first sighting) is written once; firmware components and reported
 *   settings only take a report newer than the one they hold; a report makes a device Online when it is more recent
 *   than the offline silence (the sweep in telemetry-presence.ts turns silent devices Offline).
 * - A firmware change re-derives the device's compliance with the tenant's policies, in the same transaction.
 * - Every device active on a UTC day is counted once that day in the rollups (telemetry_daily) by product,
 *   manufacturer, site, softphone and primary user group; devices seen for the first time count as new that day.
 * Device creations are audited (actor: the ingest credential); other reported state is the ledger's, not the audit
 * trail's: an agent's heartbeat is an observation, not an administrator's change.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import { isDeadlock } from '../../db/deadlock.js';
import { newId } from '../../db/ids.js';
import type { Database } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { type Actor, auditEventOf } from '../audit/audit-trail.js';
import type { ConnectedDeviceTable, DeviceTable, SightingTable } from '../devices/device.table.js';
import { newDeviceState } from '../devices/device-write.repository.js';
import { type ApplicablePolicy, evaluateCompliance, installedFirmware } from '../firmware/compliance.js';
import { CompliancePolicyRepository } from '../firmware/compliance-policy.repository.js';
import { DeviceComplianceRepository } from '../firmware/device-compliance.repository.js';
import {
  type CheckedEvent,
  checkEvent,
  type EventProblem,
  type IngestReport,
  MAX_EVENTS_PER_BATCH,
  type TelemetryEvent,
} from './telemetry.schemas.js';
import {
  type CatalogueProduct,
  type ReportedDevice,
  type ReportedState,
  TelemetryRepository,
} from './telemetry.repository.js';
import type { TelemetryDailyTable } from './telemetry.table.js';

export const DAY_MS = 86_400_000;
/** Transactions re-run when a concurrent writer changed a device, took an identity first, or deadlocked. */
const MAX_ATTEMPTS = 4;
/** Devices turned Offline per statement by the sweep. */
const SWEEP_BATCH = 1000;

export interface TelemetryOptions {
  /** A device an agent reports on goes Offline after this much silence (TELEMETRY_OFFLINE_AFTER_SECONDS). */
  readonly offlineAfterMs: number;
  readonly now?: () => number;
}

/** The dimensions the rollups count by; `all` has the single key ''. */
export const ROLLUP_DIMENSIONS = ['all', 'product', 'manufacturer', 'site', 'softphone', 'userGroup'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

class ConcurrentChange extends Error {}

/** One device a batch reports on: the stored row (or the one it creates) and its new events, oldest first. */
interface Slot {
  device: ReportedDevice;
  created: Insertable<DeviceTable> | null;
  events: CheckedEvent[];
}

export class TelemetryIngestService {
  private readonly now: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Pick<Capabilities, 'maxParameters'>,
    private readonly options: TelemetryOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async ingest(actor: Actor, events: readonly unknown[]): Promise<IngestReport> {
    if (events.length > MAX_EVENTS_PER_BATCH) throw new RangeError(`at most ${MAX_EVENTS_PER_BATCH} events a batch`);
    const now = this.now();
    const rejected: IngestReport['rejected'] = [];
    const valid: CheckedEvent[] = [];
    const seen = new Set<string>();
    let duplicates = 0;
    events.forEach((raw, index) => {
      const checked = checkEvent(raw, index, now);
      if (!checked.ok) {
        rejected.push({ index, id: idOf(raw), errors: checked.errors });
        return;
      }
      if (seen.has(checked.event.event.id)) {
        duplicates += 1;
        return;
      }
      seen.add(checked.event.event.id);
      valid.push(checked.event);
    });
    if (valid.length === 0) return { accepted: 0, duplicates, rejected, devicesCreated: 0 };

    const products = await this.catalogueFor(valid);
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.db.transaction().execute((trx) => this.apply(trx, actor, valid, products, now));
        return {
          accepted: outcome.accepted,
          duplicates: duplicates + valid.length - outcome.accepted,
          rejected,
          devicesCreated: outcome.created,
        };
      } catch (error) {
        const retry = error instanceof ConcurrentChange || isUniqueViolation(error) || isDeadlock(error);
        if (!retry || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Turns devices whose last report is older than the offline silence Offline, SWEEP_BATCH at a time; returns how
   * many changed. Run on a schedule (telemetry-presence.ts); idempotent, so every node of a cluster may run it.
   */
  async sweepSilentDevices(): Promise<number> {
    const now = this.now();
    const repo = new TelemetryRepository(this.db, this.capabilities);
    let total = 0;
    for (;;) {
      const changed = await repo.markSilentOffline(now - this.options.offlineAfterMs, now, SWEEP_BATCH);
      total += changed;
      if (changed < SWEEP_BATCH) return total;
    }
  }

  private async apply(
    trx: Kysely<Database>,
    actor: Actor,
    valid: readonly CheckedEvent[],
    products: ProductIndex,
    now: number,
  ): Promise<{ accepted: number; created: number }> {
    const tenantId = actor.tenantId;
    const repo = new TelemetryRepository(trx, this.capabilities);
    const fresh = await repo.insertEvents(
      valid.map((e) => ({
        tenant_id: tenantId,
        id: e.event.id,
        type: e.event.type,
        device_key: e.deviceKey,
        occurred_at: e.at,
        received_at: now,
      })),
    );
    const accepted = valid.filter((e) => fresh.has(e.event.id)).sort((a, b) => a.at - b.at || a.index - b.index);
    if (accepted.length === 0) return { accepted: 0, created: 0 };

    const slots = await this.matchDevices(repo, tenantId, accepted, products, now);
    // Only the policies that can govern these devices' products ("latest" targets resolved for those products).
    const productIds = unique(slots.map((s) => s.device.product_id));
    const policies = await new CompliancePolicyRepository(trx).applicable(tenantId, productIds);
    const groups = await this.ownerGroups(trx, tenantId, policies, slots);

    const updates: ReportedState[] = [];
    for (const slot of slots) {
      const state = this.reportedState(slot, now, policies, groups);
      if (slot.created) Object.assign(slot.created, state, { version: 1 });
      else updates.push(state);
    }
    const created = slots.flatMap((s) => (s.created ? [s.created] : []));
    await repo.insertDevices(created);
    await repo.insertAuditEvents(
      created.map((d) =>
        auditEventOf(
          actor,
          {
            action: 'device.create',
            resourceType: 'device',
            resourceId: d.id,
            after: {
              id: d.id,
              kind: d.kind,
              name: d.name,
              productId: d.product_id ?? null,
              manufacturer: d.manufacturer ?? null,
              serial: d.serial ?? null,
              displayId: d.display_id ?? null,
              mac: d.mac ?? null,
              ownerPersonId: d.owner_person_id ?? null,
              sourceSystem: 'telemetry',
            },
          },
          now,
        ),
      ),
    );
    const written = await repo.updateReported(updates, new Map(slots.map((s) => [s.device.id, s.device])), now);
    if (written.size !== updates.length) throw new ConcurrentChange();

    // A device an agent reported on before has its first sighting already.
    const firstSeen = await repo.insertFirstSightings(
      slots
        .filter((s) => s.device.telemetry_seen_at === null)
        .map((s) => sightingOf(tenantId, s, 'first', s.events[0]!)),
    );
    // The last sighting names a host, softphone or user: a bare heartbeat moves lastSeen, not the sighting.
    const lastSightings = slots.flatMap((s) => {
      const latest = s.events.findLast(hasSightingDetails);
      return latest ? [sightingOf(tenantId, s, 'last', latest)] : [];
    });
    await repo.upsertLastSightings(lastSightings);
    await repo.replacePairings(tenantId, this.pairings(tenantId, slots));
    await this.countActivity(repo, tenantId, slots, firstSeen);
    return { accepted: accepted.length, created: created.length };
  }

  /** Finds or plans the device of every event; events naming the same unknown device share one new device. */
  private async matchDevices(
    repo: TelemetryRepository,
    tenantId: string,
    events: readonly CheckedEvent[],
    products: ProductIndex,
    now: number,
  ): Promise<Slot[]> {
    const stored = await repo.devicesByIdentity(tenantId, {
      serials: unique(events.map((e) => e.serial)),
      tattooIds: unique(events.map((e) => e.tattooId)),
      macs: unique(events.map((e) => e.mac)),
    });
    const usernames = unique(events.map((e) => e.event.user?.username ?? null));
    const people = usernames.length > 0 ? await repo.peopleByUsername(tenantId, usernames) : new Map();
    const bySerial = new Map<string, Slot[]>();
    const byTattoo = new Map<string, Slot>();
    const byMac = new Map<string, Slot>();
    const slots: Slot[] = [];
    const register = (slot: Slot, serial: string | null, tattooId: string | null, mac: string | null) => {
      if (serial !== null && !(bySerial.get(serial) ?? []).includes(slot)) {
        bySerial.set(serial, [...(bySerial.get(serial) ?? []), slot]);
      }
      if (tattooId !== null && !byTattoo.has(tattooId)) byTattoo.set(tattooId, slot);
      if (mac !== null && !byMac.has(mac)) byMac.set(mac, slot);
    };
    for (const device of stored) {
      const slot: Slot = { device, created: null, events: [] };
      register(slot, device.serial, device.display_id, device.mac);
    }
    for (const event of events) {
      const product = products.productOf(event.event.device);
      const manufacturer = product?.manufacturer ?? event.event.device.manufacturer ?? null;
      let slot = bySerial.get(event.serial ?? '')?.find((s) => sameMaker(s.device.manufacturer, manufacturer));
      slot ??= event.tattooId === null ? undefined : byTattoo.get(event.tattooId);
      slot ??= event.mac === null ? undefined : byMac.get(event.mac);
      if (slot === undefined) {
        slot = this.newSlot(tenantId, event, product, manufacturer, people, now);
        register(slot, event.serial, event.tattooId ?? event.serial, event.mac);
      } else {
        register(slot, event.serial, event.tattooId, event.mac);
      }
      if (slot.events.length === 0) slots.push(slot);
      slot.events.push(event);
    }
    return slots;
  }

  private newSlot(
    tenantId: string,
    event: CheckedEvent,
    product: CatalogueProduct | undefined,
    manufacturer: string | null,
    people: ReadonlyMap<string, string>,
    now: number,
  ): Slot {
    const d = event.event.device;
    const username = event.event.user?.username;
    const row: Insertable<DeviceTable> = {
      ...newDeviceState(now),
      id: newId(),
      tenant_id: tenantId,
      kind: d.kind ?? product?.device_kind ?? 'OtherPhone',
      product_id: product?.id ?? null,
      manufacturer,
      name: d.name ?? product?.name ?? d.modelId ?? 'Unreported device',
      display_id: event.tattooId ?? event.serial,
      serial: event.serial,
      mac: event.mac,
      status: 'Offline',
      owner_person_id: (username === undefined ? undefined : people.get(username)) ?? null,
      owner_workspace_id: null,
      site_id: null,
      hot_desk: 0,
      common_phone: 0,
      compliance: 'unknown',
      policy_id: null,
      source_system: 'telemetry',
    };
    const device: ReportedDevice = {
      id: row.id,
      serial: row.serial ?? null,
      display_id: row.display_id ?? null,
      mac: row.mac ?? null,
      manufacturer: row.manufacturer ?? null,
      product_id: row.product_id ?? null,
      owner_person_id: row.owner_person_id ?? null,
      site_id: null,
      status: 'Offline',
      last_seen_at: null,
      telemetry_seen_at: null,
      fw_main: null,
      fw_base: null,
      fw_headset: null,
      fw_bluetooth: null,
      fw_usb: null,
      fw_reported_at: null,
      reported_settings: null,
      settings_reported_at: null,
      compliance: 'unknown',
      policy_id: null,
      version: 1,
    };
    return { device, created: row, events: [] };
  }

  /** The device's state after its new events (oldest first): nothing an older report says overrides a newer one. */
  private reportedState(
    slot: Slot,
    now: number,
    policies: readonly ApplicablePolicy[],
    groups: ReadonlyMap<string, string[]>,
  ): ReportedState {
    const d = slot.device;
    const latest = slot.events.at(-1)!.at;
    const state: ReportedState = {
      id: d.id,
      version: d.version,
      status: d.status,
      last_seen_at: Math.max(d.last_seen_at ?? latest, latest),
      telemetry_seen_at: Math.max(d.telemetry_seen_at ?? latest, latest),
      fw_main: d.fw_main,
      fw_base: d.fw_base,
      fw_headset: d.fw_headset,
      fw_bluetooth: d.fw_bluetooth,
      fw_usb: d.fw_usb,
      fw_reported_at: d.fw_reported_at,
      reported_settings: d.reported_settings,
      settings_reported_at: d.settings_reported_at,
      compliance: d.compliance,
      policy_id: d.policy_id,
    };
    let firmwareChanged = slot.created !== null;
    for (const { event, at } of slot.events) {
      if (event.firmware !== undefined && at >= (state.fw_reported_at ?? Number.NEGATIVE_INFINITY)) {
        const f = event.firmware;
        const next = {
          fw_main: f.main ?? state.fw_main,
          fw_base: f.base ?? state.fw_base,
          fw_headset: f.headset ?? state.fw_headset,
          fw_bluetooth: f.bluetooth ?? state.fw_bluetooth,
          fw_usb: f.usb ?? state.fw_usb,
        };
        firmwareChanged ||= Object.entries(next).some(([k, v]) => state[k as keyof typeof next] !== v);
        Object.assign(state, next, { fw_reported_at: at });
      }
      if (event.settings !== undefined && at >= (state.settings_reported_at ?? Number.NEGATIVE_INFINITY)) {
        state.reported_settings = JSON.stringify(event.settings);
        state.settings_reported_at = at;
      }
    }
    if (state.telemetry_seen_at! >= now - this.options.offlineAfterMs) state.status = 'Online';
    if (firmwareChanged && policies.length > 0) {
      const result = evaluateCompliance(
        {
          productId: d.product_id,
          firmware: installedFirmware(state),
          userGroupIds: d.owner_person_id === null ? [] : (groups.get(d.owner_person_id) ?? []),
        },
        policies,
      );
      state.compliance = result.status;
      state.policy_id = result.policyId;
    }
    return state;
  }

  private async ownerGroups(
    trx: Kysely<Database>,
    tenantId: string,
    policies: readonly ApplicablePolicy[],
    slots: readonly Slot[],
  ): Promise<Map<string, string[]>> {
    if (!policies.some((p) => p.userGroupId !== null)) return new Map();
    const owners = unique(slots.map((s) => s.device.owner_person_id));
    return new DeviceComplianceRepository(trx).groupsOf(tenantId, owners);
  }

  /** The newest pairing each device reported, when that report is the device's newest. */
  private pairings(tenantId: string, slots: readonly Slot[]): Insertable<ConnectedDeviceTable>[] {
    const rows: Insertable<ConnectedDeviceTable>[] = [];
    for (const slot of slots) {
      const latest = slot.events.findLast((e) => e.event.connectedDevice !== undefined);
      const c = latest?.event.connectedDevice;
      if (!latest || !c || latest.at < (slot.device.telemetry_seen_at ?? Number.NEGATIVE_INFINITY)) continue;
      rows.push({
        id: newId(),
        tenant_id: tenantId,
        device_id: slot.device.id,
        component: c.component,
        connected_device_id: null,
        display_id: c.tattooId ?? c.serial ?? c.genesId ?? null,
        family: c.family ?? null,
        model_id: c.modelId ?? null,
        name: c.name ?? null,
      });
    }
    return rows;
  }

  /** Counts each device once per UTC day it reported on, and devices seen for the first time as new that day. */
  private async countActivity(
    repo: TelemetryRepository,
    tenantId: string,
    slots: readonly Slot[],
    firstSeen: ReadonlySet<string>,
  ): Promise<void> {
    const firstOfDay = new Map<string, { slot: Slot; event: CheckedEvent; day: number }>();
    for (const slot of slots) {
      for (const event of slot.events) {
        const day = Math.floor(event.at / DAY_MS);
        // The day of the device's latest earlier report is marked already (by that report's batch).
        const previous = slot.device.telemetry_seen_at;
        if (previous !== null && Math.floor(previous / DAY_MS) === day) continue;
        const key = `${slot.device.id}:${day}`;
        if (!firstOfDay.has(key)) firstOfDay.set(key, { slot, event, day });
      }
    }
    const active = await repo.markActiveDays(
      tenantId,
      [...firstOfDay.values()].map((f) => ({ deviceId: f.slot.device.id, day: f.day })),
    );
    const counters = new Map<string, Insertable<TelemetryDailyTable>>();
    const count = (day: number, slot: Slot, event: TelemetryEvent, column: 'active_devices' | 'new_devices') => {
      for (const [dimension, key] of dimensionsOf(slot.device, event)) {
        const id = `${dimension}\u0000${day}\u0000${key}`;
        const row = counters.get(id) ?? {
          tenant_id: tenantId,
          day,
          dimension,
          key,
          active_devices: 0,
          new_devices: 0,
        };
        row[column] = (row[column] ?? 0) + 1;
        counters.set(id, row);
      }
    };
    for (const [key, f] of firstOfDay) if (active.has(key)) count(f.day, f.slot, f.event.event, 'active_devices');
    for (const slot of slots) {
      if (!firstSeen.has(slot.device.id)) continue;
      const first = slot.events[0]!;
      count(Math.floor(first.at / DAY_MS), slot, first.event, 'new_devices');
    }
    await repo.addToRollups([...counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row));
  }

  /** The catalogue products the batch's events name, looked up once per batch. */
  private async catalogueFor(events: readonly CheckedEvent[]): Promise<ProductIndex> {
    const devices = events.map((e) => e.event.device);
    const usb = unique(devices.map((d) => d.usbProductId?.toUpperCase() ?? null));
    const rows = await new TelemetryRepository(this.db, this.capabilities).products(
      unique(devices.map((d) => d.productId ?? null)),
      usb,
      unique(devices.map((d) => d.modelId ?? null)),
    );
    return new ProductIndex(rows);
  }
}

/** Finds an event's product: by id, then USB vendor + product id, then manufacturer + model id (or a unique model id). */
class ProductIndex {
  constructor(private readonly products: readonly CatalogueProduct[]) {}

  productOf(d: TelemetryEvent['device']): CatalogueProduct | undefined {
    if (d.productId !== undefined) return this.products.find((p) => p.id === d.productId);
    if (d.usbVendorId !== undefined && d.usbProductId !== undefined) {
      const vendor = d.usbVendorId.toUpperCase();
      const product = d.usbProductId.toUpperCase();
      const match = this.products.find(
        (p) => p.usb_vendor_id?.toUpperCase() === vendor && p.usb_product_id?.toUpperCase() === product,
      );
      if (match) return match;
    }
    if (d.modelId !== undefined) {
      const models = this.products.filter((p) => p.model_id === d.modelId);
      const maker = d.manufacturer?.toLowerCase();
      const match = maker === undefined ? undefined : models.find((p) => p.manufacturer.toLowerCase() === maker);
      return match ?? (models.length === 1 ? models[0] : undefined);
    }
    return undefined;
  }
}

/** The rollup keys of a device's activity: ids for product and site, names for the rest; '' when unknown. */
function dimensionsOf(device: ReportedDevice, event: TelemetryEvent): [RollupDimension, string][] {
  return [
    ['all', ''],
    ['product', device.product_id ?? ''],
    ['manufacturer', device.manufacturer ?? ''],
    ['site', device.site_id ?? ''],
    ['softphone', event.softphone?.name ?? ''],
    ['userGroup', event.user?.userGroups?.[0] ?? ''],
  ];
}

function sightingOf(tenantId: string, slot: Slot, kind: 'first' | 'last', e: CheckedEvent): Insertable<SightingTable> {
  const { host, softphone, user } = e.event;
  return {
    tenant_id: tenantId,
    device_id: slot.device.id,
    kind,
    seen_at: e.at,
    client_instance_id: host?.clientInstanceId ?? null,
    hostname: host?.hostName ?? null,
    host_os: host?.os ?? null,
    host_os_version: host?.osVersion ?? null,
    softphone_name: softphone?.name ?? null,
    softphone_plugin_id: softphone?.pluginId ?? null,
    softphone_vendor: softphone?.vendor ?? null,
    softphone_version: softphone?.version ?? null,
    username: user?.username ?? null,
    first_name: user?.firstName ?? null,
    last_name: user?.lastName ?? null,
    user_groups: JSON.stringify(user?.userGroups ?? []),
  };
}

function hasSightingDetails(e: CheckedEvent): boolean {
  return e.event.host !== undefined || e.event.softphone !== undefined || e.event.user !== undefined;
}

function sameMaker(stored: string | null, reported: string | null): boolean {
  return stored === null || reported === null || stored.toLowerCase() === reported.toLowerCase();
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 128) : null;
}

export type { EventProblem };
