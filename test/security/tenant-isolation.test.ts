/**
 * Tenant isolation, as a property: a caller of tenant A naming, on any id-bearing route of the native API,
 * an id that belongs to tenant B must get exactly the answer a genuinely missing id gets — and change nothing.
 * Three tenants, each with one of every kind of resource; fast-check draws (caller, owner, route, resource).
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { ROUTE_POLICIES } from '../../src/http/policy.js';
import {
  createDevices,
  createTenant,
  deviceRow,
  insertGroup,
  insertPerson,
  insertProduct,
  insertSite,
  insertWorkspace,
  type TestTenant,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Kind =
  | 'device'
  | 'person'
  | 'site'
  | 'userGroup'
  | 'workspace'
  | 'virtualLine'
  | 'compliancePolicy'
  | 'pagingGroup'
  | 'apiKey'
  | 'oauthClient'
  | 'app'
  | 'appAuthorization'
  | 'phoneNumber'
  | 'job'
  | 'tenant';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which resource the `:id` of each id-bearing route names. Products are a global catalogue, not tenant data. */
const ID_ROUTE_KINDS: Record<string, Kind | 'global'> = {
  'GET /v1/devices/:id': 'device',
  'GET /v1/jobs/:id': 'job',
  'PUT /v1/devices/:id': 'device',
  'PATCH /v1/devices/:id': 'device',
  'DELETE /v1/devices/:id': 'device',
  'GET /v1/devices/:id/telephony': 'device',
  'PUT /v1/devices/:id/telephony': 'device',
  'PUT /v1/devices/:id/do-not-disturb': 'device',
  'PUT /v1/devices/:id/forwarding': 'device',
  'POST /v1/devices/:id/monitoring': 'device',
  'DELETE /v1/devices/:id/monitoring': 'device',
  'PUT /v1/people/:id/agent-state': 'person',
  'POST /v1/devices/:id/deactivate': 'device',
  'GET /v1/people/:id': 'person',
  'GET /v1/people/:id/devices': 'person',
  'GET /v1/people/:id/login': 'person',
  'PUT /v1/people/:id/login': 'person',
  'DELETE /v1/people/:id/login': 'person',
  'PUT /v1/people/:id': 'person',
  'PATCH /v1/people/:id': 'person',
  'DELETE /v1/people/:id': 'person',
  'PUT /v1/people/:id/user-groups': 'person',
  'GET /v1/sites/:id': 'site',
  'PUT /v1/sites/:id': 'site',
  'PATCH /v1/sites/:id': 'site',
  'DELETE /v1/sites/:id': 'site',
  'PUT /v1/user-groups/:id': 'userGroup',
  'PATCH /v1/user-groups/:id': 'userGroup',
  'DELETE /v1/user-groups/:id': 'userGroup',
  'GET /v1/workspaces/:id': 'workspace',
  'PUT /v1/workspaces/:id': 'workspace',
  'PATCH /v1/workspaces/:id': 'workspace',
  'DELETE /v1/workspaces/:id': 'workspace',
  'GET /v1/virtual-lines/:id': 'virtualLine',
  'PUT /v1/virtual-lines/:id': 'virtualLine',
  'PATCH /v1/virtual-lines/:id': 'virtualLine',
  'DELETE /v1/virtual-lines/:id': 'virtualLine',
  'GET /v1/compliance-policies/:id': 'compliancePolicy',
  'PUT /v1/compliance-policies/:id': 'compliancePolicy',
  'PATCH /v1/compliance-policies/:id': 'compliancePolicy',
  'DELETE /v1/compliance-policies/:id': 'compliancePolicy',
  'GET /v1/paging-groups/:id': 'pagingGroup',
  'PUT /v1/paging-groups/:id/devices': 'pagingGroup',
  'DELETE /v1/paging-groups/:id': 'pagingGroup',
  'GET /v1/user-groups/:id': 'userGroup',
  'GET /v1/user-groups/:id/people': 'userGroup',
  'GET /v1/products/:id': 'global',
  'GET /v1/api-keys/:id': 'apiKey',
  'DELETE /v1/api-keys/:id': 'apiKey',
  'GET /v1/oauth-clients/:id': 'oauthClient',
  'DELETE /v1/oauth-clients/:id': 'oauthClient',
  'GET /v1/apps/:id': 'app',
  'DELETE /v1/apps/:id': 'app',
  'POST /v1/app-authorizations/:id/approve': 'appAuthorization',
  'POST /v1/app-authorizations/:id/reject': 'appAuthorization',
  'GET /v1/numbers/:id': 'phoneNumber',
  'PUT /v1/numbers/:id': 'phoneNumber',
  'PATCH /v1/numbers/:id': 'phoneNumber',
  'DELETE /v1/numbers/:id': 'phoneNumber',
  'PUT /v1/devices/:id/lines': 'device',
  'PUT /v1/devices/:id/paired-device': 'device',
  'PUT /v1/devices/:id/firmware': 'device',
  'PUT /v1/devices/:id/monitoring/mute': 'device',
  'GET /compat/genesys/api/v2/devices/:id': 'device',
  'GET /compat/genesys/api/v2/me/devices/:id': 'device',
  'POST /compat/genesys/api/v2/me/devices/:id': 'device',
  'GET /compat/genesys/api/v2/phone-numbers/:id': 'phoneNumber',
  // A Genesys voice environment is the tenant itself.
  'GET /compat/genesys/api/v2/voice-environments/:id': 'tenant',
};

