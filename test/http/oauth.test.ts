/**
 * OAuth 2.0 client credentials: the token endpoint (RFC 6749 §4.4/§5), the tokens it issues used on the
 * native API, credential mutations (every forged or stale token is a 401 with a challenge), discovery, and
 * signing-key rotation with a controlled clock.
 */
import { createHmac, createPublicKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SigningKeyRepository } from '../../src/modules/oauth/signing-key.repository.js';
import { SigningKeyService } from '../../src/modules/oauth/signing-key.service.js';
import { ROLE_SCOPES } from '../../src/modules/access/roles.js';
import { type Services, createServices } from '../../src/services.js';
import { createDevices, createTenant, deviceRow, insertPerson } from '../support/factories.js';
import { useApp } from '../support/http.js';
import {
  type TestClient,
  basicAuth,
  bearer,
  createClient,
  decodeSegment,
  encodeSegment,
  genuineClaims,
  postToken,
  requestToken,
  signWithStoredKey,
  tokenFor,
} from '../support/oauth.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('OAuth token endpoint', ({ store }) => {
  const { app, get } = useApp(store, { RATE_LIMITS: 'off' });

  it('issues a signed token by HTTP Basic and by client_secret_post, from a form or a JSON body', async () => {
    const { tenantId, auth } = await createTenant(store());
    const client = await createClient(app(), auth);
    for (const method of ['basic', 'post'] as const) {
      for (const format of ['form', 'json'] as const) {
        const res = await requestToken(app(), client, { method, format });
        expect(res.statusCode, `${method} ${format}`).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers.pragma).toBe('no-cache');
        const body = res.json();
        expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
        expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: ROLE_SCOPES.admin.join(' ') });
        const header = decodeSegment(body.access_token, 0);
        expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
        expect(typeof header.kid).toBe('string');
        const claims = decodeSegment(body.access_token, 1);
        expect(claims).toMatchObject({
          iss: 'urn:ucfleet',
          aud: 'ucfleet',
          sub: client.clientId,
          tid: tenantId,
          cid: client.id,
          role: 'admin',
          scope: ROLE_SCOPES.admin.join(' '),
        });
        expect(claims).not.toHaveProperty('pid');
        expect((claims.exp as number) - (claims.iat as number)).toBe(900);
        expect(typeof claims.jti).toBe('string');
      }
    }
  });

  it('answers a wrong secret, an unknown client or a missing authentication with 401 invalid_client and a Basic challenge', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app(), auth);
    const attempts = [
      requestToken(app(), { clientId: client.clientId, clientSecret: `${client.clientSecret}x` }),
      requestToken(app(), { clientId: client.clientId, clientSecret: 'ucfs_wrong' }, { method: 'post' }),
      requestToken(app(), { clientId: 'ucfc_unknownunknownunkn', clientSecret: client.clientSecret }),
      postToken(app(), { grant_type: 'client_credentials' }),
      postToken(app(), { grant_type: 'client_credentials', client_id: client.clientId }),
      postToken(app(), { grant_type: 'client_credentials' }, 'form', { authorization: 'Basic !!!' }),
      postToken(app(), { grant_type: 'client_credentials' }, 'form', {
        authorization: `Bearer ${client.clientSecret}`,
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="ucfleet"');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    }
  });

  it('refuses both authentication methods at once with 400 invalid_request', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app(), auth);
    const res = await postToken(
      app(),
      { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret },
      'form',
      { authorization: basicAuth(client.clientId, client.clientSecret) },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request' });
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('refuses other grant types, and malformed requests as invalid_request in the RFC 6749 shape', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app(), auth);
    const basic = { authorization: basicAuth(client.clientId, client.clientSecret) };
    for (const grant of ['password', 'authorization_code', 'refresh_token']) {
      const res = await postToken(app(), { grant_type: grant }, 'form', basic);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });
    }
    const malformed = [
      postToken(app(), {}, 'form', basic),
      postToken(app(), { grant_type: 'client_credentials', role: 'admin' }, 'json', basic),
      postToken(app(), { grant_type: 'client_credentials', tenant_id: 'x' }, 'form', basic),
      app().inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { ...basic, 'content-type': 'application/json' },
        payload: '{"grant_type":',
      }),
      app().inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials&grant_type=password',
      }),
      app().inject({
        method: 'POST',
        url: '/oauth/token',
        headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials&__proto__=x',
      }),
    ];
    for (const res of await Promise.all(malformed)) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
    }
    const otherType = await app().inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { ...basic, 'content-type': 'application/xml' },
      payload: 'grant_type=client_credentials',
    });
    expect(otherType.statusCode).toBe(415);
    expect(otherType.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('narrows a token to requested scopes, and refuses a scope the client is not granted with invalid_scope', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app(), auth, { scopes: ['devices:read', 'people:read', 'sites:read'] });
    const narrowed = await requestToken(app(), client, { params: { scope: 'sites:read devices:read' } });
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.json().scope).toBe('devices:read sites:read');
    const token = narrowed.json().access_token as string;
    expect((await get('/v1/devices', bearer(token))).statusCode).toBe(200);
    const forbidden = await get('/v1/people', bearer(token));
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('insufficient_scope');

    for (const scope of ['admin', 'devices:write', 'devices:read telephony:read', 'no-such:scope']) {
      const res = await requestToken(app(), client, { params: { scope } });
      expect(res.statusCode, scope).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid_scope', error_description: expect.any(String) });
    }
  });

  it('gives a token that reads its own tenant only, and is 403 insufficient_scope where it lacks the scope', async () => {
    const s = store();
    const a = await createTenant(s);
    const b = await createTenant(s);
    const [mine] = await createDevices(s, [deviceRow(a.tenantId)]);
    const [theirs] = await createDevices(s, [deviceRow(b.tenantId)]);
    const client = await createClient(app(), a.auth, { scopes: ['devices:read'] });
    const token = await tokenFor(app(), client);

    const list = await get('/v1/devices', bearer(token));
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([mine]);
    expect((await get(`/v1/devices/${mine}`, bearer(token))).statusCode).toBe(200);
    const foreign = await get(`/v1/devices/${theirs}`, bearer(token));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('device_not_found');

    const people = await get('/v1/people', bearer(token));
    expect(people.statusCode).toBe(403);
    expect(people.json().code).toBe('insufficient_scope');
    expect(people.headers['www-authenticate']).toContain('error="insufficient_scope"');
    const create = await app().inject({
      method: 'POST',
      url: '/v1/oauth-clients',
      headers: bearer(token),
      payload: { name: 'x', role: 'admin' },
    });
    expect(create.statusCode).toBe(403);
  });

  it('answers every mutated or stale token with 401 invalid_credentials and a Bearer challenge', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const other = await createTenant(s);
    const client = await createClient(app(), auth, { scopes: ['devices:read'] });
    const genuine = await tokenFor(app(), client);
    const kid = decodeSegment(genuine, 0).kid as string;
    const claims = genuineClaims(tenantId, client, 'devices:read');
    const now = Math.floor(Date.now() / 1000);

    // Positive controls: a token minted here with the stored key is accepted, and so is one 10 s past its
    // expiry (within the 30 s clock tolerance), so each refusal below is due to its one mutation.
    expect((await get('/v1/devices', bearer(genuine))).statusCode).toBe(200);
    const minted = await signWithStoredKey(s, kid, claims);
    expect((await get('/v1/devices', bearer(minted))).statusCode).toBe(200);
    const tolerated = await signWithStoredKey(s, kid, { ...claims, iat: now - 910, exp: now - 10 });
    expect((await get('/v1/devices', bearer(tolerated))).statusCode).toBe(200);

    const foreign = await generateKeyPair('ES256');
    const served = (await get('/.well-known/jwks.json')).json().keys.find((k: { kid: string }) => k.kid === kid);
    const [headerPart, payloadPart] = genuine.split('.') as [string, string, string];
    const hs256 = (secret: string) => {
      const head = encodeSegment({ alg: 'HS256', kid, typ: 'at+jwt' });
      const body = encodeSegment(claims);
      const mac = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
      return `${head}.${body}.${mac}`;
    };
    const publicPem = createPublicKey({ key: served, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    const tamperedClaims = { ...decodeSegment(genuine, 1), tid: other.tenantId, scope: 'devices:read admin' };

    const mutations: Record<string, string> = {
      expired: await signWithStoredKey(s, kid, { ...claims, iat: now - 1000, exp: now - 60 }),
      'signed by a foreign key with the same kid': await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
        .sign(foreign.privateKey),
      'alg none': `${encodeSegment({ alg: 'none', kid, typ: 'at+jwt' })}.${encodeSegment(claims)}.`,
      'HS256 keyed with the public JWK': hs256(JSON.stringify(served)),
      'HS256 keyed with the public PEM': hs256(publicPem),
      'wrong audience': await signWithStoredKey(s, kid, { ...claims, aud: 'someone-else' }),
      'wrong issuer': await signWithStoredKey(s, kid, { ...claims, iss: 'https://evil.example' }),
      'unknown kid': await signWithStoredKey(s, kid, claims, { kid: 'not-a-key' }),
      'not yet valid': await signWithStoredKey(s, kid, { ...claims, iat: now + 600, nbf: now + 600 }),
      'wrong token type': await signWithStoredKey(s, kid, claims, { typ: 'JWT' }),
      'tampered payload': `${headerPart}.${encodeSegment(tamperedClaims)}.${genuine.split('.')[2]}`,
      'tampered header': `${encodeSegment({ ...decodeSegment(genuine, 0), typ: 'JWT' })}.${payloadPart}.${genuine.split('.')[2]}`,
      'claims of another client': await signWithStoredKey(s, kid, { ...claims, cid: other.tenantId }),
      'sub of another client': await signWithStoredKey(s, kid, { ...claims, sub: 'ucfc_someoneelse' }),
      'tenant that is not the client’s': await signWithStoredKey(s, kid, { ...claims, tid: other.tenantId }),
    };
    for (const [name, token] of Object.entries(mutations)) {
      const res = await get('/v1/devices', bearer(token));
      expect(res.statusCode, name).toBe(401);
      expect(res.headers['www-authenticate'], name).toBe('Bearer realm="ucfleet", error="invalid_token"');
      expect(res.json().code, name).toBe('invalid_credentials');
    }
  });

  it('stops accepting the tokens of a revoked client at once', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app(), auth, { scopes: ['devices:read'] });
    const token = await tokenFor(app(), client);
    expect((await get('/v1/devices', bearer(token))).statusCode).toBe(200);
    const revoke = await app().inject({ method: 'DELETE', url: `/v1/oauth-clients/${client.id}`, headers: auth });
    expect(revoke.statusCode).toBe(204);
    const res = await get('/v1/devices', bearer(token));
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    const again = await requestToken(app(), client);
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toBe('invalid_client');
  });

  it('acts as the client’s person: an agent client sees only that person’s devices', async () => {
    const s = store();
    const { tenantId, auth } = await createTenant(s);
    const agent = await insertPerson(s, tenantId);
    const [own] = await createDevices(s, [deviceRow(tenantId, { owner_person_id: agent }), deviceRow(tenantId)]);
    const client = await createClient(app(), auth, { role: 'agent', personId: agent, scopes: ['devices:read'] });
    const token = await tokenFor(app(), client);
    expect(decodeSegment(token, 1)).toMatchObject({ pid: agent, role: 'agent' });
    const list = await get('/v1/devices', bearer(token));
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([own]);
  });

  it('publishes the public keys only, and the discovery document with absolute URLs from the request host', async () => {
    const { auth } = await createTenant(store());
    const token = await tokenFor(app(), await createClient(app(), auth));
    const jwks = await get('/.well-known/jwks.json');
    expect(jwks.statusCode).toBe(200);
    const keys = jwks.json().keys as Record<string, unknown>[];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
    expect(jwks.body).not.toMatch(/"d"|"p"|"q"|private/);
    expect(keys.map((k) => k.kid)).toContain(decodeSegment(token, 0).kid);

    const meta = await app().inject({
      method: 'GET',
      url: '/.well-known/oauth-authorization-server',
      headers: { host: 'fleet.test:8080' },
    });
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toEqual({
      issuer: 'urn:ucfleet',
      token_endpoint: 'http://fleet.test:8080/oauth/token',
      jwks_uri: 'http://fleet.test:8080/.well-known/jwks.json',
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: [...ROLE_SCOPES.admin],
    });
  });
});

