/**
 * The Genesys dialect's operations (vendor-apis.md §2.7) on both databases: every device operation and the
 * capability it flips, as GET /me/devices shows it; required and foreign parameters; supervisor monitoring
 * (one supervisor per device, statusCode 19), mute and unmute; agent states on the voice channel; the
 * resources devices refer to; the CSRF protocol on operations; the audit trail; other tenants' ids.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson } from '../support/factories.js';
import { TEST_PASSWORD_COST, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const BASE = '/compat/genesys/api/v2';
const ORIGIN = 'https://fleet.example.com';
const basic = (login: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
});
type Headers = Record<string, string>;
type Device = Record<string, unknown> & { capabilities: string[] };

async function audits(s: Store, tenantId: string) {
  return s.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).orderBy('id', 'desc').execute();
}

describeEachStore('Genesys dialect: operations', ({ store }) => {
  const { app } = useApp(store, { GENESYS_CSRF: 'off', PUBLIC_BASE_URL: ORIGIN }, { passwordCost: TEST_PASSWORD_COST });

  /** A contact center: an agent, two supervisors and an admin, each with a login and a numbered desk phone. */
  async function setup() {
    const tenant = await createTenant(store());
    const suffix = randomBytes(4).toString('hex');
    const native = (method: 'GET' | 'PUT' | 'POST', url: string, body?: object) =>
      app().inject({ method, url, headers: tenant.auth, ...(body ? { payload: body } : {}) });
    const people: Record<string, { id: string; auth: Headers; desk: string }> = {};
    const numbers = { agent: '+16509870000', boss: '3001', boss2: '3002', admin: '3003' } as const;
    const roles = { agent: 'agent', boss: 'supervisor', boss2: 'supervisor', admin: 'admin' } as const;
    for (const who of ['agent', 'boss', 'boss2', 'admin'] as const) {
      const id = await insertPerson(store(), tenant.tenantId);
      const login = `gws-${who}-${suffix}`;
      const set = await native('PUT', `/v1/people/${id}/login`, {
        login,
        role: roles[who],
        password: `${who} password 1`,
      });
      expect(set.statusCode, set.body).toBe(201);
      const [desk] = await createDevices(store(), [
        deviceRow(tenant.tenantId, { kind: 'HardPhone', owner_person_id: id, status: 'Online' }),
      ]);
      const numbered = await native('PUT', `/v1/devices/${desk}/telephony`, { phoneNumber: numbers[who] });
      expect(numbered.statusCode, numbered.body).toBe(200);
      people[who] = { id, auth: basic(login, `${who} password 1`), desk: desk! };
    }
    const op = (who: keyof typeof numbers, device: string, body: object) =>
      app().inject({ method: 'POST', url: `${BASE}/me/devices/${device}`, headers: people[who]!.auth, payload: body });
    const voice = (who: keyof typeof numbers, body: object) =>
      app().inject({ method: 'POST', url: `${BASE}/me/channels/voice`, headers: people[who]!.auth, payload: body });
    const mine = async (who: keyof typeof numbers): Promise<Device> => {
      const res = await app().inject({
        method: 'GET',
        url: `${BASE}/me/devices?fields=*`,
        headers: people[who]!.auth,
      });
      expect(res.statusCode, res.body).toBe(200);
      const devices = res.json().devices as Device[];
      expect(devices).toHaveLength(1);
      return devices[0]!;
    };
    return { tenant, native, people: people as Record<keyof typeof numbers, (typeof people)[string]>, op, voice, mine };
  }

  const expectStatus = (res: { statusCode: number; body: string; json: () => unknown }, http: number, code: number) => {
    expect(res.statusCode, res.body).toBe(http);
    expect(res.json()).toEqual({ statusCode: code, statusMessage: expect.any(String) });
  };
  const ok = (res: { statusCode: number; body: string; json: () => unknown }) => {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ statusCode: 0 });
  };

  it('turns do-not-disturb on and off, flipping the capability pair, audited', async () => {
    const { tenant, people, op, mine } = await setup();
    expect((await mine('agent')).capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
    ok(await op('agent', people.agent.desk, { operationName: 'DoNotDisturbOn' }));
    const on = await mine('agent');
    expect(on.doNotDisturb).toBe('On');
    expect(on.capabilities).toEqual(['DoNotDisturbOff', 'ForwardCallsOn']);
    const [event] = await audits(store(), tenant.tenantId);
    expect(event).toMatchObject({
      action: 'device.do-not-disturb',
      resource_id: people.agent.desk,
      actor_kind: 'password',
      actor_id: people.agent.id,
    });
    expect(event!.request_id).not.toBeNull();
    ok(await op('agent', people.agent.desk, { operationName: 'DoNotDisturbOff' }));
    const off = await mine('agent');
    expect(off.doNotDisturb).toBe('Off');
    expect(off.capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
  });

  it('forwards calls to a destination (statusCode 1 without one) and stops forwarding', async () => {
    const { tenant, people, op, mine } = await setup();
    const before = (await audits(store(), tenant.tenantId)).length;
    expectStatus(await op('agent', people.agent.desk, { operationName: 'ForwardCallsOn' }), 400, 1);
    expect(await audits(store(), tenant.tenantId)).toHaveLength(before);
    ok(await op('agent', people.agent.desk, { operationName: 'ForwardCallsOn', destination: '+44 20 7946 0123' }));
    const on = await mine('agent');
    expect(on.forwardTo).toBe('+442079460123');
    expect(on.capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOff']);
    expect((await audits(store(), tenant.tenantId))[0]).toMatchObject({ action: 'device.forwarding' });
    ok(await op('agent', people.agent.desk, { operationName: 'ForwardCallsOff' }));
    const off = await mine('agent');
    expect('forwardTo' in off).toBe(false);
    expect(off.capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
  });

  it('refuses bad operations in the envelope, storing nothing', async () => {
    const { tenant, people, op, mine } = await setup();
    const before = (await audits(store(), tenant.tenantId)).length;
    const desk = people.agent.desk;
    expectStatus(await op('agent', desk, {}), 400, 1);
    expectStatus(await op('agent', desk, { operationName: 'Teleport' }), 400, 10);
    expectStatus(await op('agent', desk, { operationName: 'DoNotDisturbOn', destination: '3009' }), 400, 10);
    expectStatus(await op('agent', desk, { operationName: 'DoNotDisturbOn', colour: 'red' }), 400, 10);
    expectStatus(await op('agent', desk, { operationName: 'ForwardCallsOn', destination: 'not a number' }), 400, 10);
    expectStatus(await op('agent', desk, { operationName: 'ForwardCallsOn', destination: '+16509870000' }), 400, 10);
    // /me/devices/{id}: the caller's own device only; another's, or another tenant's, is not found.
    expectStatus(await op('agent', people.boss.desk, { operationName: 'DoNotDisturbOn' }), 404, 6);
    expectStatus(await op('boss', people.agent.desk, { operationName: 'DoNotDisturbOn' }), 404, 6);
    const other = await createTenant(store());
    const [foreign] = await createDevices(store(), [deviceRow(other.tenantId, { kind: 'HardPhone' })]);
    expectStatus(await op('admin', foreign!, { operationName: 'DoNotDisturbOn' }), 404, 6);
    // Supervisor operations are not an agent's.
    const target = `${ORIGIN}${BASE}/devices/${people.boss.desk}`;
    expectStatus(await op('agent', desk, { operationName: 'ListenIn', targetDeviceUri: target }), 403, 5);
    expectStatus(await op('agent', desk, { operationName: 'CancelSupervisorMonitoring' }), 403, 5);
    expect(await audits(store(), tenant.tenantId)).toHaveLength(before);
    expect((await mine('agent')).doNotDisturb).toBe('Off');
  });

  it('lets a supervisor listen in, one supervisor per device (statusCode 19), then cancel', async () => {
    const { tenant, people, op, mine, native } = await setup();
    const targetUri = `${ORIGIN}${BASE}/devices/${people.agent.desk}`;
    expect((await mine('boss')).capabilities).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
      'ListenIn',
      'BargeIn',
      'Coach',
    ]);
    ok(await op('boss', people.boss.desk, { operationName: 'ListenIn', targetDeviceUri: targetUri }));
    const watching = await mine('boss');
    expect(watching.supervisorMonitoringState).toEqual({
      state: 'ListenIn',
      mode: 'AllCalls',
      scope: 'Call',
      targetDeviceUri: targetUri,
    });
    expect(watching.capabilities).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
      'ListenIn',
      'BargeIn',
      'Coach',
      'CancelSupervisorMonitoring',
      'MuteMonitoredUser',
    ]);
    expect((await audits(store(), tenant.tenantId))[0]).toMatchObject({
      action: 'device.monitoring.start',
      resource_id: people.boss.desk,
    });
    // Changing how the session monitors: a relative URI, explicit scope and mode.
    ok(
      await op('boss', people.boss.desk, {
        operationName: 'Coach',
        targetDeviceUri: `${BASE}/devices/${people.agent.desk}`,
        supervisorMonitoringScope: 'Agent',
        supervisorMonitoringMode: 'NextCall',
        phoneNumber: '+1 650 987 0000',
      }),
    );
    expect((await mine('boss')).supervisorMonitoringState).toEqual({
      state: 'Coach',
      mode: 'NextCall',
      scope: 'Agent',
      targetDeviceUri: targetUri,
    });
    // A second supervisor on the same device: resource in use.
    expectStatus(
      await op('boss2', people.boss2.desk, { operationName: 'BargeIn', targetDeviceUri: targetUri }),
      409,
      19,
    );
    expect('supervisorMonitoringState' in (await mine('boss2'))).toBe(false);
    // The agent sees nothing to do about it.
    expect((await mine('agent')).capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);

    ok(await op('boss', people.boss.desk, { operationName: 'CancelSupervisorMonitoring' }));
    const after = await mine('boss');
    expect('supervisorMonitoringState' in after).toBe(false);
    expect(after.capabilities).not.toContain('CancelSupervisorMonitoring');
    expect((await audits(store(), tenant.tenantId))[0]).toMatchObject({ action: 'device.monitoring.cancel' });
    expectStatus(await op('boss', people.boss.desk, { operationName: 'CancelSupervisorMonitoring' }), 409, 2);
    // Free again: the second supervisor may now barge in.
    ok(await op('boss2', people.boss2.desk, { operationName: 'BargeIn', targetDeviceUri: targetUri }));
    const native2 = await native('GET', `/v1/devices/${people.agent.desk}/telephony`);
    expect(native2.json().monitoredBy).toEqual({ deviceId: people.boss2.desk, supervisorId: people.boss2.id });
  });

  it('refuses monitoring targets that are missing, foreign or unknown', async () => {
    const { tenant, people, op } = await setup();
    const before = (await audits(store(), tenant.tenantId)).length;
    const listen = (targetDeviceUri?: string, extra: object = {}) =>
      op('boss', people.boss.desk, {
        operationName: 'ListenIn',
        ...(targetDeviceUri ? { targetDeviceUri } : {}),
        ...extra,
      });
    expectStatus(await listen(), 400, 1);
    const other = await createTenant(store());
    const [foreign] = await createDevices(store(), [deviceRow(other.tenantId, { kind: 'HardPhone' })]);
    for (const uri of [
      `https://elsewhere.example.com${BASE}/devices/${people.agent.desk}`,
      `${ORIGIN}/compat/poly/devices/${people.agent.desk}`,
      `${ORIGIN}${BASE}/devices/${people.agent.desk}/extra`,
      `${ORIGIN}${BASE}/devices/${foreign}`,
      `${ORIGIN}${BASE}/devices/0190a3c0-0000-7000-8000-000000000000`,
      'not a uri at all',
    ]) {
      expectStatus(await listen(uri), 404, 6);
    }
    const target = `${ORIGIN}${BASE}/devices/${people.agent.desk}`;
    expectStatus(await listen(target, { phoneNumber: '3009' }), 400, 10);
    expectStatus(await listen(target, { supervisorMonitoringMode: 'Sometimes' }), 400, 10);
    expectStatus(await listen(target, { supervisorMonitoringScope: 'Room' }), 400, 10);
    expectStatus(await listen(`${ORIGIN}${BASE}/devices/${people.boss.desk}`), 400, 10); // itself
    expect(await audits(store(), tenant.tenantId)).toHaveLength(before);
  });

  it('mutes and unmutes the monitored user, flipping the capability, from either end', async () => {
    const { tenant, people, op, mine, native } = await setup();
    expectStatus(await op('boss', people.boss.desk, { operationName: 'MuteMonitoredUser' }), 409, 2);
    ok(
      await op('boss', people.boss.desk, {
        operationName: 'ListenIn',
        targetDeviceUri: `${ORIGIN}${BASE}/devices/${people.agent.desk}`,
      }),
    );
    ok(await op('boss', people.boss.desk, { operationName: 'MuteMonitoredUser' }));
    const muted = await mine('boss');
    expect(muted.capabilities).toContain('UnmuteMonitoredUser');
    expect(muted.capabilities).not.toContain('MuteMonitoredUser');
    expect((await audits(store(), tenant.tenantId))[0]).toMatchObject({
      action: 'device.monitoring.mute',
      resource_id: people.boss.desk,
    });
    const telephony = await native('GET', `/v1/devices/${people.boss.desk}/telephony`);
    expect(telephony.json().monitoring).toMatchObject({ targetDeviceId: people.agent.desk, muted: true });
    // The admin sees the monitored device's session muted too.
    const seen = await app().inject({
      method: 'GET',
      url: `${BASE}/devices/${people.agent.desk}?fields=capabilities`,
      headers: people.admin.auth,
    });
    expect(seen.json().device.capabilities).toContain('UnmuteMonitoredUser');
    // Muting again changes nothing and records nothing.
    const count = (await audits(store(), tenant.tenantId)).length;
    ok(await op('boss', people.boss.desk, { operationName: 'MuteMonitoredUser' }));
    expect(await audits(store(), tenant.tenantId)).toHaveLength(count);
    // Another supervisor reaches it only through /me/devices, where their own device takes part in no session.
    expectStatus(await op('boss2', people.boss2.desk, { operationName: 'UnmuteMonitoredUser' }), 409, 2);
    ok(await op('boss', people.boss.desk, { operationName: 'UnmuteMonitoredUser' }));
    const unmuted = await mine('boss');
    expect(unmuted.capabilities).toContain('MuteMonitoredUser');
    expect(unmuted.capabilities).not.toContain('UnmuteMonitoredUser');
    expect((await audits(store(), tenant.tenantId))[0]).toMatchObject({ action: 'device.monitoring.unmute' });
    // Cancelling ends the mute with the session.
    ok(await op('boss', people.boss.desk, { operationName: 'MuteMonitoredUser' }));
    ok(await op('boss', people.boss.desk, { operationName: 'CancelSupervisorMonitoring' }));
    expect((await mine('boss')).capabilities.filter((c) => c.includes('Mute'))).toEqual([]);
  });

  it('mutes natively through PUT /v1/devices/{id}/monitoring/mute, the supervisor’s session only', async () => {
    const { tenant, people, op } = await setup();
    const boss = await createApiKey(store(), tenant.tenantId, { role: 'supervisor', personId: people.boss.id });
    const boss2 = await createApiKey(store(), tenant.tenantId, { role: 'supervisor', personId: people.boss2.id });
    const mute = (auth: Headers, device: string, body: object) =>
      app().inject({ method: 'PUT', url: `/v1/devices/${device}/monitoring/mute`, headers: auth, payload: body });
    expect((await mute(boss.auth, people.boss.desk, { muted: true })).statusCode).toBe(409);
    ok(
      await op('boss', people.boss.desk, {
        operationName: 'ListenIn',
        targetDeviceUri: `${ORIGIN}${BASE}/devices/${people.agent.desk}`,
      }),
    );
    const done = await mute(boss.auth, people.agent.desk, { muted: true });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().capabilities).toContain('UnmuteMonitoredUser');
    expect((await mute(boss2.auth, people.agent.desk, { muted: false })).json()).toMatchObject({
      status: 403,
      code: 'monitoring_not_yours',
    });
    expect((await mute(boss.auth, people.boss.desk, { muted: 'yes' })).statusCode).toBe(400);
    const device = await app().inject({ method: 'GET', url: `/v1/devices/${people.boss.desk}`, headers: tenant.auth });
    expect(device.json().monitoring).toMatchObject({ muted: true });
  });

  it('sets the agent state on the voice channel: Ready, NotReady, AuxWork', async () => {
    const { tenant, people, voice, mine } = await setup();
    ok(await voice('agent', { operationName: 'Ready' }));
    expect((await mine('agent')).userState).toMatchObject({ displayName: 'Ready', state: 'Ready' });
    expect((await audits(store(), tenant.tenantId))[0]).toMatchObject({
      action: 'person.agent-state',
      resource_id: people.agent.id,
    });
    ok(await voice('agent', { operationName: 'AuxWork' }));
    const aux = (await mine('agent')).userState as Record<string, string>;
    expect(aux).toMatchObject({ displayName: 'AuxWork', state: 'NotReady', workMode: 'AuxWork' });
    expect(aux.id).toMatch(/^[0-9A-F-]{36}$/);
    ok(await voice('agent', { operationName: 'NotReady' }));
    expect((await mine('agent')).userState).toEqual({
      id: expect.any(String),
      displayName: 'NotReady',
      state: 'NotReady',
    });
    ok(await voice('agent', { operationName: 'AfterCallWork' }));
    const me = await app().inject({ method: 'GET', url: `${BASE}/me?subresources=*`, headers: people.agent.auth });
    expect(me.json().user.channels[0].userState).toMatchObject({ state: 'NotReady', workMode: 'AfterCallWork' });
    // Only the caller's own state changes.
    expect('userState' in (await mine('boss'))).toBe(false);
    const count = (await audits(store(), tenant.tenantId)).length;
    expectStatus(await voice('agent', {}), 400, 1);
    expectStatus(await voice('agent', { operationName: 'Lunch' }), 400, 10);
    expectStatus(await voice('agent', { operationName: 'NotReady', reasonCode: 'Lunch' }), 400, 10);
    expect(await audits(store(), tenant.tenantId)).toHaveLength(count);
  });

  it('answers the phone numbers and the voice environment devices refer to, not another tenant’s', async () => {
    const { tenant, people, mine } = await setup();
    const device = await mine('agent');
    const get = (uri: string) =>
      app().inject({ method: 'GET', url: uri.slice(ORIGIN.length), headers: people.agent.auth });
    const number = await get(device.phoneNumberUri as string);
    expect(number.statusCode, number.body).toBe(200);
    expect(number.json()).toEqual({
      statusCode: 0,
      phoneNumber: {
        id: expect.any(String),
        number: '+16509870000',
        e164Number: '+16509870000',
        country: { name: 'United States', code: 'US', callingCode: '1' },
        localNumber: '(650) 987-0000',
        location: 'California',
      },
    });
    const extension = await get((await mine('boss')).phoneNumberUri as string);
    expect(extension.json().phoneNumber).toMatchObject({
      number: '3001',
      e164Number: '3001',
      country: { name: '', code: '', callingCode: '' },
      localNumber: '3001',
    });
    expect('location' in extension.json().phoneNumber).toBe(false);
    const environment = await get(device.voiceEnvironmentUri as string);
    expect(environment.statusCode, environment.body).toBe(200);
    const tenantRow = await store()
      .db.selectFrom('tenants')
      .select('name')
      .where('id', '=', tenant.tenantId)
      .executeTakeFirstOrThrow();
    expect(environment.json()).toEqual({
      statusCode: 0,
      voiceEnvironment: { id: tenant.tenantId, name: tenantRow.name },
    });

    const other = await createTenant(store());
    const foreignNumber = await app().inject({
      method: 'POST',
      url: '/v1/numbers',
      headers: other.auth,
      payload: { number: '+16509871111' },
    });
    expect(foreignNumber.statusCode, foreignNumber.body).toBe(201);
    expectStatus(await get(`${ORIGIN}${BASE}/phone-numbers/${foreignNumber.json().id}`), 404, 6);
    expectStatus(await get(`${ORIGIN}${BASE}/voice-environments/${other.tenantId}`), 404, 6);
  });
});

