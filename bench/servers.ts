/**
 * The server processes under test: starting them (the app on a bench database, or a constant-body server),
 * stopping them, killing whatever is left when the harness exits, and sampling their resident memory and
 * CPU time (and the whole machine's) from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, settings, sleep } from './settings.js';

// ---------------------------------------------------------------------------------------------------------------------
// Processes

/** Every child process still running (servers and load generators), killed if the harness exits. */
export const children = new Set<ChildProcess>();

export function stopChild(child: ChildProcess): Promise<void> {
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

export function killAllNow(): void {
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
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
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

export interface Server {
  readonly name: string;
  readonly origin: string;
  readonly child: ChildProcess;
  readonly pid: number;
}

export async function startApp(name: string, databaseFile: string): Promise<Server> {
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
      // The load generators send far more than any budget from one key: measure the server, not the limiter.
      RATE_LIMITS: 'off',
    }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  const origin = `http://127.0.0.1:${port}`;
  await waitReady(`${origin}/readyz`, child);
  return { name, origin, child, pid: child.pid ?? -1 };
}

/** Starts a constant-body server (bench/raw-server.ts or bench/fastify-server.ts). */
export async function startConstant(
  name: string,
  script: string,
  listBodyFile: string,
  getBodyFile: string,
): Promise<Server> {
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

export function readRssMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function readCpuSeconds(pid: number): number | undefined {
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
export function readMachineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
