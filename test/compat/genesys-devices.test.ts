/**
 * The Genesys dialect's device reads against seed 001 and vendor-apis.md §2: HTTP Basic with a person's
 * login, the JSESSIONID session and CSRF headers, the statusCode envelope, URIs by default and attributes with
 * `fields`, exact-match attribute filters, the device attributes of §2.6 (the seed's two sample numbers),
 * roles (admins list the contact center, agents only /me), and errors always in the Genesys envelope.
 */
import { expect, it } from 'vitest';
import { createDevices, createTenant, deviceRow, insertPerson, type TestTenant } from '../support/factories.js';
import { TEST_PASSWORD_COST, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const BASE = '/compat/genesys/api/v2';
const basic = (login: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
});

describeEachStore('Genesys dialect: devices', ({ store }) => {
  const { app } = useApp(
    store,
    { RATE_LIMITS: 'off', PUBLIC_BASE_URL: 'https://fleet.example.com' },
    {
      passwordCost: TEST_PASSWORD_COST,
    },
  );
  let tenant: TestTenant;
  let agentId: string;
  let publicPhone: string;
  let extensionPhone: string;
  const admin = basic('gws-admin', 'admin password 1');
  const agent = basic('gws-agent', 'agent password 1');

  const native = (method: 'GET' | 'PUT' | 'POST', url: string, body?: object) =>
    app().inject({ method, url, headers: tenant.auth, ...(body ? { payload: body } : {}) });
  const get = (url: string, headers: Record<string, string>) => app().inject({ method: 'GET', url, headers });

  it('sets up a contact center: an admin, an agent, the seed’s two numbers', async () => {
    tenant = await createTenant(store());
    const adminId = await insertPerson(store(), tenant.tenantId);
    agentId = await insertPerson(store(), tenant.tenantId);
    for (const [id, login, role, password] of [
      [adminId, 'gws-admin', 'admin', 'admin password 1'],
      [agentId, 'gws-agent', 'agent', 'agent password 1'],
    ]) {
      const res = await native('PUT', `/v1/people/${id}/login`, { login, role, password });
      expect(res.statusCode, res.body).toBe(201);
    }
    [publicPhone, extensionPhone] = (await createDevices(store(), [
      deviceRow(tenant.tenantId, { kind: 'HardPhone', owner_person_id: agentId, status: 'Offline' }),
      deviceRow(tenant.tenantId, { kind: 'SoftPhone', status: 'Online' }),
    ])) as [string, string];
    await createDevices(store(), [deviceRow(tenant.tenantId, { kind: 'Headset' })]); // no number: not a GWS device
    expect(
      (
        await native('PUT', `/v1/devices/${publicPhone}/telephony`, {
          phoneNumber: '+16509870000',
          telephonyNetwork: 'Public',
        })
      ).statusCode,
    ).toBe(200);
    expect((await native('PUT', `/v1/devices/${extensionPhone}/telephony`, { phoneNumber: '3001' })).statusCode).toBe(
      200,
    );
  });

  it('lists URIs by default, absolute, from the external base URL', async () => {
    const res = await get(`${BASE}/devices`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['statusCode', 'uris']);
    expect(body.statusCode).toBe(0);
    expect(body.uris.sort()).toEqual(
      [publicPhone, extensionPhone].map((id) => `https://fleet.example.com${BASE}/devices/${id}`).sort(),
    );
  });

  it('answers the seed’s two devices with fields=*', async () => {
    const body = (await get(`${BASE}/devices?fields=*`, admin)).json();
    expect(body.statusCode).toBe(0);
    const byId = new Map(body.devices.map((d: { id: string }) => [d.id, d]));
    expect(byId.get(publicPhone)).toMatchObject({
      id: publicPhone,
      deviceState: 'Inactive',
      telephonyNetwork: 'Public',
      phoneNumber: '+16509870000',
      country: { name: 'United States', code: 'US', callingCode: '1' },
      location: 'California',
      e164Number: '+16509870000',
      doNotDisturb: 'Off',
      type: 'ACDPosition',
    });
    expect((byId.get(publicPhone) as { phoneNumberUri: string }).phoneNumberUri).toMatch(
      /^https:\/\/fleet\.example\.com\/compat\/genesys\/api\/v2\/phone-numbers\/[0-9a-f-]{36}$/,
    );
    const ext = byId.get(extensionPhone) as Record<string, unknown>;
    expect(ext).toMatchObject({
      deviceState: 'Active',
      telephonyNetwork: 'Private',
      phoneNumber: '3001',
      country: { name: '', code: '', callingCode: '' },
      e164Number: '3001',
    });
    expect('location' in ext).toBe(false);
    expect('forwardTo' in ext).toBe(false);
    expect('supervisorMonitoringState' in ext).toBe(false);
  });

  it('selects attributes with fields=a,b and filters on exact attribute values, ANDed', async () => {
    const body = (await get(`${BASE}/devices?fields=id,phoneNumber&telephonyNetwork=Public`, admin)).json();
    expect(body).toEqual({ statusCode: 0, devices: [{ id: publicPhone, phoneNumber: '+16509870000' }] });
    const none = (await get(`${BASE}/devices?fields=id&telephonyNetwork=Public&deviceState=Active`, admin)).json();
    expect(none).toEqual({ statusCode: 0, devices: [] });
    const one = (await get(`${BASE}/devices/${extensionPhone}?fields=id,e164Number`, admin)).json();
    expect(one).toEqual({ statusCode: 0, device: { id: extensionPhone, e164Number: '3001' } });
  });

  it('gives agents their own devices under /me, and nothing of the contact center', async () => {
    const mine = (await get(`${BASE}/me/devices?fields=*`, agent)).json();
    expect(mine.devices.map((d: { id: string }) => d.id)).toEqual([publicPhone]);
    expect(mine.devices[0].capabilities).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
    const one = await get(`${BASE}/me/devices/${publicPhone}`, agent);
    expect(one.json()).toMatchObject({ statusCode: 0, device: { id: publicPhone } });
    const notMine = await get(`${BASE}/me/devices/${extensionPhone}`, agent);
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json()).toEqual({ statusCode: 6, statusMessage: expect.any(String) });
    const all = await get(`${BASE}/devices`, agent);
    expect(all.statusCode).toBe(403);
    expect(all.json()).toEqual({ statusCode: 5, statusMessage: expect.any(String) });
    const me = (await get(`${BASE}/me?subresources=*`, agent)).json();
    expect(me).toMatchObject({ statusCode: 0, user: { id: agentId, roles: ['ROLE_AGENT'] } });
    expect(me.user.devices.map((d: { id: string }) => d.id)).toEqual([publicPhone]);
  });

  it('keeps a JSESSIONID session and sends the CSRF header pair on reads', async () => {
    const first = await get(`${BASE}/me`, agent);
    expect(first.statusCode).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^JSESSIONID=/);
    expect(first.headers['x-csrf-header']).toBe('X-CSRF-TOKEN');
    expect(first.headers['x-csrf-token']).toMatch(/^[0-9a-f-]{36}$/);
    const again = await get(`${BASE}/me`, { cookie });
    expect(again.statusCode).toBe(200);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['x-csrf-token']).toBe(first.headers['x-csrf-token']);
  });

  it('answers every error in the Genesys envelope alone', async () => {
    const cases: [string, Record<string, string>, number, number][] = [
      [`${BASE}/devices`, {}, 401, 20],
      [`${BASE}/devices`, basic('gws-admin', 'wrong password'), 401, 20],
      [`${BASE}/devices/not-a-device`, admin, 404, 6],
      [`${BASE}/users/nobody/devices`, admin, 404, 6],
      [`${BASE}/no/such/path`, admin, 404, 6],
      [`${BASE}/devices?fields=a&fields=b`, admin, 400, 10],
    ];
    for (const [url, headers, http, statusCode] of cases) {
      const res = await get(url, headers);
      expect(res.statusCode, `${url} ${res.body}`).toBe(http);
      expect(Object.keys(res.json()).sort()).toEqual(['statusCode', 'statusMessage']);
      expect(res.json().statusCode).toBe(statusCode);
    }
    const other = await createTenant(store());
    const [foreign] = await createDevices(store(), [deviceRow(other.tenantId, { kind: 'HardPhone' })]);
    expect((await get(`${BASE}/devices/${foreign}`, admin)).json().statusCode).toBe(6);
  });
});
