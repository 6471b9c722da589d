import { expect, it } from 'vitest';
import type { Store } from '../../src/db/database.js';
import { newId } from '../../src/db/ids.js';
import { LoginService } from '../../src/modules/logins/login.service.js';
import { PersonRepository } from '../../src/modules/people/person.repository.js';
import { ROLE_SCOPES } from '../../src/modules/access/roles.js';
import { systemActor } from '../../src/modules/audit/audit-trail.js';
import { hashPassword } from '../../src/modules/logins/password.js';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson } from '../support/factories.js';
import { TEST_PASSWORD_COST, problemShape, useApp } from '../support/http.js';
import { describeEachStore } from '../support/stores.js';

const PASSWORD = 'correct horse battery staple';
const CSRF = { 'x-requested-with': 'ucfleet' };

async function events(store: Store, tenantId: string, action?: string): Promise<number> {
  let query = store.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId);
  if (action) query = query.where('action', '=', action);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

describeEachStore('people’s logins and sign-in sessions', ({ store }) => {
  const { app, get } = useApp(store, {}, { passwordCost: TEST_PASSWORD_COST });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    app().inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const signIn = (login: string, password: string) => send('POST', '/v1/sessions', {}, { login, password });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
    const cookie = res.cookies.find((c) => c.name === 'ucfleet_session');
    expect(cookie).toBeDefined();
    return { cookie: `ucfleet_session=${cookie!.value}` };
  };

  async function personWithLogin(
    s: Store,
    tenantId: string,
    auth: Record<string, string>,
    login: string,
    role = 'agent',
  ) {
    const id = await insertPerson(s, tenantId, { username: login, first_name: 'Dana', last_name: 'Walker' });
    const res = await send('PUT', `/v1/people/${id}/login`, auth, { login, role, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    return id;
  }

  it('sets a login (password required when creating), shows it without the hash, and audits it once', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    const before = await events(s, tenantId);

    const noPassword = await send('PUT', `/v1/people/${person}/login`, auth, { login: 'dana', role: 'agent' });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json()).toMatchObject({ code: 'invalid_body', parameter: 'password' });
    const missing = await get(`/v1/people/${person}/login`, auth);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('login_not_found');

    const created = await send('PUT', `/v1/people/${person}/login`, auth, {
      login: 'Dana.Walker@example.com',
      role: 'supervisor',
      password: PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(Object.keys(created.json()).sort()).toEqual([
      'createdAt',
      'disabled',
      'lastLoginAt',
      'login',
      'role',
      'updatedAt',
    ]);
    expect(created.json()).toMatchObject({
      login: 'dana.walker@example.com',
      role: 'supervisor',
      lastLoginAt: null,
      disabled: false,
    });
    expect((await get(`/v1/people/${person}/login`, auth)).json()).toEqual(created.json());
    expect(await events(s, tenantId)).toBe(before + 1);
    const event = await s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'login.set')
      .executeTakeFirstOrThrow();
    expect(event.before).toBeNull();
    expect(JSON.parse(event.after!)).toEqual({ ...created.json(), passwordChanged: true });

    // Replacing without a password keeps it and records no password change.
    const replaced = await send('PUT', `/v1/people/${person}/login`, auth, { login: 'dana', role: 'agent' });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ login: 'dana', role: 'agent', createdAt: created.json().createdAt });
    const last = await s.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(last.before!)).toEqual(created.json());
    expect(JSON.parse(last.after!)).not.toHaveProperty('passwordChanged');
    expect(await events(s, tenantId)).toBe(before + 2);

    const stored = await s.db
      .selectFrom('person_logins')
      .selectAll()
      .where('person_id', '=', person)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
    const audit = await s.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId).execute();
    for (const text of [created.body, replaced.body, JSON.stringify(audit)]) {
      expect(text).not.toContain(stored.password_hash);
      expect(text).not.toContain('$scrypt$');
      expect(text).not.toContain(PASSWORD);
    }
  });

  it('refuses a short or long password, a bad login, an unknown role and unknown members, storing nothing', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    const before = await events(s, tenantId);
    const cases: [object, string][] = [
      [{ login: 'pat.limits', role: 'agent', password: 'eleven char' }, 'password'],
      [{ login: 'pat.limits', role: 'agent', password: 'x'.repeat(257) }, 'password'],
      [{ login: 'da', role: 'agent', password: PASSWORD }, 'login'],
      [{ login: 'dana:walker', role: 'agent', password: PASSWORD }, 'login'],
      [{ login: 'dana walker', role: 'agent', password: PASSWORD }, 'login'],
      [{ login: 'pat.limits', role: 'root', password: PASSWORD }, 'role'],
      [{ login: 'pat.limits', role: 'agent', password: PASSWORD, passwordHash: 'x' }, 'passwordHash'],
      [{ login: 'pat.limits', role: 'agent', password: PASSWORD, lastLoginAt: null }, 'lastLoginAt'],
    ];
    for (const [payload, parameter] of cases) {
      const res = await send('PUT', `/v1/people/${person}/login`, auth, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json(), JSON.stringify(payload)).toMatchObject({ code: 'invalid_body', parameter });
    }
    expect(await s.db.selectFrom('person_logins').selectAll().where('person_id', '=', person).execute()).toEqual([]);
    expect(await events(s, tenantId)).toBe(before);
    // Twelve characters is enough; 256 is the most.
    const ok = await send('PUT', `/v1/people/${person}/login`, auth, {
      login: 'pat.limits',
      role: 'agent',
      password: 'x'.repeat(256),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('keeps logins unique across tenants and case (409), and answers other tenants’ people like missing ones', async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    await personWithLogin(s, a.tenantId, a.auth, 'sam.taken');
    const mine = await insertPerson(s, a.tenantId);
    const theirs = await insertPerson(s, b.tenantId);
    const before = await events(s, b.tenantId);
    for (const [auth, person] of [
      [a.auth, mine],
      [b.auth, theirs],
    ] as const) {
      const taken = await send('PUT', `/v1/people/${person}/login`, auth, {
        login: 'SAM.Taken',
        role: 'agent',
        password: PASSWORD,
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'login_taken', parameter: 'login' });
    }
    expect(await events(s, b.tenantId)).toBe(before);

    const missing = newId();
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const payload = method === 'PUT' ? { login: 'someone.new', role: 'agent', password: PASSWORD } : undefined;
      const foreign = await app().inject({ method, url: `/v1/people/${theirs}/login`, headers: a.auth, payload });
      const none = await app().inject({ method, url: `/v1/people/${missing}/login`, headers: a.auth, payload });
      expect(foreign.statusCode, method).toBe(404);
      expect(foreign.json().code).toBe('person_not_found');
      expect(problemShape(foreign.json(), theirs)).toEqual(problemShape(none.json(), missing));
    }
    expect(await s.db.selectFrom('person_logins').selectAll().where('person_id', '=', theirs).execute()).toEqual([]);
  });

  it('signs in with a cookie that works on reads, needs X-Requested-With to change data, and dies on sign-out', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await personWithLogin(s, tenantId, auth, 'dana.agent');
    const other = await insertPerson(s, tenantId);
    const [own, foreign] = await createDevices(s, [
      deviceRow(tenantId, { owner_person_id: person }),
      deviceRow(tenantId, { owner_person_id: other }),
    ]);

    const res = await signIn('Dana.Agent', PASSWORD);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      person: { id: person, username: 'dana.agent', firstName: 'Dana', lastName: 'Walker' },
      role: 'agent',
      scopes: [...ROLE_SCOPES.agent],
      expiresAt: expect.any(String),
    });
    const hours = (Date.parse(res.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^ucfleet_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(res.body).not.toContain(res.cookies[0]!.value);
    const cookie = cookieOf(res);

    const devices = await get('/v1/devices', cookie);
    expect(devices.statusCode).toBe(200);
    expect(devices.headers['cache-control']).toBe('no-store');
    expect(devices.json().items.map((d: { id: string }) => d.id)).toEqual([own]);
    expect((await get(`/v1/devices/${foreign}`, cookie)).statusCode).toBe(404);
    const me = await get('/v1/me', cookie);
    expect(me.json()).toMatchObject({ credential: { kind: 'session' }, role: 'agent', person: { id: person } });

    for (const [method, url] of [
      ['DELETE', '/v1/sessions/current'],
      ['POST', '/v1/api-keys'],
      ['PUT', `/v1/people/${person}/login`],
    ] as const) {
      const csrf = await send(method, url, cookie, method === 'DELETE' ? undefined : {});
      expect(csrf.statusCode, `${method} ${url}`).toBe(403);
      expect(csrf.json().code).toBe('csrf_header_required');
    }
    expect((await get('/v1/me', cookie)).statusCode).toBe(200);

    expect(await events(s, tenantId, 'session.create')).toBe(1);
    const out = await send('DELETE', '/v1/sessions/current', { ...cookie, ...CSRF });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^ucfleet_session=; Max-Age=0; Path=\/; Expires=.*HttpOnly; SameSite=Strict$/,
    );
    expect(await events(s, tenantId, 'session.revoke')).toBe(1);
    const rejected = await get('/v1/devices', cookie);
    expect(rejected.statusCode).toBe(401);
    expect(rejected.json().code).toBe('invalid_credentials');
    // The login records the sign-in.
    expect((await get(`/v1/people/${person}/login`, auth)).json().lastLoginAt).not.toBeNull();
    // A stale cookie does not stand in the way of signing in again.
    expect(
      (
        await app().inject({
          method: 'POST',
          url: '/v1/sessions',
          headers: cookie,
          payload: { login: 'dana.agent', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('answers a wrong password, an unknown login and a disabled login with the same 401', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await personWithLogin(s, tenantId, auth, 'kim.admin', 'admin');
    const wrong = await signIn('kim.admin', 'not the password at all');
    const unknown = await signIn('nobody.here', PASSWORD);
    const malformed = await signIn('no spaces: allowed', PASSWORD);
    for (const res of [wrong, unknown, malformed]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual(malformed.json());
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });

    const cookie = cookieOf(await signIn('kim.admin', PASSWORD));
    const disabled = await send('PUT', `/v1/people/${person}/login`, auth, {
      login: 'kim.admin',
      role: 'admin',
      disabled: true,
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabled).toBe(true);
    const refused = await signIn('kim.admin', PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual(wrong.json());
    expect((await get('/v1/me', cookie)).statusCode).toBe(401);
    expect(await events(s, tenantId, 'session.create')).toBe(1);
  });

  it("ends a person's sessions when their password changes or their login is removed; a role change applies at once", async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await personWithLogin(s, tenantId, auth, 'lee.admin', 'admin');
    const first = cookieOf(await signIn('lee.admin', PASSWORD));
    expect((await get('/v1/api-keys', first)).statusCode).toBe(200);

    await send('PUT', `/v1/people/${person}/login`, auth, { login: 'lee.admin', role: 'readonly_admin' });
    const me = await get('/v1/me', first);
    expect(me.json()).toMatchObject({ role: 'readonly_admin', scopes: [...ROLE_SCOPES.readonly_admin] });
    expect((await send('POST', '/v1/apps', { ...first, ...CSRF }, { name: 'x' })).statusCode).toBe(403);

    const newPassword = 'another long passphrase';
    const changed = await send('PUT', `/v1/people/${person}/login`, auth, {
      login: 'lee.admin',
      role: 'admin',
      password: newPassword,
    });
    expect(changed.statusCode).toBe(200);
    expect((await get('/v1/me', first)).statusCode).toBe(401);
    expect((await signIn('lee.admin', PASSWORD)).statusCode).toBe(401);
    const second = cookieOf(await signIn('lee.admin', newPassword));
    expect((await get('/v1/me', second)).statusCode).toBe(200);

    const before = await events(s, tenantId);
    expect((await send('DELETE', `/v1/people/${person}/login`, auth)).statusCode).toBe(204);
    expect(await events(s, tenantId)).toBe(before + 1);
    expect(await events(s, tenantId, 'login.delete')).toBe(1);
    expect((await get('/v1/me', second)).statusCode).toBe(401);
    expect((await get(`/v1/people/${person}/login`, auth)).statusCode).toBe(404);
    expect((await send('DELETE', `/v1/people/${person}/login`, auth)).json().code).toBe('login_not_found');
    expect((await signIn('lee.admin', newPassword)).statusCode).toBe(401);
  });

  it('prefers a bearer credential over the cookie, and needs no CSRF header with one', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    await personWithLogin(s, tenantId, auth, 'rob.agent');
    const cookie = cookieOf(await signIn('rob.agent', PASSWORD));
    const both = await get('/v1/me', { ...cookie, ...auth });
    expect(both.json().credential.kind).toBe('api_key');
    const created = await send('POST', '/v1/apps', { ...cookie, ...auth }, { name: 'bearer wins' });
    expect(created.statusCode).toBe(201);
    // DELETE /v1/sessions/current is for session callers only.
    const notSession = await send('DELETE', '/v1/sessions/current', auth);
    expect(notSession.statusCode).toBe(404);
    expect(notSession.json().code).toBe('session_not_found');
    // A garbage or forged cookie is a 401, not an anonymous request.
    for (const value of ['garbage', 'A'.repeat(43)]) {
      const res = await get('/v1/devices', { cookie: `ucfleet_session=${value}` });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid_credentials');
    }
  });

  it('refuses the read-only admin every login change', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await personWithLogin(s, tenantId, auth, 'ro.target');
    const readonly = await createApiKey(s, tenantId, { role: 'readonly_admin' });
    expect((await get(`/v1/people/${person}/login`, readonly.auth)).statusCode).toBe(200);
    const put = await send('PUT', `/v1/people/${person}/login`, readonly.auth, { login: 'ro.target', role: 'admin' });
    expect(put.statusCode).toBe(403);
    expect((await send('DELETE', `/v1/people/${person}/login`, readonly.auth)).statusCode).toBe(403);
    expect((await get(`/v1/people/${person}/login`, auth)).json().role).toBe('agent');
  });
});

describeEachStore('sign-in behind https', ({ store }) => {
  const { app } = useApp(
    store,
    { PUBLIC_BASE_URL: 'https://fleet.example.com', SESSION_TTL_HOURS: '2' },
    { passwordCost: TEST_PASSWORD_COST },
  );

  it('marks the cookie Secure and gives it the configured lifetime', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    await app().inject({
      method: 'PUT',
      url: `/v1/people/${person}/login`,
      headers: auth,
      payload: { login: 'secure.user', role: 'agent', password: PASSWORD },
    });
    const res = await app().inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { login: 'secure.user', password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    expect(String(res.headers['set-cookie'])).toMatch(/; Max-Age=7200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const hours = (Date.parse(res.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
  });
});

describeEachStore('password authentication for HTTP Basic dialects', ({ store }) => {
  it('returns a password principal, caches successes briefly, and forgets them when the password changes here', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    const people = new PersonRepository(s.db, s.capabilities);
    const logins = new LoginService(s.db, (t, id) => people.exists(t, id), { passwordCost: TEST_PASSWORD_COST });
    await logins.setLogin(systemActor(tenantId), person, {
      login: 'basic.user',
      role: 'supervisor',
      password: PASSWORD,
    });

    expect(await logins.authenticatePassword('Basic.User', PASSWORD)).toEqual({
      tenantId,
      credentialKind: 'password',
      credentialId: person,
      personId: person,
      role: 'supervisor',
      scopes: [...ROLE_SCOPES.supervisor],
    });
    expect(await logins.authenticatePassword('basic.user', 'wrong password here')).toBeNull();
    expect(await logins.authenticatePassword('nobody', PASSWORD)).toBeNull();

    // A success is remembered: a hash changed behind the service's back is not consulted within the minute.
    await s.db
      .updateTable('person_logins')
      .set({ password_hash: await hashPassword('something else entirely', TEST_PASSWORD_COST) })
      .where('person_id', '=', person)
      .execute();
    expect(await logins.authenticatePassword('basic.user', PASSWORD)).not.toBeNull();
    // A change made through the service forgets it at once.
    await logins.setLogin(systemActor(tenantId), person, {
      login: 'basic.user',
      role: 'supervisor',
      password: 'a brand new password',
    });
    expect(await logins.authenticatePassword('basic.user', PASSWORD)).toBeNull();
    expect(await logins.authenticatePassword('basic.user', 'a brand new password')).not.toBeNull();
    await logins.setLogin(systemActor(tenantId), person, { login: 'basic.user', role: 'supervisor', disabled: true });
    expect(await logins.authenticatePassword('basic.user', 'a brand new password')).toBeNull();
  });

  it('spends about the same time on an unknown login as on a wrong password', async () => {
    const s = store();
    const { tenantId } = await createTenant(s);
    const person = await insertPerson(s, tenantId);
    const people = new PersonRepository(s.db, s.capabilities);
    const cost = { ln: 12, r: 8, p: 1 };
    const logins = new LoginService(s.db, (t, id) => people.exists(t, id), { passwordCost: cost });
    await logins.setLogin(systemActor(tenantId), person, { login: 'timed.user', role: 'agent', password: PASSWORD });
    await logins.verifyCredentials('warm.up', PASSWORD);
    const median = async (login: string) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        expect(await logins.verifyCredentials(login, 'not the right one')).toBeNull();
        times.push(performance.now() - started);
      }
      return times.sort((x, y) => x - y)[3]!;
    };
    const known = await median('timed.user');
    const unknown = await median('unknown.user');
    expect(unknown / known).toBeGreaterThan(0.33);
    expect(unknown / known).toBeLessThan(3);
  });
});
