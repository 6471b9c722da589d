/**
 * The demo fleet served as `npm start` serves it, for the tests that run the README's walk-throughs: a fresh
 * SQLite database seeded with a small demo fleet (the sandbox tenant included), built before the block's tests
 * and closed after them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Store, openStore } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemoFleet } from '../../src/demo/fleet.js';

export function useDemoApp(env: Record<string, string> = {}, devices = 40): () => FastifyInstance {
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    store = openStore(':memory:');
    await migrateToLatest(store.db);
    await seedDemoFleet(store, { devices });
    app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off', ...env }), { store });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });
  return () => {
    if (!app) throw new Error('the demo app is built in beforeAll');
    return app;
  };
}
