/**
 * The typed client of the Ucfleet native API (/v1): openapi-fetch over the types generated from the server's
 * /openapi.json (schema.d.ts, by sdk/scripts/generate.ts). Every path, parameter and body is checked by the compiler.
 *
 *   const ucfleet = createUcfleetClient('https://fleet.example.com', { kind: 'apiKey', key });
 *   const { data, error } = await ucfleet.GET('/v1/devices', { params: { query: { status: 'Online' } } });
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** The resources, as the API answers them. */
export type Device = components['schemas']['Device'];
export type Person = components['schemas']['Person'];
export type Site = components['schemas']['Site'];
export type Product = components['schemas']['Product'];
export type UserGroup = components['schemas']['UserGroup'];
export type AuditEvent = components['schemas']['AuditEvent'];
/** An RFC 9457 problem: every error of the native API, with a stable `code` (docs/errors.md). */
export type Problem = components['schemas']['Problem'];

/** The query parameters of GET /v1/devices (its filters, paging, projection and sort). */
export type DeviceListQuery = NonNullable<paths['/v1/devices']['get']['parameters']['query']>;
/** The query parameters of GET /v1/devices/export: the list's filters, a format and the columns. */
export type DeviceExportQuery = NonNullable<paths['/v1/devices/export']['get']['parameters']['query']>;
/** Who the caller is (GET /v1/me). */
export type Me = paths['/v1/me']['get']['responses'][200]['content']['application/json'];
/** A signed-in console session (POST /v1/sessions). */
export type SessionView = paths['/v1/sessions']['post']['responses'][201]['content']['application/json'];

/**
 * How the client authenticates:
 * - `session`: the HttpOnly `ucfleet_session` cookie set by POST /v1/sessions (a browser on the server's origin);
 *   every request carries `X-Requested-With: ucfleet`, which the server requires on cookie-authenticated writes.
 * - `apiKey`: a tenant API key, sent as a bearer credential.
 * - `bearer`: an access token from POST /oauth/token.
 */
export type UcfleetAuth =
  | { readonly kind: 'session' }
  | { readonly kind: 'apiKey'; readonly key: string }
  | { readonly kind: 'bearer'; readonly token: string };

export type UcfleetClient = Client<paths>;

/** The header a cross-site form cannot send; the server requires it on writes authenticated by the cookie. */
export const CSRF_HEADER = { name: 'X-Requested-With', value: 'ucfleet' } as const;

export interface UcfleetClientOptions {
  /** A fetch to use instead of the global one (tests, a proxy-aware fetch). */
  readonly fetch?: (input: Request) => Promise<Response>;
}

/** A client for the server at `baseUrl` (an empty string: the page's own origin). */
export function createUcfleetClient(
  baseUrl: string,
  auth: UcfleetAuth,
  options: UcfleetClientOptions = {},
): UcfleetClient {
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    // The session cookie goes only to the server's own origin; a bearer credential needs no cookie at all.
    credentials: auth.kind === 'session' ? 'same-origin' : 'omit',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(authenticate(auth));
  return client;
}

function authenticate(auth: UcfleetAuth): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set(CSRF_HEADER.name, CSRF_HEADER.value);
      if (auth.kind === 'apiKey') request.headers.set('Authorization', `Bearer ${auth.key}`);
      if (auth.kind === 'bearer') request.headers.set('Authorization', `Bearer ${auth.token}`);
      return request;
    },
  };
}

/** Whether a value is a native problem body (every error the API answers). */
export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'status' in value && 'title' in value;
}
