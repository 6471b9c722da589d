/**
 * Opens the store: Kysely over SQLite (embedded default) or PostgreSQL, chosen by the URL.
 * Engine differences live here as capability flags, never as `if (sqlite)` in repositories.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type KyselyConfig, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../config.js';
import type { Database } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Capabilities {
  /** Operator for case-insensitive LIKE: SQLite's LIKE already ignores ASCII case. */
  readonly caseInsensitiveLike: 'like' | 'ilike';
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParameters: number;
  /**
   * Every query of the process goes through one connection (SQLite, or a PostgreSQL pool of one), so a transaction
   * held open blocks all other queries; with a larger pool a long transaction holds only its own connection.
   */
  readonly singleConnection: boolean;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  readonly capabilities: Capabilities;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Refreshes the planner's statistics; run after bulk loads (PostgreSQL's autovacuum does it otherwise). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  poolSize?: number;
  /** Kysely's query log hook, for tools that measure statements (bench/inspect.ts). */
  log?: KyselyConfig['log'];
}

// PostgreSQL returns int8 as a string by default; every bigint here (epoch ms, counts) fits a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export function openStore(url: string, options: StoreOptions = {}): Store {
  return isPostgresUrl(url) ? openPostgres(url, options) : openSqlite(url, options);
}

function openPostgres(url: string, options: StoreOptions): Store {
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (e.g. a database restart) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return {
    db,
    engine: 'postgres',
    capabilities: { caseInsensitiveLike: 'ilike', maxParameters: 65_535, singleConnection: poolSize <= 1 },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    analyze: async () => {
      await sql`analyze`.execute(db);
    },
    close: () => db.destroy(),
  };
}

const OPTIMIZE_INTERVAL_MS = 3_600_000;

function openSqlite(file: string, options: StoreOptions): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged commit is on disk, even across power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // Keep planner statistics fresh, as SQLite advises for long-lived connections: a bounded
  // analysis at open, then hourly. Without statistics the planner can prefer a tenant index
  // over a primary key, which costs a scan of the whole tenant.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  const optimizer = setInterval(() => sqlite.pragma('optimize'), OPTIMIZE_INTERVAL_MS).unref();
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: options.log,
  });
  return {
    db,
    engine: 'sqlite',
    capabilities: { caseInsensitiveLike: 'like', maxParameters: 32_766, singleConnection: true },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    analyze: async () => {
      await sql`analyze`.execute(db);
    },
    close: async () => {
      clearInterval(optimizer);
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; preparing costs more than running a small indexed query on
 * SQLite. Statements are keyed by their SQL text, which Kysely keeps stable for a query shape.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 512): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = (source: string): SqliteDatabase.Statement => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = withFastRows(sqlite.prepare(source));
      if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * better-sqlite3 builds each row object key by key through N-API, which costs more than the query
 * for wide rows. Reading rows as arrays and building the objects in JavaScript with one fixed
 * shape per statement (so V8 gives them one hidden class) is about twice as fast for list pages.
 */
function withFastRows(statement: SqliteDatabase.Statement): SqliteDatabase.Statement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((c) => c.name);
  if (new Set(names).size !== names.length) return statement;
  const toObject = new Function(
    'r',
    `return {${names.map((n, i) => `${JSON.stringify(n)}: r[${i}]`).join(', ')}};`,
  ) as (row: unknown[]) => Record<string, unknown>;
  const rows = statement.raw(true);
  return new Proxy(statement, {
    get(target, property) {
      if (property === 'all') return (...params: unknown[]) => (rows.all(...params) as unknown[][]).map(toObject);
      if (property === 'iterate') {
        return function* (...params: unknown[]) {
          for (const row of rows.iterate(...params) as IterableIterator<unknown[]>) yield toObject(row);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
