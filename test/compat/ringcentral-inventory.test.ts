/**
 * The RingCentral dialect's account-wide device endpoints (vendor-apis.md §4.2): paging-only group devices
 * (records + paging, the spec's example shape), Automatic Location Update (the record shape and filters of the
 * spec; bulk-assign all-or-nothing and audited), and the v2 inventory: add (unassigned devices, all or none),
 * remove (per-record results; an assigned device is DEV-102), bulk-add (per-record results) and replace (the
 * target takes the source's owner, lines and emergency settings in one transaction; the source goes to the
 * inventory). Every refusal is RingCentral's error body and stores nothing.
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
const V1 = '/compat/ringcentral/restapi/v1.0/account';
const V2 = '/compat/ringcentral/restapi/v2/accounts';

function expectRingCentralError(res: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { errorCode: string; message: string; errors: { errorCode: string; message: string }[] };
  expect(body.errorCode).toBe(code);
  expect(body.errors[0]).toMatchObject({ errorCode: code, message: body.message });
  return body as unknown as Record<string, unknown>;
}

describeEachStore('RingCentral dialect: inventory, paging groups, location updates', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off', PUBLIC_BASE_URL: BASE_URL });
  let tenant: TestTenant;
  let other: TestTenant;
  let account: string;
  let person: string;
  let workspace: string;
  let site: string;
  let deskPhones: string[];
  let softphone: string;
  let headset: string;
  let foreignDevice: string;

  /** A canonical id in RingCentral's numeric form (the fixtures' ids are set in the first test). */
  const rc = (uuid: string | undefined) => numericIdOf(uuid!);
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers = tenant.auth) =>
    app().inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const count = async (table: 'devices' | 'audit_events', tenantId = tenant.tenantId) =>
    Number(
      (
        await store()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deviceOf = async (id: string) =>
    (await call('GET', `/v1/devices/${id}`)).json() as Record<string, unknown> & { version: number };

  it('sets up a tenant with phones, a headset and an extension', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    account = numericIdOf(tenant.tenantId);
    person = await insertPerson(store(), tenant.tenantId, { extension_number: '101' });
    workspace = await insertWorkspace(store(), tenant.tenantId);
    site = await insertSite(store(), tenant.tenantId);
    const polycom = await insertProduct(store(), {
      manufacturer: 'Poly',
      model_id: 'VVX450',
      name: 'Poly VVX 450',
      device_kind: 'HardPhone',
      sku: 'HP-56',
      features: JSON.stringify(['Intercom', 'Paging', 'HELD', 'CommonPhone']),
    });
    deskPhones = await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        name: 'Alpha lobby phone',
        product_id: polycom,
        manufacturer: 'Poly',
        site_id: site,
        owner_person_id: person,
      }),
      deviceRow(tenant.tenantId, { kind: 'HardPhone', name: 'Bravo desk', serial: null }),
    ]);
    [softphone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'SoftPhone', name: 'Charlie softphone' }),
    ])) as [string];
    [headset] = (await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'Headset' })])) as [string];
    [foreignDevice] = (await createDevices(store(), [deviceRow(other.tenantId, { kind: 'HardPhone' })])) as [string];
    const number = await call('PUT', `/v1/devices/${deskPhones[0]}/telephony`, { phoneNumber: '+16507628967' });
    expect(number.statusCode, number.body).toBe(200);
  });

  it('lists the devices of a paging-only group: records {uri, id, name}, paging and navigation', async () => {
    const group = await call('POST', '/v1/paging-groups', {
      name: 'Overhead',
      deviceIds: [deskPhones[0], deskPhones[1], softphone],
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = rc(group.json().id);
    const url = `${V1}/~/paging-only-groups/${groupId}/devices`;
    const first = await call('GET', `${url}?perPage=2`);
    expect(first.statusCode, first.body).toBe(200);
    const listUri = `${BASE_URL}${V1}/${account}/paging-only-groups/${groupId}/devices`;
    const members = [deskPhones[0]!, deskPhones[1]!, softphone].sort();
    expect(first.json()).toEqual({
      uri: `${listUri}?perPage=2&page=1`,
      records: members.slice(0, 2).map((id) => ({
        uri: `${BASE_URL}${V1}/${account}/device/${rc(id)}`,
        id: rc(id),
        name: expect.any(String),
      })),
      paging: { page: 1, totalPages: 2, perPage: 2, totalElements: 3, pageStart: 0, pageEnd: 1 },
      navigation: {
        firstPage: { uri: `${listUri}?perPage=2&page=1` },
        nextPage: { uri: `${listUri}?perPage=2&page=2` },
        lastPage: { uri: `${listUri}?perPage=2&page=2` },
      },
    });
    const second = (await call('GET', `${url}?perPage=2&page=2`)).json();
    expect(second.records.map((r: { id: string }) => r.id)).toEqual([rc(members[2]!)]);
    expect(second.paging).toEqual({ page: 2, totalPages: 2, perPage: 2, totalElements: 3, pageStart: 2, pageEnd: 2 });
    // Past the end: an empty page without pageStart/pageEnd.
    const past = (await call('GET', `${url}?perPage=2&page=3`)).json();
    expect(past.records).toEqual([]);
    expect(past.paging).toEqual({ page: 3, totalPages: 2, perPage: 2, totalElements: 3 });

    for (const bad of ['abc', rc(newId()), rc(other.tenantId)]) {
      const res = expectRingCentralError(
        await call('GET', `${V1}/~/paging-only-groups/${bad}/devices`),
        404,
        'CMN-102',
      );
      expect(res).toMatchObject({ parameterName: 'pagingOnlyGroupId' });
    }
    expectRingCentralError(await call('GET', `${url}?perPage=0`), 400, 'CMN-101');
    // A group of another tenant is unknown there.
    expectRingCentralError(await call('GET', url, undefined, other.auth), 404, 'CMN-102');
  });

  it('lists phones with their Automatic Location Update state in the spec’s record shape, with its filters', async () => {
    const url = `${V1}/~/emergency-address-auto-update/devices`;
    const res = await call('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Phones only (the headset is not listed), by name.
    expect(body.records.map((r: { id: string }) => r.id)).toEqual([deskPhones[0], deskPhones[1], softphone].map(rc));
    expect(body.records[0]).toEqual({
      id: rc(deskPhones[0]!),
      type: 'HardPhone',
      serial: expect.any(String),
      featureEnabled: false,
      name: 'Alpha lobby phone',
      model: { id: '56', name: 'Poly VVX 450', features: ['Intercom', 'Paging', 'HELD'] },
      site: { id: rc(site), name: expect.any(String) },
      phoneLines: [{ lineType: 'Standalone', phoneInfo: { id: expect.any(Number), phoneNumber: '+16507628967' } }],
    });
    expect(body.records[1]).toEqual({
      id: rc(deskPhones[1]!),
      type: 'HardPhone',
      featureEnabled: false,
      name: 'Bravo desk',
      phoneLines: [],
    });
    expect(body.paging).toMatchObject({ page: 1, perPage: 100, totalElements: 3 });
    expect(body.uri).toBe(`${BASE_URL}${url.replace('~', account)}?page=1&perPage=100`);

    const ids = async (query: string) =>
      ((await call('GET', `${url}?${query}`)).json().records as { id: string }[]).map((r) => r.id);
    expect(await ids('orderBy=-name')).toEqual([softphone, deskPhones[1], deskPhones[0]].map(rc));
    expect(await ids('orderBy=%2Bname&perPage=Max')).toEqual([deskPhones[0], deskPhones[1], softphone].map(rc));
    expect(await ids(`siteId=${rc(site)}`)).toEqual([rc(deskPhones[0]!)]);
    expect(await ids('siteId=main-site')).toEqual([deskPhones[1], softphone].map(rc));
    expect(await ids('model=56')).toEqual([rc(deskPhones[0]!)]);
    expect(await ids('model=VVX450,99')).toEqual([rc(deskPhones[0]!)]);
    expect(await ids('compatibleOnly=true')).toEqual([rc(deskPhones[0]!)]);
    expect(await ids('searchString=vvx%20lobby')).toEqual([rc(deskPhones[0]!)]);
    expect(await ids('searchString=charlie')).toEqual([rc(softphone)]);
    expect(await ids('featureEnabled=true')).toEqual([]);
    for (const bad of ['orderBy=modelName', 'perPage=0', 'page=0', 'model=a_b', 'featureEnabled=maybe', 'siteId=x']) {
      expectRingCentralError(await call('GET', `${url}?${bad}`), 400, 'CMN-101');
    }
  });

  it('turns Automatic Location Update on and off for listed devices, all or nothing, one audit event per change', async () => {
    const url = `${V1}/~/emergency-address-auto-update/devices/bulk-assign`;
    const before = await deviceOf(deskPhones[1]!);
    const auditBefore = await count('audit_events');
    const done = await call('POST', url, { enabledDeviceIds: [rc(deskPhones[1]!), rc(softphone)] });
    expect(done.statusCode, done.body).toBe(204);
    expect(await count('audit_events')).toBe(auditBefore + 2);
    expect((await deviceOf(deskPhones[1]!)).version).toBe(before.version + 1);
    const list = `${V1}/~/emergency-address-auto-update/devices?featureEnabled=true`;
    expect((await call('GET', list)).json().records.map((r: { id: string }) => r.id)).toEqual(
      [deskPhones[1], softphone].map(rc),
    );

    // Already in that state: nothing to change, nothing audited.
    const auditAfter = await count('audit_events');
    const again = await call('POST', url, {
      enabledDeviceIds: [rc(softphone)],
      disabledDeviceIds: [rc(deskPhones[0]!)],
    });
    expect(again.statusCode).toBe(204);
    expect(await count('audit_events')).toBe(auditAfter);

    // An unknown, foreign or non-phone id anywhere: nothing changes.
    const refusals: [object, number, string, string][] = [
      [{ disabledDeviceIds: [rc(softphone), rc(foreignDevice)] }, 404, 'CMN-102', 'disabledDeviceIds[1]'],
      [{ disabledDeviceIds: [rc(softphone)], enabledDeviceIds: ['12'] }, 404, 'CMN-102', 'enabledDeviceIds[0]'],
      [{ disabledDeviceIds: [rc(softphone), rc(headset)] }, 400, 'CMN-101', 'disabledDeviceIds[1]'],
      [
        { enabledDeviceIds: [rc(softphone)], disabledDeviceIds: [rc(softphone)] },
        400,
        'CMN-101',
        'disabledDeviceIds[0]',
      ],
      [{ enabledDevices: [rc(softphone)] }, 400, 'CMN-101', 'enabledDevices'],
    ];
    for (const [body, status, code, parameterName] of refusals) {
      const res = expectRingCentralError(await call('POST', url, body), status, code);
      expect(res, JSON.stringify(body)).toMatchObject({ parameterName });
    }
    expect(await count('audit_events')).toBe(auditAfter);
    expect((await call('GET', list)).json().records).toHaveLength(2);

    // The user permission ConfigureEmergencyMaps is telephony:write; company-wide, so agents lack EditAccounts too.
    const noMaps = await createApiKey(store(), tenant.tenantId, {
      role: 'admin',
      scopes: ['people:write', 'sites:write', 'devices:read'],
    });
    const refused = expectRingCentralError(
      await call('POST', url, { enabledDeviceIds: [] }, noMaps.auth),
      403,
      'CMN-408',
    );
    expect(refused).toMatchObject({ permissionName: 'ConfigureEmergencyMaps' });
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: person });
    expectRingCentralError(await call('POST', url, { enabledDeviceIds: [] }, agent.auth), 403, 'CMN-401');
    const readonly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    expectRingCentralError(await call('POST', url, { enabledDeviceIds: [] }, readonly.auth), 403, 'CMN-401');
  });

  it('adds devices to the inventory (unassigned, all or none) and names the one refused', async () => {
    const url = `${V2}/~/device-inventory`;
    const devicesBefore = await count('devices');
    const added = await call('POST', url, { type: 'OtherPhone', quantity: 2 });
    expect(added.statusCode, added.body).toBe(200);
    const body = added.json();
    expect(body).toEqual({
      devices: [{ id: expect.stringMatching(/^\d+$/) }, { id: expect.stringMatching(/^\d+$/) }],
      site: { id: 'main-site', name: expect.any(String) },
    });
    expect(await count('devices')).toBe(devicesBefore + 2);
    const device = await deviceOf(uuidOfNumericId(body.devices[0].id)!);
    expect(device).toMatchObject({ kind: 'OtherPhone', name: 'Existing Phone', owner: null });

    const atSite = await call('POST', url, {
      type: 'OtherPhone',
      quantity: 1,
      site: { id: rc(site) },
      devices: [{ name: 'Reception', mac: '00:04:f2:aa:bb:01', serial: 'BYOD-1' }],
    });
    expect(atSite.statusCode, atSite.body).toBe(200);
    expect(atSite.json().site).toEqual({ id: rc(site), name: expect.any(String) });
    const described = await deviceOf(uuidOfNumericId(atSite.json().devices[0].id)!);
    expect(described).toMatchObject({ name: 'Reception', mac: '0004F2AABB01', serial: 'BYOD-1' });

    const countBefore = await count('devices');
    const auditBefore = await count('audit_events');
    const refusals: [object, number, string, string | undefined][] = [
      // The second device's MAC is taken: neither is created.
      [
        { type: 'OtherPhone', quantity: 2, devices: [{ mac: '00:04:f2:aa:bb:02' }, { mac: '0004F2AABB01' }] },
        409,
        'CMN-101',
        'devices[1].mac',
      ],
      [{ type: 'OtherPhone', quantity: 1, devices: [{ mac: 'not a mac' }] }, 400, 'CMN-101', 'devices[0].mac'],
      [{ type: 'OtherPhone', quantity: 2, devices: [{ serial: 'X' }] }, 400, 'CMN-101', 'devices'],
      [{ type: 'HardPhone', quantity: 1 }, 400, 'CMN-101', 'type'],
      [{ type: 'OtherPhone', quantity: 51 }, 400, 'CMN-101', 'quantity'],
      [{ type: 'OtherPhone', quantity: 1, site: { id: rc(newId()) } }, 400, 'CMN-101', 'site.id'],
    ];
    for (const [payload, status, code, parameterName] of refusals) {
      const res = expectRingCentralError(await call('POST', url, payload), status, code);
      if (parameterName) expect(res, JSON.stringify(payload)).toMatchObject({ parameterName });
    }
    expect(await count('devices')).toBe(countBefore);
    expect(await count('audit_events')).toBe(auditBefore);
  });

  it('removes unassigned devices from the inventory, one result per record', async () => {
    const [spare] = (await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'OtherPhone' })])) as [string];
    const res = await call('DELETE', `${V2}/~/device-inventory`, {
      records: [
        { deviceId: rc(spare) },
        { deviceId: rc(deskPhones[0]!) },
        { deviceId: rc(foreignDevice) },
        { deviceId: 'nope' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      records: [
        { bulkItemSuccessful: true, deviceId: rc(spare) },
        {
          bulkItemSuccessful: false,
          deviceId: rc(deskPhones[0]!),
          bulkItemErrors: [{ errorCode: 'DEV-102', message: 'Device already assigned' }],
        },
        {
          bulkItemSuccessful: false,
          deviceId: rc(foreignDevice),
          bulkItemErrors: [
            {
              errorCode: 'CMN-102',
              message: 'Resource for parameter [deviceId] is not found',
              parameterName: 'deviceId',
            },
          ],
        },
        {
          bulkItemSuccessful: false,
          deviceId: 'nope',
          bulkItemErrors: [
            {
              errorCode: 'CMN-102',
              message: 'Resource for parameter [deviceId] is not found',
              parameterName: 'deviceId',
            },
          ],
        },
      ],
    });
    expect((await call('GET', `/v1/devices/${spare}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/devices/${deskPhones[0]}`)).statusCode).toBe(200);
    expect((await call('GET', `/v1/devices/${foreignDevice}`, undefined, other.auth)).statusCode).toBe(200);
    const tooMany = { records: Array.from({ length: 11 }, () => ({ deviceId: rc(spare) })) };
    expectRingCentralError(await call('DELETE', `${V2}/~/device-inventory`, tooMany), 400, 'CMN-101');
  });

  it('bulk-adds devices for extensions, one result per record', async () => {
    const extension = numberIdOf(person);
    const res = await call('POST', `${V2}/~/devices/bulk-add`, {
      records: [
        {
          extension: { id: String(extension) },
          type: 'OtherPhone',
          emergency: { address: { street: '20 Davis Dr', city: 'Belmont', state: 'CA', zip: '94002', country: 'US' } },
        },
        { extension: { id: numberIdOf(workspace) }, type: 'WebRTC' },
        { extension: { id: '42' }, type: 'OtherPhone' },
        { extension: { id: String(extension) }, type: 'OtherPhone', phoneInfo: { phoneNumber: '+16505550100' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = res.json();
    expect(results[0]).toEqual({ successful: true, id: expect.any(String), extension: { id: String(extension) } });
    expect(results[1]).toMatchObject({ successful: true, extension: { id: String(numberIdOf(workspace)) } });
    expect(results[2]).toEqual({
      successful: false,
      extension: { id: '42' },
      errors: [
        {
          errorCode: 'CMN-102',
          message: 'Resource for parameter [extensionId] is not found',
          parameterName: 'extensionId',
        },
      ],
    });
    expect(results[3]).toMatchObject({
      successful: false,
      errors: [{ errorCode: 'CMN-101', parameterName: 'phoneInfo' }],
    });
    const created = await call('GET', `${V1}/~/device/${results[0].id}`);
    expect(created.json()).toMatchObject({
      type: 'OtherPhone',
      name: 'Existing Phone',
      extension: { id: extension },
      emergency: { address: { street: '20 Davis Dr', city: 'Belmont' } },
    });
    const webrtc = await deviceOf(uuidOfNumericId(results[1].id)!);
    expect(webrtc).toMatchObject({ kind: 'WebRTC', owner: { type: 'workspace', id: workspace } });
    expectRingCentralError(
      await call('POST', `${V2}/~/devices/bulk-add`, { records: [{ extension: { id: '1' }, type: 'HardPhone' }] }),
      400,
      'CMN-101',
    );
  });

  it('replaces an extension’s device by an inventory device in one transaction; the replaced one goes to inventory', async () => {
    const extension = numberIdOf(person);
    const [spare] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'OtherPhone', name: 'Spare phone' }),
    ])) as [string];
    const source = deskPhones[0]!;
    const emergency = { address: { street: '1 Main St', city: 'Belmont', countryIsoCode: 'US' } };
    const patched = await call('PUT', `${V1}/~/device/${rc(source)}/emergency`, { emergency });
    expect(patched.statusCode, patched.body).toBe(200);
    const [sourceBefore, spareBefore] = [await deviceOf(source), await deviceOf(spare)];
    const auditBefore = await count('audit_events');
    const url = `${V2}/~/extensions/${extension}/devices/${rc(source)}/replace`;

    const res = await call('POST', url, { targetDeviceId: rc(spare) });
    expect(res.statusCode, res.body).toBe(204);
    expect(await count('audit_events')).toBe(auditBefore + 2);
    const target = (await call('GET', `${V1}/~/device/${rc(spare)}`)).json();
    expect(target).toMatchObject({
      extension: { id: extension },
      emergency: { address: emergency.address },
      phoneLines: [{ lineType: 'Standalone', phoneInfo: { phoneNumber: '+16507628967' } }],
    });
    const replaced = (await call('GET', `${V1}/~/device/${rc(source)}`)).json();
    expect(replaced).not.toHaveProperty('extension');
    expect(replaced).not.toHaveProperty('emergency');
    expect(replaced.phoneLines).toEqual([]);
    expect((await deviceOf(source)).version).toBe(sourceBefore.version + 1);
    expect((await deviceOf(spare)).version).toBe(spareBefore.version + 1);

    // Refusals change neither device.
    const auditAfter = await count('audit_events');
    const back = `${V2}/~/extensions/${extension}/devices/${rc(spare)}/replace`;
    const refusals: [string, object, number, string, string][] = [
      [back, { targetDeviceId: rc(foreignDevice) }, 404, 'CMN-102', 'targetDeviceId'],
      [back, { targetDeviceId: rc(spare) }, 400, 'CMN-101', 'targetDeviceId'],
      [back, { targetDeviceId: rc(headset) }, 400, 'CMN-101', 'targetDeviceId'],
      [back, { targetDeviceId: rc(softphone) }, 400, 'CMN-101', 'targetDeviceId'],
      // The source is not the extension's device.
      [url, { targetDeviceId: rc(deskPhones[1]!) }, 404, 'CMN-102', 'deviceId'],
      [
        `${V2}/~/extensions/42/devices/${rc(spare)}/replace`,
        { targetDeviceId: rc(source) },
        404,
        'CMN-102',
        'extensionId',
      ],
    ];
    for (const [path, body, status, code, parameterName] of refusals) {
      const refused = expectRingCentralError(await call('POST', path, body), status, code);
      expect(refused, `${path} ${JSON.stringify(body)}`).toMatchObject({ parameterName });
    }
    expect(await count('audit_events')).toBe(auditAfter);
    expect((await call('GET', `${V1}/~/device/${rc(spare)}`)).json()).toEqual(target);
  });

  it('rolls a replace back whole when a device rule refuses one side', async () => {
    const extension = numberIdOf(workspace);
    // A common phone of a workspace, replaced by a phone whose model cannot be one (DEV-217).
    const noCommonPhone = await insertProduct(store(), {
      manufacturer: 'Acme',
      model_id: 'BASIC1',
      name: 'Acme Basic',
      device_kind: 'HardPhone',
      sku: 'HP-77',
      features: JSON.stringify([]),
    });
    const commonCapable = await insertProduct(store(), {
      manufacturer: 'Acme',
      model_id: 'PRO1',
      name: 'Acme Pro',
      device_kind: 'HardPhone',
      sku: 'HP-78',
      features: JSON.stringify(['CommonPhone']),
    });
    const [common, basic] = await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: commonCapable,
        manufacturer: 'Acme',
        owner_workspace_id: workspace,
        common_phone: 1,
      }),
      deviceRow(tenant.tenantId, { kind: 'HardPhone', product_id: noCommonPhone, manufacturer: 'Acme' }),
    ]);
    const before = [await deviceOf(common!), await deviceOf(basic!)];
    const auditBefore = await count('audit_events');
    const res = await call('POST', `${V2}/~/extensions/${extension}/devices/${rc(common!)}/replace`, {
      targetDeviceId: rc(basic!),
    });
    expectRingCentralError(res, 400, 'DEV-217');
    expect([await deviceOf(common!), await deviceOf(basic!)]).toEqual(before);
    expect(await count('audit_events')).toBe(auditBefore);
  });
});
