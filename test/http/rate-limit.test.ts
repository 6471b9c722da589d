/**
 * Rate limits: per credential and per tenant in the route's group, by client IP without a credential, failed
 * authentication throttled, the X-Rate-Limit-* headers and 429 with Retry-After; counters in memory and in
 * Redis (shared by two app instances), Redis unreachable → fail open; RATE_LIMITS=off → no limits at all.
 * Small budgets (10 light requests a minute, tenant × 2, 5 auth) keep every test at a few hundred requests.
 */
import type { FastifyBaseLogger, FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { clientAddress } from '../../src/http/rate-limit.js';
import { redisCounters } from '../../src/http/rate-limit-store.js';
import { createApiKey, createTenant } from '../support/factories.js';
import { deleteKeys, redisUrl, runKeyPrefix } from '../support/redis.js';
import { describeEachStore } from '../support/stores.js';

const LIGHT = 10;
const TENANT_FACTOR = 2;
const AUTH = 5;
const WINDOW = 60;
const BUDGETS = {
  RATE_LIMIT_LIGHT: `${LIGHT}/${WINDOW}`,
  RATE_LIMIT_MEDIUM: `${LIGHT}/${WINDOW}`,
  RATE_LIMIT_HEAVY: `${LIGHT}/${WINDOW}`,
  RATE_LIMIT_AUTH: `${AUTH}/${WINDOW}`,
  RATE_LIMIT_TENANT_FACTOR: String(TENANT_FACTOR),
};
/** A port nothing listens on: Redis "down". */
const DEAD_REDIS = 'redis://127.0.0.1:1';

type Counters = 'memory' | 'redis';
const counterStores: Counters[] = redisUrl ? ['memory', 'redis'] : ['memory'];

afterAll(async () => {
  if (redisUrl) await deleteKeys(redisUrl, runKeyPrefix);
});

let serial = 0;
const freshPrefix = (): string => `${runKeyPrefix}:${++serial}`;

const rateHeaders = (res: LightMyRequestResponse) => ({
  group: res.headers['x-rate-limit-group'],
  limit: res.headers['x-rate-limit-limit'],
  remaining: res.headers['x-rate-limit-remaining'],
  window: res.headers['x-rate-limit-window'],
});

/** Every 429 is problem+json rate_limited with an integer Retry-After of 1 to WINDOW seconds. */
function expectWellFormed429(res: LightMyRequestResponse, group = 'light'): void {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
  const retryAfter = String(res.headers['retry-after']);
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW);
  expect(rateHeaders(res)).toMatchObject({ group, remaining: '0', window: String(WINDOW) });
}

