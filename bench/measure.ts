/**
 * Measuring: the app's real response bodies (which the constant-body servers replay), one run of the load
 * generator against one server with /proc sampling around its measured window, and the medians over rounds.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadJob, LoadResult } from './load.js';
import { childEnv, children, readCpuSeconds, readMachineBusySeconds, readRssMb, type Server } from './servers.js';
import { AUTH, log, ROOT, type Scenario, settings, sleep } from './settings.js';

// ---------------------------------------------------------------------------------------------------------------------
// Response bodies

export async function fetchBody(origin: string, pathname: string): Promise<Buffer> {
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

export interface BodySizes {
  readonly list: number;
  readonly listItems: number;
  readonly getMedian: number;
  readonly getMin: number;
  readonly getMax: number;
}

export interface Bodies {
  readonly sizes: BodySizes;
  readonly listBody: Buffer;
  readonly getBody: Buffer;
}

/** Fetches the list page and every sampled device once; returns the sizes and bodies for the raw server. */
export async function measureBodies(server: Server, listPath: string, ids: readonly string[]): Promise<Bodies> {
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

// ---------------------------------------------------------------------------------------------------------------------
// Runs

export interface RunRecord {
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

/** Every RSS sample (MB) taken during measured windows, by server name. */
export const rssSamples: Record<string, number[]> = {};

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

interface Window {
  readonly result: LoadResult;
  /** RSS samples (MB) of the server, every 250 ms. */
  readonly samples: number[];
  readonly serverCpu: number | undefined;
  readonly otherCpu: number | undefined;
}

/** The measured run: the load generator, with the server's RSS and CPU and the machine's CPU sampled. */
async function measuredWindow(job: LoadJob, name: string, server: Server): Promise<Window> {
  const samples: number[] = [];
  let done = false;
  let cpuStart: number | undefined;
  let machineStart: number | undefined;
  let wallStart = 0n;
  const result = await runLoadProcess(
    job,
    name,
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
  const serverCpu = cpuStart !== undefined && cpuEnd !== undefined && wall > 0 ? (cpuEnd - cpuStart) / wall : undefined;
  const otherCpu =
    serverCpu !== undefined && machineStart !== undefined && machineEnd !== undefined
      ? Math.max(0, (machineEnd - machineStart) / wall - serverCpu - result.loadCpu)
      : undefined;
  return { result, samples, serverCpu, otherCpu };
}

export async function measure(
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

  const { result, samples, serverCpu, otherCpu } = await measuredWindow(job, `${scenario}-${server.name}`, server);
  if (result.non2xx > 0) throw new Error(`${scenario} on ${server.name}: ${result.non2xx} answers were not 2xx`);
  if (result.errors > 0 || result.timeouts > 0) {
    log(`warning: ${scenario} on ${server.name}: ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  await settle(server);
  (rssSamples[server.name] ??= []).push(...samples);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    scenario,
    target: server.name,
    round,
    result,
    serverCpu,
    waitedForQuiet,
    otherCpu,
    rssMb: sorted.length ? { median: median(sorted), max: sorted[sorted.length - 1] as number } : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Medians over rounds

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Summary {
  readonly rps: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly serverCpu: number;
  readonly otherCpu: number;
  readonly loadCpu: number;
  readonly runs: number[];
}

export function summarize(records: readonly RunRecord[]): Summary {
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
