/**
 * Plantronics partner app management (vendor-apis.md §1.2–1.3), for the partner: a tenant registering its own
 * apps and asking other tenants to authorize them. PUT /app registers (201); GET /partner/app/{appId} describes
 * an app of the caller's tenant with its authorizations; PUT /partner/app/{appId}/authrequests asks the tenant
 * `tenantApiCode` for `subscription` (201 when new, 200 with the open one otherwise; approved at once by
 * auto-approving tenants); DELETE /partner/app/{appId}/authrequests/{requestId} withdraws (204). The path's
 * appId names the app, which must be the caller's tenant's own: the `appId` header the vendor also asks for is
 * optional here and not compared (POLY_PARTNER_APP_ID_HEADER).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, invalidParameter } from '../../errors.js';
import { principalOf } from '../../http/auth.js';
import type { AppAuthorizationService } from '../../modules/apps/app-authorization.service.js';
import type { AppService } from '../../modules/apps/app.service.js';
import { actorOf } from '../../modules/audit/audit-trail.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import { presentPolyApp, presentPolyAuthorization } from './app.presenter.js';
import {
  AppIdParams,
  AuthRequestParams,
  AuthRequestQuery,
  PolyApp,
  PolyAuthorization,
  RegisterAppBody,
} from './app.schemas.js';
import { POLY_PREFIX } from './errors.js';

/** SILENT: on the partner routes the `appId` header is accepted and ignored; the path's appId decides. */
export const POLY_PARTNER_APP_ID_HEADER = 'ignored' as const;

/** "Should be a valid hexadecimal", as the path's tenantApiCode (auth.ts). */
const TENANT_API_CODE = /^[0-9a-fA-F]+(-[0-9a-fA-F]+)*$/;

export interface PolyAppRouteOptions {
  readonly apps: AppService;
  readonly appAuthorizations: AppAuthorizationService;
  readonly publicBaseUrl?: string;
}

export const polyAppRoutes: FastifyPluginAsyncTypebox<PolyAppRouteOptions> = async (
  app,
  { apps, appAuthorizations, publicBaseUrl },
) => {
  const selfHref = (request: FastifyRequest, appId: string) =>
    `${publicBaseUrl ?? `${request.protocol}://${request.host}`}${POLY_PREFIX}/partner/app/${encodeURIComponent(appId)}`;

  app.put(
    '/app',
    {
      config: { polyWithoutAppId: true },
      schema: { hide: true, body: RegisterAppBody, response: { 201: PolyApp } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { body } = request;
      const row = await apps.create(actorOf(principal, request.id), {
        name: body.name,
        // Plantronics' appIds are UUIDs (the registration sample's link).
        appId: body.appId ?? randomUUID(),
        ...(body.description == null ? {} : { description: body.description }),
        ...(body.partnerProfile === undefined ? {} : { partnerProfile: profileOf(body.partnerProfile) }),
      });
      const href = selfHref(request, row.app_id);
      reply.code(201).header('location', href);
      return presentPolyApp(row, [], tenantOf(request), href);
    },
  );

  app.get(
    '/partner/app/:appId',
    { config: { polyWithoutAppId: true }, schema: { hide: true, params: AppIdParams, response: { 200: PolyApp } } },
    async (request) => {
      const { app: row, authorizations } = await appAuthorizations.describeApp(
        principalOf(request).tenantId,
        request.params.appId,
      );
      return presentPolyApp(row, authorizations, tenantOf(request), selfHref(request, row.app_id));
    },
  );

  app.put(
    '/partner/app/:appId/authrequests',
    {
      config: { polyWithoutAppId: true },
      schema: {
        hide: true,
        params: AppIdParams,
        querystring: AuthRequestQuery,
        response: { 200: PolyAuthorization, 201: PolyAuthorization },
      },
    },
    async (request, reply) => {
      const { tenantApiCode, subscription } = request.query;
      if (!TENANT_API_CODE.test(tenantApiCode)) {
        throw invalidParameter(
          'tenantApiCode',
          'tenantApiCode must be hexadecimal, e.g. af0813e6-81c0-4a77-89d2-3338d0277c42.',
        );
      }
      const { record, created } = await appAuthorizations.request(actorOf(principalOf(request), request.id), {
        appId: request.params.appId,
        tenantApiCode,
        subscriptions: subscription.flatMap((s) => s.split(',')),
      });
      reply.code(created ? 201 : 200);
      return presentPolyAuthorization(record);
    },
  );

  app.delete(
    '/partner/app/:appId/authrequests/:requestId',
    {
      config: { polyWithoutAppId: true },
      schema: { hide: true, params: AuthRequestParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await appAuthorizations.withdraw(
        actorOf(principalOf(request), request.id),
        request.params.appId,
        request.params.requestId,
      );
      return reply.code(204).send(null);
    },
  );
};

function profileOf(profile: NonNullable<RegisterAppBody['partnerProfile']>) {
  const { email, firstName, lastName, partnerName } = profile;
  return {
    ...(email === undefined ? {} : { email }),
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    ...(partnerName === undefined ? {} : { partnerName }),
  };
}

function tenantOf(request: { callerTenant: TenantSummary | null }): TenantSummary {
  if (!request.callerTenant) throw new AppError('unauthenticated', 'Authentication required.');
  return request.callerTenant;
}
