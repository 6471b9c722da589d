/**
 * The Plantronics dialect's device reports against seed 000 and vendor-apis.md §1: the published sandbox
 * (tenant af0813e6-…, apikey 1hKMM…, user dwalker), every field group with its type, paging from 0, the
 * filters, every documented error in the dialect's body (never a native problem body), and tenant isolation.
 */
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { seedDemoFleet } from '../../src/demo/fleet.js';
import { SANDBOX } from '../../src/demo/sandbox.js';
import type { DemoSummary } from '../../src/demo/summary.js';
import { createApiKey } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const APP_ID = 'poly-contract-tests';
/** A parsed answer, read member by member against the contract. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const BASE = `/compat/poly/reports/assets/tenant/${SANDBOX.apiCode}`;
const byUser = (user: string, query: string) => `${BASE}/devices/user/${user}?apikey=${SANDBOX.apiKey}&${query}`;
const headers = { appid: APP_ID };

describeEachStore('Plantronics dialect: device reports', ({ store }) => {
  const { app, get } = useApp(store);
  let summary: DemoSummary;
  let otherTenant: DemoSummary['tenants'][number];

  it('seeds the sandbox', async () => {
    summary = await seedDemoFleet(store(), { devices: 400, tenants: 2, seed: 5 });
    otherTenant = summary.tenants.find((t) => t.apiCode !== SANDBOX.apiCode)!;
    for (const t of summary.tenants) {
      await store()
        .db.insertInto('apps')
        .values({
          id: newId(),
          tenant_id: t.id,
          app_id: APP_ID,
          name: 'contract tests',
          created_at: 1,
          revoked_at: null,
        })
        .execute();
    }
  });

  it("answers dwalker's devices with every field group of seed 000, typed as documented", async () => {
    const res = await get(byUser(SANDBOX.username, 'page=0&count=50'), headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as Record<string, Json>[];
    expect(Array.isArray(body)).toBe(true);
    expect(body.length).toBeGreaterThanOrEqual(4);
    for (const item of body) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'connectedDevice',
          'device',
          'firstSeen',
          'lastSeen',
          'product',
          'softphone',
          'tenantApiCode',
          'tenantName',
        ].sort(),
      );
      expect(item.tenantApiCode).toBe(SANDBOX.apiCode);
      expect(item.tenantName).toBe(SANDBOX.name);
      const d = item.device;
      expect(typeof d.id).toBe('string');
      expect(typeof d.hasActivePolicy).toBe('boolean');
      expect(typeof d.versionCompliant).toBe('boolean');
      for (const f of [
        'baseFwVersion',
        'btFwVersion',
        'firmwareVersion',
        'firmwareVersionAvailable',
        'hsFwVersion',
        'policyFirmwareVersion',
        'policyId',
        'updateId',
        'usbFwVersion',
      ]) {
        expect(f in d, f).toBe(true);
        expect(d[f] === null || typeof d[f] === 'string', f).toBe(true);
      }
      if ('displayId' in d) expect(typeof d.displayId).toBe('string');
      expect(d.hasActivePolicy).toBe(d.policyId !== null);
    }
    // The seed's groups: a paired headset with its base, seen first and last on two hosts with a softphone.
    const paired = body.find((i) => i.connectedDevice !== null && i.lastSeen !== null)!;
    expect(paired).toBeDefined();
    expect(Object.keys(paired.connectedDevice).sort()).toEqual(
      expect.arrayContaining(['component', 'family', 'id', 'modelId', 'name']),
    );
    expect(['headset', 'base', 'dongle']).toContain(paired.connectedDevice.component);
    for (const seen of [paired.firstSeen, paired.lastSeen]) {
      expect(Object.keys(seen).sort()).toEqual(
        [
          'clientInstanceId',
          'firstname',
          'hostOs',
          'hostOsVersion',
          'hostname',
          'lastname',
          'softphone',
          'userGroups',
          'username',
        ].sort(),
      );
      expect(seen.username).toBe(SANDBOX.username);
      expect(seen.userGroups).toEqual(['Sales', 'Executives']);
      expect(Object.keys(seen.softphone).sort()).toEqual(['name', 'pluginId', 'vendor', 'version']);
    }
    expect(paired.firstSeen.hostname).toBe('DWALKER-LT01');
    expect(paired.lastSeen.hostname).toBe('DWALKER-LT02');
    expect(paired.softphone).toEqual(paired.lastSeen.softphone);
    expect(Object.keys(paired.product).sort()).toEqual([
      'family',
      'manufacturer',
      'modelId',
      'name',
      'type',
      'vendorId',
    ]);
    expect(paired.product.manufacturer).toBe('Plantronics');
  });

  it('draws every value from the canonical record', async () => {
    const [first] = (await get(byUser(SANDBOX.username, 'page=0&count=1'), headers)).json() as Record<string, Json>[];
    const native = await get(`/v1/devices/${first!.device.id}`, { authorization: `Bearer ${SANDBOX.apiKey}` });
    expect(native.statusCode, native.body).toBe(200);
    const d = native.json();
    expect(first!.device).toMatchObject({
      id: d.id,
      firmwareVersion: d.product?.manufacturer === 'Poly' ? d.firmware.main : (d.firmware.usb ?? d.firmware.main),
      baseFwVersion: d.firmware.base,
      hsFwVersion: d.firmware.headset,
      btFwVersion: d.firmware.bluetooth,
      usbFwVersion: d.firmware.usb,
      policyId: d.compliance.policyId,
      versionCompliant: d.compliance.status === 'compliant',
    });
    if (d.displayId === null) expect('displayId' in first!.device).toBe(false);
    else expect(first!.device.displayId).toBe(d.displayId);
  });

  it('pages from 0 with count per page, in a stable order, and [] past the end', async () => {
    const all = (await get(byUser(SANDBOX.username, 'page=0&count=100'), headers)).json() as Record<string, Json>[];
    const ids: string[] = [];
    for (let page = 0; page < all.length; page++) {
      const res = await get(byUser(SANDBOX.username, `page=${page}&count=1`), headers);
      expect(res.statusCode).toBe(200);
      const items = res.json() as Record<string, Json>[];
      expect(items).toHaveLength(1);
      ids.push(items[0]!.device.id);
    }
    expect(ids).toEqual(all.map((i) => i.device.id));
    const past = await get(byUser(SANDBOX.username, `page=${all.length}&count=1`), headers);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toEqual([]);
  });

  it('filters by manufacturer, deviceState, productName, deviceType and userGroup', async () => {
    const all = (await get(byUser(SANDBOX.username, 'page=0&count=100'), headers)).json() as Record<string, Json>[];
    const poly = (await get(byUser(SANDBOX.username, 'page=0&count=100&manufacturer=plantronics'), headers)).json();
    const other = (
      await get(byUser(SANDBOX.username, 'page=0&count=100&manufacturer=non%20plantronics'), headers)
    ).json();
    expect(poly.length).toBeGreaterThan(0);
    expect(poly.every((i: Json) => i.product?.manufacturer === 'Plantronics')).toBe(true);
    expect(other.every((i: Json) => i.product?.manufacturer !== 'Plantronics')).toBe(true);
    expect(poly.length + other.length).toBe(all.length);

    const modelId = poly[0].product.modelId as string;
    const byModel = (await get(byUser(SANDBOX.username, `page=0&count=100&productName=${modelId}`), headers)).json();
    expect(byModel.length).toBeGreaterThan(0);
    expect(byModel.every((i: Json) => i.product.modelId === modelId)).toBe(true);

    const type = poly[0].product.type as string;
    const byType = (
      await get(byUser(SANDBOX.username, `page=0&count=100&deviceType=${type.toLowerCase()}`), headers)
    ).json();
    expect(byType.map((i: Json) => i.device.id)).toEqual(
      all.filter((i) => i.product?.type === type).map((i) => i.device.id),
    );

    const online = (await get(byUser(SANDBOX.username, 'page=0&count=100&deviceState=online'), headers)).json();
    const offline = (await get(byUser(SANDBOX.username, 'page=0&count=100&deviceState=Offline'), headers)).json();
    expect(online.length + offline.length).toBe(all.length);

    const inGroup = (await get(byUser(SANDBOX.username, 'page=0&count=100&userGroup=Sales'), headers)).json();
    expect(inGroup).toHaveLength(all.length);
    const notInGroup = await get(byUser(SANDBOX.username, 'page=0&count=100&userGroup=NoSuchGroup'), headers);
    expect(notInGroup.statusCode).toBe(200);
    expect(notInGroup.json()).toEqual([]);
  });

  it('answers the devices of user groups, optionally of one user', async () => {
    const url = (q: string) => `${BASE}/devices/usergroup?apikey=${SANDBOX.apiKey}&${q}`;
    const sales = await get(url('userGroups=Sales&page=0&count=500'), headers);
    expect(sales.statusCode, sales.body).toBe(200);
    const items = sales.json() as Record<string, Json>[];
    expect(items.length).toBeGreaterThan(0);
    const mine = (
      await get(url(`userGroups=Sales,Executives&userName=${SANDBOX.username}&page=0&count=500`), headers)
    ).json();
    const dwalker = (await get(byUser(SANDBOX.username, 'page=0&count=100'), headers)).json();
    expect(mine.map((i: Json) => i.device.id)).toEqual(dwalker.map((i: Json) => i.device.id));
    const missing = await get(url('page=0&count=10'), headers);
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ status: 422, code: 'missing_parameter' });
  });

  it('answers every documented error in one body shape, never a native problem', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      [`${BASE}/devices/user/${SANDBOX.username}?page=0&count=1`, headers, 422, 'missing_parameter'],
      [`${BASE}/devices/user/${SANDBOX.username}?apikey=${SANDBOX.apiKey}&count=1`, headers, 422, 'missing_parameter'],
      [`${BASE}/devices/user/${SANDBOX.username}?apikey=${SANDBOX.apiKey}&page=0`, headers, 422, 'missing_parameter'],
      [
        `/compat/poly/reports/assets/tenant/not-hex!/devices/user/x?apikey=${SANDBOX.apiKey}&page=0&count=1`,
        headers,
        400,
        'invalid_parameter',
      ],
      [
        `/compat/poly/reports/assets/tenant/zzzz/devices/user/x?apikey=${SANDBOX.apiKey}&page=0&count=1`,
        headers,
        400,
        'invalid_parameter',
      ],
      [byUser(SANDBOX.username, 'page=-1&count=1'), headers, 400, 'invalid_parameter'],
      [byUser(SANDBOX.username, 'page=abc&count=1'), headers, 400, 'invalid_parameter'],
      [byUser(SANDBOX.username, 'page=1e309&count=1'), headers, 400, 'invalid_parameter'],
      [
        `/compat/poly/v1/assets/management/tenant/${SANDBOX.apiCode}/policy?apikey=${SANDBOX.apiKey}&page=1e309`,
        headers,
        400,
        'invalid_parameter',
      ],
      [byUser(SANDBOX.username, 'page=0&count=0'), headers, 400, 'invalid_parameter'],
      [byUser(SANDBOX.username, 'page=0&count=501'), headers, 400, 'invalid_parameter'],
      [byUser(SANDBOX.username, 'page=0&count=1&manufacturer=acme'), headers, 400, 'invalid_parameter'],
      [byUser(SANDBOX.username, 'page=0&count=1&deviceState=broken'), headers, 400, 'invalid_parameter'],
      [`${BASE}/devices/user/${SANDBOX.username}?apikey=wrong&page=0&count=1`, headers, 401, 'invalid_credentials'],
      [byUser(SANDBOX.username, 'page=0&count=1'), {}, 403, 'app_not_authorized'],
      // The sandbox accepts Json well-formed appId (it auto-approves apps); an ill-formed one is refused.
      [byUser(SANDBOX.username, 'page=0&count=1'), { appid: 'not an app id!' }, 403, 'app_not_authorized'],
      [byUser('nobody-here', 'page=0&count=1'), headers, 404, 'device_not_found'],
      [`/compat/poly/reports/nothing?apikey=${SANDBOX.apiKey}`, headers, 404, 'route_not_found'],
    ];
    for (const [url, h, status, code] of cases) {
      const res = await get(url, h);
      expect(res.statusCode, `${url} ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(Object.keys(body).sort(), url).toEqual(['code', 'error', 'message', 'path', 'status', 'timestamp']);
      expect(body).toMatchObject({ status, code });
      expect(typeof body.timestamp).toBe('number');
      expect(body.path.startsWith('/compat')).toBe(false);
      expect(res.body).not.toContain(SANDBOX.apiKey);
    }
  });

  it("keeps tenants apart: another tenant's code, user or key never reaches the sandbox's devices", async () => {
    // The sandbox key with the other tenant's code.
    const foreignCode = `/compat/poly/reports/assets/tenant/${otherTenant.apiCode}/devices/user/${SANDBOX.username}?apikey=${SANDBOX.apiKey}&page=0&count=5`;
    expect((await get(foreignCode, headers)).statusCode).toBe(403);
    // The other tenant's key with the sandbox's code.
    const otherKey = `${BASE}/devices/user/${SANDBOX.username}?apikey=${otherTenant.apiKey}&page=0&count=5`;
    const res = await get(otherKey, headers);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('tenant_not_authorized');
    // The other tenant's key with its own code: dwalker is not its user.
    const own = `/compat/poly/reports/assets/tenant/${otherTenant.apiCode}/devices/user/${SANDBOX.username}?apikey=${otherTenant.apiKey}&page=0&count=5`;
    expect((await get(own, headers)).statusCode).toBe(404);
  });

  it("limits an agent's key to their own devices", async () => {
    const sandbox = summary.tenants.find((t) => t.apiCode === SANDBOX.apiCode)!;
    const someone = await store()
      .db.selectFrom('people')
      .select(['id', 'username'])
      .where('tenant_id', '=', sandbox.id)
      .where('username', '!=', SANDBOX.username)
      .executeTakeFirstOrThrow();
    const agent = await createApiKey(store(), sandbox.id, { role: 'agent', personId: someone.id });
    const dwalkers = await get(`${BASE}/devices/user/${SANDBOX.username}?apikey=${agent.key}&page=0&count=5`, headers);
    expect(dwalkers.statusCode).toBe(404);
    const group = await get(`${BASE}/devices/usergroup?apikey=${agent.key}&userGroups=Sales&page=0&count=500`, headers);
    expect(group.statusCode).toBe(200);
    expect((group.json() as Json[]).every((i) => i.lastSeen === null || i.lastSeen.username !== SANDBOX.username)).toBe(
      true,
    );
    void app;
  });
});