// Dialect routes name resources by vendor ids (`:appId`, `:requestId`, `:tenantApiCode`), not `:id`: their
// isolation is tested with the dialect (test/compat/poly-apps.test.ts: a foreign appId or requestId answers
// exactly like a missing one; test/compat/poly-devices.test.ts: another tenant's code).
const idRoutes = Object.keys(ROUTE_POLICIES)
  .filter((key) => key.includes(':id'))
  .map((key) => {
    const [method, path] = key.split(' ') as [Method, string];
    return { key, method, path, kind: ID_ROUTE_KINDS[key] };
  });
const tenantRoutes = idRoutes.filter((r) => r.kind !== 'global' && r.kind !== undefined);

/** A body that passes validation, so a write reaches the lookup that must fail. */
function bodyFor(key: string): object | undefined {
  if (key === 'PUT /v1/people/:id/login') {
    return { login: `probe-${newId()}`, role: 'agent', password: 'a long enough password' };
  }
  if (key === 'PUT /v1/devices/:id') return { kind: 'Headset', name: 'probe' };
  if (key === 'PATCH /v1/devices/:id') return { name: 'probe', tags: ['probe'] };
  if (key === 'PUT /v1/people/:id') return { username: `probe-${newId()}` };
  if (key === 'PATCH /v1/people/:id') return { firstName: 'Probe' };
  if (key === 'PUT /v1/people/:id/user-groups') return { userGroupIds: [] };
  if (key === 'PUT /v1/user-groups/:id' || key === 'PUT /v1/sites/:id' || key === 'PUT /v1/workspaces/:id') {
    return { name: `probe-${newId()}` };
  }
  if (key === 'PATCH /v1/user-groups/:id') return { description: 'probe' };
  if (key === 'PATCH /v1/sites/:id') return { timeZone: 'UTC' };
  if (key === 'PATCH /v1/workspaces/:id') return { name: `probe-${newId()}` };
  if (key === 'PUT /v1/virtual-lines/:id') return { firstName: 'Probe', lastName: 'Line', extension: '4242' };
  if (key === 'PATCH /v1/virtual-lines/:id') return { displayName: 'Probe' };
  if (key === 'PUT /v1/compliance-policies/:id')
    return { name: `probe-${newId()}`, component: 'main', targetVersion: '1' };
  if (key === 'PATCH /v1/compliance-policies/:id') return { targetVersion: '2' };
  if (key === 'PUT /v1/paging-groups/:id/devices') return { deviceIds: [] };
  if (key === 'PUT /v1/devices/:id/telephony') return { phoneNumber: '3001' };
  if (key === 'PUT /v1/devices/:id/do-not-disturb') return { enabled: true };
  if (key === 'PUT /v1/devices/:id/forwarding') return { enabled: false };
  if (key === 'POST /v1/devices/:id/monitoring') return { targetDeviceId: newId() };
  if (key === 'PUT /v1/people/:id/agent-state') return { state: 'Ready' };
  if (key === 'PUT /v1/devices/:id/monitoring/mute') return { muted: true };
  if (key === 'POST /compat/genesys/api/v2/me/devices/:id') return { operationName: 'DoNotDisturbOn' };
  if (key === 'PUT /v1/numbers/:id') return { number: '3001' };
  if (key === 'PATCH /v1/numbers/:id') return { number: '3002' };
  if (key === 'PUT /v1/devices/:id/lines') return { lines: [] };
  if (key === 'PUT /v1/devices/:id/paired-device') return { deviceId: null };
  if (key === 'PUT /v1/devices/:id/firmware') return { main: '1.0' };
  if (key === 'POST /v1/app-authorizations/:id/approve') return { subscriptions: ['ASSETHISTORICAL'] };
  return undefined;
}

