/**
 * The RingCentral dialect's device routes against vendor-apis.md §4 and seed 003: the readDevice sample of §4.6
 * reproduced field by field from canonical data, ids (numeric strings, int64 extension ids), `~` and the account
 * alias, the extension device list (1-based page/perPage, clamping, envelope, filters), updates through the
 * canonical write rules (DEV-* codes, audit), sip-info, permissions (CMN-401/CMN-408), tenant isolation, and
 * errors always in RingCentral's body.
 */
import { expect, it } from 'vitest';
import { numberIdOf, numericIdOf, uuidOfNumericId } from '../../src/compat/ringcentral/ids.js';
import { newId } from '../../src/db/ids.js';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
  insertSite,
  insertWorkspace,
  type TestTenant,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const BASE_URL = 'https://fleet.example.com';
const ACCOUNT = '1113195004';
const V1 = '/compat/ringcentral/restapi/v1.0/account';
const SAMPLE_SHIPPING = {
  address: {
    street: '20 Davis Drive',
    city: 'Belmont',
    state: 'CA',
    country: 'US',
    zip: '123456',
    customerName: 'Dr. Watson',
  },
  method: { id: '2', name: '2 Day' },
  status: 'Initial',
};

/** A RingCentral error body: the first error repeated at top level. */
function expectRingCentralError(res: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { errorCode: string; message: string; errors: { errorCode: string; message: string }[] };
  expect(body.errorCode).toBe(code);
  expect(body.errors[0]).toMatchObject({ errorCode: code, message: body.message });
  return body as unknown as Record<string, unknown>;
}

it('derives reversible numeric string ids and safe int64 extension ids', () => {
  for (let i = 0; i < 200; i++) {
    const id = newId();
    const numeric = numericIdOf(id);
    expect(numeric).toMatch(/^[1-9]\d*$/);
    expect(uuidOfNumericId(numeric)).toBe(id);
    const extension = numberIdOf(id);
    expect(Number.isSafeInteger(extension) && extension > 0).toBe(true);
    expect(numberIdOf(id)).toBe(extension);
  }
  for (const bad of ['', '0x1', '-1', '01', '1e9', (1n << 128n).toString(), 'abc']) {
    expect(uuidOfNumericId(bad), bad).toBeUndefined();
  }
});

