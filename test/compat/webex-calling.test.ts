/**
 * The Webex Calling device routes against seed 002 and vendor-apis.md §3.5–3.6: the seed sample rebuilt field by
 * field from canonical data, members (GET, PUT as a full replacement, bad members → 400 with nothing stored),
 * available members and their counts, validateMacs in its four states, a person's and a workspace's devices in
 * their own casing, supportedDevices, applyChanges, scopes, isolation, errors in the Webex body.
 */
import { expect, it } from 'vitest';
import { canonicalIdOf, webexId } from '../../src/compat/webex/ids.js';
import { newId } from '../../src/db/ids.js';
import { systemActor } from '../../src/modules/audit/audit-trail.js';
import { createServices } from '../../src/services.js';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
  insertSite,
  insertWorkspace,
  tagDevice,
  type TestTenant,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const BASE = '/compat/webex/v1/telephony/config';
/** vendor-apis.md §3.5, the seed 002 sample (upgradeChannelEnabled as the schema's boolean). */
const SEED_SAMPLE = {
  managedBy: 'CUSTOMER',
  owner: { sipUserName: '392829', linePort: 'i6i1ar1v29@98079822.int10.bcld.webex.com' },
  proxy: { outboundProxy: 'hs17.hosted-int.bcld.webex.com' },
  manufacturer: 'THIRD_PARTY',
  ip: '100.110.120.130',
  mac: '11223344AAFF',
  model: 'DMS Cisco 8811',
  activationState: 'activated',
  description: ['your tag', 'device tag'],
  upgradeChannelEnabled: true,
};

function expectWebexError(res: { statusCode: number; json: () => Json }, status: number, message?: RegExp) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(['errors', 'message', 'trackingId']);
  expect(body.errors).toEqual([{ description: body.message }]);
  if (message) expect(body.message).toMatch(message);
}

