/**
 * RingCentral's device blocks (emergency, shipping, billing; ringcentral-blocks.ts) through the native API on
 * both engines: valid blocks round-trip through POST, GET, PUT and PATCH (RFC 7396 on nested members), stored
 * in canonical form; every rule is a 400 naming the field path and the rule, storing nothing; bulk import runs
 * the same rules.
 */
import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import {
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

const EMERGENCY = {
  address: {
    customerName: 'Dr. Watson',
    street: '20 Davis Drive',
    street2: 'Suite 100',
    city: 'Belmont',
    state: 'CA',
    stateIsoCode: 'CA',
    zip: '94002',
    country: 'US',
    countryIsoCode: 'US',
    countryName: 'United States',
    outOfCountry: false,
  },
  location: { id: '8001', name: 'HQ 1st floor', addressFormatId: 'US', addressFormatStatus: 'Actual' },
  outOfCountry: false,
  addressStatus: 'Valid',
  visibility: 'Private',
  syncStatus: 'Verified',
  addressEditableStatus: 'MainDevice',
};

/** RingCentral's readDevice sample (vendor-apis.md §4.6), with a carrier and tracking number. */
const SHIPPING = {
  address: {
    street: '20 Davis Drive',
    city: 'Belmont',
    state: 'CA',
    country: 'US',
    zip: '123456',
    customerName: 'Dr. Watson',
  },
  method: { id: '2', name: '2 Day' },
  status: 'Initial',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
};

const BILLING = {
  currency: 'USD',
  charges: [{ description: 'Cisco SPA-508G', amount: '0.99', feature: 'HardPhone', freeServiceCredit: '0.00' }],
  fees: [{ description: 'Shipping', amount: 12.5 }],
  totalCharged: '13.49',
  totalCharges: '0.99',
  totalFees: 12.5,
  subtotal: '13.49',
  totalFreeServiceCredit: 0,
};
/** BILLING as stored and shown: amounts as numbers. */
const BILLING_STORED = {
  currency: 'USD',
  charges: [{ description: 'Cisco SPA-508G', amount: 0.99, feature: 'HardPhone', freeServiceCredit: 0 }],
  fees: [{ description: 'Shipping', amount: 12.5 }],
  totalCharged: 13.49,
  totalCharges: 0.99,
  totalFees: 12.5,
  subtotal: 13.49,
  totalFreeServiceCredit: 0,
};

describeEachStore('RingCentral device blocks', ({ store }) => {
  const { app } = useApp(store);

  async function setup() {
    const s = store();
    const tenant = await createTenant(s);
    const api = (method: 'POST' | 'PUT' | 'PATCH' | 'GET', url: string, body?: Json) =>
      app().inject({ method, url, headers: tenant.auth, ...(body === undefined ? {} : { payload: body }) });
    const productId = await insertProduct(s, { device_kind: 'HardPhone', name: 'Cisco SPA-508G' });
    const personId = await insertPerson(s, tenant.tenantId);
    const phone = { kind: 'HardPhone', productId, personId };
    return { s, tenant, api, productId, personId, phone };
  }

  async function columns(s: Store, id: string) {
    return s.db
      .selectFrom('devices')
      .select(['emergency', 'shipping', 'billing', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function counts(s: Store, tenantId: string): Promise<number[]> {
    const n = async (table: 'devices' | 'audit_events') =>
      Number(
        (
          await s.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', tenantId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await n('devices'), await n('audit_events')];
  }

  it('round-trips the three blocks through POST and GET, stored canonically', async () => {
    const c = await setup();
    const res = await c.api('POST', '/v1/devices', {
      ...c.phone,
      emergency: EMERGENCY,
      shipping: SHIPPING,
      billing: BILLING,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Json;
    expect(created.emergency).toEqual(EMERGENCY);
    expect(created.shipping).toEqual(SHIPPING);
    expect(created.billing).toEqual(BILLING_STORED);
    const get = await c.api('GET', `/v1/devices/${created.id as string}`);
    expect(get.json()).toEqual(created);

    const row = await columns(c.s, created.id as string);
    expect(JSON.parse(row.billing!)).toEqual(BILLING_STORED);
    // The text stored is the block as written, amounts as numbers.
    expect(row.shipping).toBe(JSON.stringify(SHIPPING));
  });

  it('replaces the blocks whole on PUT; a missing block becomes null', async () => {
    const c = await setup();
    const id = (await c.api('POST', '/v1/devices', { ...c.phone, emergency: EMERGENCY, shipping: SHIPPING })).json()
      .id as string;
    const res = await c.api('PUT', `/v1/devices/${id}`, {
      ...c.phone,
      emergency: { addressStatus: 'Invalid' },
      billing: { currency: 'EUR', totalCharged: '1.5' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ shipping: null, version: 2 });
    expect(res.json().emergency).toEqual({ addressStatus: 'Invalid' });
    expect(res.json().billing).toEqual({ currency: 'EUR', totalCharged: 1.5 });
  });

  it('merges a PATCH into nested members (RFC 7396): null removes, objects merge, arrays replace', async () => {
    const c = await setup();
    const created = (
      await c.api('POST', '/v1/devices', { ...c.phone, emergency: EMERGENCY, shipping: SHIPPING, billing: BILLING })
    ).json() as Json;
    const url = `/v1/devices/${created.id as string}`;

    const res = await c.api('PATCH', url, {
      emergency: {
        address: { street2: null, city: 'San Mateo' },
        location: { name: 'HQ 2nd floor' },
        visibility: null,
      },
      shipping: { status: 'Shipped', method: { id: '3', name: 'Overnight' }, address: { zip: null } },
      billing: { fees: [{ description: 'Express', amount: '20' }], totalFees: null },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Json;
    const { street2: _street2, ...address } = EMERGENCY.address;
    const { visibility: _visibility, ...emergency } = EMERGENCY;
    expect(after.emergency).toEqual({
      ...emergency,
      address: { ...address, city: 'San Mateo' },
      location: { ...EMERGENCY.location, name: 'HQ 2nd floor' },
    });
    const { zip: _zip, ...shippingAddress } = SHIPPING.address;
    expect(after.shipping).toEqual({
      ...SHIPPING,
      status: 'Shipped',
      method: { id: '3', name: 'Overnight' },
      address: shippingAddress,
    });
    const { totalFees: _totalFees, ...billing } = BILLING_STORED;
    expect(after.billing).toEqual({ ...billing, fees: [{ description: 'Express', amount: 20 }] });
    expect((await c.api('GET', url)).json()).toEqual(after);

    // Only a method id: the stored name no longer agrees (400, nothing stored); both together do.
    const before = await columns(c.s, created.id as string);
    const mismatch = await c.api('PATCH', url, { shipping: { method: { id: '1' } } });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ parameter: 'shipping.method.name' });
    expect(await columns(c.s, created.id as string)).toEqual(before);

    // A patch removing every member of a block leaves null; null removes a block whole.
    const cleared = await c.api('PATCH', url, {
      billing: null,
      shipping: { status: null, carrier: null, trackingNumber: null, method: null, address: null },
    });
    expect(cleared.json()).toMatchObject({ billing: null, shipping: null });
    expect(await columns(c.s, created.id as string)).toMatchObject({ billing: null, shipping: null });
  });

  it('an unchanged block is no change: same version, no audit event', async () => {
    const c = await setup();
    const created = (await c.api('POST', '/v1/devices', { ...c.phone, billing: BILLING })).json() as Json;
    // A block stored before these rules, in an order of its own (as the demo fleet writes them).
    const emergency = { location: { name: 'HQ' }, address: { zip: '94002', street: '20 Davis Drive' } };
    const [stored] = await createDevices(c.s, [
      deviceRow(c.tenant.tenantId, {
        kind: 'SoftPhone',
        serial: null,
        owner_person_id: c.personId,
        emergency: JSON.stringify(emergency),
      }),
    ]);
    const before = await counts(c.s, c.tenant.tenantId);
    const res = await c.api('PATCH', `/v1/devices/${created.id as string}`, { billing: { totalCharged: 13.49 } });
    expect(res.json()).toMatchObject({ version: 1 });
    const noop = await c.api('PATCH', `/v1/devices/${stored!}`, {
      emergency: { address: { street: '20 Davis Drive' } },
    });
    expect(noop.statusCode, noop.body).toBe(200);
    expect(noop.json()).toMatchObject({ version: 1, emergency });
    expect(await counts(c.s, c.tenant.tenantId)).toEqual(before);
  });

  it('refuses each broken rule with 400 naming the field path and the rule, storing nothing', async () => {
    const c = await setup();
    const headset = { kind: 'Headset', name: 'Voyager', personId: c.personId };
    const cases: [Json, string, string][] = [
      [
        { ...c.phone, emergency: { address: { countryIsoCode: 'us' } } },
        'emergency.address.countryIsoCode',
        'iso_country_code',
      ],
      [
        { ...c.phone, shipping: { address: { countryIsoCode: 'USA' } } },
        'shipping.address.countryIsoCode',
        'iso_country_code',
      ],
      [
        { ...c.phone, shipping: { method: { id: '1', name: 'Overnight' } } },
        'shipping.method.name',
        'shipping_method_mismatch',
      ],
      [{ ...c.phone, billing: { currency: 'usd' } }, 'billing.currency', 'iso_currency_code'],
      [
        { ...c.phone, personId: null, emergency: { addressStatus: 'Valid' } },
        'emergency',
        'emergency_unassigned_device',
      ],
      [{ ...headset, shipping: { status: 'Initial' } }, 'shipping', 'shipping_kind'],
    ];
    const before = await counts(c.s, c.tenant.tenantId);
    for (const [body, parameter, rule] of cases) {
      const res = await c.api('POST', '/v1/devices', body);
      expect(res.statusCode, `${rule}: ${res.body}`).toBe(400);
      expect(res.json(), rule).toMatchObject({ code: 'invalid_body', parameter });
      expect(res.json().detail, rule).toContain(`${parameter} breaks rule ${rule}`);
    }
    expect(await counts(c.s, c.tenant.tenantId)).toEqual(before);
  });

  it('refuses unknown members at every level, and values outside the schema, naming the path', async () => {
    const c = await setup();
    const before = await counts(c.s, c.tenant.tenantId);
    const unknown: [Json, string][] = [
      [{ emergency: { colour: 'red' } }, 'emergency.colour'],
      [{ emergency: { address: { floor: '3' } } }, 'emergency.address.floor'],
      [{ emergency: { location: { building: 'A' } } }, 'emergency.location.building'],
      [{ shipping: { method: { id: '1', speed: 'fast' } } }, 'shipping.method.speed'],
      [{ shipping: { address: { apartment: '4' } } }, 'shipping.address.apartment'],
      [{ billing: { charges: [{ amount: 1, tax: 2 }] } }, 'billing.charges.0.tax'],
    ];
    for (const [blocks, member] of unknown) {
      const res = await c.api('POST', '/v1/devices', { ...c.phone, ...blocks });
      expect(res.statusCode, member).toBe(400);
      expect(res.json(), member).toMatchObject({ code: 'invalid_body', parameter: member });
      expect(res.json().detail).toContain(`Unknown body parameter '${member}'`);
    }
    const invalid: [Json, string][] = [
      [{ emergency: { addressStatus: 'Fine' } }, 'emergency.addressStatus'],
      [{ emergency: { visibility: 'Secret' } }, 'emergency.visibility'],
      [{ emergency: { syncStatus: 'Synced' } }, 'emergency.syncStatus'],
      [{ emergency: { addressEditableStatus: 'Nobody' } }, 'emergency.addressEditableStatus'],
      [{ emergency: { location: { addressFormatStatus: 'New' } } }, 'emergency.location.addressFormatStatus'],
      [{ shipping: { status: 'Delivered' } }, 'shipping.status'],
      [{ shipping: { method: { id: '4' } } }, 'shipping.method.id'],
      [{ shipping: { carrier: 'x'.repeat(101) } }, 'shipping.carrier'],
      [{ billing: { totalCharged: '0,99' } }, 'billing.totalCharged'],
      [{ billing: { fees: [{ amount: 'ten' }] } }, 'billing.fees.0.amount'],
    ];
    for (const [blocks, path] of invalid) {
      const res = await c.api('POST', '/v1/devices', { ...c.phone, ...blocks });
      expect(res.statusCode, path).toBe(400);
      expect(res.json(), path).toMatchObject({ code: 'invalid_body' });
      expect(res.json().detail, path).toContain(path);
    }
    expect(await counts(c.s, c.tenant.tenantId)).toEqual(before);
  });

  it('emergency needs an owner (DEV-129): a workspace or a virtual line will do, and the owner cannot go while it is set', async () => {
    const c = await setup();
    const workspaceId = await insertWorkspace(c.s, c.tenant.tenantId);
    const byWorkspace = await c.api('POST', '/v1/devices', {
      kind: 'HardPhone',
      productId: c.productId,
      workspaceId,
      emergency: { addressStatus: 'Valid' },
    });
    expect(byWorkspace.statusCode, byWorkspace.body).toBe(201);
    const url = `/v1/devices/${byWorkspace.json().id as string}`;
    const before = await columns(c.s, byWorkspace.json().id as string);
    const orphaned = await c.api('PATCH', url, { workspaceId: null });
    expect(orphaned.statusCode).toBe(400);
    expect(orphaned.json()).toMatchObject({ parameter: 'emergency' });
    expect(orphaned.json().detail).toContain('emergency_unassigned_device');
    expect(await columns(c.s, byWorkspace.json().id as string)).toEqual(before);
    const both = await c.api('PATCH', url, { workspaceId: null, emergency: null });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json()).toMatchObject({ owner: null, emergency: null });

    const virtualLineId = newId();
    await c.s.db
      .insertInto('virtual_lines')
      .values({
        id: virtualLineId,
        tenant_id: c.tenant.tenantId,
        first_name: 'Lobby',
        last_name: 'Line',
        display_name: null,
        extension: null,
        phone_number_id: null,
        site_id: null,
        created_at: 0,
        updated_at: 0,
        version: 1,
      })
      .execute();
    const byLine = await c.api('PATCH', url, { virtualLineId, emergency: { addressStatus: 'Valid' } });
    expect(byLine.statusCode, byLine.body).toBe(200);
    expect(byLine.json()).toMatchObject({ emergency: { addressStatus: 'Valid' } });
  });

  it('ships HardPhones, and e911 stickers for SoftPhones and OtherPhones, nothing else', async () => {
    const c = await setup();
    for (const kind of ['SoftPhone', 'OtherPhone']) {
      const res = await c.api('POST', '/v1/devices', { kind, name: kind, shipping: { status: 'Accepted' } });
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
    }
    for (const kind of ['Headset', 'Room', 'WebPhone']) {
      const res = await c.api('POST', '/v1/devices', { kind, name: kind, shipping: { status: 'Accepted' } });
      expect(res.statusCode, kind).toBe(400);
      expect(res.json(), kind).toMatchObject({ parameter: 'shipping' });
    }
  });

  it('shows the blocks typed in the OpenAPI document, for the resource and the write bodies', async () => {
    const doc = (await app().inject('/openapi.json')).json();
    const device = doc.components.schemas.Device.properties;
    expect(device.emergency.additionalProperties).toBe(false);
    expect(device.emergency.properties.address.properties.countryIsoCode.type).toBe('string');
    expect(device.emergency.properties.syncStatus.enum).toContain('NotRequired');
    expect(device.shipping.properties.method.properties.name.enum).toEqual(['Ground', '2 Day', 'Overnight']);
    expect(device.billing.properties.charges.items.properties.amount.type).toBe('number');
    const body = doc.paths['/v1/devices'].post.requestBody.content['application/json'].schema.properties;
    expect(body.shipping.properties.status.enum).toContain("Won't ship");
    expect(body.billing.properties.totalCharged.type).toEqual(['number', 'string', 'null']);
  });

  it('bulk import runs the same block rules, naming the path of each failed row', async () => {
    const c = await setup();
    const rows = [
      { ...c.phone, mac: '00:1A:2B:00:00:01', shipping: SHIPPING, billing: BILLING },
      { ...c.phone, mac: '00:1A:2B:00:00:02', emergency: { address: { colour: 'red' } } },
      { ...c.phone, mac: '00:1A:2B:00:00:03', shipping: { method: { id: '1', name: '2 Day' } } },
      { ...c.phone, mac: '00:1A:2B:00:00:04', personId: null, emergency: { addressStatus: 'Valid' } },
      { ...c.phone, mac: '00:1A:2B:00:00:05', billing: { currency: 'usd' } },
    ];
    const accepted = await app().inject({
      method: 'POST',
      url: '/v1/imports?partial=true',
      headers: { ...c.tenant.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ devices: rows }),
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
    let job: Json & { state: string; result: Json };
    for (;;) {
      job = (await app().inject({ method: 'GET', url: accepted.headers.location!, headers: c.tenant.auth })).json();
      if (job.state === 'succeeded' || job.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(job.result).toMatchObject({
      created: 1,
      failed: 4,
      failures: [
        { row: 2, error: { field: 'emergency.address.colour', rule: 'unknown_member' } },
        { row: 3, error: { field: 'shipping.method.name', rule: 'shipping_method_mismatch' } },
        { row: 4, error: { field: 'emergency', rule: 'emergency_unassigned_device' } },
        { row: 5, error: { field: 'billing.currency', rule: 'iso_currency_code' } },
      ],
    });
    const list = await c.api('GET', '/v1/devices?limit=10');
    const [device] = list.json().items as Json[];
    expect(device).toMatchObject({ shipping: SHIPPING, billing: BILLING_STORED });
  });
});
