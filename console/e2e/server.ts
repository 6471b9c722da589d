/**
 * The real Ucfleet server for the browser tests: the repository's own CLI (`tsx src/cli/main.ts serve
 * --demo-devices 300`) on a fresh database, a free port on 127.0.0.1, serving the built console (console/dist).
 * SQLite in a temporary file by default; with E2E_DATABASE_URL=postgres://… a scratch database made on that
 * server and dropped afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(CONSOLE_DIR, '..');

export interface RunningServer {
  readonly origin: string;
  /** Which database it runs on, for the test output: "sqlite" or "postgres". */
  readonly database: 'sqlite' | 'postgres';
  /** What the server printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
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

/** pg from the repository root's packages (the console has no database client of its own). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
const pg = () =>
  createRequire(path.join(ROOT, 'package.json'))('pg') as {
    Client: new (options: { connectionString: string }) => PgClient;
  };

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const { Client } = pg();
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

interface Database {
  readonly url: string;
  readonly kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

async function freshDatabase(): Promise<Database> {
  const adminUrl = process.env.E2E_DATABASE_URL?.trim();
  if (adminUrl) {
    if (!/^postgres(ql)?:\/\//i.test(adminUrl)) throw new Error('E2E_DATABASE_URL must be a postgres:// URL');
    const name = `ucfleet_e2e_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'postgres',
      drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'ucfleet-e2e-'));
  return {
    url: path.join(dir, 'ucfleet.db'),
    kind: 'sqlite',
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function waitReady(origin: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) before answering:\n${output()}`);
    try {
      if ((await fetch(`${origin}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer ${origin}/readyz within ${timeoutMs / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the server with a demo fleet of `demoDevices` on a fresh database; stop() also drops the database. */
export async function startServer(demoDevices = 300): Promise<RunningServer> {
  if (!existsSync(path.join(CONSOLE_DIR, 'dist', 'index.html'))) {
    throw new Error('console/dist is not built: run `npm run build` in console/ first (the tests build nothing).');
  }
  const database = await freshDatabase();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  delete env.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--demo-devices', String(demoDevices)],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    process.removeListener('exit', kill);
    await database.drop();
  };
  try {
    await waitReady(origin, child, () => printed, 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, database: database.kind, output: () => printed, stop };
}
