/**
 * Native API key administration: POST /v1/api-keys (the key is in this answer only), GET /v1/api-keys
 * (keyset-paged), GET /v1/api-keys/{id}, DELETE /v1/api-keys/{id} (revoke; the key stops working at once).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { AdminListQuery, IdParams } from '../modules/access/access.schemas.js';
import { presentApiKey } from '../modules/api-keys/api-key.presenter.js';
import { API_KEY_SORT_FIELDS } from '../modules/api-keys/api-key.repository.js';
import { ApiKeyView, CreateApiKeyBody, IssuedApiKeyView } from '../modules/api-keys/api-key.schemas.js';
import type { ApiKeyService } from '../modules/api-keys/api-key.service.js';
import { actorOf } from '../modules/audit/audit-trail.js';

const problem = Type.Ref('Problem');
const adminErrors = { ...errorResponses, 403: problem };

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeyService }> = async (app, { apiKeys }) => {
  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key',
        description:
          "The answer carries the key, shown only this once. Scopes default to the role's ceiling and may not " +
          "exceed it nor the calling credential's own scopes. Agent and supervisor keys must name their person.",
        body: CreateApiKeyBody,
        response: { 201: IssuedApiKeyView, ...adminErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const { row, key } = await apiKeys.create(
        actorOf(principal, request.id),
        {
          name: body.name,
          role: body.role,
          scopes: body.scopes,
          personId: body.personId,
          expiresAt: body.expiresAt == null ? null : Date.parse(body.expiresAt),
        },
        principal.scopes,
      );
      reply.code(201).header('location', `/v1/api-keys/${row.id}`);
      return { ...presentApiKey(row), key };
    },
  );

  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'List API keys',
        description: 'Revoked and expired keys included, oldest first. Never the keys themselves.',
        querystring: AdminListQuery,
        response: { 200: listEnvelope(ApiKeyView), ...adminErrors },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const page = await apiKeys.list(tenantId, pageRequestFrom(request.query, API_KEY_SORT_FIELDS, 'id'));
      return listBody(request, reply, page, presentApiKey, undefined);
    },
  );

  app.get(
    '/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Get an API key',
        params: IdParams,
        response: { 200: ApiKeyView, ...adminErrors },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      return presentApiKey(await apiKeys.get(tenantId, request.params.id));
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        description: 'The key stops working at once. Revoking a revoked key is accepted and changes nothing.',
        params: IdParams,
        response: { 204: Type.Null(), ...adminErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await apiKeys.revoke(actorOf(principal, request.id), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