describeEachStore('OAuth with PUBLIC_BASE_URL', ({ store }) => {
  const { app, get } = useApp(store, { RATE_LIMITS: 'off', PUBLIC_BASE_URL: 'https://fleet.example.com/' });

  it('uses it as the issuer and for every absolute URL, and refuses tokens of another issuer', async () => {
    const meta = (await get('/.well-known/oauth-authorization-server')).json();
    expect(meta).toMatchObject({
      issuer: 'https://fleet.example.com',
      token_endpoint: 'https://fleet.example.com/oauth/token',
      jwks_uri: 'https://fleet.example.com/.well-known/jwks.json',
    });
    const { tenantId, auth } = await createTenant(store());
    const client = await createClient(app(), auth, { scopes: ['devices:read'] });
    const token = await tokenFor(app(), client);
    expect(decodeSegment(token, 1).iss).toBe('https://fleet.example.com');
    expect((await get('/v1/devices', bearer(token))).statusCode).toBe(200);
    const kid = decodeSegment(token, 0).kid as string;
    const urnToken = await signWithStoredKey(store(), kid, genuineClaims(tenantId, client, 'devices:read'));
    expect((await get('/v1/devices', bearer(urnToken))).statusCode).toBe(401);
  });
});

describeEachStore('signing-key rotation', ({ store }) => {
  const DAY = 86_400_000;
  let clock = Date.now();
  let app: FastifyInstance;
  let services: Services;
  const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMITS: 'off' });

  beforeAll(async () => {
    services = createServices(store(), config, () => clock);
    app = await buildApp(config, { store: store(), services });
  });
  afterAll(async () => {
    await app.close();
  });

  const devices = (token: string) => app.inject({ method: 'GET', url: '/v1/devices', headers: bearer(token) });
  const publishedKids = async () =>
    ((await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json().keys as { kid: string }[]).map(
      (k) => k.kid,
    );

  it('signs with a new kid after a rotation, still verifies older tokens, and drops a key once it expires', async () => {
    const { tenantId, auth } = await createTenant(store());
    const client: TestClient = await createClient(app, auth, { scopes: ['devices:read'] });
    const before = await tokenFor(app, client);
    const oldKid = decodeSegment(before, 0).kid as string;

    const rotated = await services.signingKeys.rotate();
    const after = await tokenFor(app, client);
    const newKid = decodeSegment(after, 0).kid;
    expect(newKid).toBe(rotated.id);
    expect(newKid).not.toBe(oldKid);
    expect((await devices(before)).statusCode).toBe(200);
    expect((await devices(after)).statusCode).toBe(200);
    expect(await publishedKids()).toEqual(expect.arrayContaining([oldKid, newKid]));

    const retired = await store()
      .db.selectFrom('signing_keys')
      .selectAll()
      .where('id', '=', oldKid)
      .executeTakeFirstOrThrow();
    expect(retired.retired_at).toBe(clock);
    expect(retired.expires_at).toBe(clock + (900 + 300) * 1000);

    // Past the old key's expiry (token TTL + 5 minutes): a token signed with it, though its own exp lies in the
    // future, is refused; the same claims signed with the current key are accepted.
    clock += (900 + 300) * 1000 + 1;
    const claims = genuineClaims(tenantId, client, 'devices:read');
    const iat = Math.floor(clock / 1000);
    const fresh = { ...claims, iat, exp: iat + 900 };
    expect(await publishedKids()).not.toContain(oldKid);
    expect(await publishedKids()).toContain(newKid);
    expect((await devices(await signWithStoredKey(store(), oldKid, fresh))).statusCode).toBe(401);
    expect((await devices(await signWithStoredKey(store(), newKid as string, fresh))).statusCode).toBe(200);
    expect((await devices(after)).statusCode).toBe(401); // its own exp has passed too
  });

  it('rotates lazily when the signing key is older than SIGNING_KEY_ROTATION_DAYS', async () => {
    const { auth } = await createTenant(store());
    const client = await createClient(app, auth, { scopes: ['devices:read'] });
    const first = decodeSegment(await tokenFor(app, client), 0).kid;
    clock += 29 * DAY;
    expect(decodeSegment(await tokenFor(app, client), 0).kid).toBe(first);
    clock += DAY;
    const token = await tokenFor(app, client);
    const second = decodeSegment(token, 0).kid;
    expect(second).not.toBe(first);
    expect((await devices(token)).statusCode).toBe(200);
    const active = await store().db.selectFrom('signing_keys').select('id').where('retired_at', 'is', null).execute();
    expect(active.map((r) => r.id)).toEqual([second]);
  });

  it('keeps exactly one active key when several nodes rotate at once; the newest wins', async () => {
    const nodes = [1, 2, 3].map(
      () =>
        new SigningKeyService(
          new SigningKeyRepository(store().db),
          { rotationDays: 30, tokenTtlSeconds: 900 },
          () => clock,
        ),
    );
    const made = await Promise.all(nodes.map((n) => n.rotate()));
    const active = await store().db.selectFrom('signing_keys').selectAll().where('retired_at', 'is', null).execute();
    expect(active).toHaveLength(1);
    const newest = [...made].sort((x, y) => x.created_at - y.created_at || x.id.localeCompare(y.id)).at(-1);
    expect(active[0]!.id).toBe(newest!.id);
    expect((await nodes[0]!.signingKey()).kid).toBe(newest!.id);
  });
});
