/**
 * `Idempotency-Key` on the POST routes of a surface (Stripe's semantics; src/modules/idempotency/). Installed once
 * per surface by `idempotentPosts`, it gives every POST route registered after it (sign-in excepted) three hooks:
 * preHandler (after validation, so an invalid body is answered 400 and stores nothing) claims the key, replays a
 * stored answer (`Idempotent-Replayed: true`), or refuses (422 another request, 409 still in flight); onSend stores
 * the answer (status, body, content-type/location/etag), or releases the key when the status is ≥ 500; onResponse
 * releases a claim no answer was stored for. The OpenAPI description of each route gains the header.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  onResponseAsyncHookHandler,
  onSendAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.js';
import type { Claim, IdempotencyService, StoredAnswer } from '../modules/idempotency/idempotency.service.js';
import { requestFingerprint } from '../modules/idempotency/request-fingerprint.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Routes that never take a key: signing in exchanges a secret for a credential, it creates nothing to repeat. */
export const NOT_IDEMPOTENT_ROUTES: ReadonlySet<string> = new Set(['POST /v1/sessions', 'POST /oauth/token']);
/** The answer headers a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

const headerDoc = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        '1 to 255 printable ASCII characters, e.g. a random UUID. The request runs at most once per key in the ' +
        'tenant: a retry with the same key, caller and body replays the first answer (Idempotent-Replayed: true) ' +
        'for 24 hours (IDEMPOTENCY_TTL_HOURS); another request with the key is a 422, a retry while the first ' +
        'still runs a 409.',
    }),
  ),
});

/** Claims held by requests still being answered. */
const claims = new WeakMap<FastifyRequest, Claim>();

/** Installs the hooks on every POST route registered after this call in `app`'s scope (and its children). */
export function idempotentPosts(app: FastifyInstance, idempotency: IdempotencyService): void {
  const claimKey = claimHook(idempotency);
  const storeAnswer = storeHook(idempotency);
  const releaseUnanswered = releaseHook(idempotency);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || NOT_IDEMPOTENT_ROUTES.has(`POST ${route.url}`)) return;
    route.schema = documented(route.schema);
    route.preHandler = [...asArray(route.preHandler), claimKey];
    route.onSend = [...asArray(route.onSend), storeAnswer];
    route.onResponse = [...asArray(route.onResponse), releaseUnanswered];
  });
}

/** The request's key: undefined without the header; a malformed or repeated header is a 400 naming it. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  const sent = request.raw.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'idempotency-key');
  if (typeof value !== 'string' || sent.length > 1) {
    throw new AppError('invalid_parameter', `Send one ${IDEMPOTENCY_KEY_HEADER} header, not several.`, {
      parameter: IDEMPOTENCY_KEY_HEADER,
    });
  }
  if (!KEY_PATTERN.test(value)) {
    throw new AppError(
      'invalid_parameter',
      `The header ${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 printable ASCII characters.`,
      { parameter: IDEMPOTENCY_KEY_HEADER },
    );
  }
  return value;
}

function claimHook(idempotency: IdempotencyService): preHandlerAsyncHookHandler {
  return async function claimIdempotencyKey(request: FastifyRequest, reply: FastifyReply) {
    if (request.method !== 'POST') return;
    const key = idempotencyKeyOf(request);
    const principal = request.principal;
    if (key === undefined || !principal) return;
    const fingerprint = requestFingerprint({
      caller: `${principal.credentialKind}:${principal.credentialId}`,
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      params: request.params,
      query: request.query,
      body: request.body,
    });
    const result = await idempotency.claim(principal.tenantId, key, fingerprint);
    switch (result.outcome) {
      case 'claimed':
        claims.set(request, result.claim);
        return;
      case 'replay':
        return replay(reply, result.answer);
      case 'in_flight':
        reply.header('retry-after', '1');
        throw new AppError(
          'idempotency_key_in_use',
          `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry in a second.`,
          { parameter: IDEMPOTENCY_KEY_HEADER },
        );
      case 'mismatch':
        throw new AppError(
          'idempotency_key_mismatch',
          `This ${IDEMPOTENCY_KEY_HEADER} was already used for another request; use a new key for a new request.`,
          { parameter: IDEMPOTENCY_KEY_HEADER },
        );
    }
  };
}

function replay(reply: FastifyReply, answer: StoredAnswer): FastifyReply {
  reply.code(answer.status).headers(answer.headers).header('idempotent-replayed', 'true');
  return reply.send(answer.body);
}

function storeHook(idempotency: IdempotencyService): onSendAsyncHookHandler<unknown> {
  return async function storeIdempotentAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const body = payload == null ? '' : typeof payload === 'string' ? payload : undefined;
    try {
      if (reply.statusCode >= 500 || body === undefined) await idempotency.release(claim);
      else await idempotency.complete(claim, { status: reply.statusCode, headers: replayedHeaders(reply), body });
    } catch (err) {
      // The answer stands; the key stays in flight until the stuck-claim timeout releases it.
      request.log.error({ err }, 'could not store the answer of an idempotent request');
    }
    return payload;
  };
}

function releaseHook(idempotency: IdempotencyService): onResponseAsyncHookHandler {
  return async function releaseUnansweredClaim(request: FastifyRequest) {
    const claim = claims.get(request);
    if (!claim) return;
    claims.delete(request);
    await idempotency.release(claim).catch((err: unknown) => {
      request.log.error({ err }, 'could not release an idempotency key');
    });
  };
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** The route's schema with the header (and the 409 and 422 answers) documented. */
function documented(schema: FastifySchema | undefined): FastifySchema {
  const own = schema ?? {};
  const response = (own.response ?? {}) as Record<string, unknown>;
  return {
    ...own,
    headers: own.headers ?? headerDoc,
    response: { 409: Type.Ref('Problem'), 422: Type.Ref('Problem'), ...response },
  };
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
