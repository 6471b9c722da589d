/**
 * Concurrency soak (`npm run soak:writes`): the "loses no update" test of test/http/device-writes.test.ts at soak
 * size, against a real server process. SOAK_CLIENTS clients (default 20) each run SOAK_ROUNDS (default 500)
 * read-modify-write rounds on one device's counter (its name, `counter N`): GET the device, then PATCH
 * `counter N+1` with If-Match set to the ETag read. 200 is a write; 412 means another client wrote first, and the
 * client's next round reads again (a retry). Afterwards the counter must equal the number of 200s (else updates
 * were lost), the device's version 1 + that, and the `device.update` audit events that many too.
 *
 * The server is `src/cli/main.ts serve` (run through tsx, no build needed) on a fresh database: a SQLite file in
 * the temporary directory by default, or with DATABASE_URL=postgres://… a scratch database created on that server
 * (dropped afterwards). Rate limits are off: the soak measures the write path, not the limiter.
 * Exits 1 when an update was lost or a request answered anything but 200 or 412.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createBenchTenant, createScratchDatabase } from './scratch.js';
import { ROOT } from './settings.js';

const clients = positiveInt('SOAK_CLIENTS', 20);
const rounds = positiveInt('SOAK_ROUNDS', 500);
const serverUrl = process.env.DATABASE_URL?.trim() || undefined;

const database = serverUrl ? await createScratchDatabase(serverUrl, 'soak') : sqliteFile();
let server: ChildProcess | undefined;
try {
  const key = await prepare(database.url);
  const port = await freePort();
  server = startServer(database.url, port);
  const origin = `http://127.0.0.1:${port}`;
  await waitReady(`${origin}/readyz`, server);
  const report = await soak(origin, key);
  await stop(server);
  server = undefined;
  const audited = await countUpdateEvents(database.url);
  const lost = report.writes - report.counter;
  const engine = serverUrl ? `PostgreSQL (${new URL(serverUrl).host})` : 'SQLite (file)';
  console.log(`${engine}: ${clients} clients × ${rounds} read-modify-write rounds with If-Match`);
  console.log(`writes (200):   ${report.writes.toLocaleString('en-US')}; counter ${report.counter}`);
  console.log(`lost updates:   ${lost}`);
  console.log(`412 retries:    ${report.retries.toLocaleString('en-US')}`);
  console.log(`version:        ${report.version} (expected ${report.writes + 1}); device.update events: ${audited}`);
  console.log(
    `throughput:     ${rate(report.writes, report.ms)} writes/s, ${rate(report.requests, report.ms)} requests/s ` +
      `(${(report.ms / 1000).toFixed(1)} s)`,
  );
  const consistent =
    lost === 0 &&
    report.writes + report.retries === clients * rounds &&
    report.version === report.writes + 1 &&
    audited === report.writes;
  if (!consistent) {
    console.error('FAIL: the counter, the version and the audit trail do not all show every write.');
    process.exitCode = 1;
  }
} finally {
  if (server) await stop(server);
  await database.drop();
}

interface Report {
  readonly writes: number;
  readonly retries: number;
  readonly requests: number;
  readonly counter: number;
  readonly version: number;
  readonly ms: number;
}

/** Runs the clients' rounds; a refused write (412) is retried by the client's next round. */
async function soak(origin: string, key: string): Promise<Report> {
  const headers = { authorization: `Bearer ${key}` };
  const json = { ...headers, 'content-type': 'application/json' };
  const created = await fetch(`${origin}/v1/devices`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ kind: 'Headset', name: 'counter 0' }),
  });
  if (created.status !== 201) throw new Error(`creating the device: ${created.status} ${await created.text()}`);
  const url = `${origin}/v1/devices/${((await created.json()) as { id: string }).id}`;
  const counterOf = (name: string) => Number(/^counter (\d+)$/.exec(name)?.[1] ?? Number.NaN);

  let writes = 0;
  let retries = 0;
  let requests = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let round = 0; round < rounds; round++) {
        const read = await fetch(url, { headers });
        requests += 1;
        if (read.status !== 200) throw new Error(`GET: ${read.status} ${await read.text()}`);
        const next = counterOf(((await read.json()) as { name: string }).name) + 1;
        const write = await fetch(url, {
          method: 'PATCH',
          headers: { ...json, 'if-match': read.headers.get('etag') ?? '' },
          body: JSON.stringify({ name: `counter ${next}` }),
        });
        requests += 1;
        await write.arrayBuffer();
        if (write.status === 200) writes += 1;
        else if (write.status === 412) retries += 1;
        else throw new Error(`PATCH: unexpected ${write.status}`);
      }
    }),
  );
  const ms = performance.now() - started;
  const final = (await (await fetch(url, { headers })).json()) as { name: string; version: number };
  return { writes, retries, requests, counter: counterOf(final.name), version: final.version, ms };
}

/** Migrates the fresh database and adds a tenant with an admin API key; returns the key. */
async function prepare(url: string): Promise<string> {
  const store = openStore(url, { poolSize: 2 });
  try {
    await migrateToLatest(store.db);
    const { key } = await createBenchTenant(store, 'soak');
    return key;
  } finally {
    await store.close();
  }
}

async function countUpdateEvents(url: string): Promise<number> {
  const store = openStore(url, { poolSize: 1 });
  try {
    const row = await store.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'device.update')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await store.close();
  }
}

function startServer(url: string, port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    RATE_LIMITS: 'off',
  };
  delete env.NODE_OPTIONS;
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'main.ts'), 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function sqliteFile(): { url: string; drop: () => Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-soak-'));
  return { url: path.join(dir, 'soak.db'), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1 (got "${raw}")`);
  return value;
}

function rate(count: number, ms: number): string {
  return Math.round((count / ms) * 1000).toLocaleString('en-US');
}
