/**
 * Plantronics partner app management and the access it grants (vendor-apis.md §1.2–1.3): a partner tenant
 * registers an app, asks a customer tenant to authorize it, the customer's admin approves, rejects, or the
 * partner withdraws; an approved app reads the customer's devices through the partner's own key, read-only
 * and only for the granted subscriptions. The sandbox approves at once and accepts any well-formed appId.
 */
import { expect, it } from 'vitest';
import { seedDemoFleet } from '../../src/demo/fleet.js';
import { SANDBOX } from '../../src/demo/sandbox.js';
import type { DemoSummary } from '../../src/demo/summary.js';
import { createApiKey, createTenant } from '../support/factories.js';
import { callerWith, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Tenant = DemoSummary['tenants'][number];
/** A parsed answer, read member by member in the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are walked freely in assertions
type Json = Record<string, any>;

const POLY_ERROR_KEYS = ['code', 'error', 'message', 'path', 'status', 'timestamp'];
const APP_KEYS = [
  '_links',
  'appId',
  'dateCreated',
  'dateUpdated',
  'description',
  'name',
  'partnerProfile',
  'status',
  'tenantAppAuth',
];
const AUTHORIZATION_KEYS = [
  'appId',
  'dateCreated',
  'dateUpdated',
  'grantedSubscriptions',
  'message',
  'requestId',
  'status',
  'subscriptions',
  'tenantApiCode',
  'tenantName',
];

describeEachStore('Plantronics dialect: partner apps and authorizations', ({ store }) => {
  const { app, get } = useApp(store);
  const call = callerWith(app)({});
  let partner: Tenant;
  let customer: Tenant;
  let appId: string;
  let requestId: string;

  const registerUrl = (key: string) => `/compat/poly/app?apikey=${key}`;
  const authRequests = (id: string, query: string) => `/compat/poly/partner/app/${id}/authrequests?${query}`;
  const groupReport = (code: string, key: string) =>
    `/compat/poly/reports/assets/tenant/${code}/devices/usergroup?apikey=${key}&userGroups=Sales&page=0&count=20`;
  const policies = (code: string, key: string) =>
    `/compat/poly/v1/assets/management/tenant/${code}/policy?apikey=${key}&page=0&count=10`;
  const native = (tenant: Tenant) => callerWith(app)({ authorization: `Bearer ${tenant.apiKey}` });
  const request = (subscription: string, code = customer.apiCode, id = appId, key = partner.apiKey) =>
    call('PUT', authRequests(id, `tenantApiCode=${code}&subscription=${subscription}`), undefined, {
      apikey: key,
      appid: id,
    });

  async function auditActions(tenantId: string, resourceId: string): Promise<string[]> {
    const rows = await store()
      .db.selectFrom('audit_events')
      .select(['action', 'request_id'])
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .orderBy('id')
      .execute();
    for (const row of rows) expect(row.request_id).not.toBeNull();
    return rows.map((r) => r.action);
  }

  function expectPolyError(res: { statusCode: number; body: string; headers: Json }, status: number, code: string) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as Json;
    expect(Object.keys(body).sort()).toEqual(POLY_ERROR_KEYS);
    expect(body).toMatchObject({ status, code });
    expect(body.path.startsWith('/compat')).toBe(false);
    return body;
  }

  it('seeds a fleet with the sandbox, a partner and a customer', async () => {
    const summary = await seedDemoFleet(store(), { devices: 300, tenants: 3, seed: 11 });
    const others = summary.tenants.filter((t) => t.apiCode !== SANDBOX.apiCode);
    [partner, customer] = others as [Tenant, Tenant];
    expect(partner).toBeDefined();
    expect(customer).toBeDefined();
  });

  it('registers an app (PUT /app, 201) with the sample body and returns it by appId', async () => {
    const sample = {
      name: 'ConvAnalysisApp',
      description: 'This will a sample app providing conversation analysis.',
      partnerProfile: { email: 'dev@partner.example', firstName: 'Manoj', lastName: 'R', partnerName: 'PltPartner' },
    };
    // Unknown members are refused, naming the member, and nothing is stored.
    for (const extra of [{ tenantId: customer.id }, { status: 'DISABLED' }]) {
      const refused = await call('PUT', registerUrl(partner.apiKey), { ...sample, ...extra });
      const body = expectPolyError(refused, 400, 'invalid_body');
      expect(body.message).toContain(`'${Object.keys(extra)[0]}'`);
    }
    const nested = await call('PUT', registerUrl(partner.apiKey), {
      ...sample,
      partnerProfile: { ...sample.partnerProfile, id: 'x' },
    });
    expectPolyError(nested, 400, 'invalid_body');
    const res = await call('PUT', registerUrl(partner.apiKey), sample, {
      'content-type': 'application/json;charset=UTF-8',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as Json;
    expect(Object.keys(body).sort()).toEqual(APP_KEYS);
    appId = body.appId;
    expect(appId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body).toMatchObject({
      name: 'ConvAnalysisApp',
      description: 'This will a sample app providing conversation analysis.',
      status: 'ENABLED',
      tenantAppAuth: [],
      partnerProfile: {
        id: partner.id,
        email: 'dev@partner.example',
        firstName: 'Manoj',
        lastName: 'R',
        partnerName: 'PltPartner',
      },
    });
    expect(body.dateCreated).toBe(body.dateUpdated);
    expect(Math.abs(body.dateCreated - Date.now())).toBeLessThan(60_000);
    expect(body._links.self.href).toBe(`http://localhost:80/compat/poly/partner/app/${appId}`);
    expect(res.headers.location).toBe(body._links.self.href);

    // The app is the partner's, as the native API lists it; the refused bodies stored nothing.
    const apps = (await native(partner)('GET', '/v1/apps')).json() as { items: Json[] };
    expect(apps.items).toHaveLength(1);
    const listed = apps.items.find((a) => a.appId === appId)!;
    expect(listed).toMatchObject({ name: 'ConvAnalysisApp', revokedAt: null });
    expect(((await native(customer)('GET', '/v1/apps')).json() as { items: Json[] }).items).toEqual([]);
    expect(await auditActions(partner.id, listed.id)).toEqual(['app.create']);

    // GET /partner/app/{appId}: the same app, with the apikey as a header (the partner endpoints' form).
    const got = await call('GET', `/compat/poly/partner/app/${appId}`, undefined, { apikey: partner.apiKey });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json()).toEqual(body);
  });

  it('registers with a chosen appId, refuses it twice (409) and refuses a body without a name (400)', async () => {
    const first = await call('PUT', registerUrl(partner.apiKey), { name: 'Chosen', appId: 'partner-chosen-app' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ appId: 'partner-chosen-app', description: null });
    expect((first.json() as Json).partnerProfile).toEqual({
      id: partner.id,
      email: null,
      firstName: null,
      lastName: null,
      partnerName: partner.name,
    });
    expectPolyError(
      await call('PUT', registerUrl(partner.apiKey), { name: 'Again', appId: 'partner-chosen-app' }),
      409,
      'app_id_taken',
    );
    expectPolyError(await call('PUT', registerUrl(partner.apiKey), { description: 'no name' }), 400, 'invalid_body');
    expectPolyError(
      await call('PUT', registerUrl(partner.apiKey), { name: 'x', appId: 'bad id!' }),
      400,
      'invalid_body',
    );
    // Registering is the partner's administration: a read-only admin key may not.
    const readOnly = await createApiKey(store(), partner.id, { role: 'readonly_admin' });
    expectPolyError(await call('PUT', registerUrl(readOnly.key), { name: 'Nope' }), 403, 'insufficient_scope');
    expectPolyError(await call('PUT', '/compat/poly/app', { name: 'Nope' }), 422, 'missing_parameter');
  });

  it('asks a customer for authorization: pending (201), the same on asking again (200), no access yet', async () => {
    // Legacy names are mapped (ASSETSHISTORICAL → ASSETHISTORICAL, USGHISTORICAL → CALLHISTORICAL).
    const res = await request('ASSETSHISTORICAL,usghistorical');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as Json;
    expect(Object.keys(body).sort()).toEqual(AUTHORIZATION_KEYS);
    requestId = body.requestId;
    expect(body).toMatchObject({
      appId,
      tenantApiCode: customer.apiCode,
      tenantName: customer.name,
      subscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL'],
      grantedSubscriptions: [],
      status: 'PENDING',
      message: 'Authorization Pending',
    });
    const again = await call(
      'PUT',
      authRequests(appId, `tenantApiCode=${customer.apiCode.toUpperCase()}&subscription=ASSETHISTORICAL`),
      undefined,
      { apikey: partner.apiKey, appid: appId },
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(body);
    expect(await auditActions(partner.id, requestId)).toEqual(['app_authorization.request']);

    // The customer's admin sees it; the partner's tenant was asked nothing.
    const listed = (await native(customer)('GET', '/v1/app-authorizations?status=pending')).json() as { items: Json[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      id: requestId,
      app: { appId, name: 'ConvAnalysisApp', partner: { tenantName: partner.name, partnerName: 'PltPartner' } },
      subscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL'],
      grantedSubscriptions: [],
      status: 'pending',
      decidedAt: null,
    });
    expect(((await native(customer)('GET', '/v1/app-authorizations?status=approved')).json() as Json).items).toEqual(
      [],
    );
    expect(((await native(partner)('GET', '/v1/app-authorizations')).json() as Json).items).toEqual([]);

    // Pending grants nothing.
    const denied = await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId });
    expectPolyError(denied, 403, 'tenant_not_authorized');
  });

  it("serves an approved app the customer's devices through the partner's key, read-only", async () => {
    // The partner cannot approve its own request: it was not asked.
    const own = await native(partner)('POST', `/v1/app-authorizations/${requestId}/approve`);
    expect(own.statusCode).toBe(404);
    expect(own.json()).toMatchObject({ code: 'authorization_not_found' });

    const approved = await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      grantedSubscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL'],
    });
    expect((approved.json() as Json).decidedAt).not.toBeNull();
    expect(await auditActions(customer.id, requestId)).toEqual(['app_authorization.approve']);
    // Approving again changes nothing.
    expect((await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`)).statusCode).toBe(200);
    expect(await auditActions(customer.id, requestId)).toEqual(['app_authorization.approve']);

    const delegated = await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId });
    expect(delegated.statusCode, delegated.body).toBe(200);
    const ownRead = await get(groupReport(customer.apiCode, customer.apiKey), { appid: 'any-customer-app' });
    // The customer's own key needs an app of its own; register one to compare.
    expectPolyError(ownRead, 403, 'app_not_authorized');
    await call('PUT', registerUrl(customer.apiKey), { name: 'Own', appId: 'customer-own-app' });
    const direct = await get(groupReport(customer.apiCode, customer.apiKey), { appid: 'customer-own-app' });
    expect(direct.statusCode).toBe(200);
    const items = delegated.json() as Json[];
    expect(items.length).toBeGreaterThan(0);
    expect(delegated.json()).toEqual(direct.json());
    expect(items.every((i) => i.tenantApiCode === customer.apiCode && i.tenantName === customer.name)).toBe(true);

    // A read-only admin key of the partner acts the same; an agent key (one person's) does not.
    const readOnly = await createApiKey(store(), partner.id, { role: 'readonly_admin' });
    expect((await get(groupReport(customer.apiCode, readOnly.key), { appid: appId })).statusCode).toBe(200);
    const person = await store()
      .db.selectFrom('people')
      .select('id')
      .where('tenant_id', '=', partner.id)
      .executeTakeFirstOrThrow();
    const agent = await createApiKey(store(), partner.id, { role: 'agent', personId: person.id });
    expectPolyError(
      await get(groupReport(customer.apiCode, agent.key), { appid: appId }),
      403,
      'tenant_not_authorized',
    );
    // Another app of the partner was not authorized.
    expectPolyError(
      await get(groupReport(customer.apiCode, partner.apiKey), { appid: 'partner-chosen-app' }),
      403,
      'tenant_not_authorized',
    );

    // The policies need VERSIONPOLICY; writing them is never delegated.
    const policy = await get(policies(customer.apiCode, partner.apiKey), { appid: appId });
    expectPolyError(policy, 403, 'insufficient_scope');
    const write = await call('POST', policies(customer.apiCode, partner.apiKey), {}, { appid: appId });
    expectPolyError(write, 403, 'tenant_not_authorized');

    // The partner sees the authorization on its app.
    const described = (
      await call('GET', `/compat/poly/partner/app/${appId}`, undefined, { apikey: partner.apiKey })
    ).json() as Json;
    expect(described.tenantAppAuth).toHaveLength(1);
    expect(described.tenantAppAuth[0]).toMatchObject({
      requestId,
      tenantApiCode: customer.apiCode,
      status: 'APPROVED',
      message: 'Authorization Granted',
      grantedSubscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL'],
    });
  });

  it('keeps what was granted while new subscriptions await a decision, then grants what the admin chooses', async () => {
    const more = await request('VERSIONPOLICY');
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({
      requestId,
      status: 'PENDING',
      message: 'Authorization Granted; new subscriptions pending',
      subscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL', 'VERSIONPOLICY'],
      grantedSubscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL'],
    });
    expect((await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId })).statusCode).toBe(200);
    expectPolyError(await get(policies(customer.apiCode, partner.apiKey), { appid: appId }), 403, 'insufficient_scope');

    // The admin grants a subset of what was asked (and nothing that was not).
    const bad = await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`, {
      subscriptions: ['HEALTHREALTIME'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_body', parameter: 'subscriptions' });
    const some = await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`, {
      subscriptions: ['versionpolicy'],
    });
    expect(some.statusCode, some.body).toBe(200);
    expect(some.json()).toMatchObject({ status: 'approved', grantedSubscriptions: ['VERSIONPOLICY'] });
    const policy = await get(policies(customer.apiCode, partner.apiKey), { appid: appId });
    expect(policy.statusCode, policy.body).toBe(200);
    expectPolyError(
      await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId }),
      403,
      'insufficient_scope',
    );

    const all = await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`, {});
    expect(all.json()).toMatchObject({ grantedSubscriptions: ['CALLHISTORICAL', 'ASSETHISTORICAL', 'VERSIONPOLICY'] });
    expect((await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId })).statusCode).toBe(200);
  });

  it('ends access on rejection; a rejected authorization stays closed and a new request opens another', async () => {
    const rejected = await native(customer)('POST', `/v1/app-authorizations/${requestId}/reject`);
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', grantedSubscriptions: [] });
    expectPolyError(
      await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId }),
      403,
      'tenant_not_authorized',
    );
    const events = await auditActions(customer.id, requestId);
    expect(events.at(-1)).toBe('app_authorization.reject');
    // Rejecting again changes nothing; approving a rejected authorization is refused.
    expect((await native(customer)('POST', `/v1/app-authorizations/${requestId}/reject`)).statusCode).toBe(200);
    expect(await auditActions(customer.id, requestId)).toEqual(events);
    const reopen = await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`);
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json()).toMatchObject({ code: 'authorization_closed' });

    const fresh = await request('ASSETREALTIME');
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect((fresh.json() as Json).requestId).not.toBe(requestId);
    requestId = (fresh.json() as Json).requestId;
    expect(fresh.json()).toMatchObject({ status: 'PENDING', subscriptions: ['ASSETREALTIME'] });
  });

  it('ends access when the partner withdraws (DELETE …/authrequests/{requestId}, 204)', async () => {
    await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`);
    expect((await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId })).statusCode).toBe(200);
    const url = `/compat/poly/partner/app/${appId}/authrequests/${requestId}?apikey=${partner.apiKey}`;
    const withdrawn = await call('DELETE', url, undefined, { appid: appId });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    expect(withdrawn.body).toBe('');
    expectPolyError(
      await get(groupReport(customer.apiCode, partner.apiKey), { appid: appId }),
      403,
      'tenant_not_authorized',
    );
    expect(await auditActions(partner.id, requestId)).toEqual([
      'app_authorization.request',
      'app_authorization.withdraw',
    ]);
    // Withdrawing again changes nothing; the customer can no longer approve it.
    expect((await call('DELETE', url)).statusCode).toBe(204);
    expect(await auditActions(partner.id, requestId)).toEqual([
      'app_authorization.request',
      'app_authorization.withdraw',
    ]);
    expect((await native(customer)('POST', `/v1/app-authorizations/${requestId}/approve`)).statusCode).toBe(409);
    const listed = (await native(customer)('GET', '/v1/app-authorizations')).json() as { items: Json[] };
    expect(listed.items.map((i) => i.status)).toEqual(['rejected', 'withdrawn']);
    // Paged like every native list, oldest first.
    const paged = await walk(app(), '/v1/app-authorizations?limit=1', { authorization: `Bearer ${customer.apiKey}` });
    expect(paged.pages).toBe(2);
    expect(paged.items.map((i) => i.id)).toEqual(listed.items.map((i) => i.id));
    // A read-only admin may look; only an admin decides.
    const readOnly = await createApiKey(store(), customer.id, { role: 'readonly_admin' });
    expect((await callerWith(app)(readOnly.auth)('GET', '/v1/app-authorizations')).statusCode).toBe(200);
    const refused = await callerWith(app)(readOnly.auth)('POST', `/v1/app-authorizations/${requestId}/reject`);
    expect(refused.statusCode).toBe(403);
  });

  it('is approved at once by the sandbox, whose data the app then reads', async () => {
    const res = await request('ASSETREALTIME', SANDBOX.apiCode);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      tenantApiCode: SANDBOX.apiCode,
      tenantName: SANDBOX.name,
      status: 'APPROVED',
      message: 'Authorization Granted',
      grantedSubscriptions: ['ASSETREALTIME'],
    });
    const dwalker = `/compat/poly/reports/assets/tenant/${SANDBOX.apiCode}/devices/user/${SANDBOX.username}?apikey=${partner.apiKey}&page=0&count=50`;
    const read = await get(dwalker, { appid: appId });
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as Json[]).length).toBeGreaterThan(0);
    // Asking for more is granted at once too.
    const more = await request('VERSIONPOLICY', SANDBOX.apiCode);
    expect(more.statusCode).toBe(200);
    expect(more.json()).toMatchObject({ status: 'APPROVED', grantedSubscriptions: ['ASSETREALTIME', 'VERSIONPOLICY'] });
  });

  it('accepts any well-formed appId on the sandbox, and only registered or authorized ones elsewhere', async () => {
    const dwalker = (key: string, code = SANDBOX.apiCode) =>
      `/compat/poly/reports/assets/tenant/${code}/devices/user/${SANDBOX.username}?apikey=${key}&page=0&count=5`;
    for (const any of ['edb69c37-17d0-46a5-8bf8-38bc5ee43897', 'whatever-client-app']) {
      expect((await get(dwalker(SANDBOX.apiKey), { appid: any })).statusCode).toBe(200);
    }
    expectPolyError(await get(dwalker(SANDBOX.apiKey), { appid: 'short' }), 403, 'app_not_authorized');
    expectPolyError(await get(dwalker(SANDBOX.apiKey), { appid: 'not an app id!' }), 403, 'app_not_authorized');
    // A customer tenant accepts its own apps only.
    expectPolyError(
      await get(groupReport(customer.apiCode, customer.apiKey), { appid: 'whatever-client-app' }),
      403,
      'app_not_authorized',
    );
  });

  it('answers missing parameters 422, bad ones 400, unknown apps and tenants 404 and foreign ones like unknown', async () => {
    const headers = { apikey: partner.apiKey, appid: appId };
    const put = (query: string, h: Record<string, string> = headers, id = appId) =>
      call('PUT', authRequests(id, query), undefined, h);
    expectPolyError(await put(`tenantApiCode=${customer.apiCode}`), 422, 'missing_parameter');
    expectPolyError(await put('subscription=ASSETREALTIME'), 422, 'missing_parameter');
    expectPolyError(await put(`tenantApiCode=${customer.apiCode}&subscription=`), 422, 'missing_parameter');
    const unknownName = expectPolyError(
      await put(`tenantApiCode=${customer.apiCode}&subscription=ASSETREALTIME,BOGUS`),
      400,
      'invalid_parameter',
    );
    expect(unknownName.message).toContain('BOGUS');
    expectPolyError(await put('tenantApiCode=not-hex&subscription=ASSETREALTIME'), 400, 'invalid_parameter');
    expectPolyError(
      await put('tenantApiCode=0000aaaa-0000-4000-8000-000000000000&subscription=ASSETREALTIME'),
      404,
      'tenant_not_found',
    );
    expectPolyError(await put(`tenantApiCode=${partner.apiCode}&subscription=ASSETREALTIME`), 400, 'invalid_parameter');
    // Repeated parameters count as well as comma-separated ones.
    const repeated = await put(
      `tenantApiCode=${customer.apiCode}&subscription=ASSETREALTIME&subscription=HEALTHREALTIME`,
    );
    expect(repeated.statusCode, repeated.body).toBe(201);
    expect(repeated.json()).toMatchObject({ subscriptions: ['ASSETREALTIME', 'HEALTHREALTIME'] });

    // An app of another tenant answers exactly like an app that does not exist.
    const query = `tenantApiCode=${SANDBOX.apiCode}&subscription=ASSETREALTIME`;
    const foreign = expectPolyError(
      await put(query, { apikey: partner.apiKey, appid: 'customer-own-app' }, 'customer-own-app'),
      404,
      'app_not_found',
    );
    const missing = expectPolyError(
      await put(query, { apikey: partner.apiKey, appid: 'no-such-app-here' }, 'no-such-app-here'),
      404,
      'app_not_found',
    );
    expect(foreign.message.replace('customer-own-app', 'X')).toBe(missing.message.replace('no-such-app-here', 'X'));
    const getForeign = await call('GET', '/compat/poly/partner/app/customer-own-app', undefined, {
      apikey: partner.apiKey,
    });
    expectPolyError(getForeign, 404, 'app_not_found');
    // The path's appId decides: the appId header is not compared (an unknown one changes nothing).
    const withOtherHeader = await put(query, { apikey: partner.apiKey, appid: 'partner-chosen-app' });
    expect(withOtherHeader.statusCode, withOtherHeader.body).toBe(200);
    expect(withOtherHeader.json()).toMatchObject({ appId, tenantApiCode: SANDBOX.apiCode });

    // Withdrawing: a request of another app, of another tenant, or none at all is not found.
    const otherApp = await call(
      'PUT',
      authRequests('partner-chosen-app', `tenantApiCode=${customer.apiCode}&subscription=ASSETREALTIME`),
      undefined,
      { apikey: partner.apiKey },
    );
    expect(otherApp.statusCode).toBe(201);
    const otherRequest = (otherApp.json() as Json).requestId as string;
    const del = (id: string, request: string, key = partner.apiKey) =>
      call('DELETE', `/compat/poly/partner/app/${id}/authrequests/${request}?apikey=${key}`);
    expectPolyError(await del(appId, otherRequest), 404, 'authorization_not_found');
    expectPolyError(await del(appId, '0190a3c0-0000-7000-8000-000000000000'), 404, 'authorization_not_found');
    expectPolyError(await del('customer-own-app', otherRequest, customer.apiKey), 404, 'authorization_not_found');
    expectPolyError(await del('no-such-app-here', otherRequest), 404, 'app_not_found');
    // The customer's admin cannot withdraw what the partner asked (only approve or reject it).
    expectPolyError(await del('partner-chosen-app', otherRequest, customer.apiKey), 404, 'app_not_found');

    // A tenant code that exists and one that does not answer alike on the reports.
    const unknownTenant = expectPolyError(
      await get(groupReport('0000aaaa-0000-4000-8000-000000000000', partner.apiKey), { appid: appId }),
      403,
      'tenant_not_authorized',
    );
    const unauthorized = expectPolyError(
      await get(groupReport(customer.apiCode, partner.apiKey), { appid: 'partner-chosen-app' }),
      403,
      'tenant_not_authorized',
    );
    expect(unknownTenant.message).toBe(unauthorized.message);
  });

  it('opens one authorization when the same request arrives many times at once', async () => {
    const third = await createTenant(store());
    const { api_code: code } = await store()
      .db.selectFrom('tenants')
      .select('api_code')
      .where('id', '=', third.tenantId)
      .executeTakeFirstOrThrow();
    const answers = await Promise.all(Array.from({ length: 6 }, () => request('ASSETHISTORICAL', code)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => (r.json() as Json).requestId)).size).toBe(1);
    const rows = await store()
      .db.selectFrom('app_authorizations')
      .select('id')
      .where('tenant_id', '=', third.tenantId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("ends every authorization's access when the partner revokes its app", async () => {
    const dwalker = `/compat/poly/reports/assets/tenant/${SANDBOX.apiCode}/devices/user/${SANDBOX.username}?apikey=${partner.apiKey}&page=0&count=5`;
    expect((await get(dwalker, { appid: appId })).statusCode).toBe(200);
    const apps = (await native(partner)('GET', '/v1/apps')).json() as { items: Json[] };
    const row = apps.items.find((a) => a.appId === appId)!;
    expect((await native(partner)('DELETE', `/v1/apps/${row.id}`)).statusCode).toBe(204);
    const refused = await get(dwalker, { appid: appId });
    expect(refused.statusCode).toBe(403);
    const described = (
      await call('GET', `/compat/poly/partner/app/${appId}`, undefined, { apikey: partner.apiKey })
    ).json() as Json;
    expect(described.status).toBe('DISABLED');
    expect(described.dateUpdated).toBeGreaterThan(described.dateCreated - 1);
    expectPolyError(await request('ASSETREALTIME', SANDBOX.apiCode), 403, 'app_not_authorized');
  });
});