describeEachStore('Webex dialect: Webex Calling devices', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off', PUBLIC_BASE_URL: 'https://fleet.example.com' });
  let tenant: TestTenant;
  let other: TestTenant;
  let productId: string;
  let siteId: string;
  let personId: string;
  let colleagueId: string;
  let workspaceId: string;
  let virtualLineId: string;
  let seedDevice: string;
  let phone: string;
  let workspacePhone: string;
  let colleaguePhone: string;

  const call = (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, body?: object, auth = tenant.auth) =>
    app().inject({ method, url, headers: auth, ...(body === undefined ? {} : { payload: body }) });
  const native = async (method: 'POST' | 'PUT', url: string, body: object) => {
    const res = await call(method, url, body);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as Json;
  };
  const lineRows = (deviceId: string) =>
    store()
      .db.selectFrom('device_lines')
      .select(['position', 'phone_number_id', 'line_type'])
      .where('device_id', '=', deviceId)
      .orderBy('position')
      .execute();

  it('sets up a tenant: a site, a Cisco model, people, a workspace, a virtual line, numbered phones', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    siteId = await insertSite(store(), tenant.tenantId, { name: 'MainOffice' });
    productId = await insertProduct(store(), {
      manufacturer: 'Cisco',
      name: 'DMS Cisco 8811',
      model_id: `CP-8811-${newId().slice(-6)}`,
      device_kind: 'HardPhone',
      type: 'SIP',
      line_count: 3,
    });
    personId = await insertPerson(store(), tenant.tenantId, {
      first_name: 'John',
      last_name: 'Smith',
      extension_number: '2221',
      site_id: siteId,
    });
    colleagueId = await insertPerson(store(), tenant.tenantId, {
      first_name: 'Ada',
      last_name: 'Byron',
      extension_number: '2223',
      site_id: siteId,
    });
    workspaceId = await insertWorkspace(store(), tenant.tenantId, { name: 'Lobby', site_id: siteId });
    const numbers = [];
    for (const n of ['+12055552221', '+12055552222', '+12055552223', '+12055552224']) {
      numbers.push((await native('POST', '/v1/numbers', { number: n })).id as string);
    }
    virtualLineId = (
      await native('POST', '/v1/virtual-lines', {
        firstName: 'Front',
        lastName: 'Desk',
        extension: '2222',
        phoneNumberId: numbers[1],
        siteId,
      })
    ).id;
    [seedDevice, phone, workspacePhone, colleaguePhone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: productId,
        manufacturer: 'Cisco',
        mac: '11223344AAFF',
        ip: '100.110.120.130',
        managed_by: 'CUSTOMER',
        activation_state: 'activated',
        upgrade_channel: 'STABLE',
        sip_user_name: '392829',
        sip_line_port: 'i6i1ar1v29@98079822.int10.bcld.webex.com',
        sip_outbound_proxy: 'hs17.hosted-int.bcld.webex.com',
      }),
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: productId,
        manufacturer: 'Cisco',
        owner_person_id: personId,
        mac: 'AABBCC000001',
        sip_line_port: 'lineport1@example.webex.com',
        sip_user_name: '1000',
        activation_state: 'activating',
        created_at: 1,
      }),
      deviceRow(tenant.tenantId, { kind: 'OtherPhone', owner_workspace_id: workspaceId, created_at: 2 }),
      deviceRow(tenant.tenantId, { kind: 'HardPhone', owner_person_id: colleagueId, created_at: 3 }),
    ])) as [string, string, string, string];
    await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'Headset', owner_person_id: personId })]);
    await tagDevice(store(), tenant.tenantId, seedDevice!, 'your tag', 'device tag');
    const lines = (entries: [number, string, string][]) => ({
      lines: entries.map(([position, phoneNumberId, lineType]) => ({ position, phoneNumberId, lineType })),
    });
    await native(
      'PUT',
      `/v1/devices/${phone}/lines`,
      lines([
        [0, numbers[0]!, 'BlaPrimary'],
        [1, numbers[1]!, 'BlaSecondary'],
      ]),
    );
    await native('PUT', `/v1/devices/${workspacePhone}/lines`, lines([[0, numbers[3]!, 'BlaPrimary']]));
    await native('PUT', `/v1/devices/${colleaguePhone}/lines`, lines([[0, numbers[2]!, 'BlaPrimary']]));
  });

  it('answers device details exactly as the seed 002 sample, from canonical data', async () => {
    const res = await call('GET', `${BASE}/devices/${webexId('device', seedDevice)}`);
    expect(res.statusCode, res.body).toBe(200);
    const { id, ...rest } = res.json() as Json;
    expect(canonicalIdOf('device', id)).toBe(seedDevice);
    // Tags are a set canonically: answered in name order, the sample's two tags whatever their order.
    expect(rest).toEqual({ ...SEED_SAMPLE, description: [...SEED_SAMPLE.description].sort() });
    expect(res.headers.trackingid).toMatch(/^ROUTER_/);
    // Without SIP settings, tags or a channel: owner and proxy are absent, the channel disabled.
    const bare = (await call('GET', `${BASE}/devices/${webexId('device', workspacePhone)}`)).json() as Json;
    expect(bare).not.toHaveProperty('owner');
    expect(bare).not.toHaveProperty('proxy');
    expect(bare).not.toHaveProperty('activationState');
    expect(bare).toMatchObject({ upgradeChannelEnabled: false, description: [], manufacturer: 'THIRD_PARTY' });
  });

  it("lists a device's members from its lines: the owner on port 1, a virtual line sharing port 2", async () => {
    const res = await call('GET', `${BASE}/devices/${webexId('device', phone)}/members`);
    expect(res.statusCode, res.body).toBe(200);
    const location = { id: webexId('location', siteId), name: 'MainOffice' };
    expect(res.json()).toEqual({
      model: 'DMS Cisco 8811',
      maxLineCount: 3,
      members: [
        {
          id: webexId('person', personId),
          firstName: 'John',
          lastName: 'Smith',
          phoneNumber: '+12055552221',
          extension: '2221',
          primaryOwner: true,
          port: 1,
          t38FaxCompressionEnabled: false,
          lineType: 'PRIMARY',
          lineWeight: 1,
          hotlineEnabled: false,
          hotlineDestination: '',
          allowCallDeclineEnabled: true,
          linePort: 'lineport1@example.webex.com',
          memberType: 'PEOPLE',
          location,
        },
        {
          id: webexId('virtualLine', virtualLineId),
          firstName: 'Front',
          lastName: 'Desk',
          phoneNumber: '+12055552222',
          extension: '2222',
          primaryOwner: false,
          port: 2,
          t38FaxCompressionEnabled: false,
          lineType: 'SHARED_CALL_APPEARANCE',
          lineWeight: 1,
          hotlineEnabled: false,
          hotlineDestination: '',
          allowCallDeclineEnabled: true,
          memberType: 'VIRTUAL_LINE',
          location,
        },
      ],
    });
  });

  const member = (id: string, port: number, primaryOwner: boolean, lineType = 'SHARED_CALL_APPEARANCE') => ({
    port,
    id,
    primaryOwner,
    lineType,
    lineWeight: 1,
    hotlineEnabled: false,
    hotlineDestination: '',
    allowCallDeclineEnabled: true,
  });

  it('replaces the members as a whole (204), audited, and refuses what Ucfleet cannot hold with nothing stored', async () => {
    const url = `${BASE}/devices/${webexId('device', phone)}/members`;
    const owner = member(webexId('person', personId), 1, true, 'PRIMARY');
    const before = await lineRows(phone);
    const bad: [object, RegExp][] = [
      [
        { members: [owner, { ...member(webexId('workspace', workspaceId), 2, false), lineWeight: 2 }] },
        /members\[1\]\.lineWeight/,
      ],
      [
        { members: [owner, { ...member(webexId('workspace', workspaceId), 2, false), hotlineEnabled: true }] },
        /members\[1\]\.hotlineEnabled/,
      ],
      [
        { members: [owner, { ...member(webexId('workspace', workspaceId), 2, false), lineLabel: 'x' }] },
        /members\[1\]\.lineLabel/,
      ],
      [{ members: [owner, member(webexId('workspace', workspaceId), 2, true)] }, /members\[1\]\.primaryOwner/],
      [{ members: [owner, member(webexId('workspace', workspaceId), 1, false)] }, /members\[1\]\.port/],
      [{ members: [owner, member(webexId('workspace', workspaceId), 4, false)] }, /members\[1\]\.port/],
      [{ members: [owner, member(webexId('workspace', newId()), 2, false)] }, /members\[1\]\.id/],
      [{ members: [owner, member(webexId('device', phone), 2, false)] }, /members\[1\]\.id/],
      [{ members: [member(webexId('person', colleagueId), 1, false)] }, /owner_keeps_first_line/],
      [{ members: [owner, member(webexId('person', personId), 2, true)] }, /members\[1\]/],
      [{ members: [owner], extra: true }, /extra/],
    ];
    const audit = async () =>
      Number(
        (
          await store()
            .db.selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', tenant.tenantId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const events = await audit();
    for (const [body, message] of bad) {
      const res = await call('PUT', url, body);
      expectWebexError(res, 400, message);
      expect(await lineRows(phone), JSON.stringify(body)).toEqual(before);
    }
    expect(await audit()).toBe(events);

    // A primary appearance of a number that is primary on another device: the canonical sharing rules refuse it.
    const taken = await call('PUT', url, {
      members: [owner, member(webexId('person', colleagueId), 2, false, 'PRIMARY')],
    });
    expectWebexError(taken, 409, /members\[1\]|BlaPrimary/);
    expect(await lineRows(phone)).toEqual(before);
    expect(await audit()).toBe(events);

    // The virtual line moves to port 3 as a primary line; a colleague's number comes in shared on port 2.
    const res = await call('PUT', url, {
      members: [
        owner,
        member(webexId('virtualLine', virtualLineId), 3, false, 'PRIMARY'),
        member(webexId('person', colleagueId), 2, false),
      ],
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await audit()).toBe(events + 1);
    const after = (await call('GET', url)).json() as Json;
    expect(after.members.map((m: Json) => [m.port, m.memberType, m.firstName, m.lineType, m.primaryOwner])).toEqual([
      [1, 'PEOPLE', 'John', 'PRIMARY', true],
      [2, 'PEOPLE', 'Ada', 'SHARED_CALL_APPEARANCE', false],
      [3, 'VIRTUAL_LINE', 'Front', 'PRIMARY', false],
    ]);
    // The owner's line keeps its stored type; the others take the canonical type of their Webex line type.
    expect((await lineRows(phone)).map((l) => [l.position, l.line_type])).toEqual([
      [0, 'BlaPrimary'],
      [1, 'BlaSecondary'],
      [2, 'Standalone'],
    ]);
    // The owner keeps port 1: a list without them is refused.
    expectWebexError(await call('PUT', url, { members: [] }), 400, /members breaks rule owner_keeps_first_line/);
    expect(await audit()).toBe(events + 1);
    // Back to the owner alone: the other lines go.
    expect((await call('PUT', url, { members: [owner] })).statusCode).toBe(204);
    expect((await lineRows(phone)).map((l) => l.position)).toEqual([0]);
  });

  it('searches available members with a number, less those on the device, with counts and paging', async () => {
    const url = `${BASE}/devices/${webexId('device', phone)}/availableMembers`;
    const res = await call('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    const names = (body: Json) => body.members.map((m: Json) => `${m.memberType}:${m.firstName}`);
    // John is on the device; the others by last name: Byron, Desk, Lobby (no last name sorts first).
    expect(names(res.json())).toEqual(['PLACE:Lobby', 'PEOPLE:Ada', 'VIRTUAL_LINE:Front']);
    expect(res.json().members[1]).toEqual({
      id: webexId('person', colleagueId),
      firstName: 'Ada',
      lastName: 'Byron',
      phoneNumber: '+12055552223',
      extension: '2223',
      t38FaxCompressionEnabled: false,
      lineType: 'SHARED_CALL_APPEARANCE',
      allowCallDeclineEnabled: true,
      memberType: 'PEOPLE',
      location: { id: webexId('location', siteId), name: 'MainOffice' },
    });
    expect(names((await call('GET', `${url}?order=fname`)).json())).toEqual([
      'PEOPLE:Ada',
      'VIRTUAL_LINE:Front',
      'PLACE:Lobby',
    ]);
    expect(names((await call('GET', `${url}?memberName=byr`)).json())).toEqual(['PEOPLE:Ada']);
    expect(names((await call('GET', `${url}?phoneNumber=5552222`)).json())).toEqual(['VIRTUAL_LINE:Front']);
    expect(names((await call('GET', `${url}?extension=2223`)).json())).toEqual(['PEOPLE:Ada']);
    expect(names((await call('GET', `${url}?locationId=${webexId('location', newId())}`)).json())).toEqual([]);
    expect((await call('GET', `${url}?usageType=DEVICE_OWNER`)).json().members[0].lineType).toBe('PRIMARY');
    const page = await call('GET', `${url}?max=2`);
    expect(names(page.json())).toHaveLength(2);
    expect(page.headers.link).toBe(`<https://fleet.example.com${url}?max=2&start=2>; rel="next"`);
    const last = await call('GET', `${url}?max=2&start=2`);
    expect(names(last.json())).toEqual(['VIRTUAL_LINE:Front']);
    expect(last.headers.link).toBeUndefined();
    expectWebexError(await call('GET', `${url}?order=size`), 400, /order/);

    expect((await call('GET', `${url}/count`)).json()).toEqual({ totalCount: 3 });
    expect((await call('GET', `${url}/count?memberName=desk`)).json()).toEqual({ totalCount: 1 });
    expect((await call('GET', `${BASE}/devices/availableMembers/count`)).json()).toEqual({ totalCount: 4 });
    expect((await call('GET', `${BASE}/devices/availableMembers/count?excludeVirtualLine=true`)).json()).toEqual({
      totalCount: 3,
    });
  });

  it('validates MACs in the four states of Webex', async () => {
    const res = await call('POST', `${BASE}/devices/actions/validateMacs/invoke`, {
      macs: ['ab125678cdef', '11:22:33:44:aa:ff', 'AB-12-56-78-CD-EF', 'not a mac'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      status: 'ERRORS',
      macStatus: [
        { mac: 'ab125678cdef', state: 'AVAILABLE' },
        {
          mac: '11:22:33:44:aa:ff',
          state: 'UNAVAILABLE',
          errorCode: 5675,
          message: '[Error 5675] MAC Address is in use.',
        },
        { mac: 'AB-12-56-78-CD-EF', state: 'DUPLICATE_IN_LIST' },
        { mac: 'not a mac', state: 'INVALID' },
      ],
    });
    const ok = await call('POST', `${BASE}/devices/actions/validateMacs/invoke`, { macs: ['ab125678cdee'] });
    expect(ok.json()).toEqual({ status: 'OK', macStatus: [{ mac: 'ab125678cdee', state: 'AVAILABLE' }] });
    expectWebexError(await call('POST', `${BASE}/devices/actions/validateMacs/invoke`, {}), 400, /macs/);
  });

  it("lists a person's devices (lower case, modelType) and a workspace's (upper case, no modelType)", async () => {
    const res = await call('GET', `${BASE}/people/${webexId('person', personId)}/devices`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Json;
    expect(body.devices).toEqual([
      {
        id: webexId('device', phone),
        description: [],
        model: 'DMS Cisco 8811',
        modelType: 'MPP',
        mac: 'AABBCC000001',
        primaryOwner: true,
        type: 'PRIMARY',
        hoteling: { enabled: false, limitGuestUse: false },
        owner: { id: webexId('person', personId), type: 'PEOPLE', firstName: 'John', lastName: 'Smith' },
        activationState: 'activating',
      },
    ]);
    expect(body.maxDeviceCount).toBeGreaterThan(0);
    expect((await call('GET', `${BASE}/people/${webexId('person', personId)}/devices/count`)).json()).toEqual({
      totalDeviceCount: 1,
      applicationsCount: 0,
    });
    // A shared line on another's device lists that device too, with its owner.
    const shared = await call('PUT', `${BASE}/devices/${webexId('device', phone)}/members`, {
      members: [
        member(webexId('person', personId), 1, true, 'PRIMARY'),
        member(webexId('person', colleagueId), 2, false),
      ],
    });
    expect(shared.statusCode, shared.body).toBe(204);
    const ada = (await call('GET', `${BASE}/people/${webexId('person', colleagueId)}/devices`)).json() as Json;
    expect(ada.devices.map((d: Json) => [d.id, d.primaryOwner, d.type, d.owner.firstName])).toEqual([
      [webexId('device', colleaguePhone), true, 'PRIMARY', 'Ada'],
      [webexId('device', phone), false, 'SHARED_CALL_APPEARANCE', 'John'],
    ]);
    expect((await call('GET', `${BASE}/people/${webexId('person', colleagueId)}/devices/count`)).json()).toEqual({
      totalDeviceCount: 2,
      applicationsCount: 0,
    });
    const place = (await call('GET', `${BASE}/workspaces/${webexId('workspace', workspaceId)}/devices`)).json() as Json;
    expect(place.devices).toHaveLength(1);
    expect(place.devices[0]).not.toHaveProperty('modelType');
    expect(place.devices[0]).toMatchObject({
      id: webexId('device', workspacePhone),
      model: 'OtherPhone',
      activationState: 'DEACTIVATED',
      owner: { id: webexId('workspace', workspaceId), type: 'PLACE', firstName: 'Lobby', lastName: '' },
    });
  });

  it('lists supported devices from the catalogue, with the type filter and its not: form', async () => {
    const all = (await call('GET', `${BASE}/supportedDevices`)).json() as Json;
    expect(all.upgradeChannelList).toEqual(['STABLE', 'STABLE_DELAY', 'PREVIEW', 'BETA', 'TESTING']);
    const ours = all.devices.find((d: Json) => d.model === 'DMS Cisco 8811');
    expect(ours).toMatchObject({ type: 'MPP', manufacturer: 'CISCO', managedBy: 'CISCO', numberOfLinePorts: 3 });
    const mpp = (await call('GET', `${BASE}/supportedDevices?type=MPP`)).json() as Json;
    expect(mpp.devices.length).toBeGreaterThan(0);
    expect(mpp.devices.every((d: Json) => d.type === 'MPP')).toBe(true);
    const notMpp = (await call('GET', `${BASE}/supportedDevices?type=not:MPP`)).json() as Json;
    expect(notMpp.devices.some((d: Json) => d.type === 'MPP')).toBe(false);
    expect(notMpp.devices.length + mpp.devices.length).toBe(all.devices.length);
  });

  it('applies changes (204); device settings are served by their own routes (webex-settings.test.ts)', async () => {
    const id = webexId('device', phone);
    expect((await call('POST', `${BASE}/devices/${id}/actions/applyChanges/invoke`)).statusCode).toBe(204);
    const settings = await call('GET', `${BASE}/devices/${id}/settings`);
    expect(settings.json()).toMatchObject({ customEnabled: false, updateInProgress: false, deviceCount: 1 });
    expect(Object.keys(settings.json().customizations).sort()).toEqual(['ata', 'mpp', 'wifi']);
    expectWebexError(
      await call('PUT', `${BASE}/devices/${id}/settings`, { customizations: { mpp: {} }, customEnabled: true }),
      400,
      /pnacEnabled|customizations\.mpp/,
    );
  });

  it('searches members in the database with the same answers: literal wildcards, case ties, extension numbers', async () => {
    const own = await createTenant(store());
    const post = async (url: string, body: object) => {
      const res = await call('POST', url, body, own.auth);
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as Json;
    };
    // Extension-only numbers (no E.164): a person's own number is the tenant number equal to their extension.
    for (const number of ['2301', '2302', '2303']) await post('/v1/numbers', { number });
    const amyUpper = await insertPerson(store(), own.tenantId, {
      first_name: 'Amy',
      last_name: 'Zed',
      extension_number: '2301',
    });
    const amyLower = await insertPerson(store(), own.tenantId, {
      first_name: 'amy',
      last_name: 'zed',
      extension_number: '2302',
    });
    const percent = await insertPerson(store(), own.tenantId, {
      first_name: '100%',
      last_name: 'Sure',
      extension_number: '2303',
    });
    // Without a number of their own: never a member to offer.
    await insertPerson(store(), own.tenantId, { first_name: 'No', last_name: 'Number' });
    const [device] = await createDevices(store(), [deviceRow(own.tenantId, { kind: 'HardPhone' })]);
    const url = `${BASE}/devices/${webexId('device', device!)}/availableMembers`;
    const get = async (query = '') => {
      const res = await call('GET', `${url}${query}`, undefined, own.auth);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Json).members.map((m: Json) => m.id);
    };
    // Last name case-insensitively, then exactly (upper case first), then first name.
    expect(await get()).toEqual([webexId('person', percent), webexId('person', amyUpper), webexId('person', amyLower)]);
    expect((await call('GET', `${url}?memberName=amy`, undefined, own.auth)).json().members[1]).toMatchObject({
      firstName: 'amy',
      extension: '2302',
    });
    expect(
      (await call('GET', `${url}?memberName=amy`, undefined, own.auth)).json().members[0].phoneNumber,
    ).toBeUndefined();
    // LIKE wildcards in a filter are plain characters.
    expect(await get(`?memberName=${encodeURIComponent('%')}`)).toEqual([webexId('person', percent)]);
    expect(await get(`?memberName=${encodeURIComponent('_')}`)).toEqual([]);
    expect(await get(`?extension=${encodeURIComponent('23_1')}`)).toEqual([]);
    expect(await get('?extension=230')).toHaveLength(3);
    expect(await get('?phoneNumber=2301')).toEqual([]);
    expect(await get('?max=1&start=1')).toEqual([webexId('person', amyUpper)]);
    expect((await call('GET', `${url}/count?memberName=AMY`, undefined, own.auth)).json()).toEqual({ totalCount: 2 });
  });

  it('requires spark-admin:telephony_config_read / _write and an admin', async () => {
    const url = `${BASE}/devices/${webexId('device', phone)}`;
    const devicesOnly = await createApiKey(store(), tenant.tenantId, { role: 'admin', scopes: ['devices:read'] });
    expectWebexError(
      await call('GET', url, undefined, devicesOnly.auth),
      403,
      /^Missing required scope: spark-admin:telephony_config_read$/,
    );
    const readsOnly = await createApiKey(store(), tenant.tenantId, { role: 'admin', scopes: ['telephony:read'] });
    expectWebexError(
      await call('PUT', `${url}/members`, { members: [] }, readsOnly.auth),
      403,
      /^Missing required scope: spark-admin:telephony_config_write$/,
    );
    expect((await call('GET', `${url}/members`, undefined, readsOnly.auth)).statusCode).toBe(200);
    const readOnly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    expect((await call('GET', url, undefined, readOnly.auth)).statusCode).toBe(200);
    expectWebexError(await call('PUT', `${url}/members`, { members: [] }, readOnly.auth), 403);
    expectWebexError(
      await call('POST', `${BASE}/devices/actions/validateMacs/invoke`, { macs: [] }, readOnly.auth),
      403,
    );
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId });
    expectWebexError(await call('GET', url, undefined, agent.auth), 403);
    expectWebexError(await call('GET', url, undefined, { authorization: 'Bearer nope' }), 401);
    expectWebexError(
      await call('GET', `${url}?orgId=${encodeURIComponent('Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x')}`),
      403,
    );
  });

  it('answers 404 in the Webex body for ids of another tenant, another type, a headset or none', async () => {
    const [foreign] = await createDevices(store(), [deviceRow(other.tenantId, { kind: 'HardPhone' })]);
    const headset = (
      await store()
        .db.selectFrom('devices')
        .select('id')
        .where('tenant_id', '=', tenant.tenantId)
        .where('kind', '=', 'Headset')
        .executeTakeFirstOrThrow()
    ).id;
    for (const id of [
      webexId('device', foreign!),
      webexId('person', phone),
      webexId('device', headset),
      webexId('device', newId()),
      'not-an-id',
    ]) {
      expectWebexError(await call('GET', `${BASE}/devices/${id}`), 404);
      expectWebexError(await call('GET', `${BASE}/devices/${id}/members`), 404);
      expectWebexError(await call('PUT', `${BASE}/devices/${id}/members`, { members: [] }), 404);
      expectWebexError(await call('POST', `${BASE}/devices/${id}/actions/applyChanges/invoke`), 404);
    }
    const stranger = await insertPerson(store(), other.tenantId);
    expectWebexError(await call('GET', `${BASE}/people/${webexId('person', stranger)}/devices`), 404);
    expectWebexError(await call('GET', `${BASE}/people/${webexId('workspace', workspaceId)}/devices`), 404);
    expectWebexError(await call('GET', `${BASE}/workspaces/${webexId('person', personId)}/devices`), 404);
    const strangerPlace = await insertWorkspace(store(), other.tenantId, { name: 'Elsewhere' });
    expectWebexError(await call('GET', `${BASE}/workspaces/${webexId('workspace', strangerPlace)}/devices`), 404);
    // The other tenant's own view of its device works.
    expect(
      (await call('GET', `${BASE}/devices/${webexId('device', foreign!)}`, undefined, other.auth)).statusCode,
    ).toBe(200);
  });
  it('keeps lines that have no member through a members PUT, unless a member takes their port', async () => {
    const orphan = (await native('POST', '/v1/numbers', { number: '+12055559999' })).id as string;
    const current = await lineRows(phone);
    await native('PUT', `/v1/devices/${phone}/lines`, {
      lines: [
        ...current.map((l) => ({ position: l.position, phoneNumberId: l.phone_number_id, lineType: l.line_type })),
        { position: 2, phoneNumberId: orphan, lineType: 'BlaSecondary' },
      ],
    });
    const url = `${BASE}/devices/${webexId('device', phone)}/members`;
    const ports = async () => ((await call('GET', url)).json() as Json).members.map((m: Json) => m.port);
    expect(await ports()).toEqual([1, 2]);
    const owner = member(webexId('person', personId), 1, true, 'PRIMARY');
    expect((await call('PUT', url, { members: [owner] })).statusCode).toBe(204);
    expect((await lineRows(phone)).map((l) => [l.position, l.phone_number_id])).toEqual([
      [0, current[0]!.phone_number_id],
      [2, orphan],
    ]);
    const res = await call('PUT', url, { members: [owner, member(webexId('virtualLine', virtualLineId), 3, false)] });
    expect(res.statusCode, res.body).toBe(204);
    expect((await lineRows(phone)).map((l) => l.position)).toEqual([0, 2]);
    expect(await ports()).toEqual([1, 3]);
  });
  it('recomputes members from a fresh read when the device changed meanwhile, then gives up with write_conflict', async () => {
    const services = createServices(store());
    const viewer = { tenantId: tenant.tenantId, onlyPerson: null };
    const editor = { tenantId: tenant.tenantId, ownPerson: null, readsTenant: true };
    const actor = systemActor(tenant.tenantId);
    const requested = [
      { index: 0, position: 0, kind: 'person' as const, id: personId, shared: false },
      { index: 1, position: 1, kind: 'person' as const, id: colleagueId, shared: true },
    ];
    const stale = await services.devices.getDevice(viewer, phone);
    const patched = await call('PATCH', `/v1/devices/${phone}`, { tags: ['moved'] });
    expect(patched.statusCode, patched.body).toBe(200);
    let reads = 0;
    const load = async () => (reads++ === 0 ? stale : services.devices.getDevice(viewer, phone));
    const after = await services.lineMembers.replaceMembers(actor, editor, load, requested);
    expect(reads).toBe(2);
    expect(after.lines.map((l) => l.position)).toEqual([0, 1]);
    await expect(
      services.lineMembers.replaceMembers(actor, editor, async () => stale, requested.slice(0, 1)),
    ).rejects.toMatchObject({ code: 'write_conflict' });
    expect((await lineRows(phone)).map((l) => l.position)).toEqual([0, 1]);
  });
});
