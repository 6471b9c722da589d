/**
 * Compliance recompute after a policy change (`npm run bench:compliance [devices]`, default 1,000,000): builds a
 * one-tenant fleet of that many devices (three catalogue products and a share of devices of none, owners in ten
 * user groups, mixed main firmware), then times each change through the services exactly as the API makes it —
 * the policy write, its audit event and the re-derivation of the devices it can govern, in one transaction:
 *
 *   1. create a policy of the largest product (60 % of the fleet);
 *   2. create a tenant-wide policy (every device is read; the owners' groups are read because a group policy
 *      exists);
 *   3. change the tenant-wide policy's target version;
 *   4. import a newer catalogue release for a product followed by a "latest" policy (30 % of the fleet).
 *
 * Prints, per change, the wall time, devices examined per second and devices rewritten (whose compliance or
 * governing policy changed), then the time of one compliance summary of the whole fleet. The
 * database is a SQLite file in the temp directory (removed afterwards), or with DATABASE_URL=postgres://… a
 * scratch database created on that server and dropped afterwards. The fleet is bulk-inserted, not audited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { insertRows } from '../src/db/bulk-insert.js';
import { openStore } from '../src/db/database.js';
import { newId } from '../src/db/ids.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/modules/audit/audit-trail.js';
import type { DeviceTable } from '../src/modules/devices/device.table.js';
import { CompliancePolicyService } from '../src/modules/firmware/compliance-policy.service.js';
import { ComplianceSummaryService } from '../src/modules/firmware/compliance-summary.js';
import { FirmwareCatalogService } from '../src/modules/firmware/firmware-catalog.service.js';
import { versionSortKey } from '../src/modules/firmware/version-order.js';
import { createBenchTenant, createScratchDatabase } from './scratch.js';

const devices = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(devices) || devices < 1000) throw new Error('devices: a whole number of at least 1000');
const serverUrl = process.env.DATABASE_URL;
const scratch = serverUrl ? await createScratchDatabase(serverUrl, 'compliance') : undefined;
const file = path.join(os.tmpdir(), `ucfleet-compliance-bench-${process.pid}.db`);
const store = openStore(scratch?.url ?? file);
const engine = scratch ? `PostgreSQL (${new URL(serverUrl!).host})` : 'SQLite (file, WAL, synchronous=FULL)';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

try {
  await migrateToLatest(store.db);
  const { tenantId } = await createBenchTenant(store, `compliance-${process.pid}`);
  const at = Date.now();

  // The catalogue: three products with main releases.
  const products = ['BENCH-H1', 'BENCH-H2', 'BENCH-P1'].map((modelId) => ({ id: newId(), modelId }));
  await insertRows(
    store.db,
    store.capabilities,
    'products',
    products.map((p) => ({
      id: p.id,
      manufacturer: 'Bench',
      family: null,
      model_id: `${p.modelId}-${process.pid}`,
      name: p.modelId,
      type: 'USB',
      device_kind: 'Headset',
      usb_vendor_id: null,
      usb_product_id: null,
      sku: null,
      box_billing_id: null,
      line_count: null,
      features: '[]',
      created_at: at,
    })),
  );
  const versions = ['1.0', '1.1', '1.2'];
  await insertRows(
    store.db,
    store.capabilities,
    'firmware_releases',
    products.flatMap((p) =>
      versions.map((version, i) => ({
        id: newId(),
        product_id: p.id,
        component: 'main',
        version,
        released_at: Date.UTC(2025, i, 1),
        update_id: null,
        notes: null,
        version_key: versionSortKey(version),
      })),
    ),
  );

  // People in ten user groups (one or two each, in priority order).
  const groups = Array.from({ length: 10 }, (_, i) => ({ id: newId(), name: `Group ${i}` }));
  await insertRows(
    store.db,
    store.capabilities,
    'user_groups',
    groups.map((g) => ({ ...g, tenant_id: tenantId, description: null, created_at: at, updated_at: at, version: 1 })),
  );
  const people = Array.from({ length: Math.max(100, Math.floor(devices / 20)) }, () => newId());
  const t0 = performance.now();
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < people.length; i += 10_000) {
      const chunk = people.slice(i, i + 10_000);
      await insertRows(
        trx,
        store.capabilities,
        'people',
        chunk.map((id, j) => ({
          id,
          tenant_id: tenantId,
          username: `bench-${i + j}`,
          first_name: null,
          last_name: null,
          email: null,
          extension_number: null,
          roles: '[]',
          site_id: null,
          agent_state: null,
          agent_work_mode: null,
          source_system: 'bench',
          external_id: null,
          synced_at: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })),
      );
      await insertRows(
        trx,
        store.capabilities,
        'group_memberships',
        chunk.flatMap((personId, j) => {
          const n = i + j;
          const first = { tenant_id: tenantId, person_id: personId, group_id: groups[n % 10]!.id, position: 0 };
          const second = { tenant_id: tenantId, person_id: personId, group_id: groups[(n + 3) % 10]!.id, position: 1 };
          return n % 2 === 0 ? [first, second] : [first];
        }),
      );
    }
  });

  // The fleet: 60 % of the first product, 30 % of the second, 5 % of the phone, 5 % of none; 80 % owned.
  const CHUNK = 20_000;
  for (let start = 0; start < devices; start += CHUNK) {
    const rows: Insertable<DeviceTable>[] = [];
    for (let n = start; n < Math.min(devices, start + CHUNK); n++) {
      const share = n % 20;
      const product = share < 12 ? products[0]! : share < 18 ? products[1]! : share < 19 ? products[2]! : null;
      rows.push({
        id: newId(),
        tenant_id: tenantId,
        kind: 'Headset',
        product_id: product?.id ?? null,
        manufacturer: product ? 'Bench' : null,
        name: `Device ${n}`,
        serial: `BENCH${n}`,
        status: 'Online',
        owner_person_id: n % 5 === 0 ? null : people[n % people.length]!,
        fw_main: n % 7 === 0 ? null : versions[n % 3]!,
        compliance: 'unknown',
        policy_id: null,
        source_system: 'bench',
        hot_desk: 0,
        common_phone: 0,
        do_not_disturb: 0,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
    await store.db.transaction().execute((trx) => insertRows(trx, store.capabilities, 'devices', rows));
  }
  await store.analyze();
  console.log(
    `${engine}: built ${fmt(devices)} devices, ${fmt(people.length)} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const policies = new CompliancePolicyService(store.db);
  const catalog = new FirmwareCatalogService(store.db, store.capabilities);
  const actor = systemActor(tenantId);
  /** Each rewritten device gets version + 1: the sum of versions counts the devices a change rewrote. */
  const versionSum = async () =>
    Number(
      (
        await store.db
          .selectFrom('devices')
          .select((eb) => eb.fn.sum<number>('version').as('v'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).v,
    );
  const timed = async (label: string, examined: number, change: () => Promise<unknown>) => {
    const before = await versionSum();
    const started = performance.now();
    await change();
    const seconds = (performance.now() - started) / 1000;
    const rewritten = (await versionSum()) - before;
    console.log(
      `${label}: ${seconds.toFixed(2)} s — ${fmt(examined / seconds)} devices/s ` +
        `(${fmt(examined)} devices examined, ${fmt(rewritten)} rewritten)`,
    );
  };

  const share = (from: number, to: number) =>
    Array.from({ length: devices }, (_, n) => n % 20).filter((s) => s >= from && s < to).length;
  await policies.create(actor, {
    name: 'Sales on 1.1',
    product: null,
    userGroup: { id: groups[1]!.id },
    component: 'main',
    targetVersion: '1.1',
    allowDecline: false,
  });
  await timed('1. create a product policy (60 % of the fleet)', share(0, 12), () =>
    policies.create(actor, {
      name: 'H1 on 1.2',
      product: { id: products[0]!.id },
      userGroup: null,
      component: 'main',
      targetVersion: '1.2',
      allowDecline: false,
    }),
  );
  let tenantWideId = '';
  await timed('2. create a tenant-wide policy (every device)', devices, async () => {
    const created = await policies.create(actor, {
      name: 'Everything on 1.0',
      product: null,
      userGroup: null,
      component: 'main',
      targetVersion: '1.0',
      allowDecline: false,
    });
    tenantWideId = created.row.id;
  });
  await timed('3. change the tenant-wide policy (every device)', devices, () =>
    policies.patch(actor, tenantWideId, { targetVersion: '1.1' }),
  );
  await policies.create(actor, {
    name: 'H2 latest',
    product: { id: products[1]!.id },
    userGroup: null,
    component: 'main',
    targetVersion: 'latest',
    allowDecline: false,
  });
  await timed('4. import a newer release followed by a "latest" policy (30 % of the fleet)', share(12, 18), () =>
    catalog.importReleases(
      [
        {
          row: 1,
          line: 2,
          value: { productId: products[1]!.id, component: 'main', version: '1.3', releasedAt: '2026-01-01' },
        },
      ],
      { dryRun: false },
    ),
  );
  const summaries = new ComplianceSummaryService(store.db);
  const started = performance.now();
  const summary = await summaries.summarize({ tenantId, onlyPerson: null });
  console.log(
    `GET /v1/compliance/summary (totals, by product, user group and site): ${(performance.now() - started).toFixed(0)} ms ` +
      `— ${JSON.stringify(summary.totals)}`,
  );
} finally {
  await store.close();
  await scratch?.drop();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
