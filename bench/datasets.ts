/**
 * The seeded bench databases (./data/bench-<n>.db): reused when they already hold the expected fleet with
 * the current schema, seeded again with the seed command otherwise; plus what the harness reads from them
 * (planner statistics, the sandbox tenant and a random sample of its device ids).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { childEnv } from './servers.js';
import { log, ROOT, SANDBOX_API_KEY, settings, sizeLabel } from './settings.js';

export interface DatasetMeta {
  readonly devices: number;
  readonly tenants: number;
  readonly seed: number;
  readonly totalDevices: number;
  readonly seedSeconds: number;
  /** schemaFingerprint() of the database after seeding. */
  readonly schema?: string;
}

export interface Dataset {
  readonly file: string;
  readonly meta: DatasetMeta;
  readonly reused: boolean;
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
export async function currentSchemaFingerprint(): Promise<string> {
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

function readMeta(metaFile: string): DatasetMeta | undefined {
  try {
    return JSON.parse(fs.readFileSync(metaFile, 'utf8')) as DatasetMeta;
  } catch {
    return undefined;
  }
}

export function ensureDataset(devices: number, schema: string): Dataset {
  const file = path.join(ROOT, 'data', `bench-${sizeLabel(devices)}.db`);
  const count = countDevices(file);
  const fileSchema = fileSchemaFingerprint(file);
  const meta = readMeta(`${file}.meta.json`);
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
  return seedDataset(file, devices);
}

/** Seeds `file` afresh with the seed command of the compiled CLI, and records how in `<file>.meta.json`. */
function seedDataset(file: string, devices: number): Dataset {
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
  fs.writeFileSync(`${file}.meta.json`, `${JSON.stringify(fresh, null, 2)}\n`);
  log(`seeded ${totalDevices} devices in ${seedSeconds.toFixed(1)} s`);
  return { file, meta: fresh, reused: false };
}

/** Whether the database carries planner statistics (sqlite_stat1, written by ANALYZE or PRAGMA optimize). */
export function hasPlannerStats(file: string): boolean {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get();
    return table !== undefined && db.prepare('select 1 from sqlite_stat1 limit 1').get() !== undefined;
  } finally {
    db.close();
  }
}

export interface DatasetSample {
  readonly tenantId: string;
  readonly tenantDevices: number;
  readonly ids: string[];
}

/** The sandbox tenant, its device count, and a random sample of its device ids. */
export function sampleDataset(file: string, sample: number): DatasetSample {
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
