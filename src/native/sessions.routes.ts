/**
 * Console sign-in: POST /v1/sessions sets the `ucfleet_session` cookie (HttpOnly, SameSite=Strict, Secure when
 * PUBLIC_BASE_URL is https); DELETE /v1/sessions/current signs out. Requests authenticated by the cookie
 * that change data must carry `X-Requested-With: ucfleet` (src/http/auth.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SESSION_COOKIE, principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { SessionView, SignInBody } from '../modules/logins/login.schemas.js';
import type { SessionService } from '../modules/logins/session.service.js';

const problem = Type.Ref('Problem');

export const sessionRoutes: FastifyPluginAsyncTypebox<{ sessions: SessionService; secureCookie: boolean }> = async (
  app,
  { sessions, secureCookie },
) => {
  const cookieOptions = { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie } as const;

  app.post(
    '/sessions',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign in',
        description:
          'Checks a login and password and sets the session cookie. A wrong login, a wrong password and a ' +
          'disabled login all answer the same 401.',
        security: [],
        body: SignInBody,
        response: { 201: SessionView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const signedIn = await sessions.signIn(request.body.login, request.body.password, request.id);
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .setCookie(SESSION_COOKIE, signedIn.token, {
          ...cookieOptions,
          maxAge: Math.floor(sessions.ttlMs / 1000),
        });
      return {
        person: signedIn.person,
        role: signedIn.principal.role,
        scopes: [...signedIn.principal.scopes],
        expiresAt: new Date(signedIn.session.expires_at).toISOString(),
      };
    },
  );

  app.delete(
    '/sessions/current',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign out',
        description:
          'Ends the session whose cookie authenticated this request (send X-Requested-With: ucfleet) and clears the cookie.',
        response: { 204: Type.Null(), ...errorResponses, 403: problem },
      },
    },
    async (request, reply) => {
      await sessions.signOut(principalOf(request), request.id);
      return reply.code(204).clearCookie(SESSION_COOKIE, cookieOptions).send(null);
    },
  );
};
