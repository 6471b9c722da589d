/**
 * Native OAuth client administration: POST /v1/oauth-clients (the secret is in this answer only),
 * GET /v1/oauth-clients (keyset-paged), GET /v1/oauth-clients/{id}, DELETE /v1/oauth-clients/{id} (revoke).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { actorOf } from '../modules/audit/audit-trail.js';
import { OAUTH_CLIENT_SORT_FIELDS } from '../modules/oauth/oauth-client.repository.js';
import { presentOAuthClient } from '../modules/oauth/oauth-client.presenter.js';
import {
  CreatedOAuthClient,
  OAuthClient,
  OAuthClientCreateBody,
  OAuthClientListQuery,
  OAuthClientParams,
} from '../modules/oauth/oauth-client.schemas.js';
import type { OAuthClientService } from '../modules/oauth/oauth-client.service.js';

const problem = Type.Ref('Problem');

export const oauthClientRoutes: FastifyPluginAsyncTypebox<{ oauthClients: OAuthClientService }> = async (
  app,
  { oauthClients },
) => {
  app.post(
    '/oauth-clients',
    {
      schema: {
        tags: ['oauth-clients'],
        summary: 'Create an OAuth client',
        description:
          'The answer carries clientSecret, shown only this once. Scopes must be within the role and the caller’s own ' +
          'scopes; agents and supervisors must name the person they act as.',
        body: OAuthClientCreateBody,
        response: { 201: CreatedOAuthClient, ...errorResponses, 403: problem },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { row, clientSecret } = await oauthClients.create(
        principal.tenantId,
        request.body,
        actorOf(principal, request.id),
        principal.scopes,
      );
      reply.code(201).header('location', `/v1/oauth-clients/${row.id}`);
      return { ...presentOAuthClient(row), clientSecret };
    },
  );

  app.get(
    '/oauth-clients',
    {
      schema: {
        tags: ['oauth-clients'],
        summary: 'List OAuth clients',
        description: 'Revoked clients included, oldest first.',
        querystring: OAuthClientListQuery,
        response: { 200: listEnvelope(OAuthClient), ...errorResponses, 403: problem },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const page = await oauthClients.list(tenantId, pageRequestFrom(request.query, OAUTH_CLIENT_SORT_FIELDS, 'id'));
      return listBody(request, reply, page, presentOAuthClient, undefined);
    },
  );

  app.get(
    '/oauth-clients/:id',
    {
      schema: {
        tags: ['oauth-clients'],
        summary: 'Get an OAuth client',
        params: OAuthClientParams,
        response: { 200: OAuthClient, ...errorResponses, 403: problem },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      return presentOAuthClient(await oauthClients.get(tenantId, request.params.id));
    },
  );

  app.delete(
    '/oauth-clients/:id',
    {
      schema: {
        tags: ['oauth-clients'],
        summary: 'Revoke an OAuth client',
        description: 'Its tokens stop working. Revoking a revoked client is accepted and changes nothing.',
        params: OAuthClientParams,
        response: { 204: Type.Null(), ...errorResponses, 403: problem },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await oauthClients.revoke(principal.tenantId, request.params.id, actorOf(principal, request.id));
      return reply.code(204).send(null);
    },
  );
};
