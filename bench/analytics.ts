/**
 * Adoption analytics latency at 1,000,000 devices and 10,000,000 events (issue 9): the four analytics requests
 * over HTTP against the compiled server, p50 and p95 of BENCH_REQUESTS sequential calls each.
 *
 * The dataset is written directly (better-sqlite3, one transaction per table) so that it takes a minute, not the
 * hours of pushing 10M events through the API: the sandbox tenant with BENCH_DEVICES devices, each given a
 * product, site, softphone and user group and EVENTS_PER_DEVICE reports on random days of the past year (first
 * seen on the first); the ledger gets one row per report, and the rollups (telemetry_daily) hold exactly what
 * ingest would have counted for those reports (test/telemetry/analytics.test.ts checks ingest's counting).
 * Analytics read only the rollups and the devices' last-seen index, never the ledger.
 *
 * Usage: npm run bench:analytics   (env: BENCH_DEVICES=1000000 BENCH_REQUESTS=50 BENCH_SKIP_BUILD=1)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { newId } from '../src/db/ids.js';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoFleet } from '../src/demo/fleet.js';
import { startApp, stopChild } from './servers.js';
import { AUTH, ROOT } from './settings.js';

const envInt = (name: string, fallback: number) => {
  const raw = process.env[name]?.replace(/_/g, '');
  return raw ? Math.max(1, Math.trunc(Number(raw))) : fallback;
};
const DEVICES = envInt('BENCH_DEVICES', 1_000_000);
const REQUESTS = envInt('BENCH_REQUESTS', 50);
const EVENTS_PER_DEVICE = 10;
const DAY_MS = 86_400_000;
const SOFTPHONES = ['Teams', 'Zoom', 'Webex', 'RingCentral', 'Genesys Cloud', 'Jabber'];
const GROUPS = ['Sales', 'Support', 'Engineering', 'Finance', 'Executives', 'Marketing', 'Operations', 'HR'];

/** A small deterministic generator, so two runs build the same fleet. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function build(file: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const store = openStore(file);
  await migrateToLatest(store.db);
  await seedDemoFleet(store, { devices: 0 });
  await store.close();

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // The sandbox tenant: the one the demo's API keys (the sandbox key among them) belong to.
  const tenantId = (
    db.prepare('select tenant_id from api_keys order by created_at limit 1').get() as {
      tenant_id: string;
    }
  ).tenant_id;
  const products = db.prepare('select id, manufacturer, name from products order by id').all() as {
    id: string;
    manufacturer: string;
    name: string;
  }[];
  const sites = (db.prepare('select id from sites where tenant_id = ?').all(tenantId) as { id: string }[]).map(
    (s) => s.id,
  );
  const today = Math.floor(Date.now() / DAY_MS);
  const next = random(7);
  const insertDevice = db.prepare(`insert into devices (id, tenant_id, kind, product_id, manufacturer, name, serial,
    status, site_id, compliance, hot_desk, common_phone, do_not_disturb, last_seen_at, telemetry_seen_at, source_system,
    created_at, updated_at, version) values (?, ?, 'Headset', ?, ?, ?, ?, 'Offline', ?, 'unknown', 0, 0, 0, ?, ?,
    'telemetry', ?, ?, 1)`);
  const insertEvent = db.prepare('insert into telemetry_events values (?, ?, ?, ?, ?, ?)');
  const rollup = new Map<string, { day: number; dimension: string; key: string; active: number; fresh: number }>();
  const count = (day: number, dimension: string, key: string, column: 'active' | 'fresh') => {
    const id = `${dimension}\u0000${day}\u0000${key}`;
    const row = rollup.get(id) ?? { day, dimension, key, active: 0, fresh: 0 };
    row[column] += 1;
    rollup.set(id, row);
  };

  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < DEVICES; i++) {
      const product = products[i % products.length]!;
      const site = sites.length > 0 && i % 5 !== 0 ? sites[i % sites.length]! : null;
      const softphone = SOFTPHONES[i % SOFTPHONES.length]!;
      const group = GROUPS[i % GROUPS.length]!;
      // At least EVENTS_PER_DEVICE days before today, so the device has as many distinct days to report on.
      const firstDay = today - EVENTS_PER_DEVICE - Math.floor(next() * (365 - EVENTS_PER_DEVICE));
      const days = new Set<number>([firstDay]);
      while (days.size < EVENTS_PER_DEVICE) days.add(firstDay + Math.floor(next() * (today - firstDay + 1)));
      const sorted = [...days].sort((a, b) => a - b);
      const lastSeen = sorted.at(-1)! * DAY_MS + 9 * 3_600_000;
      const id = newId();
      const serial = `AN-${i}`;
      insertDevice.run(
        id,
        tenantId,
        product.id,
        product.manufacturer,
        product.name,
        serial,
        site,
        lastSeen,
        lastSeen,
        lastSeen,
        lastSeen,
      );
      const keys: [string, string][] = [
        ['all', ''],
        ['product', product.id],
        ['manufacturer', product.manufacturer],
        ['site', site ?? ''],
        ['softphone', softphone],
        ['userGroup', group],
      ];
      sorted.forEach((day, k) => {
        const at = day * DAY_MS + 9 * 3_600_000;
        insertEvent.run(tenantId, `an-${i}-${k}`, 'heartbeat', `serial:${serial}`, at, at);
        for (const [dimension, key] of keys) {
          count(day, dimension, key, 'active');
          if (k === 0) count(day, dimension, key, 'fresh');
        }
      });
    }
    const insertRollup = db.prepare('insert into telemetry_daily values (?, ?, ?, ?, ?, ?)');
    for (const r of rollup.values()) insertRollup.run(tenantId, r.day, r.dimension, r.key, r.active, r.fresh);
  })();
  db.exec('analyze');
  db.close();
  console.log(
    `built ${DEVICES.toLocaleString('en')} devices, ${(DEVICES * EVENTS_PER_DEVICE).toLocaleString('en')} ledger events and ${rollup.size.toLocaleString('en')} rollup rows in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const compiled = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (compiled.status !== 0) throw new Error('build failed');
  }
  const file = path.join(ROOT, 'data', `bench-analytics-${DEVICES}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file) || process.env.BENCH_RESEED === '1') await build(file);
  else console.log(`reusing ${file} (BENCH_RESEED=1 rebuilds it)`);

  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * DAY_MS).toISOString().slice(0, 10);
  const requests = [
    `/v1/analytics/active-devices?from=${monthAgo}&to=${today}`,
    `/v1/analytics/active-devices?from=${yearAgo}&to=${today}&by=product`,
    `/v1/analytics/active-devices?from=${monthAgo}&to=${today}&by=userGroup`,
    `/v1/analytics/new-devices?from=${yearAgo}&to=${today}&by=softphone`,
    '/v1/analytics/unseen-devices?days=30',
  ];
  const server = await startApp('analytics', file);
  console.log(`\n| request (${DEVICES.toLocaleString('en')} devices) | answer | p50 ms | p95 ms |`);
  console.log('|---|---:|---:|---:|');
  try {
    for (const url of requests) {
      const times: number[] = [];
      let size = 0;
      for (let i = 0; i < REQUESTS + 3; i++) {
        const t = performance.now();
        const res = await fetch(`${server.origin}${url}`, { headers: AUTH });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
        if (i >= 3) times.push(performance.now() - t); // the first calls warm the statement cache
        size = body.length;
      }
      times.sort((a, b) => a - b);
      const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      console.log(
        `| \`${url.replace(/\d{4}-\d{2}-\d{2}/g, (d) => (d === today ? 'today' : d === monthAgo ? 'today-29' : 'today-365'))}\` | ${(size / 1024).toFixed(1)} kB | ${p(0.5)} | ${p(0.95)} |`,
      );
    }
  } finally {
    await stopChild(server.child);
  }
}

await main();
