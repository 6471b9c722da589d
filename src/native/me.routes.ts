/** GET /v1/me: the caller — tenant, credential, role, effective scopes and the person it acts as. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { MeView } from '../modules/logins/login.schemas.js';
import type { CallerService } from '../modules/access/caller.service.js';

export const meRoutes: FastifyPluginAsyncTypebox<{ caller: CallerService }> = async (app, { caller }) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Who am I',
        description: 'Works for every credential; needs no scope.',
        response: { 200: MeView, ...errorResponses },
      },
    },
    async (request) => caller.describe(principalOf(request)),
  );
};
