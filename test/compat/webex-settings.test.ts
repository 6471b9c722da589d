/**
 * Webex Calling device settings (docs/compat/webex.md "Device settings"): a device's override stored, validated
 * member by member against the spec's schema (unknown members, wrong types, bad enums → 400, nothing stored),
 * cleared by customEnabled:false, inherited from the location and organization settings; a person's and a
 * workspace's compression; hoteling of a person's primary devices and a workspace's devices; line-key layouts;
 * a third-party device's SIP password kept as a scrypt hash only; a RoomOS device's configurations (JSON Patch of
 * Key.Path values, key filters). Every change audited; scopes; isolation.
 */
import { expect, it } from 'vitest';
import { webexId } from '../../src/compat/webex/ids.js';
import { newId } from '../../src/db/ids.js';
import { ORGANIZATION_DEFAULT_CUSTOMIZATIONS } from '../../src/modules/devices/device-settings.defaults.js';
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const BASE = '/compat/webex/v1/telephony/config';
const DEFAULTS = ORGANIZATION_DEFAULT_CUSTOMIZATIONS;

/** An MPP override: the organization's settings with a few of them changed. */
const MPP_OVERRIDE = {
  ...structuredClone(DEFAULTS.mpp),
  backlightTimer: 'ALWAYS_ON',
  phoneLanguage: 'GERMAN',
  vlan: { enabled: true, value: 42, pcPort: 7 },
  httpProxy: { mode: 'MANUAL', autoDiscoveryEnabled: false, host: 'proxy.example.com', port: '3128' },
  multicast: ['239.1.1.1:5000'],
};

function expectWebexError(res: { statusCode: number; json: () => Json }, status: number, message?: RegExp) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(Object.keys(body).sort()).toEqual(['errors', 'message', 'trackingId']);
  expect(body.errors).toEqual([{ description: body.message }]);
  if (message) expect(body.message).toMatch(message);
}

