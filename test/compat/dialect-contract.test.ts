/**
 * What every vendor dialect promises, checked on every /compat route of the route policy table: whatever a
 * client sends — no credential, a wrong one, malformed or random path and query values, odd headers, bad
 * bodies — the answer is never a 5xx and never a native problem body; every refusal is in the dialect's own
 * error body. A new dialect is covered by adding its surface to test/support/surfaces.ts.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ROUTE_POLICIES } from '../../src/http/policy.js';
import { createTenant } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { DIALECT_SURFACES, type SurfaceTenant, surfaceOf, surfaceTenant } from '../support/surfaces.js';
import { describeEachStore } from '../support/stores.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const RUNS_PER_ROUTE = 60;

const dialectRoutes = Object.keys(ROUTE_POLICIES)
  .map((key) => key.split(' ') as [Method, string])
  .filter(([, path]) => path.startsWith('/compat/'));

/** Values a careless or hostile client sends. */
const oddValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e309',
    'NaN',
    'null',
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    '☃',
    'a'.repeat(5000),
  ),
  fc.integer().map(String),
);

describeEachStore('every dialect answers in its own shape, never 5xx', ({ store }) => {
  const { app } = useApp(store);
  let tenant: SurfaceTenant;
  let apiKey: string;

  it('has dialect routes to check', async () => {
    expect(dialectRoutes.length).toBeGreaterThan(0);
    expect(new Set(dialectRoutes.map(([, p]) => surfaceOf(p)))).toEqual(new Set(DIALECT_SURFACES));
    const created = await createTenant(store());
    apiKey = created.apiKey;
    tenant = await surfaceTenant(store(), created.tenantId);
    for (const surface of DIALECT_SURFACES) await surface.prepare?.(store(), created.tenantId);
  });

  it('survives random path and query values, with and without a credential', async () => {
    for (const [method, path] of dialectRoutes) {
      const surface = surfaceOf(path);
      await fc.assert(
        fc.asyncProperty(
          fc.boolean(),
          fc.dictionary(
            fc.constantFrom(
              'page',
              'count',
              'manufacturer',
              'deviceState',
              'productName',
              'deviceType',
              'userGroup',
              'userGroups',
              'userName',
              'policyId',
              'subscription',
              'tenantApiCode',
              'apikey',
              // Webex
              'max',
              'start',
              'orgId',
              'tag',
              'mac',
              'type',
              'connectionStatus',
              'personId',
            ),
            oddValue,
            { maxKeys: 5 },
          ),
          oddValue,
          fc.option(
            fc.oneof(
              fc.string({ maxLength: 200 }),
              fc.constant('{"a":'),
              fc.constant('[]'),
              fc.constant('{"__proto__":{"x":1}}'),
            ),
          ),
          async (credentialed, query, segment, body) => {
            const { url, headers } = surface.request(path, tenant, credentialed ? apiKey : undefined);
            const [pathPart, search = ''] = url.split('?');
            const params = new URLSearchParams(search);
            for (const [k, v] of Object.entries(query)) params.set(k, v);
            // Replace one path segment after the vendor prefix with a random value, now and then.
            const segments = pathPart!.split('/');
            if (segment.length % 3 === 0 && segments.length > 4)
              segments[segments.length - 1] = encodeURIComponent(segment) || 'x';
            const res = await app().inject({
              method,
              url: `${segments.join('/')}?${params.toString()}`,
              headers: { ...headers, ...(body === null ? {} : { 'content-type': 'application/json' }) },
              ...(body === null || method === 'GET' ? {} : { payload: body }),
            });
            expect(res.statusCode, `${method} ${url} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              const parsed = JSON.parse(res.body) as unknown;
              expect(surface.isErrorBody(parsed, res.headers['content-type'] as string), res.body.slice(0, 200)).toBe(
                true,
              );
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
  });

  it("answers URLs the router cannot take apart (an overlong segment, a broken escape) in each surface's shape", async () => {
    const routeWithParam = (surfaceName: string) =>
      dialectRoutes.find(([m, p]) => m === 'GET' && surfaceOf(p).name === surfaceName && p.includes(':'))?.[1];
    for (const surface of DIALECT_SURFACES) {
      const path = routeWithParam(surface.name);
      if (path === undefined) continue;
      const { url, headers } = surface.request(path, tenant, apiKey);
      const [pathPart, search] = url.split('?');
      const segments = pathPart!.split('/');
      for (const bad of ['9'.repeat(600), '%E0%A4%A']) {
        segments[segments.length - 1] = bad;
        const res = await app().inject({
          method: 'GET',
          url: `${segments.join('/')}${search ? `?${search}` : ''}`,
          headers,
        });
        expect(res.statusCode, `${surface.name} ${bad.slice(0, 10)}: ${res.body}`).toBe(400);
        expect(surface.isErrorBody(res.json(), res.headers['content-type'] as string), res.body).toBe(true);
      }
    }
    const native = await app().inject({ method: 'GET', url: `/v1/devices/${'9'.repeat(600)}` });
    expect(native.statusCode).toBe(400);
    expect(native.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers unknown paths, methods and media types below each dialect in its own shape', async () => {
    for (const surface of DIALECT_SURFACES) {
      const { url, headers } = surface.request(`/compat/${surface.name}/no/such/path`, tenant, apiKey);
      for (const method of ['GET', 'POST', 'DELETE'] as const) {
        const res = await app().inject({ method, url, headers });
        expect(res.statusCode).toBe(404);
        expect(surface.isErrorBody(res.json(), res.headers['content-type'] as string)).toBe(true);
      }
    }
    for (const [method, path] of dialectRoutes.filter(([m]) => m !== 'GET')) {
      const surface = surfaceOf(path);
      const { url, headers } = surface.request(path, tenant, apiKey);
      const res = await app().inject({
        method,
        url,
        headers: { ...headers, 'content-type': 'text/plain' },
        payload: 'x',
      });
      expect(res.statusCode, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(surface.isErrorBody(res.json(), res.headers['content-type'] as string)).toBe(true);
    }
  });
});
