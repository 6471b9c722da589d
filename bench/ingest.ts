/**
 * Telemetry ingest throughput over HTTP (issue 9, DESIGN.md "Performance": ≥ 100,000 events/s accepted, durably,
 * on SQLite in batches of 1,000), reported next to the raw insert rate of the same ledger rows with better-sqlite3
 * in one transaction, as a ratio measured in the same run.
 *
 * The server is the compiled app (`node dist/cli/main.js serve`, rate limits off) on a fresh database holding only
 * the demo sandbox tenant (SQLite file under data/, WAL with synchronous=FULL as in production; or PostgreSQL with
 * DATABASE_URL=postgres://… — a scratch database is created on that server and dropped afterwards). The client
 * prepares every batch body before the clock starts and keeps BENCH_CONNECTIONS batches in flight.
 *
 * Two phases over BENCH_FLEET distinct devices (serials): "first sight" (every device is new: created, audited,
 * first sighting, rollups) and "steady" (known devices: heartbeats, a firmware report in every tenth event, with
 * host and softphone details).
 *
 * Usage: npm run bench:ingest   (env: BENCH_FLEET=100000 BENCH_BATCH=1000 BENCH_CONNECTIONS=4 BENCH_STEADY_ROUNDS=3)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoFleet } from '../src/demo/fleet.js';
import { type Server, startApp, stopChild } from './servers.js';
import { AUTH, ROOT } from './settings.js';
import { createScratchDatabase } from './scratch.js';

const envInt = (name: string, fallback: number) => {
  const raw = process.env[name]?.replace(/_/g, '');
  return raw ? Math.max(1, Math.trunc(Number(raw))) : fallback;
};
const FLEET = envInt('BENCH_FLEET', 100_000);
const BATCH = envInt('BENCH_BATCH', 1_000);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 4);
const STEADY_ROUNDS = envInt('BENCH_STEADY_ROUNDS', 3);
const BASE_TIME = Date.now() - 3_600_000;

interface EventRow {
  id: string;
  type: string;
  serial: string;
  at: number;
}

function eventsFor(phase: string, round: number): EventRow[] {
  const rows: EventRow[] = [];
  for (let i = 0; i < FLEET; i++) {
    const type = phase === 'first' ? 'attached' : i % 10 === 0 ? 'firmware' : 'heartbeat';
    rows.push({ id: `${phase}-${round}-${i}`, type, serial: `BENCH-${i}`, at: BASE_TIME + round * 60_000 + i });
  }
  return rows;
}

function bodiesOf(rows: readonly EventRow[]): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const events = rows.slice(i, i + BATCH).map((r) => ({
      id: r.id,
      type: r.type,
      occurredAt: new Date(r.at).toISOString(),
      device: { serial: r.serial, usbVendorId: '047F', usbProductId: 'AC28', name: 'Bench headset' },
      host: { clientInstanceId: `ci-${r.serial}`, hostName: `HOST-${r.serial}`, os: 'Windows', osVersion: '11' },
      softphone: { name: 'Teams', vendor: 'Microsoft', version: '1.7' },
      user: { username: `user-${r.serial}`, userGroups: ['Sales'] },
      ...(r.type === 'firmware' ? { firmware: { main: `2.${r.at % 7}`, usb: '1.0' } } : {}),
    }));
    bodies.push(JSON.stringify({ events }));
  }
  return bodies;
}

async function send(server: Server, bodies: readonly string[]): Promise<{ seconds: number; accepted: number }> {
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`${server.origin}/v1/telemetry/events`, {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      const report = (await res.json()) as { accepted: number; rejected: unknown[] };
      if (report.rejected.length > 0) throw new Error(`rejected events: ${JSON.stringify(report.rejected[0])}`);
      accepted += report.accepted;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { seconds: (performance.now() - started) / 1000, accepted };
}

/** The same ledger rows, inserted by better-sqlite3 into a fresh durable file in one transaction. */
function rawInsertRate(rows: readonly EventRow[], file: string): number {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}-wal`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`create table telemetry_events (tenant_id text not null, id text not null, type text not null,
    device_key text not null, occurred_at integer not null, received_at integer not null,
    primary key (tenant_id, id))`);
  const insert = db.prepare('insert into telemetry_events values (?, ?, ?, ?, ?, ?)');
  const started = performance.now();
  db.transaction(() => {
    const now = Date.now();
    for (const r of rows) insert.run('tenant', r.id, r.type, `serial:${r.serial}`, r.at, now);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  const pgUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
  const scratch = pgUrl ? await createScratchDatabase(pgUrl, 'ingest') : undefined;
  const dataDir = path.join(ROOT, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const sqliteFile = path.join(dataDir, 'bench-ingest.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteFile}${suffix}`, { force: true });
  const databaseUrl = scratch?.url ?? sqliteFile;

  const store = openStore(databaseUrl);
  await migrateToLatest(store.db);
  await seedDemoFleet(store, { devices: 0 });
  await store.close();

  const first = eventsFor('first', 0);
  const steady = Array.from({ length: STEADY_ROUNDS }, (_, round) => eventsFor('steady', round + 1));
  const firstBodies = bodiesOf(first);
  const steadyBodies = steady.map(bodiesOf);
  const bytes = firstBodies.reduce((n, b) => n + b.length, 0) / first.length;
  console.log(
    `ingest bench: ${pgUrl ? 'PostgreSQL' : 'SQLite'}, fleet ${FLEET}, batches of ${BATCH}, ${CONNECTIONS} in flight, ~${Math.round(bytes)} bytes/event`,
  );

  const server = await startApp('ingest', databaseUrl);
  const results: { phase: string; events: number; seconds: number; rate: number }[] = [];
  try {
    const f = await send(server, firstBodies);
    results.push({
      phase: 'first sight (devices created)',
      events: f.accepted,
      seconds: f.seconds,
      rate: f.accepted / f.seconds,
    });
    for (let round = 0; round < STEADY_ROUNDS; round++) {
      const s = await send(server, steadyBodies[round]!);
      results.push({
        phase: `steady round ${round + 1}`,
        events: s.accepted,
        seconds: s.seconds,
        rate: s.accepted / s.seconds,
      });
    }
  } finally {
    await stopChild(server.child);
    await scratch?.drop();
  }
  const raw = rawInsertRate(steady.flat(), path.join(dataDir, 'bench-ingest-raw.db'));
  console.log('\n| phase | events | seconds | events/s | ÷ raw insert |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.phase} | ${r.events} | ${r.seconds.toFixed(2)} | ${Math.round(r.rate).toLocaleString('en')} | ${(r.rate / raw).toFixed(3)} |`,
    );
  }
  console.log(
    `| raw better-sqlite3 insert, one transaction | ${steady.flat().length} | | ${Math.round(raw).toLocaleString('en')} | 1 |`,
  );
  const steadyRates = results
    .slice(1)
    .map((r) => r.rate)
    .sort((a, b) => a - b);
  const median = steadyRates[Math.floor(steadyRates.length / 2)] ?? 0;
  console.log(`\nsteady median ${Math.round(median).toLocaleString('en')} events/s (target ≥ 100,000 on SQLite)`);
}

await main();
