/**
 * Poly device rules through the native API on both engines: the display id (tattoo id if present, else the
 * serial), pairing a headset with a base or dongle (both sides, one partner each, kinds, self, tenant,
 * ownership), and firmware versions per component with compliance re-derived.
 */
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
} from '../support/factories.js';
import { callerWith, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;

describeEachStore('Poly device rules', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const as = callerWith(app);
    const api = as(tenant.auth);
    const device = async (kind: string, extra: Json = {}) => {
      const res = await api('POST', '/v1/devices', { kind, name: `${kind} ${newId().slice(-6)}`, ...extra });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    return { s, tenant, api, as, device };
  }

  it('derives the display id from the serial unless the device has a tattoo id', async () => {
    const { s, tenant, api, device } = await setup();
    const id = await device('Headset', { serial: 'S-1' });
    expect((await api('GET', `/v1/devices/${id}`)).json()).toMatchObject({ displayId: 'S-1' });
    const changed = await api('PATCH', `/v1/devices/${id}`, { serial: 'S-2' });
    expect(changed.json()).toMatchObject({ serial: 'S-2', displayId: 'S-2' });
    const [tattooed] = await createDevices(s, [deviceRow(tenant.tenantId, { serial: 'S-3', display_id: 'TATTOO-9' })]);
    const kept = await api('PATCH', `/v1/devices/${tattooed}`, { serial: 'S-4' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ serial: 'S-4', displayId: 'TATTOO-9' });
  });

  it('pairs a headset with a base on both sides, replaces and removes the pairing, bumping both versions', async () => {
    const { s, tenant, api, device } = await setup();
    const product = await insertProduct(s, {
      family: 'Savi',
      model_id: 'D400',
      name: 'Savi 8240 base',
      device_kind: 'Base',
    });
    const headset = await device('Headset', { serial: 'H-1' });
    const base = await device('Base', { serial: 'B-1', productId: product });
    const res = await api('PUT', `/v1/devices/${headset}/paired-device`, { deviceId: base });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      connectedDevices: [
        {
          component: 'base',
          deviceId: base,
          displayId: 'B-1',
          family: 'Savi',
          modelId: 'D400',
          name: 'Savi 8240 base',
        },
      ],
    });
    const other = (await api('GET', `/v1/devices/${base}`)).json() as Json;
    expect(other).toMatchObject({
      version: 2,
      connectedDevices: [{ component: 'headset', deviceId: headset, displayId: 'H-1' }],
    });
    const same = await api('PUT', `/v1/devices/${headset}/paired-device`, { deviceId: base });
    expect(same.json()).toMatchObject({ version: 2 });

    // A dongle replaces the base: the base forgets the headset.
    const dongle = await device('Dongle');
    const replaced = await api('PUT', `/v1/devices/${headset}/paired-device`, { deviceId: dongle });
    expect(replaced.json()).toMatchObject({
      version: 3,
      connectedDevices: [{ component: 'dongle', deviceId: dongle }],
    });
    expect((await api('GET', `/v1/devices/${base}`)).json()).toMatchObject({ version: 3, connectedDevices: [] });

    const unpaired = await api('PUT', `/v1/devices/${dongle}/paired-device`, { deviceId: null });
    expect(unpaired.json()).toMatchObject({ connectedDevices: [] });
    expect((await api('GET', `/v1/devices/${headset}`)).json()).toMatchObject({ version: 4, connectedDevices: [] });
    const actions = await s.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.tenantId)
      .where('action', 'in', ['device.pair', 'device.unpair'])
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['device.pair', 'device.pair', 'device.unpair']);
  });

  it('refuses self-pairing, wrong kinds, foreign or unknown devices (400) and a partner paired elsewhere (409)', async () => {
    const { s, tenant, api, device } = await setup();
    const headset = await device('Headset');
    const phone = await device('OtherPhone');
    const otherHeadset = await device('Headset');
    const base = await device('Base');
    const foreign = await createTenant(s);
    const [theirs] = await createDevices(s, [deviceRow(foreign.tenantId, { kind: 'Base' })]);
    const cases: [string, string, string][] = [
      [headset, headset, 'pairing_self'],
      [headset, phone, 'pairing_kinds'],
      [headset, otherHeadset, 'pairing_kinds'],
      [headset, theirs!, 'unknown_device'],
      [headset, newId(), 'unknown_device'],
    ];
    for (const [from, to, rule] of cases) {
      const res = await api('PUT', `/v1/devices/${from}/paired-device`, { deviceId: to });
      expect(res.statusCode, rule).toBe(400);
      expect(res.json()).toMatchObject({ parameter: 'deviceId' });
      expect(res.json().detail).toContain(rule);
    }
    expect((await api('PUT', `/v1/devices/${otherHeadset}/paired-device`, { deviceId: base })).statusCode).toBe(200);
    const taken = await api('PUT', `/v1/devices/${headset}/paired-device`, { deviceId: base });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'device_already_paired', parameter: 'deviceId' });
    expect((await api('GET', `/v1/devices/${headset}`)).json()).toMatchObject({ version: 1, connectedDevices: [] });
    const pairings = await s.db
      .selectFrom('connected_devices')
      .select('device_id')
      .where('tenant_id', '=', tenant.tenantId)
      .execute();
    expect(pairings).toHaveLength(2);
  });

  it('lets an agent pair only their own devices', async () => {
    const { s, tenant, device, as } = await setup();
    const person = await insertPerson(s, tenant.tenantId);
    const agent = as((await createApiKey(s, tenant.tenantId, { role: 'agent', personId: person })).auth);
    const mine = await device('Headset', { personId: person });
    const myBase = await device('Base', { personId: person });
    const notMine = await device('Base');
    const refused = await agent('PUT', `/v1/devices/${mine}/paired-device`, { deviceId: notMine });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('unknown_device');
    const ok = await agent('PUT', `/v1/devices/${mine}/paired-device`, { deviceId: myBase });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('sets firmware per component and re-derives compliance', async () => {
    const { s, tenant, api, device } = await setup();
    const product = await insertProduct(s, { device_kind: 'Headset' });
    await s.db
      .insertInto('compliance_policies')
      .values({
        id: newId(),
        tenant_id: tenant.tenantId,
        name: 'headsets',
        product_id: product,
        user_group_id: null,
        component: 'headset',
        target_version: '2.0',
        allow_decline: 0,
        created_at: Date.now(),
        updated_at: Date.now(),
        version: 1,
      })
      .execute();
    const id = await device('Headset', { productId: product });
    const old = await api('PUT', `/v1/devices/${id}/firmware`, { main: '1.0', headset: '1.9' });
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json()).toMatchObject({
      version: 2,
      firmware: { main: '1.0', headset: '1.9', base: null, bluetooth: null, usb: null },
      compliance: { status: 'noncompliant', targetVersion: '2.0' },
    });
    const etag = old.headers.etag as string;
    const current = await api('PUT', `/v1/devices/${id}/firmware`, { headset: '2.0' }, { 'if-match': etag });
    expect(current.json()).toMatchObject({
      version: 3,
      firmware: { main: null, headset: '2.0' },
      compliance: { status: 'compliant' },
    });
    const stale = await api('PUT', `/v1/devices/${id}/firmware`, { headset: '2.1' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    const blank = await api('PUT', `/v1/devices/${id}/firmware`, { headset: ' ' });
    expect(blank.statusCode).toBe(400);
    const same = await api('PUT', `/v1/devices/${id}/firmware`, { headset: '2.0' });
    expect(same.json()).toMatchObject({ version: 3 });
  });
});
