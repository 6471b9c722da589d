/**
 * How each API surface is called, for the suites generated from the route policy table: the native API and
 * OAuth take the credential in Authorization; a vendor dialect takes it its own way (Plantronics: `apikey` in
 * the query, an `appId` header, the tenant's API code in the path) and answers errors in its own body.
 */
import type { Store } from '../../src/db/database.js';
import { numericIdOf } from '../../src/compat/ringcentral/ids.js';
import { webexId } from '../../src/compat/webex/ids.js';
import { newId } from '../../src/db/ids.js';

export interface SurfaceTenant {
  readonly tenantId: string;
  readonly apiCode: string;
}

export interface Surface {
  readonly name: string;
  /** The request for a route pattern: a credentialed one when `apiKey` is given. */
  request(path: string, tenant: SurfaceTenant, apiKey?: string): { url: string; headers: Record<string, string> };
  /** The status of a call without any credential (the dialect's own). */
  readonly unauthenticatedStatus: number;
  /** Whether refusals carry an RFC 6750 WWW-Authenticate challenge. */
  readonly challenges: boolean;
  /** Whether a 403 body says a role or scope is missing (the catalogue's insufficient_scope, in the surface's shape). */
  isInsufficientScope(body: unknown): boolean;
  /** Whether a body is this surface's error body (a dialect never answers a native problem). */
  isErrorBody(body: unknown, contentType: string | undefined): boolean;
  /** Prepares a tenant for calls through this surface (e.g. registers the app a dialect requires). */
  prepare?(store: Store, tenantId: string): Promise<void>;
}

const NO_HEADERS: Record<string, string> = {};

/** Fills a route pattern: ids that exist nowhere (a 404 is an answer past authorization). */
function fill(path: string, values: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? newId()).replace('*', 'anything');
}

const native: Surface = {
  name: 'native',
  request: (path, _tenant, apiKey) => ({
    url: fill(path),
    headers: apiKey === undefined ? NO_HEADERS : { authorization: `Bearer ${apiKey}`, 'x-requested-with': 'ucfleet' },
  }),
  unauthenticatedStatus: 401,
  challenges: true,
  isInsufficientScope: (body) => hasCode(body, 'insufficient_scope'),
  isErrorBody: (body, contentType) =>
    /^application\/problem\+json/.test(contentType ?? '') && hasMembers(body, ['type', 'title', 'status', 'code']),
};

function hasCode(body: unknown, code: string): boolean {
  return (body as { code?: string }).code === code;
}

function hasMembers(body: unknown, names: readonly string[]): boolean {
  return typeof body === 'object' && body !== null && names.every((n) => n in body);
}

/** The appId every tenant registers for the Plantronics dialect in these suites. */
export const POLY_TEST_APP_ID = 'route-table-suites';

const poly: Surface = {
  name: 'poly',
  request: (path, tenant, apiKey) => {
    const url = fill(path.slice('/compat/poly'.length), { tenantApiCode: tenant.apiCode, tenantId: tenant.apiCode });
    const query = apiKey === undefined ? '' : `${url.includes('?') ? '&' : '?'}apikey=${encodeURIComponent(apiKey)}`;
    return {
      url: `/compat/poly${url}${query}`,
      headers: apiKey === undefined ? NO_HEADERS : { appid: POLY_TEST_APP_ID },
    };
  },
  // "One or more of the required parameters not found in the request URI": apikey is one of them.
  unauthenticatedStatus: 422,
  challenges: false,
  isInsufficientScope: (body) => hasCode(body, 'insufficient_scope'),
  isErrorBody: (body, contentType) =>
    /^application\/json/.test(contentType ?? '') &&
    hasMembers(body, ['timestamp', 'status', 'error', 'message', 'path', 'code']) &&
    !hasMembers(body, ['type']),
  async prepare(store, tenantId) {
    const exists = await store.db
      .selectFrom('apps')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('app_id', '=', POLY_TEST_APP_ID)
      .executeTakeFirst();
    if (exists) return;
    await store.db
      .insertInto('apps')
      .values({
        id: newId(),
        tenant_id: tenantId,
        app_id: POLY_TEST_APP_ID,
        name: 'route table suites',
        created_at: 1,
        revoked_at: null,
      })
      .execute();
  },
};

