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
 *
 * This file holds the orchestration; bench/settings.ts the settings, bench/datasets.ts the seeded databases,
 * bench/servers.ts the server processes and /proc sampling, bench/measure.ts the runs, bench/report.ts the
 * tables and the JSON report.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { currentSchemaFingerprint, ensureDataset, hasPlannerStats, sampleDataset } from './datasets.js';
import { fetchBody, measure, measureBodies, type RunRecord, rssSamples } from './measure.js';
import { f0, f2, f3, machineInfo, printReport, rssSummary, scenarioResult, writeReport } from './report.js';
import { killAllNow, readRssMb, type Server, startApp, startConstant, stopChild } from './servers.js';
import { log, ROOT, type Scenario, settings, sizeLabel } from './settings.js';

/** Starts the two app servers, fetches their real bodies, and starts the constant-body servers with them. */
async function startServers(
  largeFile: string,
  smallFile: string,
  listPath: string,
  largeIds: readonly string[],
  smallIds: readonly string[],
) {
  log('starting servers…');
  const appLarge = await startApp(`app-${sizeLabel(settings.devices)}`, largeFile);
  const appSmall = await startApp(`app-${sizeLabel(settings.smallDevices)}`, smallFile);
  const rssIdleMb = readRssMb(appLarge.pid);

  const bodies = await measureBodies(appLarge, listPath, largeIds);
  const smallBodies = await measureBodies(appSmall, listPath, smallIds);
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
  return { appLarge, appSmall, raw, framework, bodies, smallBodies, rssIdleMb, rssAfterWarmMb, bodyDir };
}

type Servers = Awaited<ReturnType<typeof startServers>>;

/** Every round of every scenario, in alternating order; one record per run. */
async function runRounds(
  scenarios: readonly Scenario[],
  servers: Servers,
  listPath: string,
  largeGetPaths: readonly string[],
  smallGetPaths: readonly string[],
): Promise<RunRecord[]> {
  const { raw, framework, appLarge, appSmall } = servers;
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
        logRun(record);
      }
    }
  }
  return records;
}

function logRun(record: RunRecord): void {
  log(
    `${record.scenario} ${record.target} round ${record.round}: ${f0(record.result.rps)} req/s, p50 ${f3(record.result.latency.p50)} ms, ` +
      `p99 ${f3(record.result.latency.p99)} ms, server CPU ${f2(record.serverCpu ?? Number.NaN)}, load CPU ${f2(record.result.loadCpu)}, ` +
      `other CPU ${f2(record.otherCpu ?? Number.NaN)}` +
      (record.rssMb ? `, RSS max ${record.rssMb.max.toFixed(0)} MB` : ''),
  );
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = machineInfo();
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

  const servers = await startServers(large.file, small.file, listPath, largeSample.ids, smallSample.ids);
  const { appLarge, appSmall, raw, framework, bodies, smallBodies } = servers;
  const scenarios: Scenario[] = settings.only ? [settings.only] : ['list', 'get'];
  const records = await runRounds(scenarios, servers, listPath, largeGetPaths, smallGetPaths);

  const rssLarge = [...(rssSamples[appLarge.name] ?? [])].sort((a, b) => a - b);
  const rssSmall = [...(rssSamples[appSmall.name] ?? [])].sort((a, b) => a - b);

  await Promise.all([appLarge, appSmall, raw, framework].map((s) => (s ? stopChild(s.child) : undefined)));
  fs.rmSync(servers.bodyDir, { recursive: true, force: true });

  const names = { raw: raw.name, framework: framework?.name, appLarge: appLarge.name, appSmall: appSmall.name };
  const results = scenarios.map((scenario) =>
    scenarioResult(scenario, records, names, listPath, largeSample.ids.length, { large: bodies, small: smallBodies }),
  );
  const rss = rssSummary(servers.rssIdleMb, servers.rssAfterWarmMb, rssLarge, rssSmall);
  const outcome = { startedAt, machine, large, small, plannerStats, largeSample, smallSample, listPath };
  printReport({ ...outcome, bodies, smallBodies, results, rss, records });
  writeReport({ ...outcome, bodies, smallBodies, results, rss, records });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  killAllNow();
  process.exit(1);
});
