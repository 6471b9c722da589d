/**
 * Native app-authorization administration, for the tenant whose data another tenant's app asks to read
 * (Plantronics "authrequests", made through /compat/poly): GET /v1/app-authorizations (keyset-paged, optionally
 * by status), POST /v1/app-authorizations/{id}/approve, POST /v1/app-authorizations/{id}/reject.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { principalOf } from '../http/auth.js';
import { listBody, pageRequestFrom } from '../http/pagination.js';
import { errorResponses, listEnvelope } from '../http/schemas.js';
import { IdParams } from '../modules/access/access.schemas.js';
import { presentAppAuthorization } from '../modules/apps/app-authorization.presenter.js';
import {
  APP_AUTHORIZATION_SORT_FIELDS,
  type AppAuthorizationStatus,
} from '../modules/apps/app-authorization.repository.js';
import {
  AppAuthorizationListQuery,
  AppAuthorizationView,
  ApproveAppAuthorizationBody,
} from '../modules/apps/app-authorization.schemas.js';
import type { AppAuthorizationService } from '../modules/apps/app-authorization.service.js';
import { actorOf } from '../modules/audit/audit-trail.js';

const problem = Type.Ref('Problem');
const adminErrors = { ...errorResponses, 403: problem };

export const appAuthorizationRoutes: FastifyPluginAsyncTypebox<{ appAuthorizations: AppAuthorizationService }> = async (
  app,
  { appAuthorizations },
) => {
  app.get(
    '/app-authorizations',
    {
      schema: {
        tags: ['apps'],
        summary: "List other tenants' apps asking to read this tenant's data",
        description: 'Oldest first; `status` keeps one status (e.g. pending: what awaits a decision).',
        querystring: AppAuthorizationListQuery,
        response: { 200: listEnvelope(AppAuthorizationView), ...adminErrors },
      },
    },
    async (request, reply) => {
      const { tenantId } = principalOf(request);
      const page = await appAuthorizations.list(
        tenantId,
        request.query.status as AppAuthorizationStatus | undefined,
        pageRequestFrom(request.query, APP_AUTHORIZATION_SORT_FIELDS, 'id'),
      );
      return listBody(request, reply, page, presentAppAuthorization, undefined);
    },
  );

  app.post(
    '/app-authorizations/:id/approve',
    {
      schema: {
        tags: ['apps'],
        summary: 'Approve an app authorization',
        description:
          'Grants the requested subscriptions (or the subset given): the app may then read this tenant’s devices ' +
          '(ASSET*) and policies (VERSIONPOLICY) through /compat/poly, read-only. Approving again with the same ' +
          'grant changes nothing; a rejected or withdrawn authorization cannot be approved (409).',
        params: IdParams,
        body: ApproveAppAuthorizationBody,
        response: { 200: AppAuthorizationView, ...adminErrors, 409: problem },
      },
      // The body is optional: none grants every requested subscription.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const record = await appAuthorizations.approve(
        actorOf(principal, request.id),
        request.params.id,
        request.body?.subscriptions,
      );
      return presentAppAuthorization(record);
    },
  );

  app.post(
    '/app-authorizations/:id/reject',
    {
      schema: {
        tags: ['apps'],
        summary: 'Reject an app authorization',
        description:
          'Refuses a pending request, or ends the access of an approved one. Rejecting again changes nothing; ' +
          'a withdrawn authorization cannot be rejected (409).',
        params: IdParams,
        response: { 200: AppAuthorizationView, ...adminErrors, 409: problem },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return presentAppAuthorization(await appAuthorizations.reject(actorOf(principal, request.id), request.params.id));
    },
  );
};