/** Genesys takes a person's HTTP Basic login, or — what these suites use — a Ucfleet API key as a bearer. */
const genesys: Surface = {
  name: 'genesys',
  request: (path, _tenant, apiKey) => ({
    url: fill(path),
    headers: apiKey === undefined ? NO_HEADERS : { authorization: `Bearer ${apiKey}` },
  }),
  unauthenticatedStatus: 401,
  challenges: false,
  // GWS statusCode 5: "User lacks permission for this operation".
  isInsufficientScope: (body) => (body as { statusCode?: number }).statusCode === 5,
  isErrorBody: (body, contentType) =>
    /^application\/json/.test(contentType ?? '') &&
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).sort().join() === 'statusCode,statusMessage',
};

/**
 * RingCentral takes the Ucfleet API key as its bearer token; `~` names the caller's account and extension, and
 * device ids are numeric strings (here of ids that exist nowhere).
 */
const ringcentral: Surface = {
  name: 'ringcentral',
  request: (path, _tenant, apiKey) => ({
    url: fill(path, { accountId: '~', extensionId: '~', deviceId: numericIdOf(newId()) }),
    headers: apiKey === undefined ? NO_HEADERS : { authorization: `Bearer ${apiKey}` },
  }),
  unauthenticatedStatus: 401,
  challenges: false,
  isInsufficientScope: (body) => ['CMN-401', 'CMN-408'].includes((body as { errorCode?: string }).errorCode ?? ''),
  isErrorBody: (body, contentType) =>
    /^application\/json/.test(contentType ?? '') &&
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { errorCode?: unknown }).errorCode === 'string' &&
    typeof (body as { message?: unknown }).message === 'string' &&
    Array.isArray((body as { errors?: unknown }).errors) &&
    !hasMembers(body, ['type']),
};

/**
 * Webex takes the Ucfleet API key as its bearer token; path ids are Webex ids of the right type (here of ids
 * that exist nowhere). A refused role or scope is 403 "Missing required scope: …" (or names the role).
 */
const webex: Surface = {
  name: 'webex',
  request: (path, _tenant, apiKey) => ({
    url: fill(path, {
      deviceId: webexId('device', newId()),
      personId: webexId('person', newId()),
      workspaceId: webexId('workspace', newId()),
      locationId: webexId('location', newId()),
      virtualLineId: webexId('virtualLine', newId()),
    }),
    headers: apiKey === undefined ? NO_HEADERS : { authorization: `Bearer ${apiKey}` },
  }),
  unauthenticatedStatus: 401,
  challenges: false,
  isInsufficientScope: (body) => /^(Missing required scope|The role '\w+' may not)/.test(messageOf(body)),
  isErrorBody: (body, contentType) =>
    /^application\/json/.test(contentType ?? '') &&
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).sort().join() === 'errors,message,trackingId',
};

function messageOf(body: unknown): string {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : '';
}

/** The vendor dialects, by name. */
export const DIALECT_SURFACES: readonly Surface[] = [poly, genesys, ringcentral, webex];

/** The surface that serves a route path. */
export function surfaceOf(path: string): Surface {
  if (path.startsWith('/compat/poly/')) return poly;
  if (path.startsWith('/compat/genesys/')) return genesys;
  if (path.startsWith('/compat/ringcentral/')) return ringcentral;
  if (path.startsWith('/compat/webex/')) return webex;
  return native;
}

export async function surfaceTenant(store: Store, tenantId: string): Promise<SurfaceTenant> {
  const row = await store.db
    .selectFrom('tenants')
    .select('api_code')
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return { tenantId, apiCode: row.api_code };
}
