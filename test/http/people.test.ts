import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import {
  createDevices,
  createTenant,
  deviceRow,
  AT,
  insertGroup,
  insertPerson,
  insertSite,
  joinGroups,
} from '../support/factories.js';
import { problemShape, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('native people API', ({ store }) => {
  const { app, get } = useApp(store);

  it('answers 401 without a key on every people route', async () => {
    for (const url of ['/v1/people', `/v1/people/${newId()}`, `/v1/people/${newId()}/devices`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it('gets a person with site, user groups in membership order, agent state and provenance', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const siteId = await insertSite(s, tenantId, { name: 'Austin HQ' });
    const everyone = await insertGroup(s, tenantId, { name: 'Everyone' });
    const sales = await insertGroup(s, tenantId, { name: 'Sales' });
    const vip = await insertGroup(s, tenantId, { name: 'VIP' });
    const id = await insertPerson(s, tenantId, {
      username: 'dwalker',
      first_name: 'David',
      last_name: 'Walker',
      email: 'david.walker@example.com',
      extension_number: '3001',
      roles: '["agent","supervisor"]',
      site_id: siteId,
      agent_state: 'NotReady',
      agent_work_mode: 'AuxWork',
      source_system: 'scim',
      external_id: 'ext-42',
      synced_at: AT + 1000,
      version: 3,
    });
    // Created in one order, joined in another: the membership position decides.
    await joinGroups(s, tenantId, id, [sales, vip, everyone]);

    const res = await get(`/v1/people/${id}`, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      username: 'dwalker',
      firstName: 'David',
      lastName: 'Walker',
      displayName: 'David Walker',
      email: 'david.walker@example.com',
      extensionNumber: '3001',
      roles: ['agent', 'supervisor'],
      site: { id: siteId, name: 'Austin HQ' },
      userGroups: [
        { id: sales, name: 'Sales' },
        { id: vip, name: 'VIP' },
        { id: everyone, name: 'Everyone' },
      ],
      agentState: { state: 'NotReady', workMode: 'AuxWork' },
      provenance: { source: 'scim', externalId: 'ext-42', syncedAt: new Date(AT + 1000).toISOString() },
      createdAt: new Date(AT).toISOString(),
      updatedAt: new Date(AT).toISOString(),
      version: 3,
    });
  });

  it('presents a bare person with nulls, empty arrays and the username as display name', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const id = await insertPerson(s, tenantId, { username: 'kiosk' });
    const res = await get(`/v1/people/${id}`, auth);
    expect(res.json()).toMatchObject({
      displayName: 'kiosk',
      firstName: null,
      email: null,
      roles: [],
      site: null,
      userGroups: [],
      agentState: null,
      provenance: { source: 'test', externalId: null, syncedAt: null },
    });
  });

  it('batch-loads the ordered groups of every person on a list page', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const a = await insertGroup(s, tenantId, { name: 'A' });
    const b = await insertGroup(s, tenantId, { name: 'B' });
    const p1 = await insertPerson(s, tenantId, { username: 'p1' });
    const p2 = await insertPerson(s, tenantId, { username: 'p2' });
    const p3 = await insertPerson(s, tenantId, { username: 'p3' });
    await joinGroups(s, tenantId, p1, [a, b]);
    await joinGroups(s, tenantId, p2, [b, a]);
    const res = await get('/v1/people?fields=id,userGroups', auth);
    expect(res.json()).toEqual({
      items: [
        {
          id: p1,
          userGroups: [
            { id: a, name: 'A' },
            { id: b, name: 'B' },
          ],
        },
        {
          id: p2,
          userGroups: [
            { id: b, name: 'B' },
            { id: a, name: 'A' },
          ],
        },
        { id: p3, userGroups: [] },
      ],
      nextCursor: null,
    });
  });

  it('filters by user group, site, role and q (any case), ANDed', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const sales = await insertGroup(s, tenantId, { name: 'Sales' });
    const support = await insertGroup(s, tenantId, { name: 'Support' });
    const austin = await insertSite(s, tenantId, { name: 'Austin' });
    const berlin = await insertSite(s, tenantId, { name: 'Berlin' });
    const ann = await insertPerson(s, tenantId, {
      username: 'ann',
      first_name: 'Ann',
      last_name: 'Walker',
      email: 'ann@corp.example',
      roles: '["Agent"]',
      site_id: austin,
    });
    const bob = await insertPerson(s, tenantId, {
      username: 'bob',
      first_name: 'Bob',
      last_name: 'Stone',
      email: 'bob.walker@corp.example',
      roles: '["supervisor"]',
      site_id: berlin,
    });
    const cid = await insertPerson(s, tenantId, {
      username: 'cid_x',
      first_name: 'Cid',
      last_name: 'Moss',
      email: null,
      roles: '["agent","admin"]',
      site_id: null,
    });
    await joinGroups(s, tenantId, ann, [sales]);
    await joinGroups(s, tenantId, bob, [support, sales]);
    await joinGroups(s, tenantId, cid, [support]);
    // Another tenant with a same-named group and site must not leak in.
    const other = await createTenant(s);
    const otherSales = await insertGroup(s, other.tenantId, { name: 'Sales' });
    const stranger = await insertPerson(s, other.tenantId, {
      username: 'ann2',
      last_name: 'Walker',
      roles: '["agent"]',
    });
    await joinGroups(s, other.tenantId, stranger, [otherSales]);

    const ids = async (query: string) => {
      const res = await get(`/v1/people?${query}`, auth);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((p) => p.id);
    };
    expect(await ids('userGroup=Sales')).toEqual([ann, bob]);
    expect(await ids(`userGroup=${support}`)).toEqual([bob, cid]);
    expect(await ids(`userGroup=${otherSales}`)).toEqual([]);
    expect(await ids('site=Berlin')).toEqual([bob]);
    expect(await ids(`site=${austin}`)).toEqual([ann]);
    expect(await ids('role=agent')).toEqual([ann, cid]);
    expect(await ids('role=SUPERVISOR')).toEqual([bob]);
    expect(await ids('role=super')).toEqual([]);
    expect(await ids('q=WALK')).toEqual([ann, bob]);
    expect(await ids('q=moss')).toEqual([cid]);
    expect(await ids('q=_')).toEqual([cid]);
    expect(await ids('q=%25')).toEqual([]);
    expect(await ids('userGroup=Sales&q=walker&role=agent')).toEqual([ann]);
  });

  it('sorts by id or username and walks every page by cursor without duplicates', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const names = ['mia', 'abe', 'zoe', 'kai', 'eve', 'lou', 'bea'];
    const created: string[] = [];
    for (const username of names) created.push(await insertPerson(s, tenantId, { username }));

    const byId = await walk(app(), '/v1/people?limit=2', auth);
    expect(byId.pages).toBe(4);
    expect(byId.items.map((p) => p.id)).toEqual(created);

    const byName = await walk(app(), '/v1/people?limit=3&sort=username&fields=id,username', auth);
    expect(byName.items.map((p) => p.username)).toEqual([...names].sort());
    const desc = await walk(app(), '/v1/people?limit=2&sort=-username', auth);
    expect(desc.items.map((p) => p.username)).toEqual([...names].sort().reverse());

    const first = await get('/v1/people?limit=2', auth);
    expect(first.headers.link).toMatch(/^<\/v1\/people\?limit=2&cursor=[\w-]+>; rel="next"$/);

    const badSort = await get('/v1/people?sort=email', auth);
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'sort' });
    const cursor = first.json().nextCursor as string;
    const wrongSort = await get(`/v1/people?sort=username&cursor=${cursor}`, auth);
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json()).toMatchObject({ code: 'invalid_cursor', parameter: 'cursor' });
  });

  it('projects fields and rejects an unknown field or query parameter with 400 naming it', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const id = await insertPerson(s, tenantId, { username: 'proj', first_name: 'Pro', last_name: 'Jection' });

    const list = await get('/v1/people?fields=id,displayName', auth);
    expect(list.json().items).toEqual([{ id, displayName: 'Pro Jection' }]);
    const one = await get(`/v1/people/${id}?fields=username,site`, auth);
    expect(one.json()).toEqual({ username: 'proj', site: null });

    for (const url of ['/v1/people?fields=id,password', `/v1/people/${id}?fields=secret`]) {
      const res = await get(url, auth);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, code: 'invalid_parameter', parameter: 'fields' });
    }
    for (const url of ['/v1/people?owner=x', `/v1/people/${id}?limit=2`, `/v1/people/${id}/devices?owner=x`]) {
      const res = await get(url, auth);
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'invalid_parameter',
        parameter: url.includes('owner') ? 'owner' : 'limit',
      });
    }
  });

  it("answers another tenant's person exactly like a missing one", async () => {
    const s = store();
    const mine = await createTenant(s);
    const theirs = await createTenant(s);
    const theirPerson = await insertPerson(s, theirs.tenantId, { username: 'theirs' });
    const missing = newId();
    for (const suffix of ['', '/devices']) {
      const foreign = await get(`/v1/people/${theirPerson}${suffix}`, mine.auth);
      const absent = await get(`/v1/people/${missing}${suffix}`, mine.auth);
      expect(foreign.statusCode).toBe(404);
      expect(absent.statusCode).toBe(404);
      expect(foreign.headers['content-type']).toBe(absent.headers['content-type']);
      expect(foreign.json()).toMatchObject({ code: 'person_not_found', title: 'Person not found', status: 404 });
      expect(problemShape(foreign.json(), theirPerson)).toEqual(problemShape(absent.json(), missing));
    }
    expect((await get(`/v1/people/${theirPerson}`, theirs.auth)).statusCode).toBe(200);
  });

  it("lists a person's devices with the device list parameters", async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const owner = await insertPerson(s, tenantId, { username: 'owner' });
    const someoneElse = await insertPerson(s, tenantId, { username: 'else' });
    const mine = await createDevices(s, [
      deviceRow(tenantId, { owner_person_id: owner, name: 'Desk phone', kind: 'HardPhone', status: 'Online' }),
      deviceRow(tenantId, { owner_person_id: owner, name: 'Headset', status: 'Offline' }),
      deviceRow(tenantId, { owner_person_id: owner, name: 'Backup headset', status: 'Online' }),
    ]);
    await createDevices(s, [deviceRow(tenantId, { owner_person_id: someoneElse }), deviceRow(tenantId)]);

    const all = await walk(app(), `/v1/people/${owner}/devices?limit=2`, auth);
    expect(all.pages).toBe(2);
    expect(all.items.map((d) => d.id)).toEqual(mine);
    expect(all.items[0]).toMatchObject({
      owner: { type: 'person', id: owner, username: 'owner' },
      tags: [],
      lines: [],
    });

    const online = await get(`/v1/people/${owner}/devices?status=Online&sort=name&fields=id,name`, auth);
    expect(online.json()).toEqual({
      items: [
        { id: mine[2], name: 'Backup headset' },
        { id: mine[0], name: 'Desk phone' },
      ],
      nextCursor: null,
    });
    const unknownField = await get(`/v1/people/${owner}/devices?fields=bogus`, auth);
    expect(unknownField.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'fields' });

    const none = await get(`/v1/people/${someoneElse}/devices?kind=HardPhone`, auth);
    expect(none.json()).toEqual({ items: [], nextCursor: null });
  });
});
