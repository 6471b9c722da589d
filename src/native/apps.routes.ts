/**
 * Native registered-app administration: POST /v1/apps, GET /v1/apps (keyset-paged), GET /v1/apps/{id},
 * DELETE /v1/apps/{id} (revoke). Dialects that require an application id (Plantronics `appId`) accept only
 * registered, unrevoked ones.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { AdminListQuery, IdParams } from '../modules/access/access.schemas.js';
import { presentApp } from '../modules/apps/app.presenter.js';
import { APP_SORT_FIELDS } from '../modules/apps/app.repository.js';
import { AppView, CreateAppBody } from '../modules/apps/app.schemas.js';
import type { AppService } from '../modules/apps/app.service.js';
import { actorOf } from '../modules/audit/audit-trail.js';

const problem = Type.Ref('Problem');
const adminErrors = { ...errorResponses, 403: problem };

export const appRoutes: FastifyPluginAsyncTypebox<{ apps: AppService }> = async (app, { apps }) => {
  app.post(
    '/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'Register an app',
        description: 'appId is generated (24 URL-safe characters) when omitted; it must be unique in the tenant.',
        body: CreateAppBody,
        response: { 201: AppView, ...adminErrors, 409: problem },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const row = await apps.create(actorOf(principal, request.id), request.body);
      reply.code(201).header('location', `/v1/apps/${row.id}`);
      return presentApp(row);
    },
  );

  app.get(
    '/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'List registered apps',
        description: 'Revoked apps included, oldest first.',
        querystring: AdminListQuery,
        response: { 200: listEnvelope(AppView), ...adminErrors },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const page = await apps.list(tenantId, pageRequestFrom(request.query, APP_SORT_FIELDS, 'id'));
      return listBody(request, reply, page, presentApp, undefined);
    },
  );

  app.get(
    '/apps/:id',
    {
      schema: {
        tags: ['apps'],
        summary: 'Get a registered app',
        params: IdParams,
        response: { 200: AppView, ...adminErrors },
      },
    },
    async (request) => {
      const { tenantId } = principalOf(request);
      return presentApp(await apps.get(tenantId, request.params.id));
    },
  );

  app.delete(
    '/apps/:id',
    {
      schema: {
        tags: ['apps'],
        summary: 'Revoke a registered app',
        description:
          'Its appId is refused from then on (and cannot be registered again). Revoking twice changes nothing.',
        params: IdParams,
        response: { 204: Type.Null(), ...adminErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      await apps.revoke(actorOf(principal, request.id), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
