/**
 * Genesys notifications over CometD long-polling (vendor-apis.md §2.7): handshake, subscribe to
 * /v2/me/devices, a held connect answered by a change made through the native API with a
 * DeviceStateChangeMessage of the subscriber's device; nothing of other people or tenants; unknown clients
 * told to handshake again; a change whose audit event carries an older id than one already delivered still
 * delivered, and nothing delivered twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BayeuxClients, covers } from '../../src/compat/genesys/bayeux.js';
import { recordChange, systemActor } from '../../src/modules/audit/audit-trail.js';
import { createDevices, createTenant, deviceRow, insertPerson, type TestTenant } from '../support/factories.js';
import { TEST_PASSWORD_COST, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const BASE = '/compat/genesys/api/v2';
const URL = `${BASE}/notifications`;
const basic = (login: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
});

type Message = Record<string, unknown> & { channel: string };
type Device = Record<string, unknown> & { id: string };

describeEachStore('Genesys dialect: CometD notifications', ({ store }) => {
  const { app } = useApp(
    store,
    { RATE_LIMITS: 'off', PUBLIC_BASE_URL: 'https://fleet.example.com' },
    { passwordCost: TEST_PASSWORD_COST },
  );
  // A second node over the same database: its own Bayeux clients and poller.
  const nodeB = useApp(
    store,
    { RATE_LIMITS: 'off', PUBLIC_BASE_URL: 'https://fleet.example.com' },
    { passwordCost: TEST_PASSWORD_COST },
  ).app;
  let tenant: TestTenant;
  let other: TestTenant;
  let agentId: string;
  let deskPhone: string;
  let softPhone: string;
  let colleaguePhone: string;
  let otherTenantPhone: string;
  /** The agent's session: cookie and CSRF token, as a browser CometD client sends them. */
  let session: Record<string, string>;
  let clientId: string;

  const native = (t: TestTenant, method: 'PUT' | 'POST', url: string, body: object) =>
    app().inject({ method, url, headers: t.auth, payload: body });
  const post = async (messages: object, headers: Record<string, string> = session, url = URL, node = app) => {
    const res = await node().inject({ method: 'POST', url, headers, payload: messages });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Message[];
  };
  const connect = (timeout: number, id = clientId) =>
    post([{ channel: '/meta/connect', clientId: id, connectionType: 'long-polling', id: 'c', advice: { timeout } }]);
  const sessionOf = async (login: string, password: string) => {
    const res = await app().inject({ method: 'GET', url: `${BASE}/me`, headers: basic(login, password) });
    expect(res.statusCode, res.body).toBe(200);
    return {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': String(res.headers['x-csrf-token']),
    };
  };
  const devicesIn = (messages: Message[]): Device[] =>
    messages.filter((m) => m.channel === '/v2/me/devices').flatMap((m) => (m.data as { devices: Device[] }).devices);

  async function numbered(t: TestTenant, ownerId: string | null, phoneNumber: string): Promise<string> {
    const [id] = await createDevices(store(), [deviceRow(t.tenantId, { kind: 'HardPhone', owner_person_id: ownerId })]);
    const res = await native(t, 'PUT', `/v1/devices/${id}/telephony`, { phoneNumber });
    expect(res.statusCode, res.body).toBe(200);
    return id!;
  }

  it('sets up two agents with phones, and another tenant', async () => {
    tenant = await createTenant(store());
    other = await createTenant(store());
    agentId = await insertPerson(store(), tenant.tenantId);
    const colleagueId = await insertPerson(store(), tenant.tenantId);
    const otherAgentId = await insertPerson(store(), other.tenantId);
    for (const [t, id, login] of [
      [tenant, agentId, 'cometd-agent'],
      [tenant, colleagueId, 'cometd-colleague'],
      [other, otherAgentId, 'cometd-other'],
    ] as const) {
      const res = await native(t, 'PUT', `/v1/people/${id}/login`, {
        login,
        role: 'agent',
        password: 'agent password 1',
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    deskPhone = await numbered(tenant, agentId, '+16509870000');
    softPhone = await numbered(tenant, agentId, '3001');
    colleaguePhone = await numbered(tenant, colleagueId, '3002');
    otherTenantPhone = await numbered(other, otherAgentId, '3001');
    session = await sessionOf('cometd-agent', 'agent password 1');
  });

  it('handshakes for long-polling, at the URL or with the message type appended', async () => {
    const [reply] = await post(
      [
        // As the CometD JavaScript client sends it.
        {
          version: '1.0',
          minimumVersion: '1.0',
          channel: '/meta/handshake',
          supportedConnectionTypes: ['long-polling', 'callback-polling'],
          advice: { timeout: 60_000, interval: 0 },
          ext: { ack: true },
          id: '1',
        },
      ],
      session,
      `${URL}/handshake`,
    );
    expect(reply).toEqual({
      channel: '/meta/handshake',
      id: '1',
      clientId: expect.stringMatching(/^[0-9a-f]{32}$/),
      version: '1.0',
      minimumVersion: '1.0',
      supportedConnectionTypes: ['long-polling'],
      successful: true,
      advice: { reconnect: 'retry', interval: 0, timeout: 30_000 },
    });
    clientId = reply!.clientId as string;
    // The client's first connect asks for an immediate answer.
    const started = Date.now();
    const [first] = await post(
      [{ id: '2', channel: '/meta/connect', connectionType: 'long-polling', advice: { timeout: 0 }, clientId }],
      session,
      `${URL}/connect`,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(first).toMatchObject({ channel: '/meta/connect', id: '2', clientId, successful: true });
    const [plain] = await post({
      channel: '/meta/handshake',
      version: '1.0',
      supportedConnectionTypes: ['long-polling'],
    });
    expect(plain).toMatchObject({ successful: true });
    const [websocketOnly] = await post([{ channel: '/meta/handshake', supportedConnectionTypes: ['websocket'] }]);
    expect(websocketOnly).toMatchObject({
      successful: false,
      error: expect.stringMatching(/^400:/),
      advice: { reconnect: 'none' },
    });
  });

  it('subscribes to the caller’s channels only and refuses publishing', async () => {
    // The connect held before the subscription is answered by it, so the next one follows it.
    const started = Date.now();
    const held = connect(5_000);
    await sleep(100);
    const [sub] = await post(
      [{ channel: '/meta/subscribe', clientId, subscription: '/v2/me/devices', id: '2' }],
      session,
      `${URL}/subscribe`,
    );
    expect(sub).toEqual({
      channel: '/meta/subscribe',
      clientId,
      subscription: '/v2/me/devices',
      id: '2',
      successful: true,
    });
    expect(await held).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true })]);
    expect(Date.now() - started).toBeLessThan(2_000);
    const [denied] = await post([{ channel: '/meta/subscribe', clientId, subscription: '/v2/devices' }]);
    expect(denied).toMatchObject({ successful: false, error: '403:/v2/devices:Subscription denied' });
    const [publish] = await post([
      { channel: '/v2/me/devices', clientId, data: { messageType: 'DeviceStateChangeMessage' } },
    ]);
    expect(publish).toMatchObject({ successful: false, error: '403:/v2/me/devices:Publish denied' });
  });

  it('holds a connect until the timeout when nothing changes', async () => {
    const started = Date.now();
    const replies = await connect(400);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(replies).toEqual([
      {
        channel: '/meta/connect',
        clientId,
        id: 'c',
        successful: true,
        advice: { reconnect: 'retry', interval: 0, timeout: 30_000 },
      },
    ]);
  });

  it('answers a held connect with the DeviceStateChangeMessage of a change made on the native API', async () => {
    const started = Date.now();
    let settled = false;
    const pending = connect(4_000).finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    const dnd = await native(tenant, 'PUT', `/v1/devices/${deskPhone}/do-not-disturb`, { enabled: true });
    expect(dnd.statusCode, dnd.body).toBe(200);
    const replies = await pending;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(replies.map((m) => m.channel)).toEqual(['/v2/me/devices', '/meta/connect']);
    expect(Object.keys(replies[0]!).sort()).toEqual(['channel', 'data']);
    const data = replies[0]!.data as { messageType: string; devices: Device[] };
    expect(data.messageType).toBe('DeviceStateChangeMessage');
    expect(data.devices).toHaveLength(1);
    expect(data.devices[0]).toMatchObject({
      id: deskPhone,
      doNotDisturb: 'On',
      phoneNumber: '+16509870000',
      type: 'ACDPosition',
      voiceEnvironmentUri: `https://fleet.example.com${BASE}/voice-environments/${tenant.tenantId}`,
    });
    expect(data.devices[0]!.capabilities).toContain('DoNotDisturbOff');
    expect(data.devices[0]!.capabilities).not.toContain('DoNotDisturbOn');
    // Delivered once: the next connect has nothing.
    expect(devicesIn(await connect(300))).toEqual([]);
  });

  it('delivers nothing of another person’s devices or another tenant’s', async () => {
    const pending = connect(1_200);
    await sleep(100);
    expect(
      (await native(tenant, 'PUT', `/v1/devices/${colleaguePhone}/do-not-disturb`, { enabled: true })).statusCode,
    ).toBe(200);
    expect(
      (await native(other, 'PUT', `/v1/devices/${otherTenantPhone}/do-not-disturb`, { enabled: true })).statusCode,
    ).toBe(200);
    const replies = await pending;
    expect(replies.map((m) => m.channel)).toEqual(['/meta/connect']);
  });

  it('delivers a change whose event id is older than one already delivered, and nothing twice', async () => {
    expect(
      (await native(tenant, 'PUT', `/v1/devices/${deskPhone}/do-not-disturb`, { enabled: false })).statusCode,
    ).toBe(200);
    const first = devicesIn(await connect(2_000));
    expect(first.map((d) => [d.id, d.doNotDisturb])).toEqual([[deskPhone, 'Off']]);
    const delivered = await store()
      .db.selectFrom('audit_events')
      .select('id')
      .where('tenant_id', '=', tenant.tenantId)
      .where('resource_id', '=', deskPhone)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // A transaction that minted its event id before the one delivered and commits only now.
    const minted = Number.parseInt(delivered.id.replace(/-/g, '').slice(0, 12), 16) - 1;
    await recordChange(
      store().db,
      systemActor(tenant.tenantId),
      { action: 'device.update', resourceType: 'device', resourceId: softPhone },
      minted,
    );
    const late = await store()
      .db.selectFrom('audit_events')
      .select('id')
      .where('tenant_id', '=', tenant.tenantId)
      .where('resource_id', '=', softPhone)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(late.id < delivered.id).toBe(true);
    const second = devicesIn(await connect(2_000));
    expect(second.map((d) => d.id)).toEqual([softPhone]);
    expect(devicesIn(await connect(400))).toEqual([]);
  });

  it('sends every device of the agent when their agent state changes', async () => {
    const pending = connect(3_000);
    await sleep(100);
    const res = await native(tenant, 'PUT', `/v1/people/${agentId}/agent-state`, {
      state: 'NotReady',
      workMode: 'AuxWork',
    });
    expect(res.statusCode, res.body).toBe(200);
    const devices = devicesIn(await pending);
    expect(devices.map((d) => d.id).sort()).toEqual([deskPhone, softPhone].sort());
    for (const d of devices)
      expect(d.userState).toMatchObject({ state: 'NotReady', workMode: 'AuxWork', displayName: 'AuxWork' });
  });

  it('stops delivering after unsubscribing, and follows /v2/me/* like /v2/me/devices', async () => {
    const [unsub] = await post([{ channel: '/meta/unsubscribe', clientId, subscription: '/v2/me/devices' }]);
    expect(unsub).toMatchObject({ successful: true, subscription: '/v2/me/devices' });
    expect((await native(tenant, 'PUT', `/v1/devices/${softPhone}/do-not-disturb`, { enabled: true })).statusCode).toBe(
      200,
    );
    expect(devicesIn(await connect(400))).toEqual([]);
    const [sub] = await post([{ channel: '/meta/subscribe', clientId, subscription: ['/v2/me/*'] }]);
    expect(sub).toMatchObject({ successful: true });
    const pending = connect(3_000);
    await sleep(100);
    expect(
      (await native(tenant, 'PUT', `/v1/devices/${softPhone}/do-not-disturb`, { enabled: false })).statusCode,
    ).toBe(200);
    const replies = await pending;
    expect(replies[0]).toMatchObject({ channel: '/v2/me/devices' });
    expect(devicesIn(replies).map((d) => [d.id, d.doNotDisturb])).toEqual([[softPhone, 'Off']]);
  });

  it('answers a held connect at once when the client connects again', async () => {
    const started = Date.now();
    const first = connect(5_000);
    await sleep(100);
    const second = connect(200);
    const [firstReplies] = await Promise.all([first, second]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(firstReplies).toEqual([expect.objectContaining({ channel: '/meta/connect', successful: true })]);
  });

  it('tells unknown clients, and other people’s, to handshake again', async () => {
    const advice = { reconnect: 'handshake', interval: 0 };
    const [unknown] = await connect(0, 'f'.repeat(32));
    expect(unknown).toEqual({
      channel: '/meta/connect',
      clientId: 'f'.repeat(32),
      id: 'c',
      successful: false,
      error: '402::Unknown client',
      advice,
    });
    const colleague = await sessionOf('cometd-colleague', 'agent password 1');
    const [stolen] = await post([{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }], colleague);
    expect(stolen).toMatchObject({ successful: false, error: '402::Unknown client', advice });
    const [subscribe] = await post([{ channel: '/meta/subscribe', clientId: 'nope', subscription: '/v2/me/devices' }]);
    expect(subscribe).toMatchObject({ successful: false, error: '402::Unknown client', advice });
  });

  it('forgets a client on disconnect', async () => {
    const [bye] = await post([{ channel: '/meta/disconnect', clientId, id: 'd' }], session, `${URL}/disconnect`);
    expect(bye).toEqual({ channel: '/meta/disconnect', clientId, id: 'd', successful: true });
    const [after] = await connect(0);
    expect(after).toMatchObject({ successful: false, error: '402::Unknown client' });
  });

  it('delivers a change made on another node, where this node’s client ids are unknown', async () => {
    const [hello] = await post(
      [{ channel: '/meta/handshake', supportedConnectionTypes: ['long-polling'] }],
      session,
      URL,
      nodeB,
    );
    const onB = hello!.clientId as string;
    expect(
      await post([{ channel: '/meta/subscribe', clientId: onB, subscription: '/v2/me/devices' }], session, URL, nodeB),
    ).toEqual([expect.objectContaining({ successful: true })]);
    const pending = post(
      [{ channel: '/meta/connect', clientId: onB, advice: { timeout: 3_000 } }],
      session,
      URL,
      nodeB,
    );
    await sleep(100);
    expect((await native(tenant, 'PUT', `/v1/devices/${deskPhone}/do-not-disturb`, { enabled: true })).statusCode).toBe(
      200,
    );
    const replies = await pending;
    expect(devicesIn(replies).map((d) => [d.id, d.doNotDisturb])).toEqual([[deskPhone, 'On']]);
    const [elsewhere] = await connect(0, onB);
    expect(elsewhere).toMatchObject({
      successful: false,
      error: '402::Unknown client',
      advice: { reconnect: 'handshake' },
    });
  });

  it('needs the session cookie and CSRF token, and a body of Bayeux messages, in the Genesys envelope', async () => {
    const handshake = [{ channel: '/meta/handshake', supportedConnectionTypes: ['long-polling'] }];
    const noToken = await app().inject({
      method: 'POST',
      url: URL,
      headers: { cookie: session.cookie! },
      payload: handshake,
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toEqual({ statusCode: expect.any(Number), statusMessage: 'Missing or invalid Csrf token' });
    const anonymous = await app().inject({ method: 'POST', url: URL, payload: handshake });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ statusCode: 20, statusMessage: expect.any(String) });
    const poisoned = await app().inject({
      method: 'POST',
      url: URL,
      headers: { ...session, 'content-type': 'application/json' },
      payload: '[{"__proto__":{"polluted":true},"channel":"/meta/handshake"}]',
    });
    expect(poisoned.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const payload of [
      [],
      [{ id: 'no channel' }],
      { channel: { name: 'x' } },
      [{ channel: '' }],
      Array.from({ length: 21 }, () => handshake[0]),
    ]) {
      const bad = await app().inject({ method: 'POST', url: URL, headers: session, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(bad.json()).sort()).toEqual(['statusCode', 'statusMessage']);
    }
  });
});

