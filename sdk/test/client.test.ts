/**
 * The generated client against the real server (built in-process, answered through inject): each way of
 * authenticating, typed lists with their filters, the CSRF header on cookie-authenticated writes, and problems.
 */
import { expect, it } from 'vitest';
import { createApiKey, createDevices, createTenant, deviceRow, insertPerson } from '../../test/support/factories.js';
import { TEST_PASSWORD_COST, useApp } from '../../test/support/http.js';
import { describeEachStore } from '../../test/support/stores.js';
import { type UcfleetClient, createUcfleetClient, isProblem } from '../src/index.js';

describeEachStore('the SDK client', ({ store }) => {
  const { app } = useApp(store, {}, { passwordCost: TEST_PASSWORD_COST });
  const seen: Request[] = [];

  /** A fetch that hands each request to the app, keeping a cookie jar as a browser would. */
  function injectingFetch(jar: Map<string, string> = new Map()) {
    return async (request: Request): Promise<Response> => {
      seen.push(request.clone());
      const headers = Object.fromEntries(request.headers.entries());
      if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const body = request.body ? await request.text() : undefined;
      const res = await app().inject({
        method: request.method as 'GET',
        url: new URL(request.url).pathname + new URL(request.url).search,
        headers,
        ...(body === undefined ? {} : { payload: body }),
      });
      for (const cookie of res.cookies) jar.set(cookie.name, cookie.value);
      const answer = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined && name !== 'set-cookie') answer.set(name, String(value));
      }
      return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: answer,
      });
    };
  }

  async function apiKeyClient(): Promise<{ client: UcfleetClient; tenantId: string }> {
    const { tenantId } = await createTenant(store());
    const { key } = await createApiKey(store(), tenantId, { role: 'admin' });
    return {
      client: createUcfleetClient('http://ucfleet.test/', { kind: 'apiKey', key }, { fetch: injectingFetch() }),
      tenantId,
    };
  }

  it('lists devices with an API key, filtered and keyset-paged, as typed data', async () => {
    const { client, tenantId } = await apiKeyClient();
    await createDevices(store(), [
      ...[1, 2, 3].map(() => deviceRow(tenantId, { status: 'Online' })),
      ...[1, 2].map(() => deviceRow(tenantId, { status: 'Offline' })),
    ]);

    const first = await client.GET('/v1/devices', {
      params: { query: { status: 'Online', limit: 2, fields: 'id,status' } },
    });
    expect(first.error).toBeUndefined();
    expect(first.data?.items).toHaveLength(2);
    expect(first.data?.items.every((d) => d.status === 'Online')).toBe(true);
    expect(first.data?.nextCursor).toEqual(expect.any(String));
    expect(seen.at(-1)?.headers.get('authorization')).toMatch(/^Bearer /);

    const second = await client.GET('/v1/devices', {
      params: { query: { status: 'Online', limit: 2, cursor: first.data?.nextCursor ?? undefined } },
    });
    expect(second.data?.items).toHaveLength(1);
    expect(second.data?.nextCursor).toBeNull();
  });

  it('answers problems as typed errors with the catalogue code', async () => {
    const { client } = await apiKeyClient();
    const missing = await client.GET('/v1/devices/{id}', {
      params: { path: { id: '0190a3c0-0000-7000-8000-000000000000' } },
    });
    expect(missing.data).toBeUndefined();
    expect(missing.response.status).toBe(404);
    expect(isProblem(missing.error)).toBe(true);
    expect(missing.error).toMatchObject({ code: 'device_not_found' });

    const anonymous = createUcfleetClient(
      'http://ucfleet.test',
      { kind: 'apiKey', key: 'ucf_not-a-key' },
      { fetch: injectingFetch() },
    );
    const refused = await anonymous.GET('/v1/me');
    expect(refused.response.status).toBe(401);
    expect(isProblem(refused.error)).toBe(true);
  });

  it('signs in with a password, acts through the session cookie (writes carry the CSRF header) and signs out', async () => {
    const { client: admin, tenantId } = await apiKeyClient();
    const personId = await insertPerson(store(), tenantId, { username: 'dana' });
    const [deviceId] = await createDevices(store(), [deviceRow(tenantId, { owner_person_id: personId })]);
    const password = 'a long enough password';
    const login = await admin.PUT('/v1/people/{id}/login', {
      params: { path: { id: personId } },
      body: { login: 'dana', role: 'agent', password },
    });
    expect(login.response.status).toBe(201);

    const jar = new Map<string, string>();
    const browser = createUcfleetClient('http://ucfleet.test', { kind: 'session' }, { fetch: injectingFetch(jar) });
    const wrong = await browser.POST('/v1/sessions', { body: { login: 'dana', password: 'not the password' } });
    expect(wrong.error).toMatchObject({ code: 'invalid_credentials' });
    const signedIn = await browser.POST('/v1/sessions', { body: { login: 'dana', password } });
    expect(signedIn.data).toMatchObject({ role: 'agent', person: { username: 'dana' } });
    expect(jar.get('ucfleet_session')).toEqual(expect.any(String));

    const me = await browser.GET('/v1/me');
    expect(me.data?.credential.kind).toBe('session');
    const renamed = await browser.PATCH('/v1/devices/{id}', {
      params: { path: { id: deviceId ?? '' } },
      body: { name: 'Dana’s headset' },
    });
    expect(renamed.error).toBeUndefined();
    expect(renamed.data?.name).toBe('Dana’s headset');
    expect(seen.at(-1)?.headers.get('x-requested-with')).toBe('ucfleet');
    expect(seen.at(-1)?.headers.get('authorization')).toBeNull();

    const signedOut = await browser.DELETE('/v1/sessions/current');
    expect(signedOut.response.status).toBe(204);
    expect((await browser.GET('/v1/me')).response.status).toBe(401);
  });
});
