/**
 * RingCentral authentication (vendor-apis.md §4.1): `Authorization: Bearer <token>`, where the token is a
 * Ucfleet API key or access token (its role and scopes as on /v1). The path's `accountId` is `~` (the caller's
 * account) or the tenant's RingCentral account id: its `ringcentral_account_id` alias, or, for a tenant without
 * one, the numeric form of its canonical id (ids.ts). Any other account id, another tenant's or none at all, is
 * 404 CMN-102 for `accountId`: the answer does not tell whether that account exists.
 *
 * Order: no Authorization header → 401 OAU-151 (by the route guard, after the rate limit counted the call); a
 * scheme other than Bearer → 401 OAU-151; a token too long or not token characters → 401 OAU-149; a token
 * unknown, revoked or expired → 401 OAU-149; then permissions (403, by the guard) and the account (404).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { AccessService } from '../../modules/access/access.service.js';
import type { TenantService, TenantSummary } from '../../modules/tenants/tenant.service.js';
import { VENDOR_CODE } from './errors.js';
import { numericIdOf } from './ids.js';

const MAX_CREDENTIAL_LENGTH = 4096;
/** RFC 6750 b64token. */
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** "~": the account or extension of the current session. */
export const CURRENT = '~';

export interface RingCentralAuthDependencies {
  readonly access: AccessService;
  readonly tenants: TenantService;
  /** Counts a rejected credential (rate limits); may answer 429. */
  readonly onRejected?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/** The account id RingCentral clients know the tenant by. */
export function accountIdOf(tenant: TenantSummary): string {
  return tenant.ringcentralAccountId ?? numericIdOf(tenant.id);
}

export function authenticateRingCentral({ access, tenants, onRejected }: RingCentralAuthDependencies) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') return; // the route guard answers 401
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (bearer === undefined) {
      await onRejected?.(request, reply);
      throw new AppError('unauthenticated', 'Authorization method not supported', { [VENDOR_CODE]: 'OAU-151' });
    }
    if (bearer.length > MAX_CREDENTIAL_LENGTH || !TOKEN.test(bearer)) {
      await onRejected?.(request, reply);
      throw new AppError('invalid_credentials', 'Unparsable access token', { [VENDOR_CODE]: 'OAU-149' });
    }
    const principal = await access.authenticateBearer(bearer);
    if (!principal) {
      await onRejected?.(request, reply);
      throw new AppError('invalid_credentials', 'Unparsable access token', { [VENDOR_CODE]: 'OAU-149' });
    }
    request.principal = principal;
    request.callerTenant = await tenants.summary(principal.tenantId);
  };
}

/** preValidation: the path's accountId must be `~` or the caller's own account id. */
export async function checkAccount(request: FastifyRequest): Promise<void> {
  const accountId = (request.params as { accountId?: string }).accountId;
  if (accountId === undefined || accountId === CURRENT) return;
  const tenant = request.callerTenant;
  if (tenant && accountId === accountIdOf(tenant)) return;
  throw new AppError('tenant_not_found', 'Resource for parameter [accountId] is not found', {
    parameter: 'accountId',
  });
}

export function callerTenantOf(request: FastifyRequest): TenantSummary {
  if (!request.callerTenant) throw new AppError('unauthenticated', 'Authorization method not supported');
  return request.callerTenant;
}
