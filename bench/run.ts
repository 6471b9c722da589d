/**
 * `npm run bench`: the native device API against a bare node:http ceiling, on a large fleet.
 *
 * 1. Builds dist/ (the servers under test run compiled code: `node dist/cli/main.js serve`).
 * 2. Seeds ./data/bench-1m.db and ./data/bench-10k.db with the seed command, unless they already
 *    hold the expected fleet with the current schema.
 * 3. Starts, each in its own process: the app on the large fleet, the app on the 10k fleet, a raw
 *    node:http server whose constant bodies are the app's real responses, and bare Fastify sending
 *    the same bodies (the framework's share of the gap).
 * 4. For the list and the get request, alternates raw / fastify / app(large) / app(10k) runs of
 *    autocannon, each in a separate process, and reports medians, ratios, latencies, CPU per request
 *    and the app's memory. See bench/README.md.
 *
 * Environment: BENCH_DEVICES (default 1000000), BENCH_SMALL_DEVICES (10000), BENCH_DURATION seconds
 * per measurement (10), BENCH_WARMUP seconds (3), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10),
 * BENCH_SAMPLE ids for get (1000), BENCH_TENANTS (1), BENCH_SEED (1), BENCH_LIST_QUERY (query string
 * of the list request), BENCH_SKIP_BUILD=1, BENCH_CPU_PROF=1 (writes .cpuprofile files of the app
 * servers into bench/results/profiles/), BENCH_ONLY=list|get, BENCH_FRAMEWORK=0 (skip bare Fastify),
 * BENCH_RESEED=1, BENCH_QUIET_CORES (0.3) and BENCH_QUIET_WAIT seconds (300): wait for other processes
 * to quiet down before each run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import type { LoadJob, LoadResult } from './load.js';

// ---------------------------------------------------------------------------------------------------------------------
// Settings

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SANDBOX_API_KEY = '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb';

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`);
  return value;
}

const settings = {
  devices: Math.trunc(envInt('BENCH_DEVICES', 1_000_000)),
  smallDevices: Math.trunc(envInt('BENCH_SMALL_DEVICES', 10_000)),
  duration: envInt('BENCH_DURATION', 10),
  warmup: envInt('BENCH_WARMUP', 3, 0),
  rounds: Math.trunc(envInt('BENCH_ROUNDS', 3)),
  connections: Math.trunc(envInt('BENCH_CONNECTIONS', 10)),
  sample: Math.trunc(envInt('BENCH_SAMPLE', 1000)),
  tenants: Math.trunc(envInt('BENCH_TENANTS', 1)),
  seed: Math.trunc(envInt('BENCH_SEED', 1)),
  // A realistic console view: the online Poly devices, one page of 50. Both filters have an index.
  listQuery: process.env.BENCH_LIST_QUERY ?? 'limit=50&status=Online&manufacturer=poly',
  skipBuild: process.env.BENCH_SKIP_BUILD === '1',
  reseed: process.env.BENCH_RESEED === '1',
  quietCores: envInt('BENCH_QUIET_CORES', 0.3, 0),
  quietWait: envInt('BENCH_QUIET_WAIT', 300, 0),
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  only: process.env.BENCH_ONLY as 'list' | 'get' | undefined,
  /** Also measure bare Fastify with the same constant bodies (the framework's share of the gap). */
  framework: process.env.BENCH_FRAMEWORK !== '0',
};

const TARGETS = { listRatio: 0.5, getRatio: 0.8, p50Scaling: 1.5, rssMb: 300 };

function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

// ---------------------------------------------------------------------------------------------------------------------
// Processes

const children = new Set<ChildProcess>();

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function killAllNow(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllNow();
    process.exit(130);
  });
}

