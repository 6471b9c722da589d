/**
 * The dialect loop: repository and HTTP tests run once per database engine. SQLite always;
 * PostgreSQL when TEST_DATABASE_URL is set or a local server answers. Each test file gets a
 * fresh PostgreSQL database of its own, dropped afterwards. In CI a missing PostgreSQL fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Engine, type Store, openStore } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG_URL;

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresAvailable = await postgresAnswers();
if (!postgresAvailable) {
  if (process.env.CI) throw new Error(`CI needs PostgreSQL for the dialect loop, and none answers at ${adminUrl}.`);
  console.warn(
    `\n  PostgreSQL does not answer at ${adminUrl}: PostgreSQL tests are SKIPPED (set TEST_DATABASE_URL).\n`,
  );
}

export const engines: Engine[] = postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite'];

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ucfleet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Opens a migrated, empty store of the given engine (`url`: where other processes reach it, PostgreSQL only). */
export async function openTestStore(
  engine: Engine,
): Promise<{ store: Store; url?: string; dispose: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const store = openStore(':memory:');
    await migrateToLatest(store.db);
    return { store, dispose: () => store.close() };
  }
  const database = await createPostgresDatabase();
  const store = openStore(database.url, { poolSize: 4 });
  await migrateToLatest(store.db);
  return {
    store,
    url: database.url,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}

/** describe() once per available engine, with a migrated store shared by the block's tests. */
export function describeEachStore(name: string, body: (context: { store: () => Store; engine: Engine }) => void): void {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      let opened: { store: Store; dispose: () => Promise<void> } | undefined;
      beforeAll(async () => {
        opened = await openTestStore(engine);
      });
      afterAll(async () => {
        await opened?.dispose();
      });
      body({
        engine,
        store: () => {
          if (!opened) throw new Error('store not open yet');
          return opened.store;
        },
      });
    });
  }
}
