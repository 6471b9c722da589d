import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { createTenant, AT, insertGroup, insertPerson, joinGroups } from '../support/factories.js';
import { problemShape, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('native user groups API', ({ store }) => {
  const { app, get } = useApp(store);

  it('answers 401 without a key', async () => {
    for (const url of ['/v1/user-groups', `/v1/user-groups/${newId()}`, `/v1/user-groups/${newId()}/people`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    }
  });

  it('gets a group with its member count', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const id = await insertGroup(s, tenantId, { name: 'Support', description: 'Tier 1 and 2', version: 4 });
    const empty = await insertGroup(s, tenantId, { name: 'Empty' });
    for (let i = 0; i < 3; i++) await joinGroups(s, tenantId, await insertPerson(s, tenantId), [id]);

    const res = await get(`/v1/user-groups/${id}`, auth);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      name: 'Support',
      description: 'Tier 1 and 2',
      memberCount: 3,
      createdAt: new Date(AT).toISOString(),
      updatedAt: new Date(AT).toISOString(),
      version: 4,
    });
    expect((await get(`/v1/user-groups/${empty}?fields=memberCount,description`, auth)).json()).toEqual({
      memberCount: 0,
      description: null,
    });

    // The list carries member counts too, from one grouped count per page.
    const list = await get('/v1/user-groups?fields=name,memberCount', auth);
    expect(list.json().items).toEqual([
      { name: 'Support', memberCount: 3 },
      { name: 'Empty', memberCount: 0 },
    ]);
  });

  it('filters by name substring (any case), sorts by id or name and walks pages by cursor', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const names = ['Sales EMEA', 'Support', 'Sales APAC', 'Engineering', 'Sales_Ops', 'Finance'];
    const created: string[] = [];
    for (const name of names) created.push(await insertGroup(s, tenantId, { name }));
    const other = await createTenant(s);
    await insertGroup(s, other.tenantId, { name: 'Sales EMEA' });

    const byId = await walk(app(), '/v1/user-groups?limit=4', auth);
    expect(byId.pages).toBe(2);
    expect(byId.items.map((g) => g.id)).toEqual(created);
    const byName = await walk(app(), '/v1/user-groups?limit=2&sort=name', auth);
    expect(byName.items.map((g) => g.name)).toEqual([...names].sort());
    const desc = await walk(app(), '/v1/user-groups?limit=5&sort=-name&fields=id,name', auth);
    expect(desc.items.map((g) => g.name)).toEqual([...names].sort().reverse());

    const sales = await walk(app(), '/v1/user-groups?q=SALES&limit=1', auth);
    expect(sales.items.map((g) => g.name)).toEqual(['Sales EMEA', 'Sales APAC', 'Sales_Ops']);
    expect(sales.pages).toBe(3);
    expect((await get('/v1/user-groups?q=_', auth)).json().items.map((g: { name: string }) => g.name)).toEqual([
      'Sales_Ops',
    ]);
    const first = await get('/v1/user-groups?q=sales&limit=1', auth);
    expect(first.headers.link).toMatch(/^<\/v1\/user-groups\?q=sales&limit=1&cursor=[\w-]+>; rel="next"$/);
  });

  it('lists the members of a group, paged, with their groups in membership order', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const sales = await insertGroup(s, tenantId, { name: 'Sales' });
    const vip = await insertGroup(s, tenantId, { name: 'VIP' });
    const outsider = await insertPerson(s, tenantId, { username: 'outsider' });
    await joinGroups(s, tenantId, outsider, [vip]);
    const members: string[] = [];
    for (const username of ['dee', 'al', 'cy', 'bo', 'ed']) {
      const id = await insertPerson(s, tenantId, { username, roles: username === 'cy' ? '["agent"]' : '[]' });
      await joinGroups(s, tenantId, id, username === 'bo' ? [vip, sales] : [sales]);
      members.push(id);
    }

    const all = await walk(app(), `/v1/user-groups/${sales}/people?limit=2`, auth);
    expect(all.pages).toBe(3);
    expect(all.items.map((p) => p.id)).toEqual(members);
    expect(all.items.find((p) => p.username === 'bo')?.userGroups).toEqual([
      { id: vip, name: 'VIP' },
      { id: sales, name: 'Sales' },
    ]);
    const byName = await walk(app(), `/v1/user-groups/${sales}/people?limit=3&sort=username&fields=id,username`, auth);
    expect(byName.items).toEqual(
      ['al', 'bo', 'cy', 'dee', 'ed'].map((username) => ({
        id: members[['dee', 'al', 'cy', 'bo', 'ed'].indexOf(username)],
        username,
      })),
    );
    const agents = await get(`/v1/user-groups/${sales}/people?role=agent&fields=username`, auth);
    expect(agents.json()).toEqual({ items: [{ username: 'cy' }], nextCursor: null });

    const unknownParam = await get(`/v1/user-groups/${sales}/people?userGroup=VIP`, auth);
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'userGroup' });
    const unknownField = await get(`/v1/user-groups/${sales}/people?fields=memberCount`, auth);
    expect(unknownField.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'fields' });
  });

  it('projects fields and rejects unknown fields and parameters with 400 naming them', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const id = await insertGroup(s, tenantId, { name: 'Projected' });
    expect((await get(`/v1/user-groups/${id}?fields=id,name`, auth)).json()).toEqual({ id, name: 'Projected' });
    const unknownField = await get('/v1/user-groups?fields=name,members', auth);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'fields' });
    const unknownParam = await get('/v1/user-groups?name=Projected', auth);
    expect(unknownParam.statusCode).toBe(400);
    expect(unknownParam.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'name' });
    const badSort = await get('/v1/user-groups?sort=-memberCount', auth);
    expect(badSort.json()).toMatchObject({ code: 'invalid_parameter', parameter: 'sort' });
  });

  it("answers another tenant's group exactly like a missing one", async () => {
    const s = store();
    const mine = await createTenant(s);
    const theirs = await createTenant(s);
    const theirGroup = await insertGroup(s, theirs.tenantId, { name: 'Theirs' });
    await joinGroups(s, theirs.tenantId, await insertPerson(s, theirs.tenantId), [theirGroup]);
    const missing = newId();
    for (const suffix of ['', '/people']) {
      const foreign = await get(`/v1/user-groups/${theirGroup}${suffix}`, mine.auth);
      const absent = await get(`/v1/user-groups/${missing}${suffix}`, mine.auth);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({
        code: 'user_group_not_found',
        title: 'User group not found',
        status: 404,
      });
      expect(problemShape(foreign.json(), theirGroup)).toEqual(problemShape(absent.json(), missing));
    }
    expect((await get(`/v1/user-groups/${theirGroup}/people`, theirs.auth)).json().items).toHaveLength(1);
  });
});
