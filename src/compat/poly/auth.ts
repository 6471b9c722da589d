/**
 * Plantronics authentication (vendor-apis.md §1.2): the `apikey` query parameter (a header on the partner
 * endpoints, so both are read) and the `appId` header naming an app the tenant registered or authorized. The
 * tenant in the path (`tenantApiCode`, or `tenantId` on the policy API) must be the key's own. In order:
 * apikey absent → 422; tenant code not hexadecimal → 400; key unknown, revoked or expired → 401; appId absent
 * or not authorized → 403; tenant code not the key's tenant (whether or not it exists) → 403.
 * Delegated access: a read (GET) naming another tenant is served as that tenant when the key is an admin or
 * read-only admin key of a partner tenant, its appId names an app that partner registered, and the named tenant
 * granted that app a subscription covering the route (ASSET* the device reports, VERSIONPOLICY the policies).
 * The caller then acts as a read-only admin of that tenant with only the scopes of the grant (and of its key);
 * anything else answers as before, the same for a tenant that does not exist.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalidParameter } from '../../errors.js';
import type { AccessService } from '../../modules/access/access.service.js';
import type { Principal } from '../../modules/access/principal.js';
import type { AppAuthorizationService } from '../../modules/apps/app-authorization.service.js';
import type { Subscription } from '../../modules/apps/app-subscription.js';
import type { AppService } from '../../modules/apps/app.service.js';
import type { TenantService } from '../../modules/tenants/tenant.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A Plantronics route callable without an appId (registering an app comes before having one). */
    polyWithoutAppId?: boolean;
  }
}

/** "ID of the tenant; Should be a valid hexadecimal" — hex digits, hyphens allowed (UUID form). */
const TENANT_API_CODE = /^[0-9a-fA-F]+(-[0-9a-fA-F]+)*$/;
const MAX_CREDENTIAL_LENGTH = 4096;

const ASSET_SUBSCRIPTIONS: readonly Subscription[] = ['ASSETHISTORICAL', 'ASSETREALTIME'];
/** The routes a delegated caller may read, each with the subscriptions that open it (any one of them). */
export const DELEGABLE_ROUTES: Readonly<Record<string, readonly Subscription[]>> = {
  '/compat/poly/reports/assets/tenant/:tenantApiCode/devices/user/:username': ASSET_SUBSCRIPTIONS,
  '/compat/poly/reports/assets/tenant/:tenantApiCode/devices/usergroup': ASSET_SUBSCRIPTIONS,
  '/compat/poly/v1/assets/management/tenant/:tenantId/policy': ['VERSIONPOLICY'],
};
/** Only reads are ever delegated. */
const DELEGABLE_METHODS = new Set(['GET', 'HEAD']);
/** The key roles that may act for a partner tenant (personal roles act for one person of their own tenant). */
const DELEGATING_ROLES: readonly Principal['role'][] = ['admin', 'readonly_admin'];

export interface PolyAuthDependencies {
  readonly access: AccessService;
  readonly apps: AppService;
  readonly appAuthorizations: AppAuthorizationService;
  readonly tenants: TenantService;
  /** Counts a rejected key (rate limits); may answer 429. */
  readonly onRejected?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

export function authenticatePoly({ access, apps, appAuthorizations, tenants, onRejected }: PolyAuthDependencies) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    const key = single((request.query as Record<string, unknown>).apikey) ?? single(request.headers.apikey);
    if (key === undefined || key === '') {
      throw new AppError('missing_parameter', "The query parameter 'apikey' is required.", { parameter: 'apikey' });
    }
    const params = request.params as Record<string, string | undefined>;
    const tenantCode = params.tenantApiCode ?? params.tenantId;
    if (tenantCode !== undefined && !TENANT_API_CODE.test(tenantCode)) {
      throw invalidParameter(
        'tenantApiCode',
        'tenantApiCode must be hexadecimal, e.g. af0813e6-81c0-4a77-89d2-3338d0277c42.',
      );
    }
    const principal = key.length > MAX_CREDENTIAL_LENGTH ? null : await access.authenticateBearer(key);
    if (!principal) {
      await onRejected?.(request, reply);
      throw new AppError('invalid_credentials', 'The apikey is unknown, revoked or expired.');
    }
    request.principal = principal;
    const tenant = await tenants.summary(principal.tenantId);
    request.callerTenant = tenant;
    let appId: string | undefined;
    if (!request.routeOptions.config.polyWithoutAppId) {
      appId = single(request.headers.appid);
      if (appId === undefined || appId === '') {
        throw new AppError('app_not_authorized', "The header 'appId' is required.");
      }
      if (!(await apps.isAuthorizedApp(tenant.id, appId))) {
        throw new AppError('app_not_authorized', 'The appId is not an app registered in or authorized by this tenant.');
      }
    }
    if (tenantCode !== undefined && tenantCode.toLowerCase() !== tenant.apiCode.toLowerCase()) {
      const delegated = appId === undefined ? undefined : await delegate(request, principal, appId, tenantCode);
      if (!delegated) throw new AppError('tenant_not_authorized', 'The apikey does not give access to this tenant.');
      request.principal = delegated;
      request.callerTenant = await tenants.summary(delegated.tenantId);
    }
  };

  /** The principal a partner's key acts as in the tenant `tenantCode`, or undefined when it may not. */
  async function delegate(
    request: FastifyRequest,
    key: Principal,
    appId: string,
    tenantCode: string,
  ): Promise<Principal | undefined> {
    const opening = DELEGABLE_ROUTES[request.routeOptions.url ?? ''];
    if (!opening || !DELEGABLE_METHODS.has(request.method) || !DELEGATING_ROLES.includes(key.role)) return undefined;
    const delegation = await appAuthorizations.delegation(key.tenantId, appId, tenantCode);
    if (!delegation) return undefined;
    if (!opening.some((s) => delegation.granted.includes(s))) {
      throw new AppError(
        'insufficient_scope',
        `The app's authorization by this tenant does not include ${opening.join(' or ')}.`,
        { scope: opening.join(' ') },
      );
    }
    return {
      tenantId: delegation.tenantId,
      credentialKind: 'app_authorization',
      credentialId: delegation.authorizationId,
      personId: null,
      role: 'readonly_admin',
      scopes: delegation.scopes.filter((s) => key.scopes.includes(s)),
    };
  }
}

/** A single string value of a query parameter or header (repeated ones count as absent). */
function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}