/** The environment for child processes: without tsx's or anyone's NODE_OPTIONS. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

interface Server {
  readonly name: string;
  readonly origin: string;
  readonly child: ChildProcess;
  readonly pid: number;
}

async function startApp(name: string, databaseFile: string): Promise<Server> {
  const port = await freePort();
  const flags: string[] = [];
  if (settings.cpuProf) {
    const dir = path.join(ROOT, 'bench', 'results', 'profiles');
    fs.mkdirSync(dir, { recursive: true });
    flags.push('--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}-${Date.now()}.cpuprofile`);
  }
  const child = spawn(process.execPath, [...flags, path.join(ROOT, 'dist', 'cli', 'main.js'), 'serve'], {
    cwd: ROOT,
    env: childEnv({
      DATABASE_URL: databaseFile,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  const origin = `http://127.0.0.1:${port}`;
  await waitReady(`${origin}/readyz`, child);
  return { name, origin, child, pid: child.pid ?? -1 };
}

/** Starts a constant-body server (bench/raw-server.ts or bench/fastify-server.ts). */
async function startConstant(name: string, script: string, listBodyFile: string, getBodyFile: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'bench', script), String(port), listBodyFile, getBodyFile],
    { cwd: ROOT, env: childEnv({ NODE_ENV: 'production' }), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.add(child);
  const origin = `http://127.0.0.1:${port}`;
  await waitReady(`${origin}/`, child);
  return { name, origin, child, pid: child.pid ?? -1 };
}

// ---------------------------------------------------------------------------------------------------------------------
// /proc sampling: resident memory and CPU time of a server process

const CLOCK_TICKS = 100; // USER_HZ on Linux

function readRssMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime field 14, stime field 15 (1-based, see proc(5)).
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Busy CPU seconds of the whole machine so far (all cores), from /proc/stat. */
function readMachineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Datasets

interface DatasetMeta {
  readonly devices: number;
  readonly tenants: number;
  readonly seed: number;
  readonly totalDevices: number;
  readonly seedSeconds: number;
  /** schemaFingerprint() of the database after seeding. */
  readonly schema?: string;
}

/** A digest of a database's tables and indexes (their SQL), to tell whether it has the current schema. */
function schemaFingerprint(db: SqliteDatabase.Database): string {
  const rows = db
    .prepare(
      "select type, name, sql from sqlite_master where type in ('table', 'index') and name not like 'sqlite_%' order by type, name",
    )
    .all() as { type: string; name: string; sql: string | null }[];
  const text = rows.map((r) => `${r.type} ${r.name} ${(r.sql ?? '').replace(/\s+/g, ' ')}`).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function fileSchemaFingerprint(file: string): string | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      return schemaFingerprint(db);
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/** The schema the compiled migrations produce today, applied to a scratch in-memory database. */
async function currentSchemaFingerprint(): Promise<string> {
  type OpenStore = (url: string) => { db: unknown; close(): Promise<void> };
  type Migrate = (db: unknown) => Promise<unknown>;
  const { openStore } = (await import(path.join(ROOT, 'dist', 'db', 'database.js'))) as { openStore: OpenStore };
  const { migrateToLatest } = (await import(path.join(ROOT, 'dist', 'db', 'migrate.js'))) as {
    migrateToLatest: Migrate;
  };
  const file = path.join(os.tmpdir(), `ucfleet-bench-schema-${process.pid}.db`);
  const store = openStore(file);
  try {
    await migrateToLatest(store.db);
  } finally {
    await store.close();
  }
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return schemaFingerprint(db);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

function countDevices(file: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('select count(*) as n from devices').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '.meta.json']) fs.rmSync(file + suffix, { force: true });
}

