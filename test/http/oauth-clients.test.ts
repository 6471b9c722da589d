/**
 * Administering OAuth clients: create (the secret shown once), list, get, revoke; validation refuses bad
 * grants with nothing stored; other tenants' ids are a plain 404; every change writes exactly one audit event.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids.js';
import { ROLE_SCOPES } from '../../src/modules/access/roles.js';
import { createApiKey, createTenant, insertPerson } from '../support/factories.js';
import { useApp } from '../support/http.js';
import { createClient, requestToken } from '../support/oauth.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('native OAuth client administration', ({ store }) => {
  const { app, get } = useApp(store, { RATE_LIMITS: 'off' });

  const post = (auth: { authorization: string }, payload: unknown) =>
    app().inject({ method: 'POST', url: '/v1/oauth-clients', headers: auth, payload: payload as object });
  const revoke = (auth: { authorization: string }, id: string) =>
    app().inject({ method: 'DELETE', url: `/v1/oauth-clients/${id}`, headers: auth });
  const counts = async (tenantId: string) => {
    const db = store().db;
    const clients = await db.selectFrom('oauth_clients').select('id').where('tenant_id', '=', tenantId).execute();
    const events = await db.selectFrom('audit_events').select('id').where('tenant_id', '=', tenantId).execute();
    return { clients: clients.length, events: events.length };
  };

  it('creates a client, shows its secret once, and stores only the secret’s hash', async () => {
    const { tenantId, auth } = await createTenant(store());
    const res = await post(auth, { name: 'Billing sync', role: 'admin' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(res.headers.location).toBe(`/v1/oauth-clients/${created.id}`);
    expect(created).toEqual({
      id: expect.any(String),
      clientId: expect.stringMatching(/^ucfc_[A-Za-z0-9_-]{20}$/),
      clientSecret: expect.stringMatching(/^ucfs_[A-Za-z0-9_-]{43}$/),
      name: 'Billing sync',
      role: 'admin',
      scopes: [...ROLE_SCOPES.admin],
      personId: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await store()
      .db.selectFrom('oauth_clients')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.tenant_id).toBe(tenantId);
    expect(row.secret_hash).toBe(createHash('sha256').update(created.clientSecret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.clientSecret);

    const one = await get(`/v1/oauth-clients/${created.id}`, auth);
    expect(one.statusCode).toBe(200);
    const { clientSecret, ...presented } = created;
    expect(one.json()).toEqual(presented);
    const list = await get('/v1/oauth-clients', auth);
    expect(list.json()).toEqual({ items: [presented], nextCursor: null });
    for (const body of [one.body, list.body]) {
      expect(body).not.toContain(clientSecret);
      expect(body).not.toContain(row.secret_hash);
      expect(body).not.toMatch(/secret/i);
    }
  });

  it('grants requested scopes within the role, and names the person of an agent', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    const res = await post(auth, { name: 'Desk app', role: 'agent', personId: person, scopes: ['devices:read'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role: 'agent', personId: person, scopes: ['devices:read'] });
    const supervisor = await post(auth, { name: 'Wallboard', role: 'supervisor', personId: person });
    expect(supervisor.json().scopes).toEqual([...ROLE_SCOPES.supervisor]);
  });

  it('refuses bad grants and unknown members with 400, storing and auditing nothing', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const other = await createTenant(s);
    const foreignPerson = await insertPerson(s, other.tenantId);
    const before = await counts(tenantId);
    const bad: [unknown, string][] = [
      [{ name: 'x', role: 'admin', scopes: ['devices:read', 'no-such:scope'] }, 'scopes'],
      [{ name: 'x', role: 'readonly_admin', scopes: ['devices:write'] }, 'scopes'],
      [{ name: 'x', role: 'agent', scopes: ['admin'], personId: foreignPerson }, 'scopes'],
      [{ name: 'x', role: 'agent' }, 'personId'],
      [{ name: 'x', role: 'supervisor' }, 'personId'],
      [{ name: 'x', role: 'agent', personId: foreignPerson }, 'personId'],
      [{ name: 'x', role: 'admin', personId: newId() }, 'personId'],
      [{ name: 'x', role: 'admin', scopes: [] }, 'scopes'],
      [{ name: 'x', role: 'owner' }, 'role'],
      [{ role: 'admin' }, 'name'],
      [{ name: '', role: 'admin' }, 'name'],
      [{ name: 'x', role: 'admin', clientSecret: 'ucfs_mine' }, 'clientSecret'],
      [{ name: 'x', role: 'admin', clientId: 'ucfc_mine' }, 'clientId'],
      [{ name: 'x', role: 'admin', tenantId: other.tenantId }, 'tenantId'],
      [{ name: 'x', role: 'admin', revokedAt: null }, 'revokedAt'],
      [JSON.parse('{"name":"x","role":"admin","__proto__":{"role":"admin"}}'), '__proto__'],
    ];
    for (const [payload, parameter] of bad) {
      const res = await post(auth, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('invalid_body');
      if (parameter !== '__proto__') expect(res.json().parameter, JSON.stringify(payload)).toBe(parameter);
    }
    expect(await counts(tenantId)).toEqual(before);
  });

  it('pages the list by keyset and shows each tenant only its own clients', async () => {
    const { tenantId, auth } = await createTenant(store());
    const other = await createTenant(store());
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push((await createClient(app(), auth, { name: `c${i}` })).id);
    await createClient(app(), other.auth);
    const first = await get('/v1/oauth-clients?limit=2', auth);
    expect(first.json().items.map((c: { id: string }) => c.id)).toEqual(mine.slice(0, 2));
    expect(first.headers.link).toMatch(/^<\/v1\/oauth-clients\?limit=2&cursor=[\w-]+>; rel="next"$/);
    const second = await get(`/v1/oauth-clients?limit=2&cursor=${first.json().nextCursor}`, auth);
    expect(second.json()).toEqual({ items: [expect.objectContaining({ id: mine[2] })], nextCursor: null });
    expect((await get('/v1/oauth-clients?sort=name', auth)).statusCode).toBe(400);
    expect(await counts(tenantId)).toMatchObject({ clients: 3 });
  });

  it('records when a client was last used (best effort, after the answer)', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app(), auth);
    expect(client.lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await requestToken(app(), client)).statusCode).toBe(200);
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 50 && lastUsedAt === null; i++) {
      lastUsedAt = (await get(`/v1/oauth-clients/${client.id}`, auth)).json().lastUsedAt;
      if (lastUsedAt === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(Date.parse(lastUsedAt!)).toBeGreaterThanOrEqual(before - 1);
  });

  it('answers another tenant’s client id exactly like a missing one, and leaves it alone', async () => {
    const a = await createTenant(store());
    const b = await createTenant(store());
    const theirs = await createClient(app(), b.auth);
    const missing = newId();
    const strip = (body: Record<string, unknown>, id: string) => ({
      ...body,
      detail: (body.detail as string).replace(id, '<id>'),
      instance: (body.instance as string).replace(id, '<id>'),
    });
    for (const method of ['GET', 'DELETE'] as const) {
      const foreign = await app().inject({ method, url: `/v1/oauth-clients/${theirs.id}`, headers: a.auth });
      const unknown = await app().inject({ method, url: `/v1/oauth-clients/${missing}`, headers: a.auth });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().code).toBe('oauth_client_not_found');
      expect(strip(foreign.json(), theirs.id)).toEqual(strip(unknown.json(), missing));
      expect(foreign.headers['content-type']).toBe(unknown.headers['content-type']);
    }
    const still = await get(`/v1/oauth-clients/${theirs.id}`, b.auth);
    expect(still.json().revokedAt).toBeNull();
    expect((await get('/v1/oauth-clients/not-a-uuid', a.auth)).statusCode).toBe(404);
  });

  it('writes one audit event for a create and one for a revoke; revoking again is 204 and records nothing', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const keyRow = await s.db
      .selectFrom('api_keys')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const created = await createClient(app(), auth, { name: 'Audited' });
    const first = await revoke(auth, created.id);
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    const second = await revoke(auth, created.id);
    expect(second.statusCode).toBe(204);

    const events = await s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['oauth_client.create', 'oauth_client.revoke']);
    for (const event of events) {
      expect(event).toMatchObject({ resource_type: 'oauth_client', actor_kind: 'api_key', credential_id: keyRow.id });
      expect(event.request_id).toEqual(expect.any(String));
      expect(`${event.before} ${event.after}`).not.toContain(created.clientSecret);
      expect(`${event.before} ${event.after}`).not.toMatch(/secret|hash/i);
    }
    const { clientSecret: _secret, ...presented } = created;
    expect(JSON.parse(events[0]!.after!)).toEqual(presented);
    expect(events[0]!.before).toBeNull();
    expect(JSON.parse(events[1]!.before!)).toEqual(presented);
    expect(JSON.parse(events[1]!.after!)).toMatchObject({ id: created.id, revokedAt: expect.any(String) });

    const revoked = (await get(`/v1/oauth-clients/${created.id}`, auth)).json();
    expect(revoked.revokedAt).toBe(JSON.parse(events[1]!.after!).revokedAt);
  });

  it('lets a read-only admin list and read, but not create or revoke', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const existing = await createClient(app(), auth);
    const readonly = await createApiKey(s, tenantId, { role: 'readonly_admin' });
    const list = await get('/v1/oauth-clients', readonly.auth);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect((await get(`/v1/oauth-clients/${existing.id}`, readonly.auth)).statusCode).toBe(200);
    const before = await counts(tenantId);
    const create = await post(readonly.auth, { name: 'x', role: 'admin' });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('insufficient_scope');
    expect((await revoke(readonly.auth, existing.id)).statusCode).toBe(403);
    expect(await counts(tenantId)).toEqual(before);
  });

  it('forbids agents and credentials without the admin scope', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    const agent = await createApiKey(s, tenantId, { role: 'agent', personId: person });
    const narrow = await createApiKey(s, tenantId, { role: 'admin', scopes: ['devices:read'] });
    for (const key of [agent, narrow]) {
      expect((await post(key.auth, { name: 'x', role: 'admin' })).statusCode).toBe(403);
    }
    expect((await get('/v1/oauth-clients', agent.auth)).statusCode).toBe(403);
  });

  it('never grants a client more than the creating credential holds', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const creator = await createApiKey(s, tenantId, { role: 'admin', scopes: ['admin', 'devices:read'] });
    const before = await counts(tenantId);
    const above = await post(creator.auth, { name: 'x', role: 'admin', scopes: ['devices:read', 'devices:write'] });
    expect(above.statusCode).toBe(400);
    expect(above.json()).toMatchObject({ code: 'invalid_body', parameter: 'scopes' });
    const everything = await post(creator.auth, { name: 'x', role: 'admin' });
    expect(everything.statusCode).toBe(400);
    expect(await counts(tenantId)).toEqual(before);
    const within = await post(creator.auth, { name: 'x', role: 'admin', scopes: ['devices:read'] });
    expect(within.statusCode).toBe(201);
  });
});
