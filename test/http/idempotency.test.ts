/**
 * Idempotency-Key on the native POST routes (RELIABILITY.md "Idempotency"): replays, mismatches, parallel
 * duplicates, tenants, stored 4xx answers, malformed keys, expiry and stuck claims under a controlled clock, and
 * the release of keys whose answer is a 5xx (on a test route, since no real route fails on demand).
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/database.js';
import { idempotentPosts } from '../../src/http/idempotency.js';
import { sendProblem, toAppError } from '../../src/http/problem.js';
import { Problem } from '../../src/http/schemas.js';
import { STUCK_CLAIM_MS } from '../../src/modules/idempotency/idempotency.service.js';
import { requestFingerprint } from '../../src/modules/idempotency/request-fingerprint.js';
import { type Services, createServices } from '../../src/services.js';
import { createApiKey, createTenant } from '../support/factories.js';
import { describeEachStore } from '../support/stores.js';

const HOUR = 3_600_000;

type Table = 'apps' | 'api_keys' | 'audit_events' | 'idempotency_keys';

async function count(store: Store, table: Table, tenantId: string): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachStore('Idempotency-Key', ({ store }) => {
  // The services' clock: real time, or frozen at `frozenAt`, plus `offset`.
  let offset = 0;
  let frozenAt: number | undefined;
  const clock = () => (frozenAt ?? Date.now()) + offset;
  let built: FastifyInstance | undefined;
  let services: Services | undefined;
  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' });
    services = createServices(store(), config, clock);
    built = await buildApp(config, { store: store(), services });
  });
  afterAll(async () => {
    await built?.close();
  });
  afterEach(() => {
    offset = 0;
    frozenAt = undefined;
  });
  const app = () => built!;
  const post = (url: string, auth: Record<string, string>, payload: object, key?: string) =>
    app().inject({
      method: 'POST',
      url,
      headers: { ...auth, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload,
    });
  const counts = async (tenantId: string) => ({
    apps: await count(store(), 'apps', tenantId),
    apiKeys: await count(store(), 'api_keys', tenantId),
    events: await count(store(), 'audit_events', tenantId),
  });
  const replayed = (res: { headers: Record<string, unknown> }) => res.headers['idempotent-replayed'] === 'true';

  it('replays the first answer (status, body, headers) and creates nothing new', async () => {
    const { tenantId, auth } = await createTenant(store());
    const key = randomUUID();
    const first = await post('/v1/apps', auth, { name: 'Dashboard', appId: 'dashboard-01' }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(replayed(first)).toBe(false);
    const before = await counts(tenantId);

    // Member order does not matter: the body is compared in canonical form.
    const again = await post('/v1/apps', auth, { appId: 'dashboard-01', name: 'Dashboard' }, key);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    for (const header of ['content-type', 'location', 'etag']) {
      expect(again.headers[header], header).toBe(first.headers[header]);
    }
    expect(first.headers.location).toBe(`/v1/apps/${first.json().id}`);
    expect(replayed(again)).toBe(true);
    expect(await counts(tenantId)).toEqual(before);

    // Without the header a POST behaves as before: the same body is a new request (here a duplicate appId).
    const plain = await post('/v1/apps', auth, { name: 'Dashboard', appId: 'dashboard-01' });
    expect(plain.statusCode).toBe(409);
    expect(replayed(plain)).toBe(false);
    expect((await post('/v1/apps', auth, { name: 'Dashboard' })).statusCode).toBe(201);
    expect((await counts(tenantId)).apps).toBe(before.apps + 1);
  });

  it('replays an issued API key without storing the key in the clear', async () => {
    const { tenantId, auth } = await createTenant(store());
    const idempotencyKey = `retry-${randomUUID()}`;
    const first = await post('/v1/api-keys', auth, { name: 'ci', role: 'readonly_admin' }, idempotencyKey);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('/v1/api-keys', auth, { name: 'ci', role: 'readonly_admin' }, idempotencyKey);
    expect(again.body).toBe(first.body);
    expect(replayed(again)).toBe(true);
    expect(await count(store(), 'api_keys', tenantId)).toBe(2); // the tenant's admin key and this one

    const secret = first.json().key as string;
    const rows = await store()
      .db.selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'done', status: 201 });
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(idempotencyKey);
  });

  it('refuses the key for another body, route or caller (422), creating nothing', async () => {
    const { tenantId, auth } = await createTenant(store());
    const otherAdmin = await createApiKey(store(), tenantId);
    const key = randomUUID();
    expect((await post('/v1/apps', auth, { name: 'First' }, key)).statusCode).toBe(201);
    const before = await counts(tenantId);
    for (const [url, who, payload] of [
      ['/v1/apps', auth, { name: 'Second' }],
      ['/v1/apps', auth, { name: 'First', appId: 'explicit-id' }],
      ['/v1/api-keys', auth, { name: 'First', role: 'readonly_admin' }],
      ['/v1/apps', otherAdmin.auth, { name: 'First' }],
    ] as const) {
      const res = await post(url, who, payload, key);
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'idempotency_key_mismatch', parameter: 'Idempotency-Key' });
    }
    expect(await counts(tenantId)).toEqual(before);
  });

  it('runs 50 parallel duplicates once: the original answer or 409 in flight, then replays', async () => {
    const { tenantId, auth } = await createTenant(store());
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => post('/v1/apps', auth, { name: 'Parallel' }, key)),
    );
    expect(await count(store(), 'apps', tenantId)).toBe(1);
    expect(await count(store(), 'audit_events', tenantId)).toBe(1);
    const created = answers.filter((res) => res.statusCode === 201);
    const originals = created.filter((res) => !replayed(res));
    expect(originals).toHaveLength(1);
    const original = originals[0]!;
    for (const res of answers) {
      if (res.statusCode === 201) {
        expect(res.body).toBe(original.body);
        continue;
      }
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'idempotency_key_in_use', parameter: 'Idempotency-Key' });
      expect(res.headers['retry-after']).toBe('1');
    }
    const later = await post('/v1/apps', auth, { name: 'Parallel' }, key);
    expect(later.statusCode).toBe(201);
    expect(later.body).toBe(original.body);
    expect(replayed(later)).toBe(true);
    expect(await count(store(), 'apps', tenantId)).toBe(1);
  });

  it('keeps tenants apart: the same key in another tenant is its own request', async () => {
    const a = await createTenant(store());
    const b = await createTenant(store());
    const key = randomUUID();
    const inA = await post('/v1/apps', a.auth, { name: 'Shared' }, key);
    const inB = await post('/v1/apps', b.auth, { name: 'Shared' }, key);
    expect([inA.statusCode, inB.statusCode]).toEqual([201, 201]);
    expect(replayed(inB)).toBe(false);
    expect(inB.json().id).not.toBe(inA.json().id);
    expect(await count(store(), 'apps', a.tenantId)).toBe(1);
    expect(await count(store(), 'apps', b.tenantId)).toBe(1);
    // Each tenant replays its own answer; a different body in B is not compared with A's.
    expect((await post('/v1/apps', a.auth, { name: 'Shared' }, key)).body).toBe(inA.body);
    expect((await post('/v1/apps', b.auth, { name: 'Shared' }, key)).body).toBe(inB.body);
    expect((await post('/v1/apps', b.auth, { name: 'Other' }, key)).statusCode).toBe(422);
  });

  it('stores and replays a 4xx answer of the operation, but not a body that fails validation', async () => {
    const { tenantId, auth } = await createTenant(store());
    const key = randomUUID();
    const bad = { name: '   ', role: 'readonly_admin' }; // valid JSON shape, refused by the service
    const first = await post('/v1/api-keys', auth, bad, key);
    expect(first.statusCode).toBe(400);
    expect(first.json()).toMatchObject({ code: 'invalid_body', parameter: 'name' });
    const again = await post('/v1/api-keys', auth, bad, key);
    expect(again.statusCode).toBe(400);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(replayed(again)).toBe(true);
    // The key is spent on that request: a corrected body needs a new key.
    expect((await post('/v1/api-keys', auth, { name: 'ok', role: 'readonly_admin' }, key)).statusCode).toBe(422);

    // A body refused by the schema stores nothing under the key: the corrected request may use it.
    const fresh = randomUUID();
    const invalid = await post('/v1/apps', auth, { name: '' }, fresh);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('invalid_body');
    const fixed = await post('/v1/apps', auth, { name: 'Fixed' }, fresh);
    expect(fixed.statusCode).toBe(201);
    expect(replayed(fixed)).toBe(false);
    expect(await count(store(), 'idempotency_keys', tenantId)).toBe(2);
  });

  it('refuses a malformed key with 400 naming the header, storing nothing', async () => {
    const { tenantId, auth } = await createTenant(store());
    const before = await counts(tenantId);
    for (const key of ['', 'x'.repeat(256), 'tab\there', 'del\x7fete', 'clé-unicode']) {
      const res = await post('/v1/apps', auth, { name: 'Bad key' }, key);
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'Idempotency-Key' });
      expect(res.json().detail).toMatch(/Idempotency-Key/);
    }
    const repeated = await app().inject({
      method: 'POST',
      url: '/v1/apps',
      headers: { ...auth, 'idempotency-key': ['one', 'two'] },
      payload: { name: 'Bad key' },
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'Idempotency-Key' });
    expect(await counts(tenantId)).toEqual(before);
    expect(await count(store(), 'idempotency_keys', tenantId)).toBe(0);
    // The longest key, and every printable character, are accepted.
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    for (const key of ['k'.repeat(255), printable.trim()]) {
      const res = await post('/v1/apps', auth, { name: 'Good key' }, key);
      expect(res.statusCode, key).toBe(201);
    }
  });

  it('forgets a key after IDEMPOTENCY_TTL_HOURS: it may be reused, and the purge deletes it', async () => {
    const { tenantId, auth } = await createTenant(store());
    const key = randomUUID();
    frozenAt = Date.now();
    const first = await post('/v1/apps', auth, { name: 'Expiring' }, key);
    offset = 24 * HOUR - 1;
    expect(replayed(await post('/v1/apps', auth, { name: 'Expiring' }, key))).toBe(true);
    await services!.idempotency.purgeExpired(); // purges every tenant's expired keys, not this one
    expect(await count(store(), 'idempotency_keys', tenantId)).toBe(1);
    offset = 24 * HOUR;
    const after = await post('/v1/apps', auth, { name: 'Expiring' }, key);
    expect(after.statusCode).toBe(201);
    expect(replayed(after)).toBe(false);
    expect(after.json().id).not.toBe(first.json().id);
    expect(await count(store(), 'apps', tenantId)).toBe(2);

    // An expired key is reusable for another request too; the hourly purge deletes expired keys.
    const other = randomUUID();
    expect((await post('/v1/apps', auth, { name: 'Purged' }, other)).statusCode).toBe(201);
    expect(await count(store(), 'idempotency_keys', tenantId)).toBe(2);
    offset = 48 * HOUR;
    expect(await services!.idempotency.purgeExpired({ batchSize: 1 })).toBeGreaterThanOrEqual(2);
    expect(await count(store(), 'idempotency_keys', tenantId)).toBe(0);
    expect((await post('/v1/apps', auth, { name: 'Something else' }, other)).statusCode).toBe(201);
  });

  it('releases a key stuck in flight (its process died) after 60 s', async () => {
    const { tenantId } = await createTenant(store());
    const caller = await createApiKey(store(), tenantId);
    const key = randomUUID();
    const body = { name: 'Stuck' };
    const fingerprint = requestFingerprint({
      caller: `api_key:${caller.id}`,
      method: 'POST',
      route: '/v1/apps',
      params: {},
      query: {},
      body,
    });
    // A claim that is never completed: what a process that died mid-request leaves behind.
    frozenAt = Date.now();
    const stuck = await services!.idempotency.claim(tenantId, key, fingerprint);
    expect(stuck.outcome).toBe('claimed');

    offset = STUCK_CLAIM_MS - 1;
    const waiting = await post('/v1/apps', caller.auth, body, key);
    expect(waiting.statusCode, waiting.body).toBe(409);
    expect(waiting.json().code).toBe('idempotency_key_in_use');
    expect(await count(store(), 'apps', tenantId)).toBe(0);

    offset = STUCK_CLAIM_MS;
    const taken = await post('/v1/apps', caller.auth, body, key);
    expect(taken.statusCode).toBe(201);
    expect(replayed(taken)).toBe(false);
    expect(await count(store(), 'apps', tenantId)).toBe(1);
    // The dead claim can no longer complete nor release what the new one stored.
    if (stuck.outcome !== 'claimed') throw new Error('unreachable');
    expect(await services!.idempotency.complete(stuck.claim, { status: 500, headers: {}, body: 'late' })).toBe(false);
    expect(await services!.idempotency.release(stuck.claim)).toBe(false);
    expect((await post('/v1/apps', caller.auth, body, key)).body).toBe(taken.body);
  });

  it('leaves sign-in alone and documents the header on POST routes', async () => {
    const signIn = await app().inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { 'idempotency-key': '' },
      payload: { login: `nobody-${randomUUID()}`, password: 'not the password' },
    });
    expect(signIn.json().code).toBe('invalid_credentials'); // no 400 for the empty key: not an idempotent route

    const spec = (await app().inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    };
    const documents = (path: string, method: string) =>
      (spec.paths[path]?.[method]?.parameters ?? []).some(
        (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
      );
    expect(documents('/v1/apps', 'post')).toBe(true);
    expect(documents('/v1/api-keys', 'post')).toBe(true);
    expect(documents('/v1/apps', 'get')).toBe(false);
    expect(documents('/v1/sessions', 'post')).toBe(false);
  });

  it('does not store answers of 500 and above, nor of errors: the key is released for a retry', async () => {
    const { tenantId } = await createTenant(store());
    const outcomes = ['throw', '503', '201'];
    let calls = 0;
    const flaky = Fastify();
    try {
      flaky.decorateRequest('principal', null);
      flaky.addSchema(Problem);
      flaky.setErrorHandler((error, request, reply) => sendProblem(reply, toAppError(error, request)));
      flaky.addHook('onRequest', async (request) => {
        request.principal = {
          tenantId,
          credentialKind: 'api_key',
          credentialId: 'test',
          personId: null,
          role: 'admin',
          scopes: [],
        };
      });
      idempotentPosts(flaky, services!.idempotency);
      flaky.post('/flaky', async (_request, reply) => {
        const outcome = outcomes[calls++];
        if (outcome === 'throw') throw new Error('the database went away');
        if (outcome === '503') return reply.code(503).send({ retry: true });
        return reply.code(201).send({ call: calls });
      });
      const send = () =>
        flaky.inject({ method: 'POST', url: '/flaky', headers: { 'idempotency-key': 'flaky-1' }, payload: {} });
      expect((await send()).statusCode).toBe(500);
      expect(await count(store(), 'idempotency_keys', tenantId)).toBe(0);
      expect((await send()).statusCode).toBe(503);
      expect(await count(store(), 'idempotency_keys', tenantId)).toBe(0);
      const success = await send();
      expect(success.statusCode).toBe(201);
      expect(success.json()).toEqual({ call: 3 });
      const replay = await send();
      expect(replay.json()).toEqual({ call: 3 });
      expect(replayed(replay)).toBe(true);
      expect(calls).toBe(3);
    } finally {
      await flaky.close();
    }
  });
});