function ensureDataset(devices: number, schema: string): { file: string; meta: DatasetMeta; reused: boolean } {
  const file = path.join(ROOT, 'data', `bench-${sizeLabel(devices)}.db`);
  const metaFile = `${file}.meta.json`;
  const count = countDevices(file);
  const fileSchema = fileSchemaFingerprint(file);
  let meta: DatasetMeta | undefined;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as DatasetMeta;
  } catch {
    meta = undefined;
  }
  const matches = meta
    ? meta.devices === devices &&
      meta.tenants === settings.tenants &&
      meta.seed === settings.seed &&
      meta.totalDevices === count
    : settings.tenants === 1 && count === devices;
  if (count !== undefined && fileSchema !== schema) {
    log(`${path.relative(ROOT, file)} was made with an older schema (the migrations changed since)`);
  }
  if (matches && count !== undefined && fileSchema === schema && !settings.reseed) {
    log(`reusing ${path.relative(ROOT, file)} (${count} devices)`);
    return {
      file,
      meta: meta ?? {
        devices,
        tenants: settings.tenants,
        seed: settings.seed,
        totalDevices: count,
        seedSeconds: Number.NaN,
      },
      reused: true,
    };
  }
  log(`seeding ${path.relative(ROOT, file)} with ${devices} devices (found ${count ?? 'no database'})…`);
  removeDatabase(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = Date.now();
  const args = [path.join(ROOT, 'dist', 'cli', 'main.js'), 'seed', '--devices', String(devices)];
  args.push('--tenants', String(settings.tenants), '--seed', String(settings.seed));
  if (!process.stderr.isTTY) args.push('--no-progress');
  const seeded = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ DATABASE_URL: file, LOG_LEVEL: 'warn' }),
    stdio: 'inherit',
  });
  if (seeded.status !== 0) {
    removeDatabase(file);
    throw new Error(`seeding ${file} failed (exit ${seeded.status ?? seeded.signal})`);
  }
  const seedSeconds = (Date.now() - started) / 1000;
  const totalDevices = countDevices(file);
  if (totalDevices === undefined) throw new Error(`${file} holds no devices table after seeding`);
  const fresh: DatasetMeta = {
    devices,
    tenants: settings.tenants,
    seed: settings.seed,
    totalDevices,
    seedSeconds,
    schema: fileSchemaFingerprint(file),
  };
  fs.writeFileSync(metaFile, `${JSON.stringify(fresh, null, 2)}\n`);
  log(`seeded ${totalDevices} devices in ${seedSeconds.toFixed(1)} s`);
  return { file, meta: fresh, reused: false };
}

/** Whether the database carries planner statistics (sqlite_stat1, written by ANALYZE or PRAGMA optimize). */
function hasPlannerStats(file: string): boolean {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get();
    return table !== undefined && db.prepare('select 1 from sqlite_stat1 limit 1').get() !== undefined;
  } finally {
    db.close();
  }
}

/** The sandbox tenant, its device count, and a random sample of its device ids. */
function sampleDataset(file: string, sample: number): { tenantId: string; tenantDevices: number; ids: string[] } {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256').update(SANDBOX_API_KEY, 'utf8').digest('hex');
    const key = db.prepare('select tenant_id from api_keys where key_hash = ?').get(hash) as
      { tenant_id: string } | undefined;
    if (!key) throw new Error(`${file}: the sandbox API key is not there`);
    const tenantDevices = (
      db.prepare('select count(*) as n from devices where tenant_id = ?').get(key.tenant_id) as { n: number }
    ).n;
    const ids = (
      db.prepare('select id from devices where tenant_id = ? order by random() limit ?').all(key.tenant_id, sample) as {
        id: string;
      }[]
    ).map((row) => row.id);
    if (ids.length === 0) throw new Error(`${file}: the sandbox tenant has no devices`);
    return { tenantId: key.tenant_id, tenantDevices, ids };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Measurements

const AUTH = { authorization: `Bearer ${SANDBOX_API_KEY}` };

async function fetchBody(origin: string, pathname: string): Promise<Buffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(origin + pathname, { headers: AUTH });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200) {
        throw new Error(`GET ${pathname} answered ${response.status}: ${body.toString().slice(0, 300)}`);
      }
      return body;
    } catch (error) {
      // fetch reports a dropped connection as "fetch failed"; its cause says why.
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      if (attempt >= 3) throw new Error(`GET ${origin}${pathname} failed${cause}`, { cause: error });
      log(`GET ${pathname} failed (${error instanceof Error ? error.message : String(error)}${cause}); retrying`);
      await sleep(500);
    }
  }
}

