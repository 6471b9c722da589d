/**
 * The contact-center controls of devices (Genesys rules) through the native API, on both engines: the
 * telephony identity and what derives from the number, do-not-disturb, forwarding, capabilities by state
 * and role, supervisor monitoring (one supervisor at a time, also under parallel requests), cancelling,
 * and a person's agent state. Every change bumps the version and writes one audit event; refused input
 * stores nothing.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Json = Record<string, unknown>;

describeEachStore('contact-center controls', ({ store }) => {
  const { app } = useApp(store, { RATE_LIMITS: 'off' });

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const as = (auth: Record<string, string>) => async (method: Method, url: string, body?: unknown) => {
      const res = await app().inject({
        method,
        url,
        headers: auth,
        ...(body === undefined ? {} : { payload: body as Json }),
      });
      return { status: res.statusCode, body: res.json(), raw: res.body };
    };
    const keyFor = async (role: 'agent' | 'supervisor' | 'readonly_admin', personId: string | null = null) =>
      as((await createApiKey(s, tenant.tenantId, { role, personId })).auth);
    const phone = async (ownerPersonId: string | null = null, kind = 'OtherPhone') => {
      const [id] = await createDevices(s, [deviceRow(tenant.tenantId, { kind, owner_person_id: ownerPersonId })]);
      return id!;
    };
    const admin = as(tenant.auth);
    const numbered = async (ownerPersonId: string | null = null, number = '+16509870000') => {
      const id = await phone(ownerPersonId);
      const res = await admin('PUT', `/v1/devices/${id}/telephony`, { phoneNumber: number });
      expect(res.status, res.raw).toBe(200);
      return id;
    };
    return { s, tenant, admin, keyFor, phone, numbered };
  }

  async function audits(s: Store, tenantId: string) {
    return s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id', 'desc')
      .execute();
  }

  async function deviceVersion(s: Store, id: string) {
    const row = await s.db.selectFrom('devices').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    return row.version;
  }

  it('derives E.164, country, national format and location from an international number', async () => {
    const { s, tenant, admin, phone } = await setup();
    const id = await phone();
    const res = await admin('PUT', `/v1/devices/${id}/telephony`, {
      phoneNumber: '+1 (650) 987-0000',
      telephonyNetwork: 'Public',
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({
      deviceId: id,
      phoneNumber: '+16509870000',
      e164Number: '+16509870000',
      country: { name: 'United States', code: 'US', callingCode: '1' },
      localNumber: '(650) 987-0000',
      location: 'California',
      telephonyNetwork: 'Public',
      doNotDisturb: false,
      forwardTo: null,
      version: 2,
    });
    const device = await admin('GET', `/v1/devices/${id}`);
    expect(device.body.lines).toMatchObject([{ position: 0, number: '+16509870000', countryCode: 'US' }]);
    const [event] = await audits(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'device.telephony', resource_type: 'device', resource_id: id });
    // Another device with the same number shares the tenant's phone-number row.
    const other = await phone();
    expect((await admin('PUT', `/v1/devices/${other}/telephony`, { phoneNumber: '+16509870000' })).status).toBe(200);
    const numbers = await s.db
      .selectFrom('phone_numbers')
      .select('id')
      .where('tenant_id', '=', tenant.tenantId)
      .execute();
    expect(numbers).toHaveLength(1);
  });

  it('keeps an internal extension as it is, with an empty country, on the Private network by default', async () => {
    const { admin, phone } = await setup();
    const id = await phone();
    const res = await admin('PUT', `/v1/devices/${id}/telephony`, { phoneNumber: '3001' });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({
      phoneNumber: '3001',
      e164Number: '3001',
      country: { name: '', code: '', callingCode: '' },
      localNumber: '3001',
      location: null,
      telephonyNetwork: 'Private',
    });
  });

  it('requires a valid phone number and refuses bad input with 400 naming the field, storing nothing', async () => {
    const { s, tenant, admin, phone } = await setup();
    const id = await phone();
    const before = (await audits(s, tenant.tenantId)).length;
    for (const [body, parameter] of [
      [{}, 'phoneNumber'],
      [{ phoneNumber: '' }, 'phoneNumber'],
      [{ phoneNumber: '+1 650 000' }, 'phoneNumber'],
      [{ phoneNumber: '123456789' }, 'phoneNumber'],
      [{ phoneNumber: '3001', telephonyNetwork: 'Satellite' }, 'telephonyNetwork'],
    ] as const) {
      const res = await admin('PUT', `/v1/devices/${id}/telephony`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.parameter, JSON.stringify(body)).toBe(parameter);
    }
    expect((await audits(s, tenant.tenantId)).length).toBe(before);
    expect(await deviceVersion(s, id)).toBe(1);
    const headset = await phone(null, 'Headset');
    const res = await admin('PUT', `/v1/devices/${headset}/telephony`, { phoneNumber: '3001' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('device_not_a_phone');
  });

  it('turns do-not-disturb on and off, bumping the version and auditing only real changes', async () => {
    const { s, tenant, admin, numbered, phone } = await setup();
    const id = await numbered();
    const on = await admin('PUT', `/v1/devices/${id}/do-not-disturb`, { enabled: true });
    expect(on.status, on.raw).toBe(200);
    expect(on.body).toMatchObject({ doNotDisturb: true, version: 3 });
    expect(on.body.capabilities).toContain('DoNotDisturbOff');
    expect(on.body.capabilities).not.toContain('DoNotDisturbOn');
    expect((await admin('GET', `/v1/devices/${id}`)).body.doNotDisturb).toBe(true);
    const events = (await audits(s, tenant.tenantId)).length;
    const again = await admin('PUT', `/v1/devices/${id}/do-not-disturb`, { enabled: true });
    expect(again.body.version).toBe(3);
    expect((await audits(s, tenant.tenantId)).length).toBe(events);
    const off = await admin('PUT', `/v1/devices/${id}/do-not-disturb`, { enabled: false });
    expect(off.body).toMatchObject({ doNotDisturb: false, version: 4 });
    expect(off.body.capabilities).toContain('DoNotDisturbOn');
    const [event] = await audits(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'device.do-not-disturb', resource_id: id });
    expect(JSON.parse(event!.before!)).toMatchObject({ doNotDisturb: true });
    expect(JSON.parse(event!.after!)).toMatchObject({ doNotDisturb: false, version: 4 });
    // A phone without a number has no controls yet.
    const bare = await phone();
    const refused = await admin('PUT', `/v1/devices/${bare}/do-not-disturb`, { enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('device_has_no_number');
    expect((await admin('GET', `/v1/devices/${bare}/telephony`)).body.capabilities).toEqual([]);
  });

  it('forwards to a validated destination and stops forwarding', async () => {
    const { s, tenant, admin, numbered } = await setup();
    const id = await numbered();
    const on = await admin('PUT', `/v1/devices/${id}/forwarding`, { enabled: true, destination: '+44 20 7946 0123' });
    expect(on.status, on.raw).toBe(200);
    expect(on.body).toMatchObject({ forwardTo: '+442079460123' });
    expect(on.body.capabilities).toEqual(expect.arrayContaining(['ForwardCallsOff']));
    const toExtension = await admin('PUT', `/v1/devices/${id}/forwarding`, { enabled: true, destination: '3002' });
    expect(toExtension.body.forwardTo).toBe('3002');
    const events = (await audits(s, tenant.tenantId)).length;
    const version = await deviceVersion(s, id);
    for (const [body, rule] of [
      [{ enabled: true }, 'required'],
      [{ enabled: true, destination: 'not a number' }, 'phone-number'],
      [{ enabled: true, destination: '+16509870000' }, 'not-own-number'],
      [{ enabled: false, destination: '+442079460123' }, 'only-when-enabled'],
    ] as const) {
      const res = await admin('PUT', `/v1/devices/${id}/forwarding`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ parameter: 'destination' });
      expect(res.body.detail).toContain(rule);
    }
    expect((await audits(s, tenant.tenantId)).length).toBe(events);
    expect(await deviceVersion(s, id)).toBe(version);
    const off = await admin('PUT', `/v1/devices/${id}/forwarding`, { enabled: false });
    expect(off.body).toMatchObject({ forwardTo: null });
    expect(off.body.capabilities).toContain('ForwardCallsOn');
  });

  it('lets agents use the controls of their own devices only; read-only admins see them without capabilities', async () => {
    const { s, tenant, keyFor, numbered } = await setup();
    const me = await insertPerson(s, tenant.tenantId);
    const other = await insertPerson(s, tenant.tenantId);
    const agent = await keyFor('agent', me);
    const mine = await numbered(me);
    const theirs = await numbered(other);
    const own = await agent('PUT', `/v1/devices/${mine}/do-not-disturb`, { enabled: true });
    expect(own.status, own.raw).toBe(200);
    expect(own.body.capabilities).toEqual(['DoNotDisturbOff', 'ForwardCallsOn']);
    expect((await agent('PUT', `/v1/devices/${theirs}/do-not-disturb`, { enabled: true })).status).toBe(404);
    expect((await agent('GET', `/v1/devices/${theirs}/telephony`)).status).toBe(404);
    expect((await agent('PUT', `/v1/devices/${theirs}/forwarding`, { enabled: false })).status).toBe(404);
    expect((await agent('POST', `/v1/devices/${mine}/monitoring`, { targetDeviceId: theirs })).status).toBe(403);
    // Which number a device has is for admins to decide.
    expect((await agent('PUT', `/v1/devices/${mine}/telephony`, { phoneNumber: '3001' })).status).toBe(403);
    const readonly = await keyFor('readonly_admin');
    const view = await readonly('GET', `/v1/devices/${mine}/telephony`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ doNotDisturb: true, capabilities: [] });
    expect((await readonly('PUT', `/v1/devices/${mine}/do-not-disturb`, { enabled: false })).status).toBe(403);
    const supervisor = await keyFor('supervisor', await insertPerson(s, tenant.tenantId));
    const notOwned = await supervisor('PUT', `/v1/devices/${theirs}/do-not-disturb`, { enabled: true });
    expect(notOwned.status).toBe(403);
    expect(notOwned.body.code).toBe('device_not_owned');
  });

  it('monitors with defaults AllCalls / Call, shows the session at both ends, and lets its supervisor cancel it', async () => {
    const { s, tenant, keyFor, numbered } = await setup();
    const boss = await insertPerson(s, tenant.tenantId);
    const agentPerson = await insertPerson(s, tenant.tenantId);
    const supervisor = await keyFor('supervisor', boss);
    const agent = await keyFor('agent', agentPerson);
    const desk = await numbered(boss, '+16509870001');
    const target = await numbered(agentPerson, '+16509870002');
    const before = await supervisor('GET', `/v1/devices/${target}/telephony`);
    expect(before.body.capabilities).toEqual(['ListenIn', 'BargeIn', 'Coach']);

    const started = await supervisor('POST', `/v1/devices/${desk}/monitoring`, { targetDeviceId: target });
    expect(started.status, started.raw).toBe(200);
    expect(started.body.monitoring).toEqual({
      state: 'ListenIn',
      mode: 'AllCalls',
      scope: 'Call',
      targetDeviceId: target,
      supervisorId: boss,
      muted: false,
    });
    expect(started.body.capabilities).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
      'ListenIn',
      'BargeIn',
      'Coach',
      'CancelSupervisorMonitoring',
      'MuteMonitoredUser',
    ]);
    const watched = await supervisor('GET', `/v1/devices/${target}/telephony`);
    expect(watched.body.monitoredBy).toEqual({ deviceId: desk, supervisorId: boss });
    expect(watched.body.capabilities).toContain('CancelSupervisorMonitoring');
    // The agent sees their device monitored, but gets no supervisor operations.
    expect((await agent('GET', `/v1/devices/${target}/telephony`)).body.capabilities).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
    ]);
    const [event] = await audits(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'device.monitoring.start', resource_id: desk });

    const coach = await supervisor('POST', `/v1/devices/${desk}/monitoring`, {
      targetDeviceId: target,
      state: 'Coach',
      mode: 'NextCall',
      scope: 'Agent',
    });
    expect(coach.body.monitoring).toMatchObject({ state: 'Coach', mode: 'NextCall', scope: 'Agent' });

    const cancelled = await supervisor('DELETE', `/v1/devices/${target}/monitoring`);
    expect(cancelled.status, cancelled.raw).toBe(200);
    expect(cancelled.body.monitoredBy).toBeNull();
    const after = await supervisor('GET', `/v1/devices/${desk}/telephony`);
    expect(after.body.monitoring).toBeNull();
    expect(after.body.capabilities).not.toContain('CancelSupervisorMonitoring');
    const [cancelEvent] = await audits(s, tenant.tenantId);
    expect(cancelEvent).toMatchObject({ action: 'device.monitoring.cancel', resource_id: desk });
    const again = await supervisor('DELETE', `/v1/devices/${desk}/monitoring`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('device_not_monitoring');
  });

  it('allows one supervisor at a time per device: a second gets 409, and may not cancel the first', async () => {
    const { s, tenant, admin, keyFor, numbered } = await setup();
    const [bossA, bossB, agentPerson] = [
      await insertPerson(s, tenant.tenantId),
      await insertPerson(s, tenant.tenantId),
      await insertPerson(s, tenant.tenantId),
    ];
    const a = await keyFor('supervisor', bossA);
    const b = await keyFor('supervisor', bossB);
    const [deskA, deskB, target, elsewhere] = [
      await numbered(bossA),
      await numbered(bossB),
      await numbered(agentPerson),
      await numbered(agentPerson),
    ];
    expect((await a('POST', `/v1/devices/${deskA}/monitoring`, { targetDeviceId: target })).status).toBe(200);
    const second = await b('POST', `/v1/devices/${deskB}/monitoring`, { targetDeviceId: target });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'device_monitored', parameter: 'targetDeviceId' });
    expect((await b('GET', `/v1/devices/${target}/telephony`)).body.capabilities).toEqual([]);
    const cancel = await b('DELETE', `/v1/devices/${target}/monitoring`);
    expect(cancel.status).toBe(403);
    expect(cancel.body.code).toBe('monitoring_not_yours');
    const busy = await a('POST', `/v1/devices/${deskA}/monitoring`, { targetDeviceId: elsewhere });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('device_already_monitoring');
    expect((await a('POST', `/v1/devices/${deskA}/monitoring`, { targetDeviceId: deskA })).status).toBe(400);
    const notMine = await b('POST', `/v1/devices/${deskA}/monitoring`, { targetDeviceId: elsewhere });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('device_not_owned');
    const missing = await b('POST', `/v1/devices/${deskB}/monitoring`, { targetDeviceId: '0190a3c0-0000-7000-8000-0' });
    expect(missing.status).toBe(400);
    expect(missing.body.parameter).toBe('targetDeviceId');
    // An admin may cancel anyone's session; then the second supervisor may start.
    expect((await admin('DELETE', `/v1/devices/${target}/monitoring`)).status).toBe(200);
    expect((await b('POST', `/v1/devices/${deskB}/monitoring`, { targetDeviceId: target })).status).toBe(200);
    // Monitoring is done by a person: an unowned device cannot monitor.
    const unowned = await numbered(null);
    const refused = await admin('POST', `/v1/devices/${unowned}/monitoring`, { targetDeviceId: elsewhere });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('monitoring_device_unowned');
  });

  it('lets exactly one of 10 supervisors racing for the same device win; the others get 409', async () => {
    const { s, tenant, keyFor, numbered } = await setup();
    const target = await numbered(await insertPerson(s, tenant.tenantId));
    const contenders = [];
    for (let i = 0; i < 10; i++) {
      const boss = await insertPerson(s, tenant.tenantId);
      contenders.push({ api: await keyFor('supervisor', boss), desk: await numbered(boss) });
    }
    const results = await Promise.all(
      contenders.map((c) => c.api('POST', `/v1/devices/${c.desk}/monitoring`, { targetDeviceId: target })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([200, ...Array(9).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'device_monitored')).toBe(true);
    const sessions = await s.db
      .selectFrom('devices')
      .select('id')
      .where('tenant_id', '=', tenant.tenantId)
      .where('monitoring_target_device_id', '=', target)
      .execute();
    expect(sessions).toHaveLength(1);
    const starts = (await audits(s, tenant.tenantId)).filter((e) => e.action === 'device.monitoring.start');
    expect(starts).toHaveLength(1);
  });

  it('survives sessions started crosswise in parallel (each device monitoring the other): no 500', async () => {
    const { s, tenant, keyFor, numbered } = await setup();
    for (let round = 0; round < 6; round++) {
      const [bossA, bossB] = [await insertPerson(s, tenant.tenantId), await insertPerson(s, tenant.tenantId)];
      const [a, b] = [await keyFor('supervisor', bossA), await keyFor('supervisor', bossB)];
      const [deskA, deskB] = [await numbered(bossA), await numbered(bossB)];
      const results = await Promise.all([
        a('POST', `/v1/devices/${deskA}/monitoring`, { targetDeviceId: deskB }),
        b('POST', `/v1/devices/${deskB}/monitoring`, { targetDeviceId: deskA }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
    }
  });

  it('sets agent state: Ready, NotReady with a work mode; agents their own only', async () => {
    const { s, tenant, admin, keyFor } = await setup();
    const me = await insertPerson(s, tenant.tenantId);
    const other = await insertPerson(s, tenant.tenantId);
    const agent = await keyFor('agent', me);
    const ready = await agent('PUT', `/v1/people/${me}/agent-state`, { state: 'Ready' });
    expect(ready.status, ready.raw).toBe(200);
    expect(ready.body).toMatchObject({ id: me, agentState: { state: 'Ready', workMode: null }, version: 2 });
    const aux = await agent('PUT', `/v1/people/${me}/agent-state`, { state: 'NotReady', workMode: 'AuxWork' });
    expect(aux.body).toMatchObject({ agentState: { state: 'NotReady', workMode: 'AuxWork' }, version: 3 });
    const [event] = await audits(s, tenant.tenantId);
    expect(event).toMatchObject({ action: 'person.agent-state', resource_type: 'person', resource_id: me });
    const events = (await audits(s, tenant.tenantId)).length;
    expect(
      (await agent('PUT', `/v1/people/${me}/agent-state`, { state: 'NotReady', workMode: 'AuxWork' })).body.version,
    ).toBe(3);
    const bad = await agent('PUT', `/v1/people/${me}/agent-state`, { state: 'Ready', workMode: 'AuxWork' });
    expect(bad.status).toBe(400);
    expect(bad.body.parameter).toBe('workMode');
    expect((await agent('PUT', `/v1/people/${me}/agent-state`, { state: 'Busy' })).body.parameter).toBe('state');
    expect((await agent('PUT', `/v1/people/${me}/agent-state`, { state: 'NotReady', workMode: 'Nap' })).status).toBe(
      400,
    );
    expect((await agent('PUT', `/v1/people/${other}/agent-state`, { state: 'Ready' })).status).toBe(404);
    expect((await audits(s, tenant.tenantId)).length).toBe(events);
    const supervisor = await keyFor('supervisor', await insertPerson(s, tenant.tenantId));
    expect((await supervisor('PUT', `/v1/people/${other}/agent-state`, { state: 'Ready' })).status).toBe(200);
    expect((await admin('PUT', `/v1/people/${other}/agent-state`, { state: 'NotReady' })).body.agentState).toEqual({
      state: 'NotReady',
      workMode: null,
    });
  });
});
