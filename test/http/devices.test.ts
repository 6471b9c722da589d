import { expect, it } from 'vitest';
import {
  createDevices,
  createTenant,
  deviceRow,
  insertGroup,
  insertPerson,
  insertProduct,
  insertSite,
  joinGroups,
  tagDevice,
} from '../support/factories.js';
import { useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('native devices API', ({ store }) => {
  const { get } = useApp(store);

  it('rejects a missing or unknown key with 401, a problem body and WWW-Authenticate', async () => {
    const missing = await get('/v1/devices');
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="ucfleet"');
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 401, code: 'unauthenticated', instance: '/v1/devices' });

    const wrong = await get('/v1/devices', { authorization: 'Bearer not-a-key' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  it('accepts the key as X-API-Key too', async () => {
    const tenant = await createTenant(store());
    const res = await get('/v1/devices', { 'x-api-key': tenant.apiKey });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
  });

  it('gets one device with its product, owner, site, tags, lines and sightings', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const productId = await insertProduct(s, { manufacturer: 'Poly', name: 'Voyager Focus 2 UC', model_id: 'VFOCUS2' });
    const siteId = await insertSite(s, tenantId, { name: 'Austin HQ' });
    const personId = await insertPerson(s, tenantId, { username: 'dwalker' });
    const [id] = await createDevices(s, [
      deviceRow(tenantId, {
        product_id: productId,
        manufacturer: 'Poly',
        site_id: siteId,
        owner_person_id: personId,
        fw_main: '1.2.3',
        emergency: '{"addressStatus":"Valid"}',
      }),
    ]);
    await tagDevice(s, tenantId, id!, 'vip', 'floor-3');
    await s.db
      .insertInto('sightings')
      .values({
        tenant_id: tenantId,
        device_id: id!,
        kind: 'first',
        seen_at: Date.UTC(2025, 0, 2),
        client_instance_id: 'c-1',
        hostname: 'DWALKER-LT01',
        host_os: 'Windows',
        host_os_version: '11',
        softphone_name: 'Microsoft Teams',
        softphone_plugin_id: 'teams',
        softphone_vendor: 'Microsoft',
        softphone_version: '24.1',
        username: 'dwalker',
        first_name: 'David',
        last_name: 'Walker',
        user_groups: '["Sales","Everyone"]',
      })
      .execute();
    const numberId = 'n-' + id;
    await s.db
      .insertInto('phone_numbers')
      .values({
        id: numberId,
        tenant_id: tenantId,
        number: '+15125550100',
        e164: '+15125550100',
        country_code: 'US',
        calling_code: '1',
        national_format: '(512) 555-0100',
        location: 'Texas',
        number_type: 'fixed_line',
        created_at: 1,
        updated_at: 1,
        version: 1,
      })
      .execute();
    await s.db
      .insertInto('device_lines')
      .values({ tenant_id: tenantId, device_id: id!, phone_number_id: numberId, position: 0, line_type: 'Standalone' })
      .execute();

    const res = await get(`/v1/devices/${id}`, auth);
    expect(res.statusCode).toBe(200);
    const device = res.json();
    expect(device).toMatchObject({
      id,
      product: { id: productId, manufacturer: 'Poly', name: 'Voyager Focus 2 UC', modelId: 'VFOCUS2' },
      owner: { type: 'person', id: personId, username: 'dwalker' },
      site: { id: siteId, name: 'Austin HQ' },
      tags: ['floor-3', 'vip'],
      firmware: { main: '1.2.3' },
      emergency: { addressStatus: 'Valid' },
      firstSeen: {
        hostname: 'DWALKER-LT01',
        softphone: { name: 'Microsoft Teams' },
        userGroups: ['Sales', 'Everyone'],
        seenAt: '2025-01-02T00:00:00.000Z',
      },
      lastSeen: null,
      lines: [{ position: 0, e164: '+15125550100', location: 'Texas', lineType: 'Standalone' }],
    });
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it("answers a missing id and another tenant's id with the same 404", async () => {
    const s = store();
    const mine = await createTenant(s);
    const theirs = await createTenant(s);
    const [foreignId] = await createDevices(s, [deviceRow(theirs.tenantId)]);
    const foreign = await get(`/v1/devices/${foreignId}`, mine.auth);
    const missing = await get('/v1/devices/018f0000-0000-7000-8000-000000000000', mine.auth);
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (body: Record<string, unknown>) => ({ ...body, detail: undefined, instance: undefined });
    expect(strip(foreign.json())).toEqual(strip(missing.json()));
    expect(foreign.json()).toMatchObject({
      code: 'device_not_found',
      type: expect.stringContaining('device_not_found'),
    });
    // and the other tenant's list never shows it
    const list = await get('/v1/devices', mine.auth);
    expect(list.json().items).toEqual([]);
  });

  it('filters by manufacturer (any case), kind, status, product, site, owner, group, tag, compliance and text', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const poly = await insertProduct(s, {
      manufacturer: 'Poly',
      name: 'Savi 8220',
      model_id: 'SAVI8220',
      type: 'DECT',
    });
    const cisco = await insertProduct(s, {
      manufacturer: 'Cisco',
      name: 'Cisco 8811',
      model_id: 'CP-8811',
      type: 'SIP',
      device_kind: 'HardPhone',
    });
    const site = await insertSite(s, tenantId, { name: 'Berlin' });
    const sales = await insertGroup(s, tenantId, { name: 'Sales' });
    const alice = await insertPerson(s, tenantId, { username: 'alice' }).then(
      async (id) => (await joinGroups(s, tenantId, id, [sales]), id),
    );
    const bob = await insertPerson(s, tenantId, { username: 'bob' });
    const ids = await createDevices(s, [
      deviceRow(tenantId, {
        name: 'Alice headset',
        product_id: poly,
        manufacturer: 'Poly',
        owner_person_id: alice,
        status: 'Online',
        compliance: 'compliant',
      }),
      deviceRow(tenantId, {
        name: 'Bob phone',
        kind: 'HardPhone',
        product_id: cisco,
        manufacturer: 'Cisco',
        owner_person_id: bob,
        site_id: site,
        status: 'Offline',
        mac: 'AABBCCDDEEFF',
        compliance: 'noncompliant',
      }),
      deviceRow(tenantId, {
        name: 'Spare',
        product_id: poly,
        manufacturer: 'Poly',
        serial: 'SPARE-42',
        status: 'Offline',
      }),
    ]);
    await tagDevice(s, tenantId, ids[0]!, 'vip', 'remote');
    await tagDevice(s, tenantId, ids[2]!, 'vip');

    const names = async (query: string) => {
      const res = await get(`/v1/devices?${query}`, auth);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      return (res.json().items as { name: string }[]).map((d) => d.name).sort();
    };
    expect(await names('manufacturer=poly')).toEqual(['Alice headset', 'Spare']);
    expect(await names('kind=HardPhone')).toEqual(['Bob phone']);
    expect(await names('status=Offline')).toEqual(['Bob phone', 'Spare']);
    expect(await names('product=cp-8811')).toEqual(['Bob phone']);
    expect(await names('product=Savi%208220')).toEqual(['Alice headset', 'Spare']);
    expect(await names('productType=dect')).toEqual(['Alice headset', 'Spare']);
    expect(await names('site=Berlin')).toEqual(['Bob phone']);
    expect(await names(`site=${site}`)).toEqual(['Bob phone']);
    expect(await names('owner=alice')).toEqual(['Alice headset']);
    expect(await names(`owner=${bob}`)).toEqual(['Bob phone']);
    expect(await names('userGroup=Sales')).toEqual(['Alice headset']);
    expect(await names('tag=vip')).toEqual(['Alice headset', 'Spare']);
    expect(await names('tag=vip&tag=remote')).toEqual(['Alice headset']);
    expect(await names('compliance=noncompliant')).toEqual(['Bob phone']);
    expect(await names('q=spare')).toEqual(['Spare']);
    expect(await names('q=aa:bb:cc')).toEqual(['Bob phone']);
    expect(await names('q=100%25')).toEqual([]);
    expect(await names('manufacturer=poly&status=Online')).toEqual(['Alice headset']);
  });

  it('walks every page once with cursor and Link, in a stable order, sorted by name too', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const ids = await createDevices(
      s,
      Array.from({ length: 23 }, (_, i) => deviceRow(tenantId, { name: `dev-${String(i % 7)}` })),
    );

    for (const sort of ['', '&sort=name', '&sort=-name', '&sort=-id']) {
      const seen: string[] = [];
      let url: string | undefined = `/v1/devices?limit=5&fields=id,name${sort}`;
      let pages = 0;
      while (url) {
        const res = await get(url, auth);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        seen.push(...body.items.map((d: { id: string }) => d.id));
        const link = res.headers.link as string | undefined;
        if (body.nextCursor) {
          expect(link).toMatch(/^<\/v1\/devices\?.*cursor=.*>; rel="next"$/);
          url = /^<([^>]+)>/.exec(link!)![1];
        } else {
          expect(link).toBeUndefined();
          url = undefined;
        }
        pages += 1;
      }
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      expect([...seen].sort()).toEqual([...ids].sort());
      if (sort === '') expect(seen).toEqual([...ids].sort());
    }
  });

  it('clamps a large limit to 500 and rejects a bad one, naming the parameter', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    await createDevices(
      s,
      Array.from({ length: 505 }, () => deviceRow(tenantId)),
    );
    const big = await get('/v1/devices?limit=1000000&fields=id', auth);
    expect(big.statusCode).toBe(200);
    expect(big.json().items).toHaveLength(500);
    expect(big.json().nextCursor).toEqual(expect.any(String));
    const def = await get('/v1/devices?fields=id', auth);
    expect(def.json().items).toHaveLength(50);

    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['status=Sleeping', 'status'],
      ['sort=serial', 'sort'],
      ['cursor=garbage', 'cursor'],
      ['fields=id,secret', 'fields'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await get(`/v1/devices?${query}`, auth);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().parameter, query).toBe(parameter);
      expect(res.body).not.toMatch(/at .*\.ts:|node_modules|select /i);
    }
  });

  it('rejects a cursor issued for another sort order', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    await createDevices(
      s,
      Array.from({ length: 3 }, () => deviceRow(tenantId)),
    );
    const first = await get('/v1/devices?limit=1', auth);
    const res = await get(`/v1/devices?limit=1&sort=name&cursor=${first.json().nextCursor}`, auth);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_cursor');
  });

  it('projects fields on list and get', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const [id] = await createDevices(s, [deviceRow(tenantId, { name: 'Projected' })]);
    const list = await get('/v1/devices?fields=id,name,tags', auth);
    expect(list.json().items).toEqual([{ id, name: 'Projected', tags: [] }]);
    const one = await get(`/v1/devices/${id}?fields=name,status`, auth);
    expect(one.json()).toEqual({ name: 'Projected', status: 'Online' });
  });

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const [id] = await createDevices(s, [deviceRow(tenantId)]);
    const first = await get(`/v1/devices/${id}`, auth);
    const etag = first.headers.etag as string;
    const again = await get(`/v1/devices/${id}`, { ...auth, 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await s.db
      .updateTable('devices')
      .set({ name: 'Renamed', version: 2, updated_at: Date.now() + 1 })
      .where('id', '=', id!)
      .execute();
    const changed = await get(`/v1/devices/${id}`, { ...auth, 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});
