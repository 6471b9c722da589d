import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { hashApiKey } from '../../src/modules/api-keys/api-key.js';
import { ROLE_SCOPES } from '../../src/modules/access/roles.js';
import type { Store } from '../../src/db/database.js';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson } from '../support/factories.js';
import { problemShape, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const KEY_FIELDS = [
  'createdAt',
  'expiresAt',
  'id',
  'lastUsedAt',
  'name',
  'personId',
  'prefix',
  'revokedAt',
  'role',
  'scopes',
];

async function auditCount(store: Store, tenantId: string, action?: string): Promise<number> {
  let query = store.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId);
  if (action) query = query.where('action', '=', action);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function keyCount(store: Store, tenantId: string): Promise<number> {
  const row = await store.db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachStore('native API key administration', ({ store }) => {
  const { app, get } = useApp(store);
  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    app().inject({ method: 'POST', url, headers, payload: payload as object });
  const del = (url: string, headers: Record<string, string>) => app().inject({ method: 'DELETE', url, headers });

  it('shows a new key once: in the creation answer, never again, and never its hash', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const before = await auditCount(s, tenantId);
    const res = await post('/v1/api-keys', auth, { name: 'Reporting', role: 'readonly_admin' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(Object.keys(created).sort()).toEqual([...KEY_FIELDS, 'key'].sort());
    expect(created.key).toMatch(/^ucf_[A-Za-z0-9_-]{32}$/);
    expect(created).toMatchObject({
      name: 'Reporting',
      role: 'readonly_admin',
      prefix: created.key.slice(0, 8),
      scopes: [...ROLE_SCOPES.readonly_admin],
      personId: null,
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    expect(res.headers.location).toBe(`/v1/api-keys/${created.id}`);
    expect(await auditCount(s, tenantId)).toBe(before + 1);
    expect(await auditCount(s, tenantId, 'api_key.create')).toBe(1);

    const one = await get(`/v1/api-keys/${created.id}`, auth);
    expect(one.statusCode).toBe(200);
    expect(Object.keys(one.json()).sort()).toEqual(KEY_FIELDS);
    const { items } = await walk(app(), '/v1/api-keys', auth);
    expect(items.map((k) => k.id)).toContain(created.id);
    const hash = hashApiKey(created.key);
    const audit = await s.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).execute();
    for (const text of [one.body, JSON.stringify(items), JSON.stringify(audit)]) {
      expect(text).not.toContain(created.key);
      expect(text).not.toContain(hash);
    }
    // The key works, with the role and scopes it was given.
    const me = await get('/v1/me', { authorization: `Bearer ${created.key}` });
    expect(me.json()).toMatchObject({ role: 'readonly_admin', credential: { kind: 'api_key', id: created.id } });
  });

  it('gives an agent key only the devices its person owns, and 404 for anyone else’s', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const alice = await insertPerson(s, tenantId, { username: 'alice' });
    const bob = await insertPerson(s, tenantId, { username: 'bob' });
    const [own1, own2, other, nobody] = await createDevices(s, [
      deviceRow(tenantId, { owner_person_id: alice }),
      deviceRow(tenantId, { owner_person_id: alice }),
      deviceRow(tenantId, { owner_person_id: bob }),
      deviceRow(tenantId),
    ]);
    const res = await post('/v1/api-keys', auth, { name: 'Alice desk', role: 'agent', personId: alice });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ personId: alice, scopes: [...ROLE_SCOPES.agent] });
    const agent = { authorization: `Bearer ${res.json().key}` };

    const list = await get('/v1/devices', agent);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([own1, own2]);
    expect((await get(`/v1/devices/${own1}`, agent)).statusCode).toBe(200);
    for (const id of [other, nobody]) {
      const denied = await get(`/v1/devices/${id}`, agent);
      expect(denied.statusCode).toBe(404);
      expect(denied.json().code).toBe('device_not_found');
    }
    // An agent is not an admin: key administration is closed to it.
    expect((await get('/v1/api-keys', agent)).statusCode).toBe(403);
  });

  it('revokes a key: it stops working at once; revoking again is a 204 that records nothing', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const created = (await post('/v1/api-keys', auth, { name: 'Temp', role: 'admin' })).json();
    const temp = { authorization: `Bearer ${created.key}` };
    expect((await get('/v1/devices', temp)).statusCode).toBe(200); // now cached as valid

    expect((await del(`/v1/api-keys/${created.id}`, auth)).statusCode).toBe(204);
    const rejected = await get('/v1/devices', temp);
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().code).toBe('invalid_credentials');
    expect(rejected.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    const after = (await get(`/v1/api-keys/${created.id}`, auth)).json();
    expect(after.revokedAt).not.toBeNull();
    expect(after.lastUsedAt).not.toBeNull();

    expect((await del(`/v1/api-keys/${created.id}`, auth)).statusCode).toBe(204);
    expect(await auditCount(s, tenantId, 'api_key.revoke')).toBe(1);
    const event = await s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'api_key.revoke')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before!).revokedAt).toBeNull();
    expect(JSON.parse(event.after!).revokedAt).not.toBeNull();
    expect(event.resource_id).toBe(created.id);
  });

  it('refuses an expired key, and a new key whose expiry is not in the future', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const expired = await createApiKey(s, tenantId, { expiresAt: Date.now() - 1000 });
    expect((await get('/v1/devices', expired.auth)).statusCode).toBe(401);

    const past = await post('/v1/api-keys', auth, { name: 'x', role: 'admin', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'invalid_body', parameter: 'expiresAt' });

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const soon = await post('/v1/api-keys', auth, { name: 'x', role: 'admin', expiresAt });
    expect(soon.statusCode).toBe(201);
    expect(soon.json().expiresAt).toBe(expiresAt);
  });

  it('answers 400 naming the offending scopes or person, and stores nothing', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const other = await createTenant(s);
    const foreigner = await insertPerson(s, other.tenantId);
    const person = await insertPerson(s, tenantId);
    const keys = await keyCount(s, tenantId);
    const events = await auditCount(s, tenantId);

    const cases: [unknown, string, RegExp?][] = [
      [{ name: 'x', role: 'agent', personId: person, scopes: ['devices:read', 'admin'] }, 'scopes', /\badmin\b/],
      [{ name: 'x', role: 'readonly_admin', scopes: ['devices:write'] }, 'scopes', /devices:write/],
      [{ name: 'x', role: 'admin', scopes: ['devices:read', 'teleport:write'] }, 'scopes', /teleport:write/],
      [{ name: 'x', role: 'admin', scopes: [] }, 'scopes'],
      [{ name: 'x', role: 'agent' }, 'personId'],
      [{ name: 'x', role: 'supervisor', personId: null }, 'personId'],
      [{ name: 'x', role: 'agent', personId: foreigner }, 'personId'],
      [{ name: 'x', role: 'agent', personId: newId() }, 'personId'],
      [{ name: 'x', role: 'superuser' }, 'role'],
      [{ name: '', role: 'admin' }, 'name'],
      [{ role: 'admin' }, 'name'],
      [{ name: 'x', role: 'admin', keyHash: 'x' }, 'keyHash'],
      [{ name: 'x', role: 'admin', tenantId: other.tenantId }, 'tenantId'],
    ];
    for (const [payload, parameter, detail] of cases) {
      const res = await post('/v1/api-keys', auth, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json(), JSON.stringify(payload)).toMatchObject({ code: 'invalid_body', parameter });
      if (detail) expect(res.json().detail).toMatch(detail);
    }
    expect(await keyCount(s, tenantId)).toBe(keys);
    expect(await auditCount(s, tenantId)).toBe(events);
  });

  it('grants no scope the calling credential lacks itself', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const narrow = await createApiKey(s, tenantId, { role: 'admin', scopes: ['admin', 'devices:read'] });
    const tooMuch = await post('/v1/api-keys', narrow.auth, { name: 'x', role: 'admin' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({ code: 'invalid_body', parameter: 'scopes' });
    expect(tooMuch.json().detail).toMatch(/devices:write/);
    const within = await post('/v1/api-keys', narrow.auth, {
      name: 'x',
      role: 'readonly_admin',
      scopes: ['devices:read'],
    });
    expect(within.statusCode).toBe(201);
  });

  it('lets a read-only admin look but not change', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const readonly = await createApiKey(s, tenantId, { role: 'readonly_admin' });
    const target = (await post('/v1/api-keys', auth, { name: 'target', role: 'admin' })).json();
    expect((await get('/v1/api-keys', readonly.auth)).statusCode).toBe(200);
    expect((await get(`/v1/api-keys/${target.id}`, readonly.auth)).statusCode).toBe(200);
    const created = await post('/v1/api-keys', readonly.auth, { name: 'x', role: 'readonly_admin' });
    expect(created.statusCode).toBe(403);
    expect(created.json().code).toBe('insufficient_scope');
    expect((await del(`/v1/api-keys/${target.id}`, readonly.auth)).statusCode).toBe(403);
    expect((await get(`/v1/api-keys/${target.id}`, auth)).json().revokedAt).toBeNull();
  });

  it("answers another tenant's key id exactly like a missing one", async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    const foreign = (await post('/v1/api-keys', b.auth, { name: 'b', role: 'admin' })).json();
    const missing = newId();
    for (const method of ['GET', 'DELETE'] as const) {
      const theirs = await app().inject({ method, url: `/v1/api-keys/${foreign.id}`, headers: a.auth });
      const none = await app().inject({ method, url: `/v1/api-keys/${missing}`, headers: a.auth });
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().code).toBe('api_key_not_found');
      expect(problemShape(theirs.json(), foreign.id)).toEqual(problemShape(none.json(), missing));
    }
    expect((await get(`/v1/api-keys/${foreign.id}`, b.auth)).json().revokedAt).toBeNull();
    const { items } = await walk(app(), '/v1/api-keys', a.auth);
    expect(items.map((k) => k.id)).not.toContain(foreign.id);
  });

  it('pages the key list by cursor', async () => {
    const s = store();
    const { auth } = await createTenant(s);
    for (let i = 0; i < 4; i++) await post('/v1/api-keys', auth, { name: `k${i}`, role: 'admin' });
    const { items, pages } = await walk(app(), '/v1/api-keys?limit=2', auth);
    expect(items).toHaveLength(5);
    expect(pages).toBe(3);
    const ids = items.map((k) => k.id as string);
    expect([...ids].sort()).toEqual(ids);
  });
});
