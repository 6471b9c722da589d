import { expect, it } from 'vitest';
import { ROLE_SCOPES } from '../../src/modules/access/roles.js';
import { createApiKey, createTenant, insertPerson } from '../support/factories.js';
import { TEST_PASSWORD_COST, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('GET /v1/me', ({ store }) => {
  const { app, get } = useApp(store, {}, { passwordCost: TEST_PASSWORD_COST });

  it('describes an admin key: tenant, credential, role, scopes and no person', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s, 'Acme Corp');
    const tenant = await s.db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
    const key = await s.db
      .selectFrom('api_keys')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    const res = await get('/v1/me', auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      tenant: { id: tenantId, name: 'Acme Corp', apiCode: tenant.api_code },
      credential: { kind: 'api_key', id: key.id },
      role: 'admin',
      scopes: [...ROLE_SCOPES.admin],
      person: null,
    });
  });

  it('names the person an agent key acts as, with its effective scopes', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const person = await insertPerson(s, tenantId, { username: 'jdoe', first_name: 'Jane', last_name: null });
    const agent = await createApiKey(s, tenantId, { role: 'agent', personId: person, scopes: ['devices:read'] });
    const res = await get('/v1/me', agent.auth);
    expect(res.json()).toEqual({
      tenant: expect.objectContaining({ id: tenantId }),
      credential: { kind: 'api_key', id: agent.id },
      role: 'agent',
      scopes: ['devices:read'],
      person: { id: person, username: 'jdoe', firstName: 'Jane', lastName: null },
    });
  });

  it('describes a sign-in session', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await insertPerson(s, tenantId, { username: 'sup' });
    const password = 'a long enough password';
    await app().inject({
      method: 'PUT',
      url: `/v1/people/${person}/login`,
      headers: auth,
      payload: { login: 'me.supervisor', role: 'supervisor', password },
    });
    const signedIn = await app().inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { login: 'me.supervisor', password },
    });
    const cookie = signedIn.cookies.find((c) => c.name === 'ucfleet_session')!;
    const res = await get('/v1/me', { cookie: `ucfleet_session=${cookie.value}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      tenant: { id: tenantId },
      credential: { kind: 'session', id: expect.any(String) },
      role: 'supervisor',
      scopes: [...ROLE_SCOPES.supervisor],
      person: { id: person, username: 'sup' },
    });
    expect(res.json().credential.id).not.toBe(cookie.value);
  });

  it('needs a credential', async () => {
    const res = await get('/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });
});