interface BodySizes {
  readonly list: number;
  readonly listItems: number;
  readonly getMedian: number;
  readonly getMin: number;
  readonly getMax: number;
}

/** Fetches the list page and every sampled device once; returns the sizes and bodies for the raw server. */
async function measureBodies(
  server: Server,
  listPath: string,
  ids: readonly string[],
): Promise<{ sizes: BodySizes; listBody: Buffer; getBody: Buffer }> {
  const listBody = await fetchBody(server.origin, listPath);
  const listItems = (JSON.parse(listBody.toString('utf8')) as { items: unknown[] }).items.length;
  const bodies: Buffer[] = [];
  for (const id of ids) bodies.push(await fetchBody(server.origin, `/v1/devices/${id}`));
  bodies.sort((a, b) => a.length - b.length);
  const getBody = bodies[Math.floor(bodies.length / 2)] as Buffer;
  return {
    sizes: {
      list: listBody.length,
      listItems,
      getMedian: getBody.length,
      getMin: (bodies[0] as Buffer).length,
      getMax: (bodies[bodies.length - 1] as Buffer).length,
    },
    listBody,
    getBody,
  };
}

interface RunRecord {
  readonly scenario: Scenario;
  readonly target: string;
  readonly round: number;
  readonly result: LoadResult;
  /** CPU seconds the server used per wall second of the measured window (1.0 = one core). */
  readonly serverCpu: number | undefined;
  /** Seconds waited before the run for other processes to quiet down. */
  readonly waitedForQuiet: number;
  /** CPU used by everything else on the machine (cores): neither the server nor the load generator. */
  readonly otherCpu: number | undefined;
  readonly rssMb: { median: number; max: number } | undefined;
}

type Scenario = 'list' | 'get';

const rssSamples: Record<string, number[]> = {};

/** Waits until a server has finished the requests still queued from the previous run (its CPU goes idle). */
async function settle(server: Server, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const before = readCpuSeconds(server.pid);
    await sleep(500);
    const after = readCpuSeconds(server.pid);
    if (before === undefined || after === undefined || (after - before) / 0.5 < 0.05) break;
  }
  const waited = (Date.now() - started) / 1000;
  if (waited > 2) log(`${server.name} needed ${waited.toFixed(1)} s to drain its queue`);
}

/**
 * Waits (up to BENCH_QUIET_WAIT seconds) until the rest of the machine is quiet: other processes using
 * more than BENCH_QUIET_CORES cores would take CPU from the server or the load generator.
 */
async function waitQuiet(): Promise<number> {
  const started = Date.now();
  let warned = false;
  for (;;) {
    const before = readMachineBusySeconds();
    await sleep(1000);
    const after = readMachineBusySeconds();
    if (before === undefined || after === undefined) return 0;
    const busy = after - before;
    const waited = (Date.now() - started) / 1000;
    if (busy <= settings.quietCores) return waited;
    if (waited > settings.quietWait) {
      log(`warning: measuring although other processes use ${busy.toFixed(2)} cores`);
      return waited;
    }
    if (!warned) log(`other processes use ${busy.toFixed(2)} cores; waiting for a quiet machine…`);
    warned = true;
  }
}

