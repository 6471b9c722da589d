/**
 * Authentication at the edge of the native API: `Authorization: Bearer <key>` or `X-API-Key`.
 * Sets request.principal; every repository call is then scoped to principal.tenantId.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService, Principal } from '../modules/access/access.service.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function presentedApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : '';
  }
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}

/** An onRequest hook that requires a valid tenant credential; authenticated answers are never cached. */
export function requireApiKey(access: AccessService) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    const key = presentedApiKey(request);
    if (key === undefined) throw new AppError('unauthenticated', 'Send an API key as "Authorization: Bearer <key>".');
    const principal = key === '' || key.length > 512 ? null : await access.authenticateApiKey(key);
    if (!principal) throw new AppError('invalid_credentials', 'The API key is unknown, revoked or expired.');
    request.principal = principal;
  };
}

/** The principal of an authenticated request (routes behind requireApiKey only). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 'Authentication required.');
  return request.principal;
}
