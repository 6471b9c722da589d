/**
 * Phone numbers and device lines through the native API on both engines: numbers validated and derived
 * with libphonenumber-js, unique per tenant in E.164, not deleted while on a line; a device's lines replaced
 * as a whole with distinct positions within the model's line count and the sharing rules of line types.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { createApiKey, createTenant, insertPerson, insertProduct } from '../support/factories.js';
import { callerWith, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

type Json = Record<string, unknown>;

describeEachStore('phone numbers and device lines', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const as = callerWith(app);
    const api = as(tenant.auth);
    const number = async (n: string) => {
      const res = await api('POST', '/v1/numbers', { number: n });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const phone = async (productId?: string) => {
      const res = await api('POST', '/v1/devices', {
        kind: productId ? 'HardPhone' : 'OtherPhone',
        name: 'Desk phone',
        productId,
      });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    return { s, tenant, api, as, number, phone };
  }

  async function count(s: Store, table: 'phone_numbers' | 'device_lines' | 'audit_events', tenantId: string) {
    const row = await s.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates numbers in E.164 with derived country, format and location; extensions stay as they are', async () => {
    const { api } = await setup();
    const res = await api('POST', '/v1/numbers', { number: '+1 (650) 987-0000' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: '+16509870000',
      e164: '+16509870000',
      countryCode: 'US',
      countryName: 'United States',
      callingCode: '1',
      nationalFormat: '(650) 987-0000',
      location: 'California',
      version: 1,
    });
    expect(res.headers.location).toBe(`/v1/numbers/${(res.json() as { id: string }).id}`);
    const national = await api('POST', '/v1/numbers', { number: '020 7946 0123', country: 'gb' });
    expect(national.json()).toMatchObject({ number: '+442079460123', countryCode: 'GB', location: 'London' });
    const extension = await api('POST', '/v1/numbers', { number: '3001' });
    expect(extension.json()).toMatchObject({ number: '3001', e164: null, countryCode: null, numberType: 'extension' });
    const list = await api('GET', '/v1/numbers?q=650');
    expect((list.json() as { items: Json[] }).items.map((n) => n.number)).toEqual(['+16509870000']);
    const one = await api('GET', `/v1/numbers/${(extension.json() as { id: string }).id}`);
    expect(one.json()).toMatchObject({ number: '3001' });
  });

  it('refuses invalid numbers (400) and the same number twice in a tenant (409), storing nothing', async () => {
    const { s, tenant, api } = await setup();
    for (const number of ['+1 650 000', 'hello', '123456789', '020 7946 0123']) {
      const res = await api('POST', '/v1/numbers', { number });
      expect(res.statusCode, number).toBe(400);
      expect(res.json()).toMatchObject({ parameter: 'number' });
      expect(res.json().detail).toContain('phone_number_invalid');
    }
    await api('POST', '/v1/numbers', { number: '+16509870000' });
    const twice = await api('POST', '/v1/numbers', { number: '+1-650-987-0000' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'phone_number_taken', parameter: 'number' });
    expect(await count(s, 'phone_numbers', tenant.tenantId)).toBe(1);
    // Another tenant may hold the same number.
    const other = await createTenant(s);
    const theirs = await app().inject({
      method: 'POST',
      url: '/v1/numbers',
      headers: other.auth,
      payload: { number: '+16509870000' },
    });
    expect(theirs.statusCode).toBe(201);
  });

  it('updates with If-Match and a version bump; agents read numbers but may not write them', async () => {
    const { s, tenant, api, as, number } = await setup();
    const id = await number('+16509870000');
    const etag = (await api('GET', `/v1/numbers/${id}`)).headers.etag as string;
    const patched = await api('PATCH', `/v1/numbers/${id}`, { number: '+16509870001' }, { 'if-match': etag });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ number: '+16509870001', version: 2 });
    const stale = await api('PATCH', `/v1/numbers/${id}`, { number: '+16509870002' }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    const same = await api('PUT', `/v1/numbers/${id}`, { number: '+1 650 987 0001' });
    expect(same.json()).toMatchObject({ version: 2 });
    const agent = as(
      (await createApiKey(s, tenant.tenantId, { role: 'agent', personId: await insertPerson(s, tenant.tenantId) }))
        .auth,
    );
    expect((await agent('GET', `/v1/numbers/${id}`)).statusCode).toBe(200);
    expect((await agent('POST', '/v1/numbers', { number: '3005' })).statusCode).toBe(403);
  });

  it('replaces a device line list and shows it on the device; deleting a number on a line is 409', async () => {
    const { s, tenant, api, number, phone } = await setup();
    const did = await number('+16509870000');
    const main = await number('+16509870100');
    const device = await phone();
    const res = await api('PUT', `/v1/devices/${device}/lines`, {
      lines: [
        { position: 1, phoneNumberId: main, lineType: 'BlaSecondary' },
        { position: 0, phoneNumberId: did, lineType: 'Standalone' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      lines: [
        { position: 0, lineType: 'Standalone', phoneNumberId: did, number: '+16509870000', location: 'California' },
        { position: 1, lineType: 'BlaSecondary', phoneNumberId: main },
      ],
    });
    const again = await api('PUT', `/v1/devices/${device}/lines`, {
      lines: [
        { position: 0, phoneNumberId: did, lineType: 'Standalone' },
        { position: 1, phoneNumberId: main, lineType: 'BlaSecondary' },
      ],
    });
    expect(again.json()).toMatchObject({ version: 2 });
    const inUse = await api('DELETE', `/v1/numbers/${did}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'phone_number_in_use' });
    const cleared = await api('PUT', `/v1/devices/${device}/lines`, { lines: [] });
    expect(cleared.json()).toMatchObject({ version: 3, lines: [] });
    expect((await api('DELETE', `/v1/numbers/${did}`)).statusCode).toBe(204);
    const actions = await s.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.tenantId)
      .where('resource_id', '=', device)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['device.create', 'device.lines.replace', 'device.lines.replace']);
  });

  it('refuses repeated positions and numbers, positions beyond the model, unknown numbers: 400, nothing stored', async () => {
    const { s, tenant, api, number, phone } = await setup();
    const a = await number('+16509870000');
    const b = await number('+16509870001');
    const twoLines = await insertProduct(s, { device_kind: 'HardPhone', line_count: 2 });
    const device = await phone(twoLines);
    const foreign = await createTenant(s);
    const theirs = await app().inject({
      method: 'POST',
      url: '/v1/numbers',
      headers: foreign.auth,
      payload: { number: '+16509870009' },
    });
    const cases: [Json[], string, string][] = [
      [
        [
          { position: 0, phoneNumberId: a, lineType: 'Standalone' },
          { position: 0, phoneNumberId: b, lineType: 'Standalone' },
        ],
        'lines[1].position',
        'line_position_taken',
      ],
      [
        [
          { position: 0, phoneNumberId: a, lineType: 'Standalone' },
          { position: 1, phoneNumberId: a, lineType: 'BlaSecondary' },
        ],
        'lines[1].phoneNumberId',
        'number_twice_on_device',
      ],
      [[{ position: 2, phoneNumberId: a, lineType: 'Standalone' }], 'lines[0].position', 'line_position_out_of_range'],
      [
        [{ position: 0, phoneNumberId: (theirs.json() as { id: string }).id, lineType: 'Standalone' }],
        'lines[0].phoneNumberId',
        'unknown_phone_number',
      ],
    ];
    const auditBefore = await count(s, 'audit_events', tenant.tenantId);
    for (const [lines, parameter, rule] of cases) {
      const res = await api('PUT', `/v1/devices/${device}/lines`, { lines });
      expect(res.statusCode, rule).toBe(400);
      expect(res.json()).toMatchObject({ parameter });
      expect(res.json().detail).toContain(rule);
    }
    const badType = await api('PUT', `/v1/devices/${device}/lines`, {
      lines: [{ position: 0, phoneNumberId: a, lineType: 'Primary' }],
    });
    expect(badType.statusCode).toBe(400);
    expect(await count(s, 'device_lines', tenant.tenantId)).toBe(0);
    expect(await count(s, 'audit_events', tenant.tenantId)).toBe(auditBefore);
    expect((await api('GET', `/v1/devices/${device}`)).json()).toMatchObject({ version: 1 });
  });

  it('shares lines by type: Standalone exclusive, one BlaPrimary per number, BlaSecondary on many devices', async () => {
    const { api, number, phone } = await setup();
    const n = await number('+16509870000');
    const [d1, d2, d3, d4] = [await phone(), await phone(), await phone(), await phone()];
    const put = (device: string, lineType: string) =>
      api('PUT', `/v1/devices/${device}/lines`, { lines: [{ position: 0, phoneNumberId: n, lineType }] });
    expect((await put(d1, 'BlaPrimary')).statusCode).toBe(200);
    expect((await put(d2, 'BlaSecondary')).statusCode).toBe(200);
    expect((await put(d3, 'BlaSecondary')).statusCode).toBe(200);
    const secondPrimary = await put(d4, 'BlaPrimary');
    expect(secondPrimary.statusCode).toBe(409);
    expect(secondPrimary.json()).toMatchObject({ code: 'phone_number_in_use', parameter: 'lines[0].phoneNumberId' });
    expect((await put(d4, 'Standalone')).statusCode).toBe(409);
    // A Standalone number cannot become shared either.
    const own = await number('+16509870001');
    await api('PUT', `/v1/devices/${d4}/lines`, {
      lines: [{ position: 0, phoneNumberId: own, lineType: 'Standalone' }],
    });
    const share = await api('PUT', `/v1/devices/${d3}/lines`, {
      lines: [{ position: 0, phoneNumberId: own, lineType: 'BlaSecondary' }],
    });
    expect(share.statusCode).toBe(409);
  });
});
