/**
 * Webex device provisioning through the native API on both engines: activation codes (16 digits, stored
 * hashed, 7-day expiry, one use), activating → activated → deactivated, the owner rules (person xor
 * workspace, agents only for themselves), and validate-macs against the tenant's MACs.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { ACTIVATION_CODE_TTL_MS } from '../../src/modules/activation/activation.service.js';
import {
  createApiKey,
  createDevices,
  createTenant,
  deviceRow,
  insertPerson,
  insertProduct,
  insertWorkspace,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;

describeEachStore('device activation and MAC lists', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const model = `DMS Cisco 88${Math.floor(Math.random() * 1e6)}`;
    const productId = await insertProduct(s, { name: model, model_id: `m-${model}`, device_kind: 'HardPhone' });
    const person = await insertPerson(s, tenant.tenantId);
    const as =
      (auth: Record<string, string>) =>
      (method: 'POST' | 'GET' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) =>
        app().inject({
          method,
          url,
          headers: { ...auth, ...headers },
          ...(body === undefined ? {} : { payload: body as Json }),
        });
    return { s, tenant, model, productId, person, api: as(tenant.auth), as };
  }

  async function count(s: Store, table: 'devices' | 'audit_events' | 'activation_codes', tenantId: string) {
    const row = await s.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('issues a 16-digit code for a pre-created activating device, stored only as its hash', async () => {
    const { s, tenant, model, productId, person, api } = await setup();
    const before = Date.now();
    const res = await api('POST', '/v1/devices/activation-codes', { personId: person, model });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { code: string; expiresAt: string; device: Json & { id: string } };
    expect(body.code).toMatch(/^\d{16}$/);
    const expiry = Date.parse(body.expiresAt);
    expect(expiry).toBeGreaterThanOrEqual(before + ACTIVATION_CODE_TTL_MS);
    expect(expiry).toBeLessThanOrEqual(Date.now() + ACTIVATION_CODE_TTL_MS);
    expect(ACTIVATION_CODE_TTL_MS).toBe(7 * 24 * 3_600_000);
    expect(res.headers.location).toBe(`/v1/devices/${body.device.id}`);
    expect(body.device).toMatchObject({
      kind: 'HardPhone',
      name: model,
      activationState: 'activating',
      product: { id: productId },
      owner: { type: 'person', id: person },
      mac: null,
      version: 1,
    });
    const [stored] = await s.db
      .selectFrom('activation_codes')
      .selectAll()
      .where('tenant_id', '=', tenant.tenantId)
      .execute();
    expect(stored!.code_hash).toBe(createHash('sha256').update(body.code).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(body.code);
    const audit = await s.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('tenant_id', '=', tenant.tenantId)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('device.activation_code.create');
    expect(audit.after).not.toContain(body.code);
    // The model may also be named by its model id; a workspace may own the device.
    const workspace = await insertWorkspace(s, tenant.tenantId);
    const byModelId = await api('POST', '/v1/devices/activation-codes', {
      workspaceId: workspace,
      model: `m-${model}`,
    });
    expect(byModelId.statusCode, byModelId.body).toBe(201);
    expect(byModelId.json()).toMatchObject({ device: { owner: { type: 'workspace', id: workspace } } });
  });

  it('refuses both owners, no owner, an unknown model or person, storing nothing', async () => {
    const { s, tenant, model, person, api } = await setup();
    const workspace = await insertWorkspace(s, tenant.tenantId);
    const cases: [Json, string][] = [
      [{ personId: person, workspaceId: workspace, model }, 'workspaceId'],
      [{ model }, 'personId'],
      [{ personId: person, model: 'No Such Phone' }, 'model'],
      [{ personId: 'nobody', model }, 'personId'],
      [{ personId: person }, 'model'],
    ];
    for (const [body, parameter] of cases) {
      const res = await api('POST', '/v1/devices/activation-codes', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ parameter });
    }
    expect(await count(s, 'devices', tenant.tenantId)).toBe(0);
    expect(await count(s, 'activation_codes', tenant.tenantId)).toBe(0);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(0);
  });

  it('activates once with the code and MAC; a used, expired, withdrawn or foreign code is 422', async () => {
    const { s, model, person, api } = await setup();
    const issue = async () =>
      (await api('POST', '/v1/devices/activation-codes', { personId: person, model })).json() as {
        code: string;
        device: { id: string };
      };
    const first = await issue();
    const formatted = first.code.replace(/(\d{4})(?=\d)/g, '$1-');
    const res = await api('POST', '/v1/activations', { code: formatted, mac: 'aa:bb:cc:00:11:22', serial: ' FCH1 ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: first.device.id,
      activationState: 'activated',
      mac: 'AABBCC001122',
      serial: 'FCH1',
      displayId: 'FCH1',
      version: 2,
    });

    const again = await api('POST', '/v1/activations', { code: first.code, mac: 'AABBCC001199' });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: 'activation_code_invalid', parameter: 'code' });
    expect(again.json().detail).toContain('used');

    const expired = await issue();
    await s.db
      .updateTable('activation_codes')
      .set({ expires_at: Date.now() - 1 })
      .where('device_id', '=', expired.device.id)
      .execute();
    const late = await api('POST', '/v1/activations', { code: expired.code, mac: 'AABBCC001133' });
    expect(late.statusCode).toBe(422);
    expect(late.json().detail).toContain('expired');

    const taken = await issue();
    const clash = await api('POST', '/v1/activations', { code: taken.code, mac: 'AA-BB-CC-00-11-22' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'device_mac_taken', parameter: 'mac' });
    const badMac = await api('POST', '/v1/activations', { code: taken.code, mac: 'not a mac' });
    expect(badMac.statusCode).toBe(400);
    expect(badMac.json()).toMatchObject({ parameter: 'mac' });
    // Neither failure used the code up.
    const ok = await api('POST', '/v1/activations', { code: taken.code, mac: 'AABBCC001144' });
    expect(ok.statusCode, ok.body).toBe(200);

    const other = await createTenant(s);
    const foreign = await issue();
    const stranger = await app().inject({
      method: 'POST',
      url: '/v1/activations',
      headers: other.auth,
      payload: { code: foreign.code, mac: 'AABBCC001155' },
    });
    expect(stranger.statusCode).toBe(422);
    const unknown = await api('POST', '/v1/activations', { code: '0000000000000000', mac: 'AABBCC001166' });
    expect(unknown.statusCode).toBe(422);
    const device = await api('GET', `/v1/devices/${foreign.device.id}`);
    expect(device.json()).toMatchObject({ activationState: 'activating', mac: null, version: 1 });
  });

  it('deactivates activating and activated devices, withdrawing unused codes; others are 409', async () => {
    const { s, tenant, model, person, api } = await setup();
    const issued = (await api('POST', '/v1/devices/activation-codes', { personId: person, model })).json() as {
      code: string;
      device: { id: string };
    };
    const res = await api('POST', `/v1/devices/${issued.device.id}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ activationState: 'deactivated', version: 2 });
    const withdrawn = await api('POST', '/v1/activations', { code: issued.code, mac: 'AABBCC002211' });
    expect(withdrawn.statusCode).toBe(422);
    expect(withdrawn.json().detail).toContain('withdrawn');
    const twice = await api('POST', `/v1/devices/${issued.device.id}/deactivate`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'device_not_activated' });

    const second = (await api('POST', '/v1/devices/activation-codes', { personId: person, model })).json() as {
      code: string;
      device: { id: string };
    };
    await api('POST', '/v1/activations', { code: second.code, mac: 'AABBCC002222' });
    const etag = (await api('GET', `/v1/devices/${second.device.id}`)).headers.etag as string;
    const stale = await api('POST', `/v1/devices/${second.device.id}/deactivate`, undefined, { 'if-match': '"stale"' });
    expect(stale.statusCode).toBe(412);
    const fresh = await api('POST', `/v1/devices/${second.device.id}/deactivate`, undefined, { 'if-match': etag });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json()).toMatchObject({ activationState: 'deactivated', version: 3 });

    const [plain] = await createDevices(s, [deviceRow(tenant.tenantId)]);
    const never = await api('POST', `/v1/devices/${plain}/deactivate`);
    expect(never.statusCode).toBe(409);
    const audits = await s.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.tenantId)
      .where('action', 'in', ['device.activate', 'device.deactivate'])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['device.activate', 'device.deactivate', 'device.deactivate']);
  });

  it('lets agents issue codes for themselves only and redeem only their own', async () => {
    const { s, tenant, model, person, api, as } = await setup();
    const agent = as((await createApiKey(s, tenant.tenantId, { role: 'agent', personId: person })).auth);
    const own = await agent('POST', '/v1/devices/activation-codes', { model });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ device: { owner: { id: person } } });
    const other = await insertPerson(s, tenant.tenantId);
    const forOther = await agent('POST', '/v1/devices/activation-codes', { personId: other, model });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json()).toMatchObject({ code: 'device_not_owned', parameter: 'personId' });
    const othersCode = (await api('POST', '/v1/devices/activation-codes', { personId: other, model })).json() as {
      code: string;
    };
    const redeem = await agent('POST', '/v1/activations', { code: othersCode.code, mac: 'AABBCC003311' });
    expect(redeem.statusCode).toBe(404);
    const mine = await agent('POST', '/v1/activations', {
      code: (own.json() as { code: string }).code,
      mac: 'AABBCC003322',
    });
    expect(mine.statusCode, mine.body).toBe(200);
  });

  it('keeps Webex settings (upgrade channel, SIP owner, outbound proxy, managedBy) and refuses bad ones', async () => {
    const { s, tenant, api } = await setup();
    const [id] = await createDevices(s, [deviceRow(tenant.tenantId, { kind: 'Room', name: 'Board room' })]);
    const url = `/v1/devices/${id}`;
    const res = await api('PATCH', url, {
      upgradeChannel: 'Stable',
      managedBy: 'CUSTOMER',
      sip: { userName: '392829', linePort: 'i6i1ar1v29@98079822.int10.bcld.webex.com', outboundProxy: 'hs17.example' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      upgradeChannel: 'Stable',
      managedBy: 'CUSTOMER',
      sip: { userName: '392829', linePort: 'i6i1ar1v29@98079822.int10.bcld.webex.com', outboundProxy: 'hs17.example' },
    });
    const cases: [Json, string, string][] = [
      [{ managedBy: 'VENDOR' }, 'managedBy', 'managed_by_value'],
      [{ upgradeChannel: '  ' }, 'upgradeChannel', 'upgrade_channel_blank'],
      [{ sip: { userName: null } }, 'sip.userName', 'sip_user_name_required'],
    ];
    for (const [patch, parameter, rule] of cases) {
      const bad = await api('PATCH', url, patch);
      expect(bad.statusCode, rule).toBe(400);
      expect(bad.json()).toMatchObject({ parameter });
      expect(bad.json().detail).toContain(rule);
    }
    expect((await api('GET', url)).json()).toMatchObject({ managedBy: 'CUSTOMER', version: 2 });
  });

  it('validates a MAC list against the tenant in one answer: available, unavailable, duplicate, invalid', async () => {
    const { s, tenant, api } = await setup();
    await createDevices(s, [deviceRow(tenant.tenantId, { mac: '00005E0053B4' })]);
    const other = await createTenant(s);
    await createDevices(s, [deviceRow(other.tenantId, { mac: 'AB125678CDEF' })]);
    const res = await api('POST', '/v1/devices/validate-macs', {
      macs: ['ab125678cdef', '00:00:5e:00:53:b4', 'AB-12-56-78-CD-EF', 'zz', '000000000000', '00005E0053B4'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      status: 'ERRORS',
      macStatus: [
        { mac: 'ab125678cdef', state: 'AVAILABLE' },
        {
          mac: '00:00:5e:00:53:b4',
          state: 'UNAVAILABLE',
          errorCode: 5675,
          message: '[Error 5675] MAC Address is in use.',
        },
        { mac: 'AB-12-56-78-CD-EF', state: 'DUPLICATE_IN_LIST' },
        { mac: 'zz', state: 'INVALID' },
        { mac: '000000000000', state: 'INVALID' },
        { mac: '00005E0053B4', state: 'DUPLICATE_IN_LIST' },
      ],
    });
    const ok = await api('POST', '/v1/devices/validate-macs', { macs: ['001122334455'] });
    expect(ok.json()).toEqual({ status: 'OK', macStatus: [{ mac: '001122334455', state: 'AVAILABLE' }] });
    const tooMany = await api('POST', '/v1/devices/validate-macs', { macs: Array(1001).fill('001122334455') });
    expect(tooMany.statusCode).toBe(400);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(0);
  });
});
