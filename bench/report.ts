/**
 * The benchmark's outcome: the per-request results (medians, ratios, verdicts against the targets), the
 * app's memory, the tables printed on stdout and the JSON report written to bench/results/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dataset, DatasetSample } from './datasets.js';
import { type Bodies, median, type RunRecord, type Summary, summarize } from './measure.js';
import { ROOT, type Scenario, settings, sizeLabel, TARGETS } from './settings.js';

// ---------------------------------------------------------------------------------------------------------------------
// Machine

function gitState(): { commit: string; dirty: boolean } {
  const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const status = spawnSync('git', ['status', '--porcelain', '--', 'src'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim();
  return { commit, dirty: status !== '' };
}

export function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    ...gitState(),
  };
}

export type Machine = ReturnType<typeof machineInfo>;

// ---------------------------------------------------------------------------------------------------------------------
// Results

/** The names of the servers measured, as RunRecord.target holds them. */
export interface ServerNames {
  readonly raw: string;
  readonly framework: string | undefined;
  readonly appLarge: string;
  readonly appSmall: string;
}

export function scenarioResult(
  scenario: Scenario,
  records: readonly RunRecord[],
  names: ServerNames,
  listPath: string,
  sampleSize: number,
  bodies: { large: Bodies; small: Bodies },
) {
  const of = (target: string) => summarize(records.filter((r) => r.scenario === scenario && r.target === target));
  const rawSummary = of(names.raw);
  const large = of(names.appLarge);
  const small = of(names.appSmall);
  const fastify = names.framework ? of(names.framework) : undefined;
  const perRoundRatios = Array.from({ length: settings.rounds }, (_, i) => {
    const app = records.find((r) => r.scenario === scenario && r.target === names.appLarge && r.round === i + 1);
    const ceiling = records.find((r) => r.scenario === scenario && r.target === names.raw && r.round === i + 1);
    return app && ceiling ? Number((app.result.rps / ceiling.result.rps).toFixed(3)) : Number.NaN;
  });
  const ratio = large.rps / rawSummary.rps;
  const scaling = large.p50 / small.p50;
  const target = scenario === 'list' ? TARGETS.listRatio : TARGETS.getRatio;
  return {
    scenario,
    request: scenario === 'list' ? listPath : `/v1/devices/{id} (${sampleSize} random ids, cycled)`,
    bodyBytes: scenario === 'list' ? bodies.large.sizes.list : bodies.large.sizes.getMedian,
    bodyBytesSmallFleet: scenario === 'list' ? bodies.small.sizes.list : bodies.small.sizes.getMedian,
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
}

export type ScenarioResult = ReturnType<typeof scenarioResult>;

/** The app's RSS: `rssLarge` and `rssSmall` are the samples taken under load, sorted. */
export function rssSummary(
  rssIdleMb: number | undefined,
  rssAfterWarmMb: number | undefined,
  rssLarge: readonly number[],
  rssSmall: readonly number[],
) {
  return {
    idleAfterStartMb: rssIdleMb,
    afterBodyFetchMb: rssAfterWarmMb,
    underLoadMedianMb: median(rssLarge),
    underLoadMaxMb: rssLarge[rssLarge.length - 1] ?? Number.NaN,
    smallFleetUnderLoadMaxMb: rssSmall[rssSmall.length - 1] ?? Number.NaN,
    samples: rssLarge.length,
    target: TARGETS.rssMb,
    pass: (rssLarge[rssLarge.length - 1] ?? Infinity) <= TARGETS.rssMb,
  };
}

export type RssSummary = ReturnType<typeof rssSummary>;

/** Everything the report shows. */
export interface Outcome {
  readonly startedAt: Date;
  readonly machine: Machine;
  readonly large: Dataset;
  readonly small: Dataset;
  readonly plannerStats: { readonly large: boolean; readonly small: boolean };
  readonly largeSample: DatasetSample;
  readonly smallSample: DatasetSample;
  readonly listPath: string;
  readonly bodies: Bodies;
  readonly smallBodies: Bodies;
  readonly results: readonly ScenarioResult[];
  readonly rss: RssSummary;
  readonly records: readonly RunRecord[];
}

// ---------------------------------------------------------------------------------------------------------------------
// Tables

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
export const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '–');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** The main table: one row per request, ratio and scaling against their targets. */
function summaryRows(results: readonly ScenarioResult[], L: string, S: string): string[][] {
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
  return rows;
}

/** The detail table: one row per request and server, with every run and the CPU columns. */
function detailRows(results: readonly ScenarioResult[], L: string, S: string): string[][] {
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
  return detail;
}

// ---------------------------------------------------------------------------------------------------------------------
// Output

/** The heading lines above the tables: machine, fleets, settings and the two requests. */
function heading(o: Outcome): string[] {
  const { machine, bodies, largeSample } = o;
  return [
    '',
    `Ucfleet native API benchmark — ${o.startedAt.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ` +
      `${machine.kernel}, Node ${machine.node}, commit ${machine.commit.slice(0, 10)}${machine.dirty ? ' (src/ modified)' : ''}`,
    `Fleet: sandbox tenant with ${f0(largeSample.tenantDevices)} devices (${path.relative(ROOT, o.large.file)}) vs ` +
      `${f0(o.smallSample.tenantDevices)} (${path.relative(ROOT, o.small.file)}). autocannon in its own process, ` +
      `${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s measured, ` +
      `${settings.rounds} alternating rounds, medians.`,
    `SQLite planner statistics (sqlite_stat1) at start: ${o.plannerStats.large ? 'present' : 'absent'} in the large, ` +
      `${o.plannerStats.small ? 'present' : 'absent'} in the small database.`,
    `List request: GET ${o.listPath} (${bodies.sizes.listItems} items).`,
    `Get request: GET /v1/devices/{id} over ${largeSample.ids.length} random ids; body sizes ${bodies.sizes.getMin}–${bodies.sizes.getMax} B, ` +
      `raw server answers the median (${bodies.sizes.getMedian} B).`,
  ];
}

/** Prints the heading, both tables and the memory line on stdout. */
export function printReport(o: Outcome): void {
  const L = sizeLabel(settings.devices);
  const S = sizeLabel(settings.smallDevices);
  const { rss, large } = o;
  const out: string[] = heading(o);
  out.push('');
  out.push(table(summaryRows(o.results, L, S)));
  out.push('');
  out.push(table(detailRows(o.results, L, S)));
  out.push(
    'CPU columns are cores busy during the measured window: the server process, the autocannon process, and ' +
      `everything else on the machine (noise; load average at start ${o.machine.loadAverageAtStart.join(' ')}). ` +
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
}

/** Writes the JSON report to bench/results/bench-<size>-<time>.json and bench/results/latest.json. */
export function writeReport(o: Outcome): void {
  const { large, small, startedAt } = o;
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: o.machine,
    settings,
    datasets: {
      large: {
        file: path.relative(ROOT, large.file),
        ...large.meta,
        tenantDevices: o.largeSample.tenantDevices,
        reused: large.reused,
        plannerStats: o.plannerStats.large,
      },
      small: {
        file: path.relative(ROOT, small.file),
        ...small.meta,
        tenantDevices: o.smallSample.tenantDevices,
        reused: small.reused,
        plannerStats: o.plannerStats.small,
      },
    },
    bodies: { large: o.bodies.sizes, small: o.smallBodies.sizes },
    results: o.results,
    rss: o.rss,
    runs: o.records,
  };
  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(
    resultsDir,
    `bench-${sizeLabel(settings.devices)}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nResults: ${path.relative(ROOT, file)}\n`);
}