describeEachStore('RingCentral dialect: devices', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off', PUBLIC_BASE_URL: BASE_URL });
  let tenant: TestTenant;
  let other: TestTenant;
  let person: string;
  let workspace: string;
  let sampleDevice: string;
  let phones: string[];
  let softphone: string;
  let unassigned: string;
  let foreignDevice: string;

  const get = (url: string, headers: Record<string, string> = tenant.auth) =>
    app().inject({ method: 'GET', url, headers });
  const put = (url: string, payload: unknown, headers: Record<string, string> = tenant.auth) =>
    app().inject({ method: 'PUT', url, headers, payload: payload as Record<string, unknown> });
  const rc = (uuid: string) => numericIdOf(uuid);

  it('sets up a tenant with the sample desk phone (§4.6) and an extension with devices', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    await store()
      .db.updateTable('tenants')
      .set({ ringcentral_account_id: ACCOUNT })
      .where('id', '=', tenant.tenantId)
      .execute();
    person = await insertPerson(store(), tenant.tenantId, { extension_number: '102' });
    workspace = await insertWorkspace(store(), tenant.tenantId);
    const cisco = await insertProduct(store(), {
      manufacturer: 'Cisco',
      model_id: 'SPA-508G',
      name: 'Cisco SPA-508G Desk Phone',
      type: 'SIP',
      device_kind: 'HardPhone',
      sku: 'HP-16-2-2',
      features: JSON.stringify(['Intercom', 'Paging', 'BLA']),
    });
    const yealink = await insertProduct(store(), {
      manufacturer: 'Yealink',
      model_id: 'T54W',
      name: 'Yealink T54W',
      type: 'SIP',
      device_kind: 'HardPhone',
      sku: 'HP-120',
      box_billing_id: 4120,
      line_count: 16,
      features: JSON.stringify(['CommonPhone', 'HELD']),
    });
    const site = await insertSite(store(), tenant.tenantId);
    [sampleDevice] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: cisco,
        manufacturer: 'Cisco',
        name: 'Cisco SPA-508G Desk Phone with 2 Expansion Modules',
        serial: null,
        status: 'Offline',
        shipping: JSON.stringify(SAMPLE_SHIPPING),
        line_pooling: 'None',
      }),
    ])) as [string];
    phones = await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: yealink,
        manufacturer: 'Yealink',
        owner_person_id: person,
        line_pooling: 'Host',
        site_id: site,
        sip_user_name: '16505550100',
        sip_outbound_proxy: 'sip10.ringcentral.com:5090',
        billing: JSON.stringify({ currency: 'USD', totalCharged: 0.99 }),
      }),
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: cisco,
        manufacturer: 'Cisco',
        owner_person_id: person,
      }),
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: yealink,
        manufacturer: 'Yealink',
        owner_person_id: person,
      }),
    ]);
    [softphone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'SoftPhone', owner_person_id: person, computer_name: 'LAPTOP-7' }),
    ])) as [string];
    [unassigned] = (await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'OtherPhone' })])) as [string];
    await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_workspace_id: workspace })]);
    [foreignDevice] = (await createDevices(store(), [
      deviceRow(other.tenantId, { kind: 'HardPhone', owner_person_id: await insertPerson(store(), other.tenantId) }),
    ])) as [string];
    // A number on the first phone's first line.
    const number = await app().inject({
      method: 'PUT',
      url: `/v1/devices/${phones[0]}/telephony`,
      headers: tenant.auth,
      payload: { phoneNumber: '+12028320504' },
    });
    expect(number.statusCode, number.body).toBe(200);
  });

  it('reproduces the readDevice sample of §4.6 field by field from canonical data', async () => {
    const res = await get(`${V1}/${ACCOUNT}/device/${rc(sampleDevice)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    const id = rc(sampleDevice);
    expect(body.id).toBe(id);
    expect(body.uri).toBe(`${BASE_URL}${V1}/${ACCOUNT}/device/${id}`);
    expect(body.type).toBe('HardPhone');
    expect(body.sku).toBe('HP-16-2-2');
    expect(body.model).toEqual({
      id: '16',
      name: 'Cisco SPA-508G Desk Phone',
      addons: [{ id: '2', name: 'Cisco - 32 lines', count: 2 }],
      features: ['Intercom', 'Paging', 'BLA'],
    });
    expect(body.name).toBe('Cisco SPA-508G Desk Phone with 2 Expansion Modules');
    expect(body.status).toBe('Offline');
    expect(body.phoneLines).toEqual([]);
    expect(body.shipping).toEqual(SAMPLE_SHIPPING);
    expect(body.linePooling).toBe('None');
    // Unassigned and never shipped: no extension and no serial, as in the sample.
    expect(body).not.toHaveProperty('extension');
    expect(body).not.toHaveProperty('serial');
    expect(body).not.toHaveProperty('billingStatement');
    // The schema's member order.
    expect(Object.keys(body)).toEqual([
      'id',
      'uri',
      'sku',
      'type',
      'name',
      'status',
      'model',
      'phoneLines',
      'shipping',
      'useAsCommonPhone',
      'hotDeskDevice',
      'linePooling',
    ]);
    // `~` is the caller's account; syncEmergencyAddress is accepted.
    const tilde = await get(`${V1}/~/device/${id}?syncEmergencyAddress=true`);
    expect(tilde.statusCode).toBe(200);
    expect(tilde.json()).toEqual(body);
  });

  it('presents the extension, phone lines, site, box billing id and model features of an assigned phone', async () => {
    const body = (await get(`${V1}/~/device/${rc(phones[0]!)}`)).json();
    const extensionId = numberIdOf(person);
    expect(body.extension).toEqual({
      id: extensionId,
      uri: `${BASE_URL}${V1}/${ACCOUNT}/extension/${extensionId}`,
      extensionNumber: '102',
    });
    expect(typeof body.extension.id).toBe('number');
    expect(body.model).toMatchObject({
      id: '120',
      name: 'Yealink T54W',
      features: ['CommonPhone', 'HELD'],
      lineCount: 16,
    });
    expect(body.boxBillingId).toBe(4120);
    expect(body.site.id).toMatch(/^\d+$/);
    expect(body.linePooling).toBe('Host');
    expect(body.phoneLines).toHaveLength(1);
    expect(body.phoneLines[0]).toMatchObject({
      lineType: 'Standalone',
      phoneInfo: {
        phoneNumber: '+12028320504',
        type: 'VoiceFax',
        usageType: 'DirectNumber',
        country: { name: 'United States' },
      },
    });
    expect(body.phoneLines[0].id).toMatch(/^\d+$/);
    expect(Number.isSafeInteger(body.phoneLines[0].phoneInfo.id)).toBe(true);
    const soft = (await get(`${V1}/~/device/${rc(softphone)}`)).json();
    expect(soft).toMatchObject({ type: 'SoftPhone', computerName: 'LAPTOP-7' });
  });

  it('answers sip-info from the device’s SIP registration', async () => {
    const res = await get(`${V1}/~/device/${rc(phones[0]!)}/sip-info`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      domain: 'sip.ringcentral.com',
      outboundProxies: [{ region: 'NA', proxy: 'sip10.ringcentral.com:5090' }],
      userName: '16505550100',
    });
  });

  it('answers an unknown, malformed or foreign device id alike: 404 CMN-102 for deviceId', async () => {
    const answers = [];
    for (const id of [rc(newId()), rc(foreignDevice), 'abc', '0', '1'.repeat(60)]) {
      const res = await get(`${V1}/~/device/${id}`);
      const body = expectRingCentralError(res, 404, 'CMN-102');
      expect(body).toMatchObject({
        message: 'Resource for parameter [deviceId] is not found',
        parameterName: 'deviceId',
      });
      answers.push(res.body);
    }
    expect(new Set(answers).size).toBe(1);
  });

  it('answers another tenant’s account id like an unknown one: 404 CMN-102 for accountId', async () => {
    await store()
      .db.updateTable('tenants')
      .set({ ringcentral_account_id: '2000000001' })
      .where('id', '=', other.tenantId)
      .execute();
    const foreign = await get(`${V1}/2000000001/device/${rc(sampleDevice)}`);
    const unknown = await get(`${V1}/2999999999/device/${rc(sampleDevice)}`);
    expectRingCentralError(foreign, 404, 'CMN-102');
    expect(foreign.json()).toMatchObject({ parameterName: 'accountId' });
    expect(foreign.body).toBe(unknown.body);
    // The other tenant's own key through its own alias does not see this tenant's device either.
    const cross = await get(`${V1}/2000000001/device/${rc(sampleDevice)}`, other.auth);
    expectRingCentralError(cross, 404, 'CMN-102');
    expect(cross.json()).toMatchObject({ parameterName: 'deviceId' });
  });

  it('authenticates with a bearer token only: OAU-151 without one or with Basic, OAU-149 for an unknown one', async () => {
    const url = `${V1}/~/device/${rc(sampleDevice)}`;
    expectRingCentralError(await get(url, {}), 401, 'OAU-151');
    expectRingCentralError(await get(url, { authorization: 'Basic dXNlcjpwYXNz' }), 401, 'OAU-151');
    expectRingCentralError(await get(url, { authorization: 'Bearer ucf_unknown' }), 401, 'OAU-149');
    expectRingCentralError(await get(url, { authorization: 'Bearer {not a token}' }), 401, 'OAU-151');
    expectRingCentralError(await get(url, { authorization: `Bearer ${'x'.repeat(5000)}` }), 401, 'OAU-149');
  });

  it('names the missing app permission (CMN-401) or user permission (CMN-408)', async () => {
    const url = `${V1}/~/device/${rc(sampleDevice)}`;
    const noPeople = await createApiKey(store(), tenant.tenantId, {
      role: 'admin',
      scopes: ['devices:read', 'telephony:read', 'sites:read'],
    });
    const body401 = expectRingCentralError(await get(url, noPeople.auth), 403, 'CMN-401');
    expect(body401).toMatchObject({
      message: 'In order to call this API endpoint, application needs to have [ReadAccounts] permission',
      permissionName: 'ReadAccounts',
    });
    const noDevices = await createApiKey(store(), tenant.tenantId, {
      role: 'admin',
      scopes: ['people:read', 'sites:read', 'telephony:read'],
    });
    const body408 = expectRingCentralError(await get(url, noDevices.auth), 403, 'CMN-408');
    expect(body408).toMatchObject({
      message:
        'In order to call this API endpoint, user needs to have [ReadCompanyDevices] permission for requested resource.',
      permissionName: 'ReadCompanyDevices',
      errors: [{ permissionName: 'ReadCompanyDevices' }],
    });
    // An agent holds the user permission ReadUserDevices (their own devices), not the company-wide ones.
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: person });
    expectRingCentralError(await get(url, agent.auth), 403, 'CMN-408');
    const own = await get(`${V1}/~/extension/~/device`, agent.auth);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().records).toHaveLength(4);
    // A read-only admin reads but does not edit.
    const readonly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    expect((await get(url, readonly.auth)).statusCode).toBe(200);
    const refused = expectRingCentralError(await put(url, { name: 'x' }, readonly.auth), 403, 'CMN-401');
    expect(refused).toMatchObject({ permissionName: 'EditAccounts' });
  });

  it('lists an extension’s devices: 1-based pages, perPage default 100, clamped at 1000, the §4.5 envelope', async () => {
    const extensionId = numberIdOf(person);
    const all = await get(`${V1}/~/extension/${extensionId}/device`);
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json();
    expect(Object.keys(body)).toEqual(['uri', 'records', 'paging', 'navigation']);
    expect(body.records.map((r: { id: string }) => r.id).sort()).toEqual([...phones, softphone].map(rc).sort());
    expect(body.paging).toEqual({ page: 1, totalPages: 1, perPage: 100, totalElements: 4, pageStart: 0, pageEnd: 3 });
    const listUri = `${BASE_URL}${V1}/${ACCOUNT}/extension/${extensionId}/device`;
    expect(body.uri).toBe(`${listUri}?page=1&perPage=100`);
    expect(body.navigation).toEqual({
      firstPage: { uri: `${listUri}?page=1&perPage=100` },
      lastPage: { uri: `${listUri}?page=1&perPage=100` },
    });

    const second = (await get(`${V1}/~/extension/${extensionId}/device?page=2&perPage=3`)).json();
    expect(second.records).toHaveLength(1);
    expect(second.paging).toEqual({ page: 2, totalPages: 2, perPage: 3, totalElements: 4, pageStart: 3, pageEnd: 3 });
    expect(Object.keys(second.navigation).sort()).toEqual(['firstPage', 'lastPage', 'previousPage']);
    const first = (await get(`${V1}/~/extension/${extensionId}/device?page=1&perPage=3`)).json();
    expect(first.records).toHaveLength(3);
    // Not the last page: totals are not counted, the next page is linked.
    expect(first.paging).toEqual({ page: 1, perPage: 3, pageStart: 0, pageEnd: 2 });
    expect(first.navigation.nextPage.uri).toBe(`${listUri}?page=2&perPage=3`);
    const ids = [...first.records, ...second.records].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(4);

    const past = (await get(`${V1}/~/extension/${extensionId}/device?page=9&perPage=3`)).json();
    expect(past.records).toEqual([]);
    expect(past.paging).toEqual({ page: 9, perPage: 3 });

    const clamped = (await get(`${V1}/~/extension/${extensionId}/device?perPage=5000`)).json();
    expect(clamped.paging.perPage).toBe(1000);
    for (const bad of ['perPage=0', 'perPage=-1', 'perPage=abc', 'page=0', 'page=1001']) {
      const res = await get(`${V1}/~/extension/${extensionId}/device?${bad}`);
      const name = bad.split('=')[0]!;
      expect(expectRingCentralError(res, 400, 'CMN-101')).toMatchObject({
        message: `Parameter [${name}] value is invalid.`,
        parameterName: name,
      });
    }
  });

  it('answers bulk extension ids with HTTP 207: multipart/mixed, or the JSON multipart variant', async () => {
    const ids = [numberIdOf(person), numberIdOf(workspace), 77];
    const url = `${V1}/~/extension/${ids.join(',')}/device?perPage=2`;
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(207);
    const boundary = /^multipart\/mixed; boundary=(Boundary_\w+)$/.exec(String(res.headers['content-type']))?.[1];
    expect(boundary).toBeDefined();
    const chunks = res.body.split(`--${boundary}`);
    expect(chunks.at(-1)).toBe('--\r\n');
    const parts = chunks.slice(1, -1).map((chunk) => {
      const [head, json] = chunk.split('\r\n\r\n') as [string, string];
      expect(head).toBe('\r\nContent-Type: application/json');
      return JSON.parse(json);
    });
    expect(parts).toHaveLength(4);
    const href = (id: number) => `${BASE_URL}${V1}/${ACCOUNT}/extension/${id}/device`;
    expect(parts[0]).toEqual({
      response: [
        { href: href(ids[0]!), status: 200, responseDescription: 'OK' },
        { href: href(ids[1]!), status: 200, responseDescription: 'OK' },
        { href: href(ids[2]!), status: 404, responseDescription: 'Not Found' },
      ],
    });
    expect(parts[1].records).toHaveLength(2);
    expect(parts[1].paging).toMatchObject({ page: 1, perPage: 2 });
    expect(parts[2].records).toHaveLength(1);
    expect(parts[3]).toMatchObject({ errorCode: 'CMN-102', parameterName: 'extensionId' });

    const json = await get(url, { ...tenant.auth, accept: 'application/vnd.ringcentral.multipart+json' });
    expect(json.statusCode).toBe(207);
    expect(json.headers['content-type']).toMatch(/^application\/vnd\.ringcentral\.multipart\+json/);
    const array = json.json();
    expect(array).toHaveLength(4);
    expect(array[0]).toEqual(parts[0]);
    expect(array[3]).toEqual(parts[3]);
    // The endpoint's own error is not a 207.
    expectRingCentralError(await get(`${V1}/~/extension/${ids.join(',')}/device?perPage=0`), 400, 'CMN-101');
    const tooMany = Array.from({ length: 31 }, (_, i) => String(i + 1)).join(',');
    expect(expectRingCentralError(await get(`${V1}/~/extension/${tooMany}/device`), 400, 'CMN-101')).toMatchObject({
      parameterName: 'extensionId',
    });
  });

  it('filters an extension’s devices by type, linePooling, lineType and feature', async () => {
    const list = async (query: string) =>
      ((await get(`${V1}/~/extension/${numberIdOf(person)}/device?${query}`)).json().records as { id: string }[])
        .map((r) => r.id)
        .sort();
    expect(await list('type=SoftPhone')).toEqual([rc(softphone)]);
    expect(await list('type=HardPhone')).toEqual(phones.map(rc).sort());
    // A headset has no RingCentral type: it is shown, and found, as OtherPhone.
    const [headset] = await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'Headset', owner_person_id: person }),
    ]);
    expect(await list('type=OtherPhone')).toEqual([rc(headset!)]);
    expect((await get(`${V1}/~/device/${rc(headset!)}`)).json().type).toBe('OtherPhone');
    await store().db.deleteFrom('devices').where('id', '=', headset!).execute();
    expect(await list('linePooling=Host')).toEqual([rc(phones[0]!)]);
    expect(await list('linePooling=None')).toEqual([phones[1]!, phones[2]!, softphone].map(rc).sort());
    expect(await list('lineType=Standalone')).toEqual([rc(phones[0]!)]);
    expect(await list('lineType=BlaPrimary')).toEqual([]);
    expect(await list('feature=BLA')).toEqual([rc(phones[1]!)]);
    expect(await list('feature=BLA&feature=HELD')).toEqual(phones.map(rc).sort());
    const bad = await get(`${V1}/~/extension/${numberIdOf(person)}/device?type=Toaster`);
    expect(expectRingCentralError(bad, 400, 'CMN-101')).toMatchObject({ parameterName: 'type' });
  });

  it('resolves extensions: `~` is the caller’s person, a workspace is a limited extension, others are CMN-102', async () => {
    const limited = (await get(`${V1}/~/extension/${numberIdOf(workspace)}/device`)).json();
    expect(limited.records).toHaveLength(1);
    // An admin key acts for no person: `~` names no extension.
    const tilde = await get(`${V1}/~/extension/~/device`);
    expect(expectRingCentralError(tilde, 404, 'CMN-102')).toMatchObject({ parameterName: 'extensionId' });
    for (const id of ['123', 'x', String(numberIdOf(newId()))]) {
      expectRingCentralError(await get(`${V1}/~/extension/${id}/device`), 404, 'CMN-102');
    }
    // An agent does not read another extension's devices.
    const otherPerson = await insertPerson(store(), tenant.tenantId);
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: otherPerson });
    expectRingCentralError(await get(`${V1}/~/extension/${numberIdOf(person)}/device`, agent.auth), 404, 'CMN-102');
  });

  it('updates a device through the canonical rules, audited, and answers the DeviceResource', async () => {
    const id = rc(phones[1]!);
    const before = await countAudit();
    const res = await put(`${V1}/${ACCOUNT}/device/${id}`, {
      name: 'Front desk',
      emergencyServiceAddress: {
        street: '20 Davis Drive',
        city: 'Belmont',
        state: 'CA',
        zip: '94002',
        countryIsoCode: 'US',
        customerEmail: 'kept@nowhere.example',
      },
      emergency: { addressStatus: 'Valid', outOfCountry: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id,
      name: 'Front desk',
      emergency: {
        address: { street: '20 Davis Drive', city: 'Belmont', state: 'CA', zip: '94002', countryIsoCode: 'US' },
        addressStatus: 'Valid',
        outOfCountry: false,
      },
      emergencyServiceAddress: { street: '20 Davis Drive', city: 'Belmont', lineProvisioningStatus: 'Valid' },
    });
    expect(body.emergencyServiceAddress).not.toHaveProperty('customerEmail');
    expect(await countAudit()).toBe(before + 1);
    const native = await get(`/v1/devices/${phones[1]}`);
    expect(native.json()).toMatchObject({ name: 'Front desk', emergency: { addressStatus: 'Valid' } });

    // The emergency endpoint changes only the emergency block.
    const emergency = await put(`${V1}/~/device/${id}/emergency`, { emergency: { visibility: 'Private' } });
    expect(emergency.statusCode, emergency.body).toBe(200);
    expect(emergency.json()).toMatchObject({
      name: 'Front desk',
      emergency: { visibility: 'Private', addressStatus: 'Valid' },
    });

    // prestatement: the billing statement in the answer.
    const billed = await put(`${V1}/~/device/${rc(phones[0]!)}?prestatement=true`, { name: 'Billed' });
    expect(billed.json().billingStatement).toEqual({ currency: 'USD', totalCharged: 0.99 });
    expect((await put(`${V1}/~/device/${rc(phones[0]!)}`, { name: 'Billed' })).json()).not.toHaveProperty(
      'billingStatement',
    );
  });

  it('replaces a device’s phone lines by their ids, alone in its request', async () => {
    const numbers = [];
    for (const number of ['+12028320505', '+12028320506']) {
      const res = await app().inject({ method: 'POST', url: '/v1/numbers', headers: tenant.auth, payload: { number } });
      expect(res.statusCode, res.body).toBe(201);
      numbers.push(res.json().id as string);
    }
    const url = `${V1}/~/device/${rc(phones[2]!)}`;
    const res = await put(url, { phoneLines: { phoneLines: numbers.map((n) => ({ id: rc(n) })) } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().phoneLines.map((l: { id: string; lineType: string }) => [l.id, l.lineType])).toEqual([
      [rc(numbers[0]!), 'Standalone'],
      [rc(numbers[1]!), 'Standalone'],
    ]);
    const before = await countAudit();
    const mixed = expectRingCentralError(await put(url, { name: 'x', phoneLines: { phoneLines: [] } }), 400, 'CMN-101');
    expect(mixed).toMatchObject({ parameterName: 'phoneLines' });
    const unknown = expectRingCentralError(
      await put(url, { phoneLines: { phoneLines: [{ id: rc(newId()) }] } }),
      400,
      'CMN-101',
    );
    expect(unknown).toMatchObject({ parameterName: 'phoneLines[0].id' });
    const malformed = expectRingCentralError(
      await put(url, { phoneLines: { phoneLines: [{ id: 'x' }] } }),
      400,
      'CMN-101',
    );
    expect(malformed).toMatchObject({ parameterName: 'phoneLines[0].id' });
    expect(await countAudit()).toBe(before);
    expect((await put(url, { phoneLines: { phoneLines: [] } })).json().phoneLines).toEqual([]);
  });

  it('assigns a device to an extension by its id', async () => {
    const res = await put(`${V1}/~/device/${rc(unassigned)}`, { extension: { id: numberIdOf(workspace) } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().extension.id).toBe(numberIdOf(workspace));
    const row = await store()
      .db.selectFrom('devices')
      .select('owner_workspace_id')
      .where('id', '=', unassigned)
      .executeTakeFirstOrThrow();
    expect(row.owner_workspace_id).toBe(workspace);
    const back = await put(`${V1}/~/device/${rc(unassigned)}`, { extension: { id: String(numberIdOf(person)) } });
    expect(back.json().extension).toMatchObject({ id: numberIdOf(person), extensionNumber: '102' });
    expectRingCentralError(await put(`${V1}/~/device/${rc(unassigned)}`, { extension: { id: 42 } }), 404, 'CMN-102');
  });

  it('refuses bad updates in RingCentral’s body, storing nothing', async () => {
    const url = `${V1}/~/device/${rc(phones[2]!)}`;
    const before = await countAudit();
    const long = expectRingCentralError(await put(url, { name: 'x'.repeat(65) }), 400, 'CMN-101');
    expect(long).toMatchObject({ parameterName: 'name' });
    const unknown = expectRingCentralError(await put(url, { colour: 'red' }), 400, 'CMN-101');
    expect(unknown).toMatchObject({ parameterName: 'colour' });
    const nested = expectRingCentralError(
      await put(url, { emergency: { address: { colour: 'red' } } }),
      400,
      'CMN-101',
    );
    expect(nested).toMatchObject({ parameterName: 'emergency.address.colour' });
    const json = await app().inject({
      method: 'PUT',
      url,
      headers: { ...tenant.auth, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(expectRingCentralError(json, 400, 'CMN-103')).toMatchObject({ message: "JSON can't be parsed." });
    // Common phone: only a limited extension's device (the rule's parameter is RingCentral's name).
    const common = expectRingCentralError(await put(url, { useAsCommonPhone: true }), 400, 'CMN-101');
    expect(common).toMatchObject({ parameterName: 'useAsCommonPhone' });
    expect(await countAudit()).toBe(before);
  });

  it('maps lifecycle rules onto DEV codes', async () => {
    const [loose] = await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'OtherPhone' })]);
    const dev129 = expectRingCentralError(
      await put(`${V1}/~/device/${rc(loose!)}/emergency`, { emergency: { address: { street: '1 Main St' } } }),
      409,
      'DEV-129',
    );
    expect(dev129).toMatchObject({
      message: 'Cannot update E911 address of unassigned device',
      parameterName: 'emergency',
    });
    // A Cisco SPA-508G cannot be a common phone: hot desking is not available for the model.
    const cisco = await store()
      .db.selectFrom('devices')
      .select('product_id')
      .where('id', '=', phones[1]!)
      .executeTakeFirstOrThrow();
    const [roomPhone] = await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: cisco.product_id,
        manufacturer: 'Cisco',
        owner_workspace_id: workspace,
      }),
    ]);
    expectRingCentralError(await put(`${V1}/~/device/${rc(roomPhone!)}`, { useAsCommonPhone: true }), 400, 'DEV-217');
    // A supervisor's key holds no EditAccounts (people:write, sites:write): the app permission is missing.
    const supervisor = await createApiKey(store(), tenant.tenantId, {
      role: 'supervisor',
      personId: await insertPerson(store(), tenant.tenantId),
    });
    const res = await put(`${V1}/~/device/${rc(phones[2]!)}`, { name: 'mine' }, supervisor.auth);
    expect(expectRingCentralError(res, 403, 'CMN-401')).toMatchObject({ permissionName: 'EditAccounts' });
  });

  it('deletes a device (v2): kept in the inventory unassigned by default, or deleted', async () => {
    const owner = await insertPerson(store(), tenant.tenantId);
    const [kept, gone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'OtherPhone',
        owner_person_id: owner,
        emergency: JSON.stringify({ address: { street: '1 Main St' } }),
      }),
      deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_person_id: owner }),
    ])) as [string, string];
    const v2 = '/compat/ringcentral/restapi/v2/accounts';
    const before = await countAudit();
    const keep = await app().inject({ method: 'DELETE', url: `${v2}/~/devices/${rc(kept)}`, headers: tenant.auth });
    expect(keep.statusCode, keep.body).toBe(204);
    const read = (await get(`${V1}/~/device/${rc(kept)}`)).json();
    expect(read).not.toHaveProperty('extension');
    expect(read).not.toHaveProperty('emergency');
    const drop = await app().inject({
      method: 'DELETE',
      url: `${v2}/${ACCOUNT}/devices/${rc(gone)}`,
      headers: tenant.auth,
      payload: { keepAssetsInInventory: false },
    });
    expect(drop.statusCode, drop.body).toBe(204);
    expectRingCentralError(await get(`${V1}/~/device/${rc(gone)}`), 404, 'CMN-102');
    expect(await countAudit()).toBe(before + 2);
    const again = await app().inject({ method: 'DELETE', url: `${v2}/~/devices/${rc(gone)}`, headers: tenant.auth });
    expectRingCentralError(again, 404, 'CMN-102');
    const foreign = await app().inject({
      method: 'DELETE',
      url: `${v2}/~/devices/${rc(foreignDevice)}`,
      headers: tenant.auth,
      payload: { keepAssetsInInventory: false },
    });
    expect(foreign.body).toBe(again.body);
    const still = await store()
      .db.selectFrom('devices')
      .select('id')
      .where('id', '=', foreignDevice)
      .executeTakeFirst();
    expect(still).toBeDefined();
  });

  it('answers unknown paths below the dialect in RingCentral’s body', async () => {
    const res = await get('/compat/ringcentral/restapi/v1.0/account/~/nothing');
    expectRingCentralError(res, 404, 'CMN-102');
  });

  async function countAudit(): Promise<number> {
    const row = await store()
      .db.selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenant.tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