describe('Bayeux client registry', () => {
  it('forgets idle clients, keeps those holding a connect, and caps clients per person', () => {
    let now = 1_000_000;
    const clients = new BayeuxClients({ idleMs: 30_000, perPerson: 2, perNode: 3 }, () => now);
    const a = clients.create('t', 'p')!;
    const b = clients.create('t', 'p')!;
    b.connect = new AbortController();
    now += 10_000;
    expect(clients.find(a.id, 't', 'p')).toBe(a);
    expect(clients.find(a.id, 't', 'someone else')).toBeUndefined();
    now += 31_000;
    clients.sweep(true);
    expect(clients.find(a.id, 't', 'p')).toBeUndefined();
    expect(clients.find(b.id, 't', 'p')).toBe(b);
    // A third client of the same person forgets their least recently seen one, answering its connect.
    const held = b.connect;
    now += 1;
    clients.create('t', 'p');
    const c = clients.create('t', 'p')!;
    expect(held.signal.aborted).toBe(true);
    expect(clients.find(b.id, 't', 'p')).toBeUndefined();
    expect(clients.find(c.id, 't', 'p')).toBe(c);
    clients.create('t', 'q');
    expect(clients.size).toBe(3);
    expect(clients.create('t', 'r')).toBeUndefined();
  });

  it('matches channels and wildcard subscriptions', () => {
    expect(covers('/v2/me/devices', '/v2/me/devices')).toBe(true);
    expect(covers('/v2/me/*', '/v2/me/devices')).toBe(true);
    expect(covers('/v2/me/**', '/v2/me/devices')).toBe(true);
    expect(covers('/v2/*', '/v2/me/devices')).toBe(false);
    expect(covers('/v2/**', '/v2/me/devices')).toBe(true);
    expect(covers('/v2/me/calls', '/v2/me/devices')).toBe(false);
  });
});
