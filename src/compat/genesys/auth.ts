/**
 * Genesys authentication (vendor-apis.md §2.2): HTTP Basic with a person's login and password, kept as a
 * `JSESSIONID` session cookie, and the CSRF protocol. A request presenting a live JSESSIONID is that session's
 * person; otherwise Basic authenticates. With CSRF on (GENESYS_CSRF, default on), a Basic request without a
 * live session starts one (a console sign-in session, audited) and sets the cookie; every answer to a
 * session then carries `X-CSRF-HEADER: X-CSRF-TOKEN` and `X-CSRF-TOKEN: <uuid>`, and a POST, PUT or DELETE
 * must present the session cookie and that token, or is refused 403 "Missing or invalid Csrf token". With CSRF
 * off, Basic alone is enough and no session is started.
 *
 * Integrations that hold a Ucfleet API key or access token may send it as `Authorization: Bearer` instead: no
 * session, no CSRF (a browser never sends it by itself), its role and scopes as on /v1.
 *
 * The CSRF token is derived from the session token (a UUID-shaped SHA-256 of it), so any node can check it
 * and nothing more is stored; it cannot be computed without the cookie.
 */
import { createHash } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { AccessService } from '../../modules/access/access.service.js';
import type { LoginService } from '../../modules/logins/login.service.js';
import type { SessionService } from '../../modules/logins/session.service.js';

export const SESSION_COOKIE = 'JSESSIONID';
const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_CREDENTIAL_LENGTH = 1024;

export interface GenesysAuthDependencies {
  readonly access: AccessService;
  readonly logins: LoginService;
  readonly sessions: SessionService;
  readonly csrf: boolean;
  /** Where the cookie applies (the dialect's prefix). */
  readonly cookiePath: string;
  readonly secureCookie: boolean;
  readonly onRejected?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** The CSRF token of a session: a UUID-shaped digest of its token. */
export function csrfTokenOf(sessionToken: string): string {
  const h = createHash('sha256').update(`csrf\0${sessionToken}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function authenticateGenesys(deps: GenesysAuthDependencies) {
  const { access, logins, sessions, csrf, onRejected } = deps;
  const cookieOptions = { httpOnly: true, sameSite: 'lax', path: deps.cookiePath, secure: deps.secureCookie } as const;

  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) {
      const principal = bearer.length > 4096 ? null : await access.authenticateBearer(bearer);
      if (!principal) {
        await onRejected?.(request, reply);
        throw new AppError('invalid_credentials', 'The credential is unknown, revoked or expired.');
      }
      request.principal = principal;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    let sessionToken: string | undefined;
    if (cookie !== undefined && cookie.length <= MAX_CREDENTIAL_LENGTH) {
      const principal = await sessions.authenticateSession(cookie);
      if (principal) {
        request.principal = principal;
        sessionToken = cookie;
      }
    }
    if (!request.principal) {
      const basic = basicCredentials(request.headers.authorization);
      if (basic === undefined) return; // the route policy answers 401 (statusCode 20)
      // A change needs the session started by an earlier request: no new session for it.
      if (csrf && UNSAFE.has(request.method))
        throw new AppError('csrf_header_required', 'Missing or invalid Csrf token');
      if (csrf) {
        try {
          const signedIn = await sessions.signIn(basic.login, basic.password, request.id);
          request.principal = signedIn.principal;
          sessionToken = signedIn.token;
          reply.setCookie(SESSION_COOKIE, signedIn.token, cookieOptions);
        } catch (error) {
          if (error instanceof AppError && error.code === 'invalid_credentials') await onRejected?.(request, reply);
          throw error;
        }
      } else {
        const principal = await logins.authenticatePassword(basic.login, basic.password);
        if (!principal) {
          await onRejected?.(request, reply);
          throw new AppError('invalid_credentials', 'The user name or the password is wrong.');
        }
        request.principal = principal;
      }
    }
    if (!csrf || sessionToken === undefined) return;
    const token = csrfTokenOf(sessionToken);
    if (UNSAFE.has(request.method)) {
      if (request.headers[CSRF_HEADER] !== token)
        throw new AppError('csrf_header_required', 'Missing or invalid Csrf token');
    } else {
      reply.header('x-csrf-header', 'X-CSRF-TOKEN').header('x-csrf-token', token);
    }
  };
}

/** The login and password of an `Authorization: Basic` header; undefined when absent or malformed. */
function basicCredentials(header: string | undefined): { login: string; password: string } | undefined {
  if (header === undefined || header.length > MAX_CREDENTIAL_LENGTH) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
