/**
 * Authentication at the edge of the native API: `Authorization: Bearer <API key or access token>` or
 * `X-API-Key: <key>`, or else the console's `ucfleet_session` cookie. The hook only establishes who is calling
 * (request.principal); whether a route needs a caller, and which role and scopes, is the route policy's
 * business (src/http/policy.ts). A cookie-authenticated request that changes data must carry
 * `X-Requested-With: ucfleet`, a header a cross-site form cannot send (CSRF).
 */
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../modules/access/access.service.js';
import { type Principal, type Viewer, viewerOf } from '../modules/access/principal.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The longest credential worth looking up (access tokens are a few hundred characters). */
const MAX_CREDENTIAL_LENGTH = 4096;

export const SESSION_COOKIE = 'ucfleet_session';
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'ucfleet';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves a console session token (the cookie's value) to its principal. */
export interface SessionAuthenticator {
  authenticateSession(token: string): Promise<Principal | null>;
}

/** The presented bearer credential: undefined when none is sent, '' when the header is malformed. */
export function presentedBearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : '';
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/**
 * An onRequest hook: a presented credential must be valid; authenticated answers are never cached.
 * `onRejected` runs before a bad credential is answered 401 (the rate limits count it, and may answer 429).
 */
export function authenticateBearer(
  access: AccessService,
  onRejected?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
  sessions?: SessionAuthenticator,
) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const credential = presentedBearer(request);
    if (credential === undefined) {
      if (sessions) await authenticateSessionCookie(sessions, request, reply, onRejected);
      return;
    }
    reply.header('cache-control', 'no-store');
    const principal =
      credential === '' || credential.length > MAX_CREDENTIAL_LENGTH
        ? null
        : await access.authenticateBearer(credential);
    if (!principal) {
      await onRejected?.(request, reply);
      throw new AppError('invalid_credentials', 'The credential is unknown, revoked or expired.');
    }
    request.principal = principal;
  };
}

/**
 * When no bearer credential is presented, a session cookie authenticates — except on public routes (signing
 * in must work with a stale cookie still in the browser).
 */
async function authenticateSessionCookie(
  sessions: SessionAuthenticator,
  request: FastifyRequest,
  reply: FastifyReply,
  onRejected?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): Promise<void> {
  const token = request.cookies?.[SESSION_COOKIE];
  if (token === undefined || request.routeOptions.config.policy?.roles === 'public') return;
  reply.header('cache-control', 'no-store');
  const principal = token.length > MAX_CREDENTIAL_LENGTH ? null : await sessions.authenticateSession(token);
  if (!principal) {
    await onRejected?.(request, reply);
    throw new AppError('invalid_credentials', 'The session is unknown, expired or signed out.');
  }
  const csrfHeader = request.headers[CSRF_HEADER];
  if (
    UNSAFE_METHODS.has(request.method) &&
    (typeof csrfHeader !== 'string' || csrfHeader.toLowerCase() !== CSRF_HEADER_VALUE)
  ) {
    throw new AppError(
      'csrf_header_required',
      `A request authenticated by the session cookie that changes data must carry the header X-Requested-With: ${CSRF_HEADER_VALUE}.`,
    );
  }
  request.principal = principal;
}

/** The principal of an authenticated request (every route whose policy is not public has one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Authentication required.');
  return request.principal;
}

/** What the caller may read: their tenant, and for an agent only what they own. */
export function viewerFrom(request: FastifyRequest): Viewer {
  return viewerOf(principalOf(request));
}