describeEachStore('rate limits', ({ store }) => {
  const opened: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
  });

  async function limitedApp(
    counters: Counters | 'dead-redis',
    env: Record<string, string> = {},
    keyPrefix = freshPrefix(),
  ): Promise<FastifyInstance> {
    const redis =
      counters === 'redis' ? { REDIS_URL: redisUrl! } : counters === 'dead-redis' ? { REDIS_URL: DEAD_REDIS } : {};
    const config = loadConfig({ LOG_LEVEL: 'silent', ...BUDGETS, RATE_LIMIT_KEY_PREFIX: keyPrefix, ...redis, ...env });
    const app = await buildApp(config, { store: store() });
    opened.push(app);
    return app;
  }

  const list = (app: FastifyInstance, headers: Record<string, string>, remoteAddress?: string) =>
    app.inject({ method: 'GET', url: '/v1/devices', headers, ...(remoteAddress ? { remoteAddress } : {}) });

  /** `n` requests at once, in batches of 25. */
  async function burst(n: number, send: (i: number) => Promise<LightMyRequestResponse>) {
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < n; i += 25) {
      answers.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, (_, j) => send(i + j)))));
    }
    return answers;
  }

  for (const counters of counterStores) {
    describe(`counters in ${counters}`, () => {
      it('answers 10× the rate per credential with ≥ 99 % 429s, each with Retry-After in whole seconds', async () => {
        const app = await limitedApp(counters);
        const { auth } = await createTenant(store());
        const answers = await burst(LIGHT * 10, () => list(app, auth));
        const ok = answers.filter((r) => r.statusCode === 200);
        const limited = answers.filter((r) => r.statusCode === 429);
        const excess = LIGHT * 10 - LIGHT;
        expect(ok).toHaveLength(LIGHT);
        expect(limited.length).toBeGreaterThanOrEqual(Math.ceil(0.99 * excess));
        expect(ok.length + limited.length).toBe(answers.length);
        for (const res of limited) expectWellFormed429(res);
      });

      it('sends the rate-limit headers, Remaining counting down, also on errors', async () => {
        const app = await limitedApp(counters);
        const { auth } = await createTenant(store());
        const remaining: number[] = [];
        for (let i = 0; i < 4; i++) {
          const res = await list(app, auth);
          expect(res.statusCode).toBe(200);
          const headers = rateHeaders(res);
          expect(headers).toMatchObject({ group: 'light', limit: String(LIGHT), window: String(WINDOW) });
          remaining.push(Number(headers.remaining));
        }
        expect(remaining).toEqual([LIGHT - 1, LIGHT - 2, LIGHT - 3, LIGHT - 4]);

        const missing = await app.inject({ method: 'GET', url: '/v1/devices/no-such-device', headers: auth });
        expect(missing.statusCode).toBe(404);
        expect(rateHeaders(missing)).toEqual({
          group: 'light',
          limit: String(LIGHT),
          remaining: String(LIGHT - 5),
          window: String(WINDOW),
        });
        const invalid = await app.inject({ method: 'GET', url: '/v1/devices?bogus=1', headers: auth });
        expect(invalid.statusCode).toBe(400);
        expect(rateHeaders(invalid).remaining).toBe(String(LIGHT - 6));
        // Refused by the policy: still counted, still with headers (403 per credential, 401 per client IP).
        const tenant = await createTenant(store());
        const scopeless = await createApiKey(store(), tenant.tenantId, { scopes: [] });
        const forbidden = await list(app, scopeless.auth);
        expect(forbidden.statusCode).toBe(403);
        expect(rateHeaders(forbidden)).toMatchObject({ limit: String(LIGHT), remaining: String(LIGHT - 1) });
        const anonymous = await list(app, {}, '192.0.2.44');
        expect(anonymous.statusCode).toBe(401);
        expect(rateHeaders(anonymous)).toMatchObject({ group: 'light', remaining: String(LIGHT - 1) });
      });

      it('never lets one tenant’s burst throttle another tenant (noisy neighbour)', async () => {
        const app = await limitedApp(counters);
        const noisy = await createTenant(store());
        const extraKeys = await Promise.all([1, 2, 3].map(() => createApiKey(store(), noisy.tenantId)));
        const noisyAuths = [noisy.auth, ...extraKeys.map((k) => k.auth)];
        const quiet = await createTenant(store());
        const tenantBudget = LIGHT * TENANT_FACTOR;
        // Tenant A sends 10× its tenant budget over four credentials; tenant B's requests (within its budget) are
        // spread through A's burst.
        const plan = Array.from({ length: tenantBudget * 10 }, (_, i) => noisyAuths[i % noisyAuths.length]!);
        for (let i = 0; i < LIGHT; i++) plan.splice(i * 20 + 10, 0, quiet.auth);
        const answers = await burst(plan.length, (i) => list(app, plan[i]!));
        const quietAnswers = answers.filter((_, i) => plan[i] === quiet.auth);
        const noisyAnswers = answers.filter((_, i) => plan[i] !== quiet.auth);
        expect(quietAnswers).toHaveLength(LIGHT);
        expect(quietAnswers.filter((r) => r.statusCode === 429)).toHaveLength(0);
        expect(noisyAnswers.filter((r) => r.statusCode === 200)).toHaveLength(tenantBudget);
        expect(noisyAnswers.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(
          Math.ceil(0.99 * (noisyAnswers.length - tenantBudget)),
        );
      });

      it('counts every credential of a tenant against the tenant budget, reporting the tighter budget', async () => {
        const app = await limitedApp(counters);
        const tenant = await createTenant(store());
        const second = await createApiKey(store(), tenant.tenantId);
        const third = await createApiKey(store(), tenant.tenantId);
        const tenantBudget = LIGHT * TENANT_FACTOR;

        const first = await list(app, tenant.auth);
        // The credential's budget (9 left of 10) is tighter than the tenant's (19 left of 20).
        expect(rateHeaders(first)).toMatchObject({ limit: String(LIGHT), remaining: String(LIGHT - 1) });
        for (let i = 1; i < LIGHT; i++) expect((await list(app, tenant.auth)).statusCode).toBe(200);
        expect((await list(app, tenant.auth)).statusCode).toBe(429);
        for (let i = 0; i < tenantBudget - LIGHT - 2; i++) expect((await list(app, second.auth)).statusCode).toBe(200);

        // Two requests left for the tenant: now its budget is the tighter one, whichever credential asks.
        const nextToLast = await list(app, third.auth);
        expect(nextToLast.statusCode).toBe(200);
        expect(rateHeaders(nextToLast)).toMatchObject({ limit: String(tenantBudget), remaining: '1' });
        expect((await list(app, second.auth)).statusCode).toBe(200);
        const refused = await list(app, third.auth);
        expectWellFormed429(refused);
        expect(rateHeaders(refused).limit).toBe(String(tenantBudget));
      });

      it('limits a public route by client IP', async () => {
        const app = await limitedApp(counters);
        const health = (remoteAddress: string) => app.inject({ method: 'GET', url: '/healthz', remoteAddress });
        const answers = await burst(LIGHT + 5, () => health('198.51.100.7'));
        expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(LIGHT);
        for (const res of answers.filter((r) => r.statusCode !== 200)) expectWellFormed429(res);
        expect((await health('198.51.100.8')).statusCode).toBe(200);
        // IPv6 callers are counted by /64: another address of the same /64 shares the budget.
        for (let i = 0; i < LIGHT; i++) expect((await health(`2001:db8:1:2::${i + 1}`)).statusCode).toBe(200);
        expect((await health('2001:db8:1:2:ffff::9')).statusCode).toBe(429);
        expect((await health('2001:db8:1:3::1')).statusCode).toBe(200);
      });

      it('throttles failed authentication per client IP, never a valid credential', async () => {
        const app = await limitedApp(counters);
        const { auth } = await createTenant(store());
        const guess = (i: number, remoteAddress = '203.0.113.5') =>
          list(app, { authorization: `Bearer not-a-key-${i}` }, remoteAddress);
        for (let i = 0; i < AUTH; i++) {
          const res = await guess(i);
          expect(res.statusCode).toBe(401);
          expect(res.json()).toMatchObject({ code: 'invalid_credentials' });
          expect(rateHeaders(res)).toMatchObject({
            group: 'auth',
            limit: String(AUTH),
            remaining: String(AUTH - 1 - i),
          });
        }
        const guesses = await burst(AUTH * 10, (i) => guess(AUTH + i));
        for (const res of guesses) expectWellFormed429(res, 'auth');
        // Another address is not affected, and a valid key from the throttled address still works.
        expect((await guess(999, '203.0.113.6')).statusCode).toBe(401);
        expect((await list(app, auth, '203.0.113.5')).statusCode).toBe(200);
      });
    });
  }

  if (redisUrl) {
    it('shares one budget between two app instances over the same Redis', async () => {
      const prefix = freshPrefix();
      const nodeA = await limitedApp('redis', {}, prefix);
      const nodeB = await limitedApp('redis', {}, prefix);
      const { auth } = await createTenant(store());
      const answers = await burst(LIGHT * 4, (i) => list(i % 2 === 0 ? nodeA : nodeB, auth));
      expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(LIGHT);
      expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(LIGHT * 3);
      // Each node saw only half the requests, yet both answer from the shared count.
      expect((await list(nodeA, auth)).statusCode).toBe(429);
      expect((await list(nodeB, auth)).statusCode).toBe(429);
    });
  }

  it('fails open to per-node counters when Redis is unreachable', async () => {
    const app = await limitedApp('dead-redis');
    expect(app.rateLimits.store).toBe('redis');
    const { auth } = await createTenant(store());
    const answers = await burst(LIGHT * 3, () => list(app, auth));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(LIGHT);
    for (const res of answers.filter((r) => r.statusCode !== 200)) expectWellFormed429(res);
  });

  it('RATE_LIMITS=off: no limits and no rate-limit headers', async () => {
    const app = await limitedApp('memory', { RATE_LIMITS: 'off' });
    const { auth } = await createTenant(store());
    const answers = await burst(LIGHT * 5, () => list(app, auth));
    const guesses = await burst(AUTH * 5, (i) => list(app, { authorization: `Bearer not-a-key-${i}` }));
    for (const res of answers) expect(res.statusCode).toBe(200);
    for (const res of guesses) expect(res.statusCode).toBe(401);
    for (const res of [...answers, ...guesses]) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('x-rate-limit') || h === 'retry-after')).toEqual([]);
    }
  });
});

describe('Redis counters when Redis is unreachable', () => {
  it('count in memory with the same budget and warn once per outage', async () => {
    const warnings: unknown[] = [];
    const log = { warn: (...args: unknown[]) => warnings.push(args), info: () => {} } as unknown as FastifyBaseLogger;
    const counters = redisCounters(DEAD_REDIS, log);
    try {
      await counters.connect();
      const counter = counters.counter({ keyPrefix: freshPrefix(), points: 3, seconds: 60 });
      const outcomes = await Promise.all(
        Array.from({ length: 5 }, () =>
          counter.consume('k').then(
            () => 'ok',
            () => 'limited',
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'limited')).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 500)); // several reconnection attempts fail meanwhile
      expect(warnings).toHaveLength(1);
    } finally {
      await counters.close();
    }
  });
});

describe('clientAddress', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and reduces IPv6 to its /64', () => {
    expect(clientAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(clientAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientAddress('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:0DB8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddress('::1')).toBe('0:0:0:0::/64');
    expect(clientAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
