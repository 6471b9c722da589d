import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/db/database.js';

// A PostgreSQL URL on a port where nothing listens: every query fails to connect.
const store = openStore('postgres://postgres@127.0.0.1:9/unreachable', { poolSize: 1 });
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), { store });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

it('reports not ready, as a problem, when the database does not answer', async () => {
  const res = await app.inject('/readyz');
  expect(res.statusCode).toBe(503);
  expect(res.json()).toMatchObject({ code: 'service_unavailable', status: 503 });
  expect((await app.inject('/healthz')).statusCode).toBe(200);
});

it('answers API requests with 503, never 500 or a connection error text, while the database is down', async () => {
  const res = await app.inject({ url: '/v1/devices', headers: { authorization: 'Bearer some-key' } });
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().code).toBe('service_unavailable');
  expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/);
});
