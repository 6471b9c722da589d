/**
 * Authentication at the edge of the native API: `Authorization: Bearer <API key or access token>` or
 * `X-API-Key: <key>`. The hook only establishes who is calling (request.principal); whether a route needs
 * a caller, and which role and scopes, is the route policy's business (src/http/policy.ts).
 */
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

/** An onRequest hook: a presented credential must be valid; authenticated answers are never cached. */
export function authenticateBearer(access: AccessService) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const credential = presentedBearer(request);
    if (credential === undefined) return;
    reply.header('cache-control', 'no-store');
    const principal =
      credential === '' || credential.length > MAX_CREDENTIAL_LENGTH
        ? null
        : await access.authenticateBearer(credential);
    if (!principal) {
      throw new AppError('invalid_credentials', 'The credential is unknown, revoked or expired.');
    }
    request.principal = principal;
  };
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