describeEachStore('Genesys dialect: operations under CSRF', ({ store }) => {
  const { app } = useApp(store, { PUBLIC_BASE_URL: ORIGIN }, { passwordCost: TEST_PASSWORD_COST });

  it('needs the session cookie and its CSRF token for an operation', async () => {
    const tenant = await createTenant(store());
    const id = await insertPerson(store(), tenant.tenantId);
    const login = `gws-csrf-${randomBytes(4).toString('hex')}`;
    const set = await app().inject({
      method: 'PUT',
      url: `/v1/people/${id}/login`,
      headers: tenant.auth,
      payload: { login, role: 'agent', password: 'csrf password 1' },
    });
    expect(set.statusCode, set.body).toBe(201);
    const [desk] = await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'HardPhone', owner_person_id: id }),
    ]);
    await app().inject({
      method: 'PUT',
      url: `/v1/devices/${desk}/telephony`,
      headers: tenant.auth,
      payload: { phoneNumber: '3001' },
    });
    const auth = basic(login, 'csrf password 1');
    const post = (headers: Headers) =>
      app().inject({
        method: 'POST',
        url: `${BASE}/me/devices/${desk}`,
        headers,
        payload: { operationName: 'DoNotDisturbOn' },
      });
    const refused = (res: { statusCode: number; json: () => unknown }) => {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ statusCode: 3, statusMessage: 'Missing or invalid Csrf token' });
    };
    refused(await post(auth)); // Basic alone, no session cookie
    const me = await app().inject({ method: 'GET', url: `${BASE}/me`, headers: auth });
    const cookie = String(me.headers['set-cookie']).split(';')[0]!;
    const token = String(me.headers['x-csrf-token']);
    refused(await post({ cookie })); // cookie without the token
    refused(await post({ cookie, 'x-csrf-token': '00000000-0000-4000-a000-000000000000' })); // wrong token
    refused(await post({ 'x-csrf-token': token, ...auth })); // token without the cookie
    const row = await store()
      .db.selectFrom('devices')
      .select('do_not_disturb')
      .where('id', '=', desk!)
      .executeTakeFirstOrThrow();
    expect(row.do_not_disturb).toBe(0);
    const done = await post({ cookie, 'x-csrf-token': token });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ statusCode: 0 });
    const after = await store()
      .db.selectFrom('devices')
      .select('do_not_disturb')
      .where('id', '=', desk!)
      .executeTakeFirstOrThrow();
    expect(after.do_not_disturb).toBe(1);
    const voice = await app().inject({
      method: 'POST',
      url: `${BASE}/me/channels/voice`,
      headers: { cookie, 'x-csrf-token': token },
      payload: { operationName: 'Ready' },
    });
    expect(voice.json()).toEqual({ statusCode: 0 });
  });
});
