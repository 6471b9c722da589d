/**
 * The demo fleet: a deterministic, realistic multi-vendor inventory, from a handful of devices to
 * millions, written through bulk inserts on an empty, migrated database.
 *
 * Always present: the Plantronics sandbox tenant of the vendor documentation (sandbox.ts). Further
 * tenants get their own API key, derived from the seed and printed in the summary.
 *
 * Split of devices: with one tenant, the sandbox gets them all; otherwise the sandbox gets half
 * (rounded up) and the other tenants share the rest evenly. The sandbox is the showcase and the
 * tenant benchmarks list from; the others exist to show (and test) tenant isolation.
 *
 * Everything follows from `seed` and `now`: ids are UUIDv7 built from each row's creation instant
 * and seeded random bytes, so ordering by id is ordering by creation. Devices are created in time
 * order, spread over the two years before `now`, each tenant's people and workspaces just before
 * their devices. Rows are produced and written in chunks (one transaction per chunk), so memory stays
 * flat however large the fleet.
 */
import type { Store } from '../db/database.js';
import { TenantRepository } from '../modules/tenants/tenant.repository.js';
import { Batch, writeBatch } from './batch.js';
import { ProductIndex, ensureCatalog } from './ensure-catalog.js';
import { DAY, type FleetContext, TWO_YEARS, type TenantState } from './fleet-state.js';
import { addPerson } from './people.js';
import { randomPerson } from './personas.js';
import { Random } from './random.js';
import { SANDBOX_USER_DEVICES, addSandboxLogins, addSandboxStaff, addSandboxUser } from './sandbox.js';
import { type DemoSummary, countRows, emptySummary } from './summary.js';
import { createTenant } from './tenants.js';
import { addWorkspace } from './workspaces.js';

export type { DemoSummary, DemoTenantSummary } from './summary.js';

/** The default "now" of a demo fleet: fixed, so that a seed always gives the same rows. */
export const DEMO_NOW = Date.UTC(2026, 10, 1);

export interface SeedDemoOptions {
  /** Total number of devices, over all tenants. */
  devices: number;
  /** Total number of tenants, the sandbox included (default 1: only the sandbox). */
  tenants?: number;
  seed?: number;
  /** The instant the fleet is "as of" (epoch ms); default DEMO_NOW. */
  now?: number;
  /** Devices per transaction (default 10,000). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function seedDemoFleet(store: Store, options: SeedDemoOptions): Promise<DemoSummary> {
  const devices = options.devices;
  const tenantCount = options.tenants ?? 1;
  const seed = options.seed ?? 1;
  const now = options.now ?? DEMO_NOW;
  const chunkSize = options.chunkSize ?? 10_000;
  if (!Number.isInteger(devices) || devices < 0) throw new RangeError('devices must be a non-negative integer');
  if (!Number.isInteger(tenantCount) || tenantCount < 1)
    throw new RangeError('tenants must be an integer of at least 1');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!(await new TenantRepository(store.db).isEmpty())) {
    throw new Error('The database already holds tenants; the demo fleet is seeded only into an empty database.');
  }

  const catalog = await ensureCatalog(store);
  const ctx: FleetContext = { seed, now, batch: new Batch(), products: new ProductIndex(catalog.products) };
  const summary = emptySummary(seed, now);
  let done = 0;
  const flush = async (): Promise<void> => {
    const rows = ctx.batch.take();
    await writeBatch(store, rows);
    countRows(summary, rows);
    done += rows.devices.length;
    options.onProgress?.(done, devices);
  };
  const maybeFlush = async (): Promise<void> => {
    if (ctx.batch.devices >= chunkSize) await flush();
  };

  const quotas = splitDevices(devices, tenantCount);
  for (let index = 0; index < tenantCount; index++) {
    const t = createTenant(ctx, index, quotas[index]!);
    summary.tenants.push(t.summary);
    await fillTenant(ctx, t, maybeFlush);
  }
  await flush();
  await addSandboxLogins(store, summary.tenants[0]!.id, now);

  summary.products = catalog.inserted.products;
  summary.firmwareReleases = catalog.inserted.firmwareReleases;
  return summary;
}

function splitDevices(devices: number, tenants: number): number[] {
  if (tenants === 1) return [devices];
  const sandbox = Math.max(Math.ceil(devices / 2), Math.min(devices, SANDBOX_USER_DEVICES));
  const rest = devices - sandbox;
  const others = tenants - 1;
  return [
    sandbox,
    ...Array.from({ length: others }, (_, i) => Math.floor(rest / others) + (i < rest % others ? 1 : 0)),
  ];
}

/** People (97%) and workspaces (3%) with their devices, in time order, until the tenant's quota is met. */
async function fillTenant(ctx: FleetContext, t: TenantState, maybeFlush: () => Promise<void>): Promise<void> {
  const rng = new Random(`seed:${ctx.seed}:${t.label}:people`);
  if (t.index === 0) {
    addSandboxUser(ctx, t);
    addSandboxStaff(ctx, t);
  }
  const start = ctx.now - TWO_YEARS;
  const step = (TWO_YEARS - 3 * DAY) / Math.max(1, t.quota);
  while (t.devicesCreated < t.quota) {
    const at = Math.round(start + step * t.devicesCreated + rng.next() * step);
    if (rng.chance(0.03)) addWorkspace(ctx, t, rng, at);
    else addPerson(ctx, t, rng, at, randomPerson(t, rng));
    await maybeFlush();
  }
}
