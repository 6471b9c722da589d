/**
 * The Webex Devices API (vendor-apis.md §3.2–3.4) on both databases: the Device object field by field from
 * canonical data, the start/max walk with Link rel="next", every filter of §3.3, tags by JSON Patch, MAC forms,
 * create/delete/activation codes through the canonical rules, Webex scope names, orgId, tenant isolation,
 * TrackingID, and bad input always in the Webex error body.
 */
import { expect, it } from 'vitest';
import { canonicalIdOf, webexId } from '../../src/compat/webex/ids.js';
import { seedDemoFleet } from '../../src/demo/fleet.js';
import { SANDBOX } from '../../src/demo/sandbox.js';
import { ROLE_SCOPES } from '../../src/modules/access/roles.js';
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

const BASE = '/compat/webex/v1';
const ORIGIN = 'https://fleet.example.com';
const ORG_ID = Buffer.from('ciscospark://us/ORGANIZATION/96abc2aa-3dcc-11e5-a152-fe34819cdc9a').toString('base64');
const CREATED = Date.UTC(2016, 3, 21, 17, 0, 0, 0);
const LAST_SEEN = Date.UTC(2023, 7, 15, 14, 4, 0, 444);
const FILLERS = 23;

type Json = Record<string, unknown>;

describeEachStore('Webex dialect: Devices API', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off', PUBLIC_BASE_URL: ORIGIN });
  let tenant: TestTenant;
  let other: TestTenant;
  let ids: Record<'room' | 'phone' | 'activating' | 'headset' | 'softphone' | 'foreign', string>;
  let person: string;
  let agentPerson: string;
  let workspace: string;
  let site: string;
  let roomModel: string;
  let phoneModel: string;

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
    auth: Record<string, string> = tenant.auth,
  ) =>
    app().inject({
      method,
      url: `${BASE}${url}`,
      headers: { ...auth, ...headers },
      ...(body === undefined ? {} : { payload: body as Json }),
    });
  const patch = (url: string, body: unknown, auth?: Record<string, string>) =>
    call('PATCH', url, body, { 'content-type': 'application/json-patch+json' }, auth);
  const list = async (query: string, auth?: Record<string, string>): Promise<string[]> => {
    const res = await call('GET', `/devices?max=1000&${query}`, undefined, {}, auth);
    expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
    return (res.json().items as Json[]).map((d) => canonicalIdOf('device', d.id as string)!).sort();
  };
  const expectWebexError = (res: { statusCode: number; json: () => Json; headers: Json }, status: number) => {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['errors', 'message', 'trackingId']);
    expect(body.errors).toEqual([{ description: body.message }]);
    expect(res.headers.trackingid).toBe(body.trackingId);
    return body.message as string;
  };

  it('sets up a tenant linked to a Webex org, with a room system, phones, accessories and a softphone', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    await store().db.updateTable('tenants').set({ webex_org_id: ORG_ID }).where('id', '=', tenant.tenantId).execute();
    person = await insertPerson(store(), tenant.tenantId);
    agentPerson = await insertPerson(store(), tenant.tenantId);
    site = await insertSite(store(), tenant.tenantId);
    workspace = await insertWorkspace(store(), tenant.tenantId, { site_id: site });
    roomModel = `Cisco Room Kit ${Date.now()}`;
    phoneModel = `DMS Cisco 8865 ${Date.now()}`;
    const room = await insertProduct(store(), { manufacturer: 'Cisco', name: roomModel, device_kind: 'Room' });
    const phone = await insertProduct(store(), { manufacturer: 'Cisco', name: phoneModel, device_kind: 'HardPhone' });
    const headset = await insertProduct(store(), { manufacturer: 'Poly', device_kind: 'Headset' });
    const [roomId, phoneId, activatingId, headsetId, softphoneId] = await createDevices(store(), [
      deviceRow(tenant.tenantId, {
        kind: 'Room',
        product_id: room,
        manufacturer: 'Cisco',
        name: 'SFO12-3-PanHandle',
        serial: 'FOC1923NVVN',
        mac: '112233445566',
        ip: '100.110.120.130',
        status: 'Online',
        owner_workspace_id: workspace,
        site_id: site,
        fw_main: 'RoomOS 2018-06-01 608dcdbb6e1',
        upgrade_channel: 'beta',
        managed_by: 'customer',
        sip_user_name: '392829',
        sip_line_port: 'i6i1ar1v29@98079822.int10.bcld.webex.com',
        created_at: CREATED,
        last_seen_at: LAST_SEEN,
      }),
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: phone,
        manufacturer: 'Cisco',
        mac: 'D82E3EEF4E5C',
        status: 'Offline',
        activation_state: 'activated',
        owner_person_id: person,
        upgrade_channel: 'Stable',
        fw_main: 'sip88xx.14-2-1',
      }),
      deviceRow(tenant.tenantId, {
        kind: 'HardPhone',
        product_id: phone,
        manufacturer: 'Cisco',
        status: 'Offline',
        activation_state: 'activating',
        owner_person_id: agentPerson,
      }),
      deviceRow(tenant.tenantId, { kind: 'Headset', product_id: headset, manufacturer: 'Poly', status: 'Online' }),
      deviceRow(tenant.tenantId, { kind: 'SoftPhone', status: 'Online', owner_person_id: agentPerson }),
    ]);
    await createDevices(
      store(),
      Array.from({ length: FILLERS }, () => deviceRow(tenant.tenantId, { kind: 'Dongle', status: 'Offline' })),
    );
    const [foreignId] = await createDevices(store(), [deviceRow(other.tenantId, { kind: 'Room' })]);
    ids = {
      room: roomId!,
      phone: phoneId!,
      activating: activatingId!,
      headset: headsetId!,
      softphone: softphoneId!,
      foreign: foreignId!,
    };
    await tagDevice(store(), tenant.tenantId, ids.room, 'First Tag', 'Second Tag');
    await tagDevice(store(), tenant.tenantId, ids.phone, 'First Tag');
  });

  it('shows a device with the fields and types of the Device object (§3.4)', async () => {
    const res = await call('GET', `/devices/${webexId('device', ids.room)}`);
    expect(res.statusCode, res.body).toBe(200);
    const id = webexId('device', ids.room);
    expect(res.json()).toEqual({
      id,
      callingDeviceId: id,
      displayName: 'SFO12-3-PanHandle',
      workspaceId: webexId('workspace', workspace),
      orgId: ORG_ID,
      capabilities: ['xapi'],
      permissions: ['xapi:readonly', 'xapi:all'],
      connectionStatus: 'connected',
      product: roomModel,
      type: 'roomdesk',
      tags: ['First Tag', 'Second Tag'],
      ip: '100.110.120.130',
      mac: '11:22:33:44:55:66',
      primarySipUrl: 'i6i1ar1v29@98079822.int10.bcld.webex.com',
      sipUrls: ['i6i1ar1v29@98079822.int10.bcld.webex.com'],
      serial: 'FOC1923NVVN',
      software: 'RoomOS 2018-06-01 608dcdbb6e1',
      upgradeChannel: 'beta',
      created: '2016-04-21T17:00:00.000Z',
      locationId: webexId('location', site),
      errorCodes: [],
      firstSeen: '2016-04-21T17:00:00.000Z',
      lastSeen: '2023-08-15T14:04:00.444Z',
      managedBy: 'CUSTOMER',
      devicePlatform: 'cisco',
      plannedMaintenance: { mode: 'off' },
    });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('derives type, connection status, platform and capabilities from the canonical kind and state', async () => {
    const byId = new Map<string, Json>();
    for (const d of (await call('GET', '/devices?max=1000')).json().items as Json[]) {
      byId.set(canonicalIdOf('device', d.id as string)!, d);
    }
    expect(byId.get(ids.phone)).toMatchObject({
      type: 'phone',
      connectionStatus: 'disconnected',
      personId: webexId('person', person),
      mac: 'D8:2E:3E:EF:4E:5C',
      capabilities: [],
      permissions: [],
      devicePlatform: 'cisco',
    });
    expect(byId.get(ids.phone)!.callingDeviceId).toBe(webexId('device', ids.phone));
    expect(byId.get(ids.headset)).not.toHaveProperty('callingDeviceId');
    expect(byId.get(ids.activating)).toMatchObject({ type: 'phone', connectionStatus: 'activating' });
    expect(byId.get(ids.headset)).toMatchObject({ type: 'accessory', connectionStatus: 'connected', tags: [] });
    expect(byId.get(ids.headset)).not.toHaveProperty('devicePlatform');
    expect(byId.get(ids.softphone)).toMatchObject({ type: 'unknown' });
    for (const d of byId.values()) {
      expect(d.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(d).not.toHaveProperty('webexDeviceId');
      expect(d).not.toHaveProperty('placeId');
    }
  });

  it('walks every device exactly once with start/max and absolute Link rel="next" URLs', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${BASE}/devices?max=4&type=accessory`;
    let pages = 0;
    const accessory = await list('type=accessory');
    while (next !== undefined) {
      const res = await app().inject({ method: 'GET', url: next, headers: tenant.auth });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(Object.keys(body)).toEqual(['items']);
      seen.push(...(body.items as Json[]).map((d) => canonicalIdOf('device', d.id as string)!));
      pages += 1;
      const link = res.headers.link as string | undefined;
      if (link === undefined) next = undefined;
      else {
        const match = /^<([^>]+)>; rel="next"$/.exec(link);
        expect(match, link).not.toBeNull();
        expect(match![1]!.startsWith(`${ORIGIN}${BASE}/devices?`)).toBe(true);
        const url = new URL(match![1]!);
        expect(url.searchParams.get('type')).toBe('accessory');
        expect(url.searchParams.get('start')).toBe(String(pages * 4));
        next = `${url.pathname}${url.search}`;
      }
      expect(pages).toBeLessThan(20);
    }
    expect(accessory).toHaveLength(FILLERS + 1);
    expect(seen.sort()).toEqual(accessory);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil((FILLERS + 1) / 4));
    // A max above the limit is clamped, not refused; start past the end is an empty page.
    expect((await call('GET', '/devices?max=5000')).statusCode).toBe(200);
    const past = await call('GET', '/devices?start=10000');
    expect(past.json()).toEqual({ items: [] });
    expect(past.headers.link).toBeUndefined();
  });

  it('filters by every parameter of §3.3', async () => {
    const sorted = (...xs: string[]) => [...xs].sort();
    expect(await list('displayName=panhandle')).toEqual([ids.room]);
    expect(await list(`personId=${webexId('person', person)}`)).toEqual([ids.phone]);
    expect(await list(`workspaceId=${webexId('workspace', workspace)}`)).toEqual([ids.room]);
    expect(await list(`personId=${webexId('workspace', workspace)}`)).toEqual([]);
    expect(await list(`personId=${webexId('person', person)}&workspaceId=${webexId('workspace', workspace)}`)).toEqual(
      [],
    );
    expect(await list('connectionStatus=activating')).toEqual([ids.activating]);
    expect(await list('connectionStatus=connected&type=phone')).toEqual([]);
    expect(await list('connectionStatus=disconnected&type=phone')).toEqual([ids.phone]);
    expect(await list('connectionStatus=connected')).toEqual(sorted(ids.room, ids.headset, ids.softphone));
    expect(await list('connectionStatus=offline_expired')).toEqual([]);
    expect(await list(`product=${encodeURIComponent(roomModel)}`)).toEqual([ids.room]);
    expect(await list('type=roomdesk')).toEqual([ids.room]);
    expect(await list('type=phone')).toEqual(sorted(ids.phone, ids.activating));
    expect(await list('type=unknown')).toEqual([ids.softphone]);
    expect(await list('type=webexgo')).toEqual([]);
    expect(await list('serial=FOC1923NVVN')).toEqual([ids.room]);
    expect(await list('tag=First%20Tag')).toEqual(sorted(ids.room, ids.phone));
    expect(await list('tag=First%20Tag,Second%20Tag')).toEqual([ids.room]);
    expect(await list('tag=First%20Tag&tag=Second%20Tag')).toEqual([ids.room]);
    expect(await list('tag=Second%20Tag,nope')).toEqual([]);
    expect(await list('software=sip88xx.14-2-1')).toEqual([ids.phone]);
    expect(await list('upgradeChannel=STABLE')).toEqual([ids.phone]);
    expect(await list('errorCode=sipprofileregistration')).toEqual([]);
    expect(await list('capability=xapi')).toEqual([ids.room]);
    expect(await list('permission=xapi:readonly')).toEqual([ids.room]);
    expect(await list('permission=xapi:all')).toEqual([ids.room]);
    expect(await list(`locationId=${webexId('location', site)}`)).toEqual([ids.room]);
    expect(await list(`workspaceLocationId=${webexId('location', site)}`)).toEqual([ids.room]);
    expect(await list(`locationId=${webexId('device', site)}`)).toEqual([]);
    expect(await list('devicePlatform=cisco')).toEqual(sorted(ids.room, ids.phone, ids.activating));
    expect(await list('devicePlatform=microsoftTeamsRoom')).toEqual([]);
    expect(await list('plannedMaintenance=off')).toHaveLength(5 + FILLERS);
    expect(await list('plannedMaintenance=upcoming')).toEqual([]);
    expect(await list('type=phone&connectionStatus=disconnected&personId=' + webexId('person', person))).toEqual([
      ids.phone,
    ]);
  });

  it('finds a device by its MAC in any form', async () => {
    for (const mac of ['D8:2E:3E:EF:4E:5C', 'd8-2e-3e-ef-4e-5c', 'D82E3EEF4E5C', 'd82e3eef4e5c', 'd82e.3eef.4e5c']) {
      expect(await list(`mac=${encodeURIComponent(mac)}`), mac).toEqual([ids.phone]);
    }
    const message = expectWebexError(await call('GET', '/devices?mac=D8:2E:3E'), 400);
    expect(message).toMatch(/mac/);
  });

  it('patches tags with JSON Patch: add, replace, remove, in order, and nothing else', async () => {
    const url = `/devices/${webexId('device', ids.headset)}`;
    let res = await patch(url, [{ op: 'add', path: 'tags', value: ['a', 'b'] }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().tags).toEqual(['a', 'b']);
    res = await patch(url, [{ op: 'add', path: '/tags', value: ['b', 'c'] }]);
    expect(res.json().tags).toEqual(['a', 'b', 'c']);
    res = await patch(url, { op: 'replace', path: 'tags', value: ['x'] });
    expect(res.json().tags).toEqual(['x']);
    res = await patch(url, [
      { op: 'remove', path: 'tags' },
      { op: 'add', path: 'tags', value: ['y'] },
    ]);
    expect(res.json().tags).toEqual(['y']);
    expect(await list('tag=y')).toEqual([ids.headset]);
    const audit = await store()
      .db.selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.tenantId)
      .where('resource_id', '=', ids.headset)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(Array(4).fill('device.update'));

    const before = (await call('GET', url)).json();
    for (const [body, named] of [
      [[{ op: 'replace', path: 'displayName', value: ['n'] }], /path/],
      [[{ op: 'move', path: 'tags', value: ['n'] }], /op/],
      [[{ op: 'replace', path: 'tags', value: 'n' }], /array/],
      [[{ op: 'replace', path: 'tags', value: [''] }], /tag/],
      [[{ op: 'remove', path: 'tags', value: ['y'] }], /remove/],
      [[{ op: 'add', path: 'tags', value: ['n'], from: 'x' }], /'from'/],
      ['null', /JSON Patch/],
      ['"not a patch"', /operation/],
      ['{"a":', /JSON/],
    ] as const) {
      const message = expectWebexError(await patch(url, body), 400);
      expect(message).toMatch(named);
    }
    const json = await call('PATCH', url, [{ op: 'add', path: 'tags', value: ['n'] }], {
      'content-type': 'application/json',
    });
    expectWebexError(json, 415);
    expect((await call('GET', url)).json()).toEqual(before);
  });

  it('creates a device by MAC and model for a person or a workspace, never both, with a unique MAC', async () => {
    const created = await call('POST', '/devices', {
      mac: '54-a3-15-23-00-c8',
      model: phoneModel,
      personId: webexId('person', person),
    });
    expect(created.statusCode, created.body).toBe(200);
    const device = created.json();
    expect(device).toMatchObject({
      mac: '54:A3:15:23:00:C8',
      personId: webexId('person', person),
      product: phoneModel,
      type: 'phone',
      orgId: ORG_ID,
    });
    const id = canonicalIdOf('device', device.id as string)!;
    const native = await app().inject({ method: 'GET', url: `/v1/devices/${id}`, headers: tenant.auth });
    expect(native.json()).toMatchObject({ mac: '54A3152300C8', kind: 'HardPhone' });
    const events = await store().db.selectFrom('audit_events').select('action').where('resource_id', '=', id).execute();
    expect(events.map((e) => e.action)).toEqual(['device.create']);

    const count = async () => (await list('')).length;
    const before = await count();
    expect(
      expectWebexError(
        await call('POST', '/devices', {
          mac: '54A3152300C9',
          model: phoneModel,
          personId: webexId('person', person),
          workspaceId: webexId('workspace', workspace),
        }),
        400,
      ),
    ).toMatch(/workspaceId/);
    expectWebexError(
      await call('POST', '/devices', { mac: '54a3152300c8', model: phoneModel, personId: webexId('person', person) }),
      409,
    );
    expect(
      expectWebexError(
        await call('POST', '/devices', { mac: '54A3152300CA', model: 'No Such Model', personId: '' }),
        400,
      ),
    ).toMatch(/personId/);
    expect(
      expectWebexError(
        await call('POST', '/devices', {
          mac: '54A3152300CA',
          model: 'No Such Model',
          personId: webexId('person', person),
        }),
        400,
      ),
    ).toMatch(/model/);
    expect(
      expectWebexError(
        await call('POST', '/devices', {
          mac: '54A3152300CA',
          model: phoneModel,
          workspaceId: webexId('workspace', workspace),
          password: 'TestPassword123&',
        }),
        400,
      ),
    ).toMatch(/password/);
    expect(
      expectWebexError(
        await call('POST', '/devices', { mac: '54A31523', model: phoneModel, personId: webexId('person', person) }),
        400,
      ),
    ).toMatch(/mac/);
    expect(expectWebexError(await call('POST', '/devices', { mac: '54A3152300CA', model: phoneModel }), 400)).toMatch(
      /personId/,
    );
    expect(
      expectWebexError(
        await call('POST', '/devices', {
          mac: '54A3152300CA',
          model: phoneModel,
          personId: webexId('person', ids.room),
        }),
        400,
      ),
    ).toMatch(/personId/);
    expect(await count()).toBe(before);

    expect((await call('DELETE', `/devices/${device.id as string}`)).statusCode).toBe(204);
    expectWebexError(await call('GET', `/devices/${device.id as string}`), 404);
    expectWebexError(await call('DELETE', `/devices/${device.id as string}`), 404);
  });

  it('issues activation codes that pre-create an activating device', async () => {
    const res = await call('POST', '/devices/activationCode', {
      workspaceId: webexId('workspace', workspace),
      model: phoneModel,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'expiryTime']);
    expect(body.code).toMatch(/^\d{16}$/);
    expect(body.expiryTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(body.expiryTime as string)).toBeGreaterThan(Date.now());
    const activating = await list(`connectionStatus=activating&workspaceId=${webexId('workspace', workspace)}`);
    expect(activating).toHaveLength(1);
    expectWebexError(
      await call('POST', '/devices/activationCode', {
        workspaceId: webexId('workspace', workspace),
        personId: webexId('person', person),
        model: phoneModel,
      }),
      400,
    );
    expect(
      expectWebexError(await call('POST', '/devices/activationCode', { personId: webexId('person', person) }), 400),
    ).toMatch(/model/);
  });

  it('answers a missing Webex scope as Webex does, and lets personal credentials see only their own', async () => {
    const noWrite = await createApiKey(store(), tenant.tenantId, {
      scopes: ROLE_SCOPES.admin.filter((s) => s !== 'devices:write'),
    });
    const url = `/devices/${webexId('device', ids.headset)}`;
    expect(expectWebexError(await patch(url, [{ op: 'remove', path: 'tags' }], noWrite.auth), 403)).toBe(
      'Missing required scope: spark-admin:devices_write',
    );
    expect(expectWebexError(await call('POST', '/devices/activationCode', {}, {}, noWrite.auth), 403)).toBe(
      'Missing required scope: spark-admin:devices_write',
    );
    expect((await call('GET', url, undefined, {}, noWrite.auth)).statusCode).toBe(200);
    const room = (await call('GET', `/devices/${webexId('device', ids.room)}`, undefined, {}, noWrite.auth)).json();
    expect(room.permissions).toEqual(['xapi:readonly']);
    expect(await list('permission=xapi:all', noWrite.auth)).toEqual([]);
    const noRead = await createApiKey(store(), tenant.tenantId, {
      scopes: ROLE_SCOPES.admin.filter((s) => s !== 'devices:read'),
    });
    expect(expectWebexError(await call('GET', '/devices', undefined, {}, noRead.auth), 403)).toBe(
      'Missing required scope: spark-admin:devices_read',
    );
    expectWebexError(await call('GET', '/devices', undefined, {}, { authorization: 'Bearer nope' }), 401);
    expectWebexError(await call('GET', '/devices', undefined, {}, {}), 401);

    const agent = await createApiKey(store(), tenant.tenantId, { role: 'agent', personId: agentPerson });
    expect(await list('', agent.auth)).toEqual([ids.activating, ids.softphone].sort());
    expect(await list(`personId=${webexId('person', person)}`, agent.auth)).toEqual([]);
    expectWebexError(await call('GET', `/devices/${webexId('device', ids.room)}`, undefined, {}, agent.auth), 404);
    // An agent's device is their own: no owner means themselves, another owner is 403.
    const own = await call('POST', '/devices', { mac: '54A3152300D1', model: phoneModel }, {}, agent.auth);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().personId).toBe(webexId('person', agentPerson));
    expectWebexError(
      await call(
        'POST',
        '/devices',
        { mac: '54A3152300D2', model: phoneModel, personId: webexId('person', person) },
        {},
        agent.auth,
      ),
      403,
    );
    const readOnly = await createApiKey(store(), tenant.tenantId, { role: 'readonly_admin' });
    expect(expectWebexError(await patch(url, [{ op: 'remove', path: 'tags' }], readOnly.auth), 403)).toMatch(
      /^(Missing required scope|The role)/,
    );
    expect(await list('', agent.auth)).toHaveLength(3);
  });

  it('accepts its own orgId and refuses another organization', async () => {
    expect((await call('GET', `/devices?orgId=${ORG_ID}`)).statusCode).toBe(200);
    expect((await call('GET', `/devices/${webexId('device', ids.room)}?orgId=${ORG_ID}`)).statusCode).toBe(200);
    const otherOrg = Buffer.from('ciscospark://us/ORGANIZATION/00000000-0000-4000-8000-000000000000').toString(
      'base64',
    );
    expectWebexError(await call('GET', `/devices?orgId=${otherOrg}`), 403);
    expectWebexError(await call('DELETE', `/devices/${webexId('device', ids.headset)}?orgId=${otherOrg}`), 403);
    expect((await call('GET', `/devices/${webexId('device', ids.headset)}`)).statusCode).toBe(200);
  });

  it("answers another tenant's device, a malformed id and another type's id exactly like a missing device", async () => {
    const missing = webexId('device', '0195d3a1-7c2e-7a10-9b3c-1f2e3d4c5b6a');
    const shape = (body: string, id: string) =>
      JSON.parse(
        body
          .split(id)
          .join('<id>')
          .replace(/"trackingId":"[^"]+"/, '"trackingId":"<t>"'),
      ) as Json;
    for (const method of ['GET', 'DELETE'] as const) {
      const expected = await call(method, `/devices/${missing}`);
      expectWebexError(expected, 404);
      for (const id of [webexId('device', ids.foreign), webexId('person', ids.room), 'not-an-id', ids.room]) {
        const res = await call(method, `/devices/${id}`);
        expectWebexError(res, 404);
        expect(shape(res.body, id)).toEqual(shape(expected.body, missing));
      }
    }
    const foreignPatch = await patch(`/devices/${webexId('device', ids.foreign)}`, [{ op: 'remove', path: 'tags' }]);
    expectWebexError(foreignPatch, 404);
    const foreign = await app().inject({ method: 'GET', url: `/v1/devices/${ids.foreign}`, headers: other.auth });
    expect(foreign.json()).toMatchObject({ version: 1 });
    expect(await list(`personId=${webexId('person', ids.foreign)}`)).toEqual([]);
  });

  it('echoes the TrackingID header, or makes one, on answers and errors alike', async () => {
    const ok = await call('GET', '/devices?max=1', undefined, { trackingid: 'SIMPLE_1234-abcd' });
    expect(ok.headers.trackingid).toBe('SIMPLE_1234-abcd');
    const bad = await call('GET', '/devices?max=abc', undefined, { trackingid: 'SIMPLE_1234-abcd' });
    expect(expectWebexError(bad, 400)).toMatch(/max/);
    expect(bad.json().trackingId).toBe('SIMPLE_1234-abcd');
    for (const query of ['start=1e309', 'max=1e309', 'start=-1', 'max=0', 'max=1.5', 'connectionStatus=online']) {
      expect(expectWebexError(await call('GET', `/devices?${query}`), 400), query).toContain(query.split('=')[0]);
    }
    const generated = await call('GET', '/devices?type=tablet');
    expectWebexError(generated, 400);
    expect(generated.json().trackingId).toMatch(/^ROUTER_[0-9A-F-]{36}$/);
  });
});

describeEachStore('Webex dialect: the README calls against the demo sandbox', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });
  const auth = { authorization: `Bearer ${SANDBOX.apiKey}` };
  const get = (url: string) => app().inject({ method: 'GET', url: `${BASE}${url}`, headers: auth });

  it('lists, filters, tags and creates with the sandbox admin key', async () => {
    await seedDemoFleet(store(), { devices: 300, tenants: 1, seed: 3 });
    const rooms = await get('/devices?max=5&type=roomdesk');
    expect(rooms.statusCode, rooms.body).toBe(200);
    const room = (rooms.json().items as Json[])[0]!;
    expect(room).toMatchObject({ type: 'roomdesk', orgId: expect.any(String) });
    expect((await get(`/devices?orgId=${room.orgId as string}&mac=${room.mac as string}`)).json().items).toEqual([
      room,
    ]);
    const tagged = await app().inject({
      method: 'PATCH',
      url: `${BASE}/devices/${room.id as string}`,
      headers: { ...auth, 'content-type': 'application/json-patch+json' },
      payload: [{ op: 'add', path: 'tags', value: ['Lobby'] }],
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    expect(tagged.json().tags).toContain('Lobby');
    const phones = (await get('/devices?type=phone&max=1000')).json().items as Json[];
    const person = phones.find((d) => d.personId !== undefined)!.personId as string;
    const created = await app().inject({
      method: 'POST',
      url: `${BASE}/devices`,
      headers: auth,
      payload: { mac: '54:A3:15:23:00:C8', model: 'Cisco IP Phone 8851', personId: person },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      mac: '54:A3:15:23:00:C8',
      personId: person,
      product: 'Cisco IP Phone 8851',
    });
  });
});
