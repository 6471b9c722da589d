import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { createTenant, AT, insertSite } from '../support/factories.js';
import { problemShape, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('native sites API', ({ store }) => {
  const { app, get } = useApp(store);

  it('answers 401 without a key', async () => {
    for (const url of ['/v1/sites', `/v1/sites/${newId()}`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it('gets a site with its address, subnets and emergency address', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const id = await insertSite(s, tenantId, {
      name: 'Berlin Office',
      street: 'Unter den Linden 1',
      street2: '3. OG',
      city: 'Berlin',
      state: null,
      postal_code: '10117',
      country_code: 'DE',
      time_zone: 'Europe/Berlin',
      subnets: '["10.2.0.0/16","192.168.5.0/24"]',
      emergency_address: '{"street":"Unter den Linden 1","floor":"3"}',
      version: 2,
    });
    const res = await get(`/v1/sites/${id}`, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      name: 'Berlin Office',
      address: {
        street: 'Unter den Linden 1',
        street2: '3. OG',
        city: 'Berlin',
        state: null,
        postalCode: '10117',
        countryCode: 'DE',
      },
      timeZone: 'Europe/Berlin',
      subnets: ['10.2.0.0/16', '192.168.5.0/24'],
      emergencyAddress: { street: 'Unter den Linden 1', floor: '3' },
      createdAt: new Date(AT).toISOString(),
      updatedAt: new Date(AT).toISOString(),
      version: 2,
    });

    const bare = await insertSite(s, tenantId, { name: 'Bare' });
    expect((await get(`/v1/sites/${bare}?fields=address,subnets,emergencyAddress,timeZone`, auth)).json()).toEqual({
      address: { street: null, street2: null, city: null, state: null, postalCode: null, countryCode: null },
      subnets: [],
      emergencyAddress: null,
      timeZone: null,
    });
  });

  it('filters by country (any case) and name substring', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const austin = await insertSite(s, tenantId, { name: 'Austin HQ', country_code: 'US' });
    const berlin = await insertSite(s, tenantId, { name: 'Berlin Office', country_code: 'DE' });
    const boston = await insertSite(s, tenantId, { name: 'Boston 100%', country_code: 'US' });
    const other = await createTenant(s);
    await insertSite(s, other.tenantId, { name: 'Austin HQ', country_code: 'US' });

    const ids = async (query: string) => {
      const res = await get(`/v1/sites?${query}`, auth);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((x) => x.id);
    };
    expect(await ids('')).toEqual([austin, berlin, boston]);
    expect(await ids('country=US')).toEqual([austin, boston]);
    expect(await ids('country=de')).toEqual([berlin]);
    expect(await ids('q=OFFICE')).toEqual([berlin]);
    expect(await ids('q=%25')).toEqual([boston]);
    expect(await ids('country=US&q=aus')).toEqual([austin]);

    const bad = await get('/v1/sites?country=USA', auth);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'country' });
  });

  it('sorts by id or name and walks every page by cursor without duplicates', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const names = ['Oslo', 'Athens', 'Zurich', 'Lima', 'Cairo'];
    const created: string[] = [];
    for (const name of names) created.push(await insertSite(s, tenantId, { name }));

    const byId = await walk(app(), '/v1/sites?limit=2', auth);
    expect(byId.pages).toBe(3);
    expect(byId.items.map((x) => x.id)).toEqual(created);
    const byName = await walk(app(), '/v1/sites?limit=2&sort=name&fields=id,name', auth);
    expect(byName.items.map((x) => x.name)).toEqual([...names].sort());
    const desc = await walk(app(), '/v1/sites?limit=4&sort=-name', auth);
    expect(desc.items.map((x) => x.name)).toEqual([...names].sort().reverse());

    const first = await get('/v1/sites?limit=2&sort=name', auth);
    expect(first.headers.link).toMatch(/^<\/v1\/sites\?limit=2&sort=name&cursor=[\w-]+>; rel="next"$/);
  });

  it('projects fields and rejects unknown fields and parameters with 400 naming them', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const id = await insertSite(s, tenantId, { name: 'Projected' });
    expect((await get('/v1/sites?fields=name', auth)).json()).toEqual({
      items: [{ name: 'Projected' }],
      nextCursor: null,
    });

    const unknownField = await get(`/v1/sites/${id}?fields=name,tenantId`, auth);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'fields' });
    const unknownParam = await get('/v1/sites?city=Berlin', auth);
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'city' });
    const badSort = await get('/v1/sites?sort=country', auth);
    expect(badSort.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'sort' });
  });

  it("answers another tenant's site exactly like a missing one", async () => {
    const s = store();
    const mine = await createTenant(s);
    const theirs = await createTenant(s);
    const theirSite = await insertSite(s, theirs.tenantId);
    const missing = newId();
    const foreign = await get(`/v1/sites/${theirSite}`, mine.auth);
    const absent = await get(`/v1/sites/${missing}`, mine.auth);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'site_not_found', title: 'Site not found', status: 404 });
    expect(problemShape(foreign.json(), theirSite)).toEqual(problemShape(absent.json(), missing));
    expect((await get(`/v1/sites/${theirSite}`, theirs.auth)).statusCode).toBe(200);
  });
});
