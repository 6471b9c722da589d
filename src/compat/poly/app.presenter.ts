/**
 * A registered app and its authorizations in Plantronics' shape: epoch-millisecond dates, upper-case
 * statuses, and a HAL self link to GET /partner/app/{appId}. The partner is the registering tenant:
 * partnerProfile.id is its id, and partnerName defaults to its name.
 */
import { parsePartnerProfile } from '../../modules/apps/app-authorization.presenter.js';
import type { AppAuthorizationRecord } from '../../modules/apps/app-authorization.repository.js';
import { parseSubscriptions } from '../../modules/apps/app-subscription.js';
import type { AppRow } from '../../modules/apps/app.repository.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import type { PolyApp, PolyAuthorization } from './app.schemas.js';

/** The app's status words (the sample shows ENABLED; the other is SILENT). */
export const POLY_APP_STATUS = { live: 'ENABLED', revoked: 'DISABLED' } as const;

/** What an authorization request answers per status (the doc quotes "Authorization Granted"; others SILENT). */
export const POLY_AUTHORIZATION_MESSAGES: Readonly<Record<AppAuthorizationRecord['row']['status'], string>> = {
  pending: 'Authorization Pending',
  approved: 'Authorization Granted',
  rejected: 'Authorization Rejected',
  withdrawn: 'Authorization Withdrawn',
};

export const POLY_PARTLY_GRANTED_MESSAGE = 'Authorization Granted; new subscriptions pending';

export function presentPolyApp(
  app: AppRow,
  authorizations: readonly AppAuthorizationRecord[],
  partner: TenantSummary,
  selfHref: string,
): PolyApp {
  const profile = parsePartnerProfile(app.partner_profile);
  return {
    _links: { self: { href: selfHref } },
    appId: app.app_id,
    name: app.name,
    description: app.description,
    dateCreated: app.created_at,
    dateUpdated: app.revoked_at ?? app.created_at,
    status: app.revoked_at === null ? POLY_APP_STATUS.live : POLY_APP_STATUS.revoked,
    tenantAppAuth: authorizations.map(presentPolyAuthorization),
    partnerProfile: {
      id: partner.id,
      email: profile.email ?? null,
      firstName: profile.firstName ?? null,
      lastName: profile.lastName ?? null,
      partnerName: profile.partnerName ?? partner.name,
    },
  };
}

export function presentPolyAuthorization(record: AppAuthorizationRecord): PolyAuthorization {
  const { row } = record;
  // A pending authorization may keep earlier grants while new subscriptions await a decision.
  const keepsGrants = row.status === 'pending' && row.granted_subscriptions !== '[]';
  return {
    requestId: row.id,
    appId: record.app.appId,
    tenantApiCode: record.tenant.apiCode,
    tenantName: record.tenant.name,
    subscriptions: parseSubscriptions(row.subscriptions),
    grantedSubscriptions: parseSubscriptions(row.granted_subscriptions),
    status: row.status.toUpperCase(),
    message: keepsGrants ? POLY_PARTLY_GRANTED_MESSAGE : POLY_AUTHORIZATION_MESSAGES[row.status],
    dateCreated: row.created_at,
    dateUpdated: row.updated_at,
  };
}