/** Runs the load generator in its own process; `onStart` fires when its measured window begins. */
async function runLoadProcess(job: LoadJob, name: string, onStart: () => void, whileRunning: () => Promise<void>) {
  const jobFile = path.join(os.tmpdir(), `ucfleet-bench-job-${process.pid}-${name}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'load.ts'), jobFile], {
    cwd: ROOT,
    env: childEnv({}),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  let stdout = '';
  let started = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const begun = new Promise<void>((resolve) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!started && stdout.startsWith('start\n')) {
        started = true;
        onStart();
        resolve();
      }
    });
  });
  await Promise.race([begun, exited]);
  if (started) await whileRunning();
  const code = await exited;
  children.delete(child);
  fs.rmSync(jobFile, { force: true });
  if (code !== 0 || !started) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as LoadResult;
}

async function measure(
  scenario: Scenario,
  server: Server,
  paths: readonly string[],
  round: number,
): Promise<RunRecord> {
  const job: LoadJob = {
    origin: server.origin,
    paths,
    headers: AUTH,
    connections: settings.connections,
    duration: settings.duration,
    warmup: 0,
  };
  const waitedForQuiet = await waitQuiet();
  if (settings.warmup > 0) {
    // A separate warm-up, then a drained server: a slow server's backlog must not spill into the measurement.
    await runLoadProcess(
      { ...job, duration: settings.warmup },
      `${scenario}-${server.name}-warmup`,
      () => {},
      async () => {},
    );
    await settle(server);
  }

  const samples: number[] = [];
  let done = false;
  let cpuStart: number | undefined;
  let machineStart: number | undefined;
  let wallStart = 0n;
  const result = await runLoadProcess(
    job,
    `${scenario}-${server.name}`,
    () => {
      cpuStart = readCpuSeconds(server.pid);
      machineStart = readMachineBusySeconds();
      wallStart = process.hrtime.bigint();
    },
    async () => {
      // Sample until the measured window is over (the child exits shortly after).
      const deadline = Date.now() + settings.duration * 1000;
      while (!done && Date.now() < deadline) {
        const rss = readRssMb(server.pid);
        if (rss !== undefined) samples.push(rss);
        await sleep(250);
      }
      done = true;
    },
  );
  const cpuEnd = readCpuSeconds(server.pid);
  const machineEnd = readMachineBusySeconds();
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  if (result.non2xx > 0) throw new Error(`${scenario} on ${server.name}: ${result.non2xx} answers were not 2xx`);
  if (result.errors > 0 || result.timeouts > 0) {
    log(`warning: ${scenario} on ${server.name}: ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  await settle(server);
  (rssSamples[server.name] ??= []).push(...samples);
  const serverCpu = cpuStart !== undefined && cpuEnd !== undefined && wall > 0 ? (cpuEnd - cpuStart) / wall : undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    scenario,
    target: server.name,
    round,
    result,
    serverCpu,
    waitedForQuiet,
    otherCpu:
      serverCpu !== undefined && machineStart !== undefined && machineEnd !== undefined
        ? Math.max(0, (machineEnd - machineStart) / wall - serverCpu - result.loadCpu)
        : undefined,
    rssMb: sorted.length ? { median: median(sorted), max: sorted[sorted.length - 1] as number } : undefined,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Summary {
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly serverCpu: number;
  readonly otherCpu: number;
  readonly loadCpu: number;
  readonly runs: number[];
}

function summarize(records: readonly RunRecord[]): Summary {
  return {
    rps: median(records.map((r) => r.result.rps)),
    p50: median(records.map((r) => r.result.latency.p50)),
    p90: median(records.map((r) => r.result.latency.p90)),
    p99: median(records.map((r) => r.result.latency.p99)),
    serverCpu: median(records.map((r) => r.serverCpu ?? Number.NaN)),
    otherCpu: median(records.map((r) => r.otherCpu ?? Number.NaN)),
    loadCpu: median(records.map((r) => r.result.loadCpu)),
    runs: records.map((r) => Math.round(r.result.rps)),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Reporting

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '–');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function gitState(): { commit: string; dirty: boolean } {
  const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const status = spawnSync('git', ['status', '--porcelain', '--', 'src'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim();
  return { commit, dirty: status !== '' };
}

// ---------------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    ...gitState(),
  };
  log(`settings ${JSON.stringify(settings)}`);

  if (!settings.skipBuild) {
    log('building dist/ (npm run build)…');
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }

  const schema = await currentSchemaFingerprint();
  const large = ensureDataset(settings.devices, schema);
  const small = ensureDataset(settings.smallDevices, schema);
  const plannerStats = { large: hasPlannerStats(large.file), small: hasPlannerStats(small.file) };
  const largeSample = sampleDataset(large.file, settings.sample);
  const smallSample = sampleDataset(small.file, settings.sample);
  log(`sandbox tenant: ${largeSample.tenantDevices} devices (large), ${smallSample.tenantDevices} (small)`);

  const listPath = `/v1/devices?${settings.listQuery}`;
  const largeGetPaths = largeSample.ids.map((id) => `/v1/devices/${id}`);
  const smallGetPaths = smallSample.ids.map((id) => `/v1/devices/${id}`);

  log('starting servers…');
  const appLarge = await startApp(`app-${sizeLabel(settings.devices)}`, large.file);
  const appSmall = await startApp(`app-${sizeLabel(settings.smallDevices)}`, small.file);
  const rssIdleMb = readRssMb(appLarge.pid);

  const bodies = await measureBodies(appLarge, listPath, largeSample.ids);
  const smallBodies = await measureBodies(appSmall, listPath, smallSample.ids);
  log(
    `bodies: list ${bodies.sizes.list} B (${bodies.sizes.listItems} items), get median ${bodies.sizes.getMedian} B ` +
      `(min ${bodies.sizes.getMin}, max ${bodies.sizes.getMax}); 10k fleet: list ${smallBodies.sizes.list} B, get ${smallBodies.sizes.getMedian} B`,
  );
  if (bodies.sizes.listItems < 50) log(`warning: the list page holds only ${bodies.sizes.listItems} items`);
  const bodyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucfleet-bench-'));
  const listBodyFile = path.join(bodyDir, 'list.json');
  const getBodyFile = path.join(bodyDir, 'get.json');
  fs.writeFileSync(listBodyFile, bodies.listBody);
  fs.writeFileSync(getBodyFile, bodies.getBody);
  const raw = await startConstant('raw', 'raw-server.ts', listBodyFile, getBodyFile);
  const framework = settings.framework
    ? await startConstant('fastify', 'fastify-server.ts', listBodyFile, getBodyFile)
    : undefined;
  for (const server of [raw, framework]) {
    if (!server) continue;
    const check = await fetchBody(server.origin, listPath);
    if (check.length !== bodies.sizes.list) throw new Error(`${server.name} does not answer the expected body`);
  }
  const rssAfterWarmMb = readRssMb(appLarge.pid);

  const scenarios: Scenario[] = settings.only ? [settings.only] : ['list', 'get'];
  const records: RunRecord[] = [];
  for (const scenario of scenarios) {
    const largePaths = scenario === 'list' ? [listPath] : largeGetPaths;
    const smallPaths = scenario === 'list' ? [listPath] : smallGetPaths;
    for (let round = 1; round <= settings.rounds; round++) {
      // Alternate which side goes first so that drift (thermal, page cache, neighbours) hits both.
      const forward: [Server, readonly string[]][] = [
        [raw, largePaths],
        ...(framework ? [[framework, largePaths] as [Server, readonly string[]]] : []),
        [appLarge, largePaths],
        [appSmall, smallPaths],
      ];
      const order = round % 2 === 1 ? forward : [...forward].reverse();
      for (const [server, paths] of order) {
        const record = await measure(scenario, server, paths, round);
        records.push(record);
        log(
          `${scenario} ${server.name} round ${round}: ${f0(record.result.rps)} req/s, p50 ${f3(record.result.latency.p50)} ms, ` +
            `p99 ${f3(record.result.latency.p99)} ms, server CPU ${f2(record.serverCpu ?? Number.NaN)}, load CPU ${f2(record.result.loadCpu)}, ` +
            `other CPU ${f2(record.otherCpu ?? Number.NaN)}` +
            (record.rssMb ? `, RSS max ${record.rssMb.max.toFixed(0)} MB` : ''),
        );
      }
    }
  }

  const rssLarge = [...(rssSamples[appLarge.name] ?? [])].sort((a, b) => a - b);
  const rssSmall = [...(rssSamples[appSmall.name] ?? [])].sort((a, b) => a - b);

  await Promise.all([appLarge, appSmall, raw, framework].map((s) => (s ? stopChild(s.child) : undefined)));
  fs.rmSync(bodyDir, { recursive: true, force: true });

  // -------------------------------------------------------------------------------------------------------------------
  const results = scenarios.map((scenario) => {
    const of = (target: string) => summarize(records.filter((r) => r.scenario === scenario && r.target === target));
    const rawSummary = of(raw.name);
    const large = of(appLarge.name);
    const small = of(appSmall.name);
    const fastify = framework ? of(framework.name) : undefined;
    const perRoundRatios = Array.from({ length: settings.rounds }, (_, i) => {
      const app = records.find((r) => r.scenario === scenario && r.target === appLarge.name && r.round === i + 1);
      const ceiling = records.find((r) => r.scenario === scenario && r.target === raw.name && r.round === i + 1);
      return app && ceiling ? Number((app.result.rps / ceiling.result.rps).toFixed(3)) : Number.NaN;
    });
    const ratio = large.rps / rawSummary.rps;
    const scaling = large.p50 / small.p50;
    const target = scenario === 'list' ? TARGETS.listRatio : TARGETS.getRatio;
    return {
      scenario,
      request: scenario === 'list' ? listPath : `/v1/devices/{id} (${largeSample.ids.length} random ids, cycled)`,
      bodyBytes: scenario === 'list' ? bodies.sizes.list : bodies.sizes.getMedian,
      bodyBytesSmallFleet: scenario === 'list' ? smallBodies.sizes.list : smallBodies.sizes.getMedian,
      raw: rawSummary,
      app: large,
      appSmallFleet: small,
      fastify,
      fastifyRatio: fastify ? fastify.rps / rawSummary.rps : undefined,
      ratio,
      perRoundRatios,
      ratioTarget: target,
      ratioPass: ratio >= target,
      p50Scaling: scaling,
      p50ScalingPass: scaling <= TARGETS.p50Scaling,
    };
  });
  const rss = {
    idleAfterStartMb: rssIdleMb,
    afterBodyFetchMb: rssAfterWarmMb,
    underLoadMedianMb: median(rssLarge),
    underLoadMaxMb: rssLarge[rssLarge.length - 1] ?? Number.NaN,
    smallFleetUnderLoadMaxMb: rssSmall[rssSmall.length - 1] ?? Number.NaN,
    samples: rssLarge.length,
    target: TARGETS.rssMb,
    pass: (rssLarge[rssLarge.length - 1] ?? Infinity) <= TARGETS.rssMb,
  };

  const L = sizeLabel(settings.devices);
  const S = sizeLabel(settings.smallDevices);
  const rows: string[][] = [
    [
      'request',
      'body B',
      `raw req/s`,
      `app ${L} req/s`,
      'ratio',
      'target',
      '',
      `raw p50/p99 ms`,
      `app ${L} p50/p99 ms`,
      `app ${S} p50/p99 ms`,
      `p50 ${L}/${S}`,
      '',
    ],
  ];
  for (const r of results) {
    rows.push([
      r.scenario,
      f0(r.bodyBytes),
      f0(r.raw.rps),
      f0(r.app.rps),
      f3(r.ratio),
      `≥ ${r.ratioTarget}`,
      verdict(r.ratioPass),
      `${f3(r.raw.p50)} / ${f3(r.raw.p99)}`,
      `${f3(r.app.p50)} / ${f3(r.app.p99)}`,
      `${f3(r.appSmallFleet.p50)} / ${f3(r.appSmallFleet.p99)}`,
      f3(r.p50Scaling),
      `${verdict(r.p50ScalingPass)} (≤ ${TARGETS.p50Scaling})`,
    ]);
  }
  const detail: string[][] = [
    [
      'request',
      'server',
      'req/s per run',
      'median req/s',
      '÷ raw',
      'server CPU',
      'CPU µs/req',
      'load-gen CPU',
      'other CPU',
    ],
  ];
  for (const r of results) {
    const servers: [string, Summary | undefined][] = [
      ['raw', r.raw],
      ['fastify const', r.fastify],
      [`app ${L}`, r.app],
      [`app ${S}`, r.appSmallFleet],
    ];
    for (const [name, s] of servers) {
      if (!s) continue;
      detail.push([
        r.scenario,
        name,
        s.runs.map((n) => f0(n)).join(' / '),
        f0(s.rps),
        f3(s.rps / r.raw.rps),
        f2(s.serverCpu),
        f0((s.serverCpu / s.rps) * 1e6),
        f2(s.loadCpu),
        f2(s.otherCpu),
      ]);
    }
  }

  const out: string[] = [];
  out.push('');
  out.push(
    `Ucfleet native API benchmark — ${startedAt.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ` +
      `${machine.kernel}, Node ${machine.node}, commit ${machine.commit.slice(0, 10)}${machine.dirty ? ' (src/ modified)' : ''}`,
  );
  out.push(
    `Fleet: sandbox tenant with ${f0(largeSample.tenantDevices)} devices (${path.relative(ROOT, large.file)}) vs ` +
      `${f0(smallSample.tenantDevices)} (${path.relative(ROOT, small.file)}). autocannon in its own process, ` +
      `${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s measured, ` +
      `${settings.rounds} alternating rounds, medians.`,
  );
  out.push(
    `SQLite planner statistics (sqlite_stat1) at start: ${plannerStats.large ? 'present' : 'absent'} in the large, ` +
      `${plannerStats.small ? 'present' : 'absent'} in the small database.`,
  );
  out.push(`List request: GET ${listPath} (${bodies.sizes.listItems} items).`);
  out.push(
    `Get request: GET /v1/devices/{id} over ${largeSample.ids.length} random ids; body sizes ${bodies.sizes.getMin}–${bodies.sizes.getMax} B, ` +
      `raw server answers the median (${bodies.sizes.getMedian} B).`,
  );
  out.push('');
  out.push(table(rows));
  out.push('');
  out.push(table(detail));
  out.push(
    'CPU columns are cores busy during the measured window: the server process, the autocannon process, and ' +
      `everything else on the machine (noise; load average at start ${machine.loadAverageAtStart.join(' ')}). ` +
      'CPU µs/req = server CPU ÷ req/s. "fastify const" is bare Fastify sending the same constant bodies.',
  );
  out.push('');
  out.push(
    `RSS of the app serving ${L}: idle after start ${f0(rss.idleAfterStartMb ?? Number.NaN)} MB, under load median ${f0(rss.underLoadMedianMb)} MB, ` +
      `max ${f0(rss.underLoadMaxMb)} MB (${rss.samples} samples; target ≤ ${TARGETS.rssMb} MB: ${verdict(rss.pass)}); ` +
      `app ${S} max ${f0(rss.smallFleetUnderLoadMaxMb)} MB.`,
  );
  if (!large.reused && Number.isFinite(large.meta.seedSeconds))
    out.push(`Seeding ${f0(large.meta.totalDevices)} devices took ${large.meta.seedSeconds.toFixed(1)} s.`);
  process.stdout.write(`${out.join('\n')}\n`);

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    settings,
    datasets: {
      large: {
        file: path.relative(ROOT, large.file),
        ...large.meta,
        tenantDevices: largeSample.tenantDevices,
        reused: large.reused,
        plannerStats: plannerStats.large,
      },
      small: {
        file: path.relative(ROOT, small.file),
        ...small.meta,
        tenantDevices: smallSample.tenantDevices,
        reused: small.reused,
        plannerStats: plannerStats.small,
      },
    },
    bodies: { large: bodies.sizes, small: smallBodies.sizes },
    results,
    rss,
    runs: records,
  };
  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${L}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nResults: ${path.relative(ROOT, file)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  killAllNow();
  process.exit(1);
});
