/**
 * A person's password login: GET, PUT (create or replace) and DELETE /v1/people/{id}/login. The password is
 * write-only; a person of another tenant answers exactly like a missing one (person_not_found).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { IdParams } from '../modules/access/access.schemas.js';
import { presentLogin } from '../modules/logins/login.presenter.js';
import { LoginView, SetLoginBody } from '../modules/logins/login.schemas.js';
import type { LoginService } from '../modules/logins/login.service.js';
import { actorOf } from '../modules/audit/audit-trail.js';

const problem = Type.Ref('Problem');
const adminErrors = { ...errorResponses, 403: problem };

export const loginRoutes: FastifyPluginAsyncTypebox<{ logins: LoginService }> = async (app, { logins }) => {
  app.get(
    '/people/:id/login',
    {
      schema: {
        tags: ['people', 'sign-in'],
        summary: "Get a person's login",
        params: IdParams,
        response: { 200: LoginView, ...adminErrors },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      return presentLogin(await logins.getLogin(tenantId, request.params.id));
    },
  );

  app.put(
    '/people/:id/login',
    {
      schema: {
        tags: ['people', 'sign-in'],
        summary: "Set a person's login",
        description:
          'Creates (201, password required) or replaces (200) the login. A new password or disabling the login ' +
          "ends the person's sign-in sessions. Omitting disabled enables the login.",
        params: IdParams,
        body: SetLoginBody,
        response: { 200: LoginView, 201: LoginView, ...adminErrors, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { row, created } = await logins.setLogin(actorOf(principal, request.id), request.params.id, request.body);
      if (created) reply.code(201).header('location', `/v1/people/${row.person_id}/login`);
      return presentLogin(row);
    },
  );

  app.delete(
    '/people/:id/login',
    {
      schema: {
        tags: ['people', 'sign-in'],
        summary: "Remove a person's login",
        description: 'The person can no longer sign in; their sign-in sessions end.',
        params: IdParams,
        response: { 204: Type.Null(), ...adminErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await logins.deleteLogin(actorOf(principal, request.id), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
