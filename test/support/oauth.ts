/**
 * OAuth test helpers: creating clients through the admin API, asking the token endpoint for tokens (HTTP Basic
 * or client_secret_post, form or JSON), and minting tokens with a stored signing key to forge claims.
 */
import type { FastifyInstance } from 'fastify';
import { type JWTPayload, type JWK, SignJWT, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Store } from '../../src/db/database.js';

export interface TestClient {
  id: string;
  clientId: string;
  clientSecret: string;
  [member: string]: unknown;
}

export async function createClient(
  app: FastifyInstance,
  auth: { authorization: string },
  body: Record<string, unknown> = {},
): Promise<TestClient> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/oauth-clients',
    headers: auth,
    payload: { name: 'test client', role: 'admin', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`creating a client answered ${res.statusCode}: ${res.body}`);
  return res.json() as TestClient;
}

export type AuthMethod = 'basic' | 'post';
export type BodyFormat = 'form' | 'json';

/** POST /oauth/token with the client's credentials, by `method`, in `format`, plus any extra parameters. */
export function requestToken(
  app: FastifyInstance,
  client: { clientId: string; clientSecret: string },
  options: { method?: AuthMethod; format?: BodyFormat; params?: Record<string, string> } = {},
) {
  const { method = 'basic', format = 'form' } = options;
  const params: Record<string, string> = { grant_type: 'client_credentials', ...options.params };
  const headers: Record<string, string> = {};
  if (method === 'basic') headers.authorization = basicAuth(client.clientId, client.clientSecret);
  else Object.assign(params, { client_id: client.clientId, client_secret: client.clientSecret });
  return postToken(app, params, format, headers);
}

export function postToken(
  app: FastifyInstance,
  params: Record<string, string>,
  format: BodyFormat = 'form',
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: {
      ...headers,
      'content-type': format === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    payload: format === 'form' ? new URLSearchParams(params).toString() : JSON.stringify(params),
  });
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export async function tokenFor(app: FastifyInstance, client: TestClient, scope?: string): Promise<string> {
  const res = await requestToken(app, client, scope === undefined ? {} : { params: { scope } });
  if (res.statusCode !== 200) throw new Error(`the token endpoint answered ${res.statusCode}: ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The claims a genuine token of `client` carries, valid for 15 minutes from now. */
export function genuineClaims(tenantId: string, client: TestClient, scope: string): JWTPayload {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: 'urn:ucfleet',
    aud: 'ucfleet',
    sub: client.clientId,
    tid: tenantId,
    cid: client.id,
    role: client.role as string,
    scope,
    iat,
    exp: iat + 900,
    jti: randomUUID(),
  };
}

/** Signs claims with a stored signing key (by kid), as the server would. */
export async function signWithStoredKey(
  store: Store,
  kid: string,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  const row = await store.db.selectFrom('signing_keys').selectAll().where('id', '=', kid).executeTakeFirstOrThrow();
  const key = await importJWK(JSON.parse(row.private_jwk) as JWK, 'ES256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt', ...header }).sign(key);
}

export function decodeSegment(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export const encodeSegment = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
