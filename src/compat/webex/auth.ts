/**
 * Webex authentication (vendor-apis.md §3.1): `Authorization: Bearer <token>` — a Ucfleet API key or access
 * token; its role and scopes apply, and the route's Webex scope names (spark-admin:devices_read, …) are the
 * Ucfleet scopes WEBEX_SCOPES maps them to (the policy table states them). `orgId`, on any route, must be the
 * caller's own organization: Ucfleet has no partner credentials that act across organizations (SILENT choice:
 * another org's id is 403, a malformed one 400).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalidParameter } from '../../errors.js';
import { presentedBearer } from '../../http/auth.js';
import type { AccessService } from '../../modules/access/access.service.js';
import type { TenantService, TenantSummary } from '../../modules/tenants/tenant.service.js';

const MAX_CREDENTIAL_LENGTH = 4096;

export interface WebexAuthDependencies {
  readonly access: AccessService;
  readonly tenants: TenantService;
  readonly onRejected?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

export function authenticateWebex({ access, tenants, onRejected }: WebexAuthDependencies) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const credential = presentedBearer(request);
    if (credential === undefined) return; // the route policy answers 401
    reply.header('cache-control', 'no-store');
    const principal =
      credential === '' || credential.length > MAX_CREDENTIAL_LENGTH
        ? null
        : await access.authenticateBearer(credential);
    if (!principal) {
      await onRejected?.(request, reply);
      throw new AppError(
        'invalid_credentials',
        'The request requires a valid access token set in the Authorization request header.',
      );
    }
    request.principal = principal;
    const tenant = await tenants.summary(principal.tenantId);
    request.callerTenant = tenant;
    const orgId = (request.query as Record<string, unknown>).orgId;
    if (orgId !== undefined) checkOrgId(orgId, tenant);
  };
}

function checkOrgId(orgId: unknown, tenant: TenantSummary): void {
  if (typeof orgId !== 'string' || orgId === '' || orgId.length > 300) {
    throw invalidParameter('orgId', 'orgId must be one organization id.');
  }
  if (orgId !== tenant.webexOrgId) {
    throw new AppError(
      'tenant_not_authorized',
      'Only admin users of another organization (such as partners) may use orgId, and this credential is not one.',
    );
  }
}