describeEachStore('tenant isolation on every id-bearing route', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });

  /** A dry-run import job of the tenant (POST /v1/imports answers 202 with the job). */
  async function startImport(auth: Record<string, string>): Promise<string> {
    const res = await app().inject({
      method: 'POST',
      url: '/v1/imports?dryRun=true',
      headers: auth,
      payload: { devices: [{ kind: 'Headset', name: 'probe' }] },
    });
    expect(res.statusCode, res.body).toBe(202);
    return (res.json() as { id: string }).id;
  }

  it('knows which resource every id-bearing route names', () => {
    expect(idRoutes.filter((r) => r.kind === undefined).map((r) => r.key)).toEqual([]);
  });

  it('answers a foreign id exactly like a missing one, 5,000 times, and changes nothing', async () => {
    const tenants: (TestTenant & { ids: Record<Kind, string> })[] = [];
    for (let t = 0; t < 3; t++) {
      const tenant = await createTenant(store());
      const post = async (url: string, payload: object): Promise<string> => {
        const res = await app().inject({ method: 'POST', url, headers: tenant.auth, payload });
        expect(res.statusCode, res.body).toBe(201);
        return (res.json() as { id: string }).id;
      };
      const person = await insertPerson(store(), tenant.tenantId);
      const [device] = await createDevices(store(), [deviceRow(tenant.tenantId, { owner_person_id: person })]);
      tenants.push({
        ...tenant,
        ids: {
          device: device!,
          person,
          site: await insertSite(store(), tenant.tenantId),
          userGroup: await insertGroup(store(), tenant.tenantId),
          workspace: await insertWorkspace(store(), tenant.tenantId),
          virtualLine: await post('/v1/virtual-lines', { firstName: 'Probe', lastName: 'Line', extension: '4100' }),
          // Of a product no device has: the policy changes no device's compliance.
          compliancePolicy: await post('/v1/compliance-policies', {
            productId: await insertProduct(store()),
            name: 'Probe',
            component: 'main',
            targetVersion: '1',
          }),
          pagingGroup: await post('/v1/paging-groups', { name: 'Probe', deviceIds: [device!] }),
          apiKey: await post('/v1/api-keys', { name: 'probe', role: 'readonly_admin' }),
          oauthClient: await post('/v1/oauth-clients', { name: 'probe', role: 'readonly_admin' }),
          app: await post('/v1/apps', { name: 'probe' }),
          // Asked of this tenant by the next one, below (its caller must be the asked tenant, not the asking one).
          appAuthorization: '',
          phoneNumber: await post('/v1/numbers', { number: '+16509870000' }),
          job: await startImport(tenant.auth),
          tenant: tenant.tenantId,
        },
      });
    }
    for (const [t, asked] of tenants.entries()) {
      const partner = tenants[(t + 1) % 3]!;
      const registered = await app().inject({
        method: 'PUT',
        url: `/compat/poly/app?apikey=${partner.apiKey}`,
        payload: { name: 'probe partner app' },
      });
      expect(registered.statusCode, registered.body).toBe(201);
      const { api_code: apiCode } = await store()
        .db.selectFrom('tenants')
        .select('api_code')
        .where('id', '=', asked.tenantId)
        .executeTakeFirstOrThrow();
      const request = await app().inject({
        method: 'PUT',
        url: `/compat/poly/partner/app/${(registered.json() as { appId: string }).appId}/authrequests?apikey=${partner.apiKey}&tenantApiCode=${apiCode}&subscription=ASSETHISTORICAL`,
      });
      expect(request.statusCode, request.body).toBe(201);
      asked.ids.appAuthorization = (request.json() as { requestId: string }).requestId;
    }
    const auditBefore = await countRows('audit_events');

    const shape = (body: string, id: string) => body.split(id).join('<id>');
    let attempts = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom(...tenantRoutes),
        async (caller, offset, route) => {
          const owner = tenants[(caller + offset) % 3]!;
          const foreignId = owner.ids[route.kind as Kind];
          const missingId = newId();
          const call = (id: string) =>
            app().inject({
              method: route.method,
              url: route.path.replace(':id', id),
              headers: tenants[caller]!.auth,
              ...(bodyFor(route.key) ? { payload: bodyFor(route.key) } : {}),
            });
          const [foreign, missing] = [await call(foreignId), await call(missingId)];
          attempts += 1;
          expect(foreign.statusCode, `${route.key}: ${foreign.body}`).toBe(404);
          expect(foreign.statusCode).toBe(missing.statusCode);
          expect(shape(foreign.body, foreignId)).toBe(shape(missing.body, missingId));
        },
      ),
      { numRuns: 5_000 },
    );
    expect(attempts).toBeGreaterThanOrEqual(5_000);

    // Nothing changed: no audit event, no login made, every device, key, client and app still live.
    expect(await countRows('audit_events')).toBe(auditBefore);
    expect(await countRows('person_logins')).toBe(0);
    for (const tenant of tenants) {
      const device = await app().inject({
        method: 'GET',
        url: `/v1/devices/${tenant.ids.device}`,
        headers: tenant.auth,
      });
      expect(device.json()).toMatchObject({ version: 1, tags: [] });
      for (const url of [
        `/v1/people/${tenant.ids.person}`,
        `/v1/sites/${tenant.ids.site}`,
        `/v1/user-groups/${tenant.ids.userGroup}`,
        `/v1/workspaces/${tenant.ids.workspace}`,
        `/v1/virtual-lines/${tenant.ids.virtualLine}`,
        `/v1/compliance-policies/${tenant.ids.compliancePolicy}`,
        `/v1/paging-groups/${tenant.ids.pagingGroup}`,
      ]) {
        const res = await app().inject({ method: 'GET', url, headers: tenant.auth });
        expect(res.json(), url).toMatchObject({ version: 1 });
      }
      const asked = await app().inject({ method: 'GET', url: '/v1/app-authorizations', headers: tenant.auth });
      expect((asked.json() as { items: { id: string; status: string }[] }).items).toEqual([
        expect.objectContaining({ id: tenant.ids.appAuthorization, status: 'pending' }),
      ]);
      for (const url of [
        `/v1/api-keys/${tenant.ids.apiKey}`,
        `/v1/oauth-clients/${tenant.ids.oauthClient}`,
        `/v1/apps/${tenant.ids.app}`,
      ]) {
        const res = await app().inject({ method: 'GET', url, headers: tenant.auth });
        expect(res.statusCode).toBe(200);
        expect((res.json() as { revokedAt: string | null }).revokedAt).toBeNull();
      }
    }
  }, 120_000);

  async function countRows(table: 'audit_events' | 'person_logins'): Promise<number> {
    const row = await store()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
