/**
 * The role × route × scope matrix, generated from the route policy table (src/http/policy.ts): for every
 * guarded route, every role with its full scope ceiling, and the same credential missing each required scope
 * in turn. A call the policy allows must get past authorization (any answer but 401/403); any other call must
 * be 403 insufficient_scope. The table and the router must list the same routes.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { enforceRoutePolicies } from '../../src/http/authorize.js';
import { ROUTE_POLICIES, type RoutePolicy } from '../../src/http/policy.js';
import { actsAsPerson } from '../../src/modules/access/principal.js';
import { ROLES, ROLE_SCOPES, type Role } from '../../src/modules/access/roles.js';
import { createApiKey, createTenant, insertPerson } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { surfaceOf, surfaceTenant } from '../support/surfaces.js';
import { describeEachStore } from '../support/stores.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const routes = Object.entries(ROUTE_POLICIES).map(([key, policy]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, method, path, policy };
});
const guarded = routes.filter(
  (r): r is typeof r & { policy: RoutePolicy & { roles: readonly Role[] } } => r.policy.roles !== 'public',
);

/** A concrete URL for a route pattern: ids that exist nowhere (a 404 is an answer past authorization). */
function urlOf(path: string): string {
  return path.replace(/:\w+/g, () => newId()).replace('*', 'anything');
}

const noTenant = { tenantId: newId(), apiCode: newId() };

function allowed(policy: RoutePolicy & { roles: readonly Role[] }, role: Role, scopes: readonly string[]): boolean {
  return policy.roles.includes(role) && policy.scopes.every((s) => scopes.includes(s));
}

describe('the route policy table', () => {
  it('refuses to register a route that has no policy', () => {
    const app = Fastify();
    enforceRoutePolicies(app);
    expect(() => app.get('/v1/not-in-the-table', async () => 'x')).toThrow(/no entry in the route policy table/);
  });

  it('gives every unsafe route to writers only: read-only admins never change anything', () => {
    // Signing out ends the caller's own session; every role may do that.
    // Signing out and Bayeux (CometD) messaging change no data.
    const changesData = (key: string) =>
      key !== 'DELETE /v1/sessions/current' && !key.startsWith('POST /compat/genesys/api/v2/notifications');
    for (const route of guarded.filter((r) => r.method !== 'GET' && changesData(r.key))) {
      expect(route.policy.roles, route.key).not.toContain('readonly_admin');
    }
  });
});

describeEachStore('role × route × scope matrix', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });

  it('lists exactly the routes of the router', () => {
    for (const route of routes) {
      if (route.key === 'OPTIONS *') continue; // registered only when CORS_ORIGINS is set
      expect(app().hasRoute({ method: route.method as Method, url: route.path }), route.key).toBe(true);
    }
  });

  it('answers every guarded route called without a credential as its surface says (native: 401 with a challenge)', async () => {
    for (const route of guarded) {
      const surface = surfaceOf(route.path);
      const { url, headers } = surface.request(route.path, noTenant);
      const res = await app().inject({ method: route.method as Method, url, headers });
      expect(res.statusCode, route.key).toBe(surface.unauthenticatedStatus);
      if (surface.challenges) expect(res.headers['www-authenticate'], route.key).toMatch(/^Bearer realm="ucfleet"/);
    }
  });

  it('lets public routes be called without a credential', async () => {
    for (const route of routes.filter((r) => r.policy.roles === 'public' && r.key !== 'OPTIONS *')) {
      const res = await app().inject({ method: route.method as Method, url: urlOf(route.path) });
      expect([401, 403], `${route.key} → ${res.statusCode}`).not.toContain(res.statusCode);
    }
  });

  it('allows or forbids every (route, role, scope set) exactly as the table says', async () => {
    const { tenantId } = await createTenant(store());
    const tenant = await surfaceTenant(store(), tenantId);
    for (const surface of new Set(guarded.map((r) => surfaceOf(r.path)))) await surface.prepare?.(store(), tenantId);
    let cells = 0;
    const differing: string[] = [];
    for (const role of ROLES) {
      const personId = actsAsPerson(role) ? await insertPerson(store(), tenantId) : null;
      const ceiling = ROLE_SCOPES[role];
      const variants: { label: string; scopes: readonly string[]; dropped?: string }[] = [
        { label: 'with all its scopes', scopes: ceiling },
        ...ceiling.map((dropped) => ({
          label: `without ${dropped}`,
          scopes: ceiling.filter((s) => s !== dropped),
          dropped,
        })),
      ];
      for (const variant of variants) {
        const { key } = await createApiKey(store(), tenantId, { role, scopes: variant.scopes, personId });
        for (const route of guarded) {
          // Only the variants that drop one of this route's scopes tell anything new about it.
          if (variant.dropped !== undefined && !(route.policy.scopes as readonly string[]).includes(variant.dropped)) {
            continue;
          }
          const surface = surfaceOf(route.path);
          const { url, headers } = surface.request(route.path, tenant, key);
          const res = await app().inject({ method: route.method as Method, url, headers });
          cells += 1;
          const expectAllowed = allowed(route.policy, role, variant.scopes);
          const wasAllowed = res.statusCode !== 401 && res.statusCode !== 403;
          if (expectAllowed !== wasAllowed) {
            differing.push(`${route.key} as ${role} ${variant.label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          }
          if (!expectAllowed && res.statusCode === 403) {
            expect(surfaceOf(route.path).isInsufficientScope(res.json()), `${route.key}: ${res.body}`).toBe(true);
            if (surfaceOf(route.path).challenges) {
              expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
            }
          }
        }
      }
    }
    expect(differing).toEqual([]);
    expect(cells).toBeGreaterThan(guarded.length * ROLES.length);
  });
});