describeEachStore('Webex dialect: Webex Calling device settings', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });
  let tenant: TestTenant;
  let other: TestTenant;
  let siteId: string;
  let personId: string;
  let workspaceId: string;
  let mppPhone: string;
  let sitePhone: string;
  let thirdParty: string;
  let workspacePhone: string;

  const call = (method: 'GET' | 'PUT', url: string, body?: object, auth = tenant.auth) =>
    app().inject({ method, url, headers: auth, ...(body === undefined ? {} : { payload: body }) });
  const ok = async (method: 'GET' | 'PUT', url: string, body?: object) => {
    const res = await call(method, url, body);
    expect(res.statusCode, res.body).toBe(method === 'GET' ? 200 : 204);
    return method === 'GET' ? (res.json() as Json) : undefined;
  };
  const auditEvents = (resourceId: string) =>
    store()
      .db.selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('tenant_id', '=', tenant.tenantId)
      .where('resource_id', '=', resourceId)
      .orderBy('id')
      .execute();
  const deviceUrl = (id: string) => `${BASE}/devices/${webexId('device', id)}`;

  it('sets up a tenant: a site, a Cisco MPP model with 4 line keys, a person, a workspace, phones', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    siteId = await insertSite(store(), tenant.tenantId, { name: 'HQ' });
    const mppModel = await insertProduct(store(), {
      manufacturer: 'Cisco',
      name: `DMS Cisco 8845 ${newId().slice(-6)}`,
      device_kind: 'HardPhone',
      type: 'SIP',
      line_count: 4,
    });
    personId = await insertPerson(store(), tenant.tenantId, { first_name: 'Grace', last_name: 'Hopper' });
    workspaceId = await insertWorkspace(store(), tenant.tenantId, { name: 'Hot desk room', site_id: siteId });
    [mppPhone, sitePhone, thirdParty, workspacePhone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: mppModel,
        manufacturer: 'Cisco',
        owner_person_id: personId,
        site_id: siteId,
      }),
      deviceRow(tenant.tenantId, { kind: 'OtherPhone', site_id: siteId }),
      deviceRow(tenant.tenantId, {
        kind: 'OtherPhone',
        mac: '0004F2ABCDEF',
        sip_user_name: 'grace3001',
        managed_by: 'CUSTOMER',
      }),
      deviceRow(tenant.tenantId, { kind: 'HardPhone', owner_workspace_id: workspaceId, hot_desk: 0 }),
    ])) as [string, string, string, string];
    // A headset at the site: not a configurable device, so not counted.
    await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'Headset', site_id: siteId })]);
  });

  it("answers a device's inherited settings when it has no override", async () => {
    const settings = await ok('GET', `${deviceUrl(mppPhone)}/settings`);
    expect(settings).toEqual({
      customizations: { ata: DEFAULTS.ata, mpp: DEFAULTS.mpp, wifi: DEFAULTS.wifi },
      customEnabled: false,
      updateInProgress: false,
      deviceCount: 1,
      lastUpdateTime: expect.any(Number),
    });
  });

  it('stores an override, answers it with the other families inherited, and audits the change once', async () => {
    const url = `${deviceUrl(mppPhone)}/settings`;
    await ok('PUT', url, { customEnabled: true, customizations: { mpp: MPP_OVERRIDE } });
    const settings = await ok('GET', url);
    expect(settings.customEnabled).toBe(true);
    expect(settings.customizations.mpp).toEqual(MPP_OVERRIDE);
    expect(settings.customizations.ata).toEqual(DEFAULTS.ata);
    expect(settings.customizations.wifi).toEqual(DEFAULTS.wifi);
    const events = await auditEvents(mppPhone);
    expect(events.map((e) => e.action)).toEqual(['device.settings.update']);
    expect(JSON.parse(events[0]!.after!)).toEqual({ customEnabled: true, families: ['mpp'] });
    // The audit trail names the families, never a value.
    expect(events[0]!.after).not.toContain('proxy.example.com');
    // The same override again changes nothing and records nothing.
    await ok('PUT', url, { customEnabled: true, customizations: { mpp: MPP_OVERRIDE } });
    expect(await auditEvents(mppPhone)).toHaveLength(1);
    // Another device is untouched.
    expect((await ok('GET', `${deviceUrl(sitePhone)}/settings`)).customEnabled).toBe(false);
  });

  it('refuses unknown members, wrong types, bad enums and missing members with 400, storing nothing', async () => {
    const url = `${deviceUrl(mppPhone)}/settings`;
    const before = await ok('GET', url);
    const mpp = (changes: object) => ({
      customEnabled: true,
      customizations: { mpp: { ...MPP_OVERRIDE, ...changes } },
    });
    const { backlightTimer: _dropped, ...withoutBacklight } = MPP_OVERRIDE;
    for (const [body, message] of [
      [mpp({ colour: 'red' }), /customizations\.mpp\.colour/],
      [mpp({ vlan: { enabled: true, value: 3, tagged: true } }), /customizations\.mpp\.vlan\.tagged/],
      [mpp({ cdpEnabled: 'yes' }), /cdpEnabled/],
      [mpp({ offHookTimer: { seconds: 30 } }), /offHookTimer/],
      [mpp({ backlightTimer: 'TEN_MIN' }), /backlightTimer/],
      [mpp({ phoneLanguage: 'KLINGON' }), /phoneLanguage/],
      [{ customEnabled: true, customizations: { mpp: withoutBacklight } }, /backlightTimer/],
      [{ customEnabled: true, customizations: { dect: DEFAULTS.dect } }, /customizations\.dect/],
      [
        { customEnabled: true, customizations: { ata: { ...DEFAULTS.ata, ataDtmfMethod: 'SIP_INFO' } } },
        /ataDtmfMethod/,
      ],
      [{ customEnabled: true }, /customizations/],
      [{ customizations: {} }, /customEnabled/],
      [{ customEnabled: true, customizations: {}, deviceCount: 2 }, /deviceCount/],
    ] as const) {
      expectWebexError(await call('PUT', url, body), 400, message);
    }
    expect(await ok('GET', url)).toEqual(before);
    expect(await auditEvents(mppPhone)).toHaveLength(1);
  });

  it('clears the override with customEnabled:false (the device inherits again), audited once', async () => {
    const url = `${deviceUrl(mppPhone)}/settings`;
    await ok('PUT', url, { customEnabled: false, customizations: {} });
    const settings = await ok('GET', url);
    expect(settings.customEnabled).toBe(false);
    expect(settings.customizations.mpp).toEqual(DEFAULTS.mpp);
    const events = await auditEvents(mppPhone);
    expect(events.map((e) => e.action)).toEqual(['device.settings.update', 'device.settings.clear']);
    await ok('PUT', url, { customEnabled: false, customizations: {} });
    expect(await auditEvents(mppPhone)).toHaveLength(2);
    // An override of no family marks the device customized while every family is inherited.
    await ok('PUT', url, { customEnabled: true, customizations: {} });
    expect(await ok('GET', url)).toMatchObject({ customEnabled: true, customizations: { mpp: DEFAULTS.mpp } });
    await ok('PUT', url, { customEnabled: false, customizations: {} });
  });

  it("answers the location's and the organization's settings: every family, with their device counts", async () => {
    await ok('PUT', `${deviceUrl(sitePhone)}/settings`, { customEnabled: true, customizations: { ata: DEFAULTS.ata } });
    const location = await ok('GET', `${BASE}/locations/${webexId('location', siteId)}/devices/settings`);
    expect(location).toEqual({
      customizations: DEFAULTS,
      customEnabled: false,
      updateInProgress: false,
      deviceCount: 2,
      lastUpdateTime: expect.any(Number),
    });
    expect(location.lastUpdateTime).toBeGreaterThan(0);
    const organization = await ok('GET', `${BASE}/devices/settings`);
    expect(organization).toEqual({
      customizations: DEFAULTS,
      updateInProgress: false,
      deviceCount: 4,
      lastUpdateTime: location.lastUpdateTime,
    });
    const emptySite = await insertSite(store(), tenant.tenantId, { name: 'Empty' });
    expect(await ok('GET', `${BASE}/locations/${webexId('location', emptySite)}/devices/settings`)).toMatchObject({
      deviceCount: 0,
      lastUpdateTime: 0,
    });
    const foreignSite = await insertSite(store(), other.tenantId, { name: 'Foreign' });
    for (const id of [webexId('location', foreignSite), webexId('person', siteId), 'nope']) {
      expectWebexError(await call('GET', `${BASE}/locations/${id}/devices/settings`), 404, /location/);
    }
  });

  it("stores a person's and a workspace's compression (default OFF), audited, bad values refused", async () => {
    for (const [kind, path] of [
      ['person', `${BASE}/people/${webexId('person', personId)}/devices/settings`],
      ['workspace', `${BASE}/workspaces/${webexId('workspace', workspaceId)}/devices/settings`],
    ] as const) {
      expect(await ok('GET', path)).toEqual({ compression: 'OFF' });
      await ok('PUT', path, { compression: 'ON' });
      expect(await ok('GET', path)).toEqual({ compression: 'ON' });
      expectWebexError(await call('PUT', path, { compression: 'MAYBE' }), 400, /compression/);
      expectWebexError(await call('PUT', path, {}), 400, /compression/);
      expectWebexError(await call('PUT', path, { compression: 'OFF', extra: 1 }), 400, /extra/);
      expect(await ok('GET', path)).toEqual({ compression: 'ON' });
      const owner = kind === 'person' ? personId : workspaceId;
      const events = await auditEvents(owner);
      expect(events.map((e) => e.action)).toEqual([`${kind}.device_settings.update`]);
      expect(JSON.parse(events[0]!.after!)).toEqual({ compression: 'ON' });
    }
    const stranger = await insertPerson(store(), other.tenantId);
    expectWebexError(await call('GET', `${BASE}/people/${webexId('person', stranger)}/devices/settings`), 404);
    expectWebexError(
      await call('PUT', `${BASE}/workspaces/${webexId('person', personId)}/devices/settings`, { compression: 'ON' }),
      404,
    );
  });

  it("sets hoteling of a person's primary devices, shown by their device list", async () => {
    const url = `${BASE}/people/${webexId('person', personId)}/devices`;
    expect((await ok('GET', url)).devices[0].hoteling).toEqual({ enabled: false, limitGuestUse: false });
    const hoteling = `${url}/settings/hoteling`;
    await ok('PUT', hoteling, { hoteling: { enabled: true, limitGuestUse: true, guestHoursLimit: 5 } });
    const devices = (await ok('GET', url)).devices;
    expect(devices.map((d: Json) => d.hoteling)).toEqual([{ enabled: true, limitGuestUse: true, guestHoursLimit: 5 }]);
    for (const [body, message] of [
      [{ hoteling: { enabled: true, limitGuestUse: true } }, /hoteling\.guestHoursLimit/],
      [{ hoteling: { enabled: true, limitGuestUse: true, guestHoursLimit: 1000 } }, /guestHoursLimit/],
      [{ hoteling: { enabled: true, limitGuestUse: true, guestHoursLimit: 0 } }, /guestHoursLimit/],
      [{ hoteling: { limitGuestUse: false } }, /enabled/],
      [{ enabled: true }, /enabled|hoteling/],
    ] as const) {
      expectWebexError(await call('PUT', hoteling, body), 400, message);
    }
    expect((await ok('GET', url)).devices[0].hoteling).toEqual({
      enabled: true,
      limitGuestUse: true,
      guestHoursLimit: 5,
    });
  });

  it("modifies a workspace's devices (both body forms) and shows the stored hoteling", async () => {
    const url = `${BASE}/workspaces/${webexId('workspace', workspaceId)}/devices`;
    const shown = async () => (await ok('GET', url)).devices.map((d: Json) => d.hoteling);
    expect(await shown()).toEqual([{ enabled: false, limitGuestUse: false }]);
    // The spec's body: the hoteling object itself.
    await ok('PUT', url, { enabled: true, limitGuestUse: false });
    expect(await shown()).toEqual([{ enabled: true, limitGuestUse: false }]);
    // Webex's documented form: {enabledForMultipleDevices, hoteling}.
    await ok('PUT', url, {
      enabledForMultipleDevices: true,
      hoteling: { enabled: true, limitGuestUse: true, guestHoursLimit: 12 },
    });
    expect(await shown()).toEqual([{ enabled: true, limitGuestUse: true, guestHoursLimit: 12 }]);
    const events = await auditEvents(workspaceId);
    expect(events.map((e) => e.action).filter((a) => a === 'workspace.device_settings.update')).toHaveLength(3);
    expect(JSON.parse(events.at(-1)!.after!)).toMatchObject({ enabledForMultipleDevices: true });
    for (const [body, message] of [
      [{ enabled: true, hoteling: { enabled: false } }, /hoteling/],
      [{ limitGuestUse: true }, /enabled/],
      [{}, /hoteling/],
      [{ hoteling: { enabled: true, limitGuestUse: true } }, /guestHoursLimit/],
      [{ enabledForMultipleDevices: 'sometimes' }, /enabledForMultipleDevices/],
      [{ enabled: true, colour: 'red' }, /colour/],
    ] as const) {
      expectWebexError(await call('PUT', url, body), 400, message);
    }
    expect(await shown()).toEqual([{ enabled: true, limitGuestUse: true, guestHoursLimit: 12 }]);
    expect(await auditEvents(workspacePhone)).toEqual([]);
  });

  it('answers the default layout, stores a custom one, and refuses keys the model or the spec does not allow', async () => {
    const url = `${deviceUrl(mppPhone)}/layout`;
    expect(await ok('GET', url)).toEqual({
      layoutMode: 'DEFAULT',
      userReorderEnabled: false,
      lineKeys: [
        { lineKeyIndex: 1, lineKeyType: 'PRIMARY_LINE' },
        { lineKeyIndex: 2, lineKeyType: 'OPEN' },
        { lineKeyIndex: 3, lineKeyType: 'OPEN' },
        { lineKeyIndex: 4, lineKeyType: 'OPEN' },
      ],
    });
    const layout = {
      layoutMode: 'CUSTOM',
      userReorderEnabled: true,
      lineKeys: [
        { lineKeyIndex: 1, lineKeyType: 'PRIMARY_LINE' },
        { lineKeyIndex: 2, lineKeyType: 'SPEED_DIAL', lineKeyLabel: 'Home', lineKeyValue: '+14155550100' },
        { lineKeyIndex: 3, lineKeyType: 'SHARED_LINE', sharedLineIndex: 1 },
        { lineKeyIndex: 4, lineKeyType: 'MONITOR' },
      ],
      kemModuleType: 'KEM_14_KEYS',
      kemKeys: [
        { kemModuleIndex: 1, kemKeyIndex: 1, kemKeyType: 'CLOSED' },
        {
          kemModuleIndex: 1,
          kemKeyIndex: 2,
          kemKeyType: 'SPEED_DIAL',
          kemKeyLabel: 'Desk',
          kemKeyValue: 'desk@example.com',
        },
      ],
    };
    await ok('PUT', url, layout);
    expect(await ok('GET', url)).toEqual(layout);
    const keys = (...extra: object[]) => ({
      layoutMode: 'CUSTOM',
      lineKeys: [{ lineKeyIndex: 1, lineKeyType: 'PRIMARY_LINE' }, ...extra],
    });
    for (const [body, message] of [
      [keys({ lineKeyIndex: 5, lineKeyType: 'OPEN' }), /lineKeys\[1\]\.lineKeyIndex.*4 line key/],
      [keys({ lineKeyIndex: 1, lineKeyType: 'OPEN' }), /lineKeys\[1\]\.lineKeyIndex/],
      [{ layoutMode: 'CUSTOM', lineKeys: [{ lineKeyIndex: 1, lineKeyType: 'OPEN' }] }, /lineKeys\[0\]\.lineKeyType/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'PRIMARY_LINE' }), /lineKeyType/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'SPEED_DIAL' }), /lineKeyValue/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'SPEED_DIAL', lineKeyValue: 'not a number' }), /lineKeyValue/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'OPEN', lineKeyLabel: 'x' }), /lineKeyLabel/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'SHARED_LINE' }), /sharedLineIndex/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'MONITOR', sharedLineIndex: 1 }), /sharedLineIndex/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'INTERCOM' }), /lineKeyType/],
      [keys({ lineKeyIndex: 0, lineKeyType: 'OPEN' }), /lineKeyIndex/],
      [keys({ lineKeyIndex: 2, lineKeyType: 'OPEN', colour: 'red' }), /colour/],
      [{ ...keys(), kemKeys: [{ kemModuleIndex: 1, kemKeyIndex: 1, kemKeyType: 'OPEN' }] }, /kemModuleType/],
      [
        {
          ...keys(),
          kemModuleType: 'KEM_14_KEYS',
          kemKeys: [{ kemModuleIndex: 1, kemKeyIndex: 15, kemKeyType: 'OPEN' }],
        },
        /kemKeys\[0\]\.kemKeyIndex/,
      ],
      [
        {
          ...keys(),
          kemModuleType: 'KEM_20_KEYS',
          kemKeys: [{ kemModuleIndex: 4, kemKeyIndex: 1, kemKeyType: 'OPEN' }],
        },
        /kemModuleIndex/,
      ],
      [{ ...keys(), kemModuleType: 'KEM_16_KEYS' }, /kemModuleType/],
      [{ layoutMode: 'SPECIAL', lineKeys: [] }, /layoutMode/],
      [{ layoutMode: 'CUSTOM' }, /lineKeys/],
    ] as const) {
      expectWebexError(await call('PUT', url, body), 400, message);
    }
    expect(await ok('GET', url)).toEqual(layout);
    // DEFAULT mode drops the custom layout.
    await ok('PUT', url, { layoutMode: 'DEFAULT', lineKeys: [{ lineKeyIndex: 1, lineKeyType: 'PRIMARY_LINE' }] });
    expect((await ok('GET', url)).layoutMode).toBe('DEFAULT');
    const actions = (await auditEvents(mppPhone)).map((e) => e.action).filter((a) => a.startsWith('device.layout'));
    expect(actions).toEqual(['device.layout.update', 'device.layout.clear']);
    // A model without layout support (a generic SIP phone): 400 for both.
    expectWebexError(await call('GET', `${deviceUrl(thirdParty)}/layout`), 400, /layout/);
    expectWebexError(await call('PUT', `${deviceUrl(thirdParty)}/layout`, layout), 400, /layout/);
  });

  it("stores only a scrypt hash of a third-party device's SIP password, checked against the rules", async () => {
    const url = deviceUrl(thirdParty);
    const stored = () =>
      store()
        .db.selectFrom('device_sip_credentials')
        .select('password_hash')
        .where('device_id', '=', thirdParty)
        .executeTakeFirst();
    for (const [password, message] of [
      ['Sh0rt!', /length|8 to 64/],
      ['alllowercase1!', /complexity|upper-case/],
      ['NoSpecials123', /complexity|special/],
      ['Has space 1!A', /characters|spaces/],
      ['Grace3001-Pw!', /user name/],
      ['0004f2abcdef-X1!', /MAC/],
      [`A1!${'a'.repeat(62)}`, /length/],
    ] as const) {
      expectWebexError(await call('PUT', url, { sipPassword: password }), 400, message);
    }
    expectWebexError(await call('PUT', url, {}), 400, /sipPassword/);
    expectWebexError(await call('PUT', url, { sipPassword: 'Str0ng&Sip-Pass', user: 'x' }), 400, /user/);
    expect(await stored()).toBeUndefined();
    const res = await call('PUT', url, { sipPassword: 'Str0ng&Sip-Pass' });
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    const hash = (await stored())!.password_hash;
    expect(hash).toMatch(/^\$scrypt\$/);
    expect(hash).not.toContain('Str0ng');
    // Never answered: not in the device details, nor in the audit trail.
    expect((await call('GET', url)).body).not.toMatch(/Str0ng|scrypt/);
    const events = await auditEvents(thirdParty);
    expect(events.map((e) => e.action)).toEqual(['device.sip_password.update']);
    expect(`${events[0]!.before}${events[0]!.after}`).not.toMatch(/Str0ng|scrypt/);
    // A Cisco-managed device has no SIP password to set.
    expectWebexError(await call('PUT', deviceUrl(mppPhone), { sipPassword: 'Str0ng&Sip-Pass' }), 400, /third-party/);
  });

  it('requires the telephony scopes and an admin; isolates tenants', async () => {
    const readOnly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    const settingsUrl = `${deviceUrl(mppPhone)}/settings`;
    expect((await call('GET', settingsUrl, undefined, readOnly.auth)).statusCode).toBe(200);
    expect((await call('GET', `${BASE}/devices/settings`, undefined, readOnly.auth)).statusCode).toBe(200);
    expectWebexError(await call('PUT', settingsUrl, { customEnabled: false, customizations: {} }, readOnly.auth), 403);
    const readsOnly = await createApiKey(store(), tenant.tenantId, { role: 'admin', scopes: ['telephony:read'] });
    expectWebexError(
      await call('PUT', `${deviceUrl(mppPhone)}/layout`, { layoutMode: 'DEFAULT', lineKeys: [] }, readsOnly.auth),
      403,
      /^Missing required scope: spark-admin:telephony_config_write$/,
    );
    const devicesOnly = await createApiKey(store(), tenant.tenantId, { role: 'admin', scopes: ['devices:read'] });
    expectWebexError(
      await call('GET', `${BASE}/devices/settings`, undefined, devicesOnly.auth),
      403,
      /^Missing required scope: spark-admin:telephony_config_read$/,
    );
    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId });
    expectWebexError(await call('GET', settingsUrl, undefined, agent.auth), 403);
    // Another tenant's admin sees none of it.
    for (const url of [
      settingsUrl,
      `${deviceUrl(mppPhone)}/layout`,
      `${BASE}/people/${webexId('person', personId)}/devices/settings`,
      `${BASE}/workspaces/${webexId('workspace', workspaceId)}/devices/settings`,
      `${BASE}/locations/${webexId('location', siteId)}/devices/settings`,
    ]) {
      expectWebexError(await call('GET', url, undefined, other.auth), 404);
    }
    expectWebexError(await call('PUT', deviceUrl(thirdParty), { sipPassword: 'Str0ng&Sip-Pass' }, other.auth), 404);
    expect((await ok('GET', `${BASE}/devices/settings`)).deviceCount).toBe(4);
    expect((await call('GET', `${BASE}/devices/settings`, undefined, other.auth)).json().deviceCount).toBe(0);
  });

  it("lists and patches a RoomOS device's configurations (JSON Patch of Key.Path values), audited", async () => {
    const [room, phone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'Room', manufacturer: 'Cisco' }),
      deviceRow(tenant.tenantId, { kind: 'HardPhone', manufacturer: 'Cisco' }),
    ])) as [string, string];
    const url = (id: string, query = '') =>
      `/compat/webex/v1/deviceConfigurations?deviceId=${webexId('device', id)}${query}`;
    const patch = (id: string, body: unknown, contentType = 'application/json-patch+json', auth = tenant.auth) =>
      app().inject({
        method: 'PATCH',
        url: url(id),
        headers: { ...auth, 'content-type': contentType },
        payload: JSON.stringify(body),
      });
    expect(await ok('GET', url(room))).toEqual({ deviceId: webexId('device', room), items: {} });
    const res = await patch(room, [
      { op: 'replace', path: 'Audio.Ultrasound.MaxVolume/sources/configured/value', value: 50 },
      { op: 'replace', path: 'FacilityService.Service[1].Name/sources/configured/value', value: 'Live Support' },
      { op: 'replace', path: 'FacilityService.Service[2].Name/sources/configured/value', value: 'Reception' },
      { op: 'replace', path: 'Conference.AutoAnswer.Mute/sources/configured/value', value: true },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items['Audio.Ultrasound.MaxVolume']).toEqual({
      value: 50,
      source: 'configured',
      sources: {
        default: { value: null, editability: { isEditable: false, reason: 'FACTORY_DEFAULT' } },
        configured: { value: 50, editability: { isEditable: true } },
      },
      valueSpace: {},
    });
    expect(Object.keys(res.json().items)).toHaveLength(4);
    // The key filter: absolute, wildcard, range (brackets encoded, as the spec asks).
    const keys = async (key: string) =>
      Object.keys((await ok('GET', url(room, `&key=${encodeURIComponent(key)}`))).items);
    expect(await keys('Audio.Ultrasound.MaxVolume')).toEqual(['Audio.Ultrasound.MaxVolume']);
    expect(await keys('Audio.*')).toEqual(['Audio.Ultrasound.MaxVolume']);
    expect(await keys('FacilityService.Service[2..n].Name')).toEqual(['FacilityService.Service[2].Name']);
    expect(await keys('FacilityService.Service[*].Name')).toHaveLength(2);
    expectWebexError(await call('GET', url(room, '&key=Audio..x')), 400, /key/);
    // remove reverts to the device's default: the key is no longer configured.
    const removed = await patch(room, { op: 'remove', path: 'Audio.Ultrasound.MaxVolume/sources/configured/value' });
    expect(removed.statusCode, removed.body).toBe(201);
    expect(Object.keys(removed.json().items)).not.toContain('Audio.Ultrasound.MaxVolume');
    const events = (await auditEvents(room)).filter((e) => e.action === 'device.configurations.update');
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]!.after!).changedKeys).toContain('Conference.AutoAnswer.Mute');
    expect(events[0]!.after).not.toContain('Live Support');
    // Bad patches: 400 in the Webex body, nothing stored (the whole patch or nothing).
    const before = await ok('GET', url(room));
    for (const [body, message] of [
      [{ op: 'add', path: 'Audio.Volume/sources/configured/value', value: 1 }, /op/],
      [{ op: 'replace', path: 'Audio.Volume', value: 1 }, /sources\/configured\/value/],
      [{ op: 'replace', path: 'Audio..Volume/sources/configured/value', value: 1 }, /path/],
      [{ op: 'replace', path: 'Audio.Volume/sources/configured/value' }, /value/],
      [{ op: 'replace', path: 'Audio.Volume/sources/configured/value', value: { level: 1 } }, /value/],
      [{ op: 'remove', path: 'Audio.Volume/sources/configured/value', value: 1 }, /value/],
      [{ op: 'replace', path: 'Audio.Volume/sources/configured/value', value: 1, from: 'x' }, /from/],
      [
        [
          { op: 'replace', path: 'Audio.Volume/sources/configured/value', value: 1 },
          { op: 'replace', path: 'Bad Key/sources/configured/value', value: 2 },
        ],
        /\/1\/path/,
      ],
      [[], /JSON Patch/],
    ] as const) {
      expectWebexError(await patch(room, body), 400, message);
    }
    expectWebexError(
      await patch(room, { op: 'replace', path: 'Audio.Volume/sources/configured/value', value: 1 }, 'application/json'),
      415,
    );
    expect(await ok('GET', url(room))).toEqual(before);
    // A phone has no RoomOS configurations; another tenant's room device is not found.
    expectWebexError(await call('GET', url(phone)), 400, /RoomOS/);
    expectWebexError(await call('GET', url(room), undefined, other.auth), 404);
    expectWebexError(
      await patch(room, { op: 'remove', path: 'Audio.Volume/sources/configured/value' }, undefined, other.auth),
      404,
    );
    // A read-only admin reads, and sees the values as not editable by them; it may not patch.
    const readOnly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    const seen = await call('GET', url(room), undefined, readOnly.auth);
    expect(seen.json().items['Conference.AutoAnswer.Mute'].sources.configured.editability).toEqual({
      isEditable: false,
      reason: 'NOT_AUTHORIZED',
    });
    expectWebexError(
      await patch(room, { op: 'remove', path: 'Audio.Volume/sources/configured/value' }, undefined, readOnly.auth),
      403,
    );
  });
});
