/**
 * The benchmark's settings, read once from the environment (see bench/README.md), its targets, and the
 * small helpers every part of the harness shares.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SANDBOX_API_KEY = '1hKMMPFMmaldnC0rcohvXN0UX7UeWPjb';
export const AUTH = { authorization: `Bearer ${SANDBOX_API_KEY}` };

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min} (got "${raw}")`);
  return value;
}

export const settings = {
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

export const TARGETS = { listRatio: 0.5, getRatio: 0.8, p50Scaling: 1.5, rssMb: 300 };

export type Scenario = 'list' | 'get';

export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

export const log = (message: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
