/** Turns an app authorization (with its app and tenants) into the native resource. */
import { iso, isoOrNull } from '../presenting.js';
import type { AppAuthorizationRecord } from './app-authorization.repository.js';
import type { AppAuthorizationView } from './app-authorization.schemas.js';
import { parseSubscriptions } from './app-subscription.js';
import type { PartnerProfile } from './app.service.js';

export function presentAppAuthorization(record: AppAuthorizationRecord): AppAuthorizationView {
  const { row } = record;
  const profile = parsePartnerProfile(record.app.partnerProfile);
  return {
    id: row.id,
    app: {
      appId: record.app.appId,
      name: record.app.name,
      partner: {
        tenantName: record.requestedBy.name,
        partnerName: profile.partnerName ?? null,
        email: profile.email ?? null,
        firstName: profile.firstName ?? null,
        lastName: profile.lastName ?? null,
      },
    },
    subscriptions: parseSubscriptions(row.subscriptions),
    grantedSubscriptions: parseSubscriptions(row.granted_subscriptions),
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    decidedAt: isoOrNull(row.decided_at),
  };
}

/** A stored partner profile (JSON, or null) with only its string members. */
export function parsePartnerProfile(json: string | null): PartnerProfile {
  if (json === null) return {};
  const value = JSON.parse(json) as Record<string, unknown>;
  const pick = (name: keyof PartnerProfile) => (typeof value[name] === 'string' ? { [name]: value[name] } : {});
  return { ...pick('email'), ...pick('firstName'), ...pick('lastName'), ...pick('partnerName') } as PartnerProfile;
}
