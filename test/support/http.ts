/**
 * HTTP test helpers: an app built over a test store, walking a keyset-paged list by its Link headers,
 * and comparing problem bodies.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Store } from '../../src/db/database.js';
import type { ScryptCost } from '../../src/modules/logins/password.js';
import { type TestHooks, createServices } from '../../src/services.js';

/** A cheap scrypt cost for tests that set passwords (production always uses the default cost). */
export const TEST_PASSWORD_COST: ScryptCost = { ln: 4, r: 8, p: 1 };

/**
 * Builds the app over the block's store (and extra configuration) before its tests and closes it after them.
 * `testHooks` (e.g. a cheap password cost) are passed to the services when given.
 */
export function useApp(store: () => Store, env: Record<string, string> = {}, testHooks?: TestHooks) {
  let built: FastifyInstance | undefined;
  beforeAll(async () => {
    // Rate limits are off unless a test turns them on (env RATE_LIMITS: 'on'): test/http/rate-limit.test.ts covers them.
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off', ...env });
    const services = testHooks ? createServices(store(), config, Date.now, testHooks) : undefined;
    built = await buildApp(config, { store: store(), services });
  });
  afterAll(async () => {
    await built?.close();
  });
  const app = (): FastifyInstance => {
    if (!built) throw new Error('the app is built in beforeAll');
    return built;
  };
  const get = (url: string, headers: Record<string, string> = {}) => app().inject({ method: 'GET', url, headers });
  return { app, get };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request function that sends every call with the given credential headers (and a JSON body when given). */
export function callerWith(app: () => FastifyInstance) {
  return (auth: Record<string, string>) =>
    (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app().inject({
        method,
        url,
        headers: { ...auth, ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
}

/**
 * Follows `Link: rel="next"` from `url` to the last page; checks that the header and nextCursor
 * agree on every page and that no item appears twice. Returns every item and the page count.
 */
export async function walk(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string>,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let next: string | undefined = url;
  let pages = 0;
  while (next !== undefined) {
    const res = await app.inject({ method: 'GET', url: next, headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Record<string, unknown>[]; nextCursor: string | null };
    pages += 1;
    items.push(...body.items);
    const link = res.headers.link as string | undefined;
    if (body.nextCursor === null) {
      expect(link).toBeUndefined();
      next = undefined;
    } else {
      const match = /^<([^>]+)>; rel="next"$/.exec(link ?? '');
      expect(match, `Link header: ${link}`).not.toBeNull();
      next = match![1]!;
      expect(new URL(next, 'http://x').searchParams.get('cursor')).toBe(body.nextCursor);
    }
    expect(pages).toBeLessThan(100);
  }
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  return { items, pages };
}

/** A problem body with the id-specific parts (detail, instance) normalised, for comparing two 404s. */
export function problemShape(body: Record<string, unknown>, id: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(body).split(id).join('<id>')) as Record<string, unknown>;
}
