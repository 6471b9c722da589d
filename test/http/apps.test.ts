import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { AppService } from '../../src/modules/apps/app.service.js';
import { systemActor } from '../../src/modules/audit/audit-trail.js';
import { createApiKey, createTenant } from '../support/factories.js';
import { problemShape, useApp, walk } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

async function count(store: Store, table: 'apps' | 'audit_events', tenantId: string): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function events(store: Store, tenantId: string, action: string): Promise<number> {
  const row = await store.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachStore('native registered apps', ({ store }) => {
  const { app, get } = useApp(store);
  const post = (url: string, headers: Record<string, string>, payload: unknown) =>
    app().inject({ method: 'POST', url, headers, payload: payload as object });
  const del = (url: string, headers: Record<string, string>) => app().inject({ method: 'DELETE', url, headers });

  it('registers an app with a generated appId, or with the one given', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const generated = await post('/v1/apps', auth, { name: 'Headset dashboard' });
    expect(generated.statusCode, generated.body).toBe(201);
    expect(Object.keys(generated.json()).sort()).toEqual(['appId', 'createdAt', 'id', 'name', 'revokedAt']);
    expect(generated.json()).toMatchObject({ name: 'Headset dashboard', revokedAt: null });
    expect(generated.json().appId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generated.headers.location).toBe(`/v1/apps/${generated.json().id}`);

    const given = await post('/v1/apps', auth, { name: 'Poly Lens sync', appId: 'lens.sync_v2-prod' });
    expect(given.statusCode).toBe(201);
    expect(given.json().appId).toBe('lens.sync_v2-prod');
    expect((await get(`/v1/apps/${given.json().id}`, auth)).json()).toEqual(given.json());
    const { items } = await walk(app(), '/v1/apps?limit=1', auth);
    expect(items.map((a) => a.id)).toEqual([generated.json().id, given.json().id]);
    expect(await events(s, tenantId, 'app.create')).toBe(2);
  });

  it('refuses a duplicate appId in the tenant (409) and a malformed one (400), storing nothing', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const other = await createTenant(s);
    expect((await post('/v1/apps', auth, { name: 'a', appId: 'shared-app-id' })).statusCode).toBe(201);
    // Another tenant may use the same appId.
    expect((await post('/v1/apps', other.auth, { name: 'b', appId: 'shared-app-id' })).statusCode).toBe(201);
    const apps = await count(s, 'apps', tenantId);
    const audited = await count(s, 'audit_events', tenantId);

    const duplicate = await post('/v1/apps', auth, { name: 'again', appId: 'shared-app-id' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'app_id_taken', parameter: 'appId' });
    for (const payload of [
      { name: 'x', appId: 'short' },
      { name: 'x', appId: 'has spaces in it' },
      { name: 'x', appId: 'ünïcödé-app' },
      { name: 'x', appId: 'x'.repeat(129) },
      { name: '' },
      { appId: 'no-name-given' },
      { name: 'x', revokedAt: null },
    ]) {
      const res = await post('/v1/apps', auth, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('invalid_body');
    }
    expect(await count(s, 'apps', tenantId)).toBe(apps);
    expect(await count(s, 'audit_events', tenantId)).toBe(audited);
  });

  it('revokes an app: the dialect check refuses it at once; revoking again records nothing; its appId stays taken', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const other = await createTenant(s);
    const apps = new AppService(s.db);
    const created = (await post('/v1/apps', auth, { name: 'Sync', appId: 'sync-app-0001' })).json();
    expect(await apps.isRegisteredApp(tenantId, 'sync-app-0001')).toBe(true);
    expect(await apps.isRegisteredApp(other.tenantId, 'sync-app-0001')).toBe(false);
    expect(await apps.isRegisteredApp(tenantId, 'never-registered')).toBe(false);

    await apps.revoke(systemActor(tenantId), created.id);
    expect(await apps.isRegisteredApp(tenantId, 'sync-app-0001')).toBe(false);
    expect((await get(`/v1/apps/${created.id}`, auth)).json().revokedAt).not.toBeNull();
    expect((await del(`/v1/apps/${created.id}`, auth)).statusCode).toBe(204);
    expect(await events(s, tenantId, 'app.revoke')).toBe(1);
    expect((await post('/v1/apps', auth, { name: 'again', appId: 'sync-app-0001' })).statusCode).toBe(409);

    const second = (await post('/v1/apps', auth, { name: 'Second' })).json();
    expect((await del(`/v1/apps/${second.id}`, auth)).statusCode).toBe(204);
    expect((await get(`/v1/apps/${second.id}`, auth)).json().revokedAt).not.toBeNull();
    expect(await events(s, tenantId, 'app.revoke')).toBe(2);
  });

  it("answers another tenant's app id exactly like a missing one; read-only admins look but do not change", async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    const foreign = (await post('/v1/apps', b.auth, { name: 'b' })).json();
    const missing = newId();
    for (const method of ['GET', 'DELETE'] as const) {
      const theirs = await app().inject({ method, url: `/v1/apps/${foreign.id}`, headers: a.auth });
      const none = await app().inject({ method, url: `/v1/apps/${missing}`, headers: a.auth });
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().code).toBe('app_not_found');
      expect(problemShape(theirs.json(), foreign.id)).toEqual(problemShape(none.json(), missing));
    }
    expect((await get(`/v1/apps/${foreign.id}`, b.auth)).json().revokedAt).toBeNull();

    const readonly = await createApiKey(s, b.tenantId, { role: 'readonly_admin' });
    expect((await get('/v1/apps', readonly.auth)).statusCode).toBe(200);
    expect((await get(`/v1/apps/${foreign.id}`, readonly.auth)).statusCode).toBe(200);
    expect((await post('/v1/apps', readonly.auth, { name: 'x' })).statusCode).toBe(403);
    expect((await del(`/v1/apps/${foreign.id}`, readonly.auth)).statusCode).toBe(403);
  });
});
