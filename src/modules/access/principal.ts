/** Who is calling: the tenant it acts for, the credential that proved it, its role and effective scopes. */
import { PERSONAL_ROLES, type Role, type Scope } from './roles.js';

/** `app_authorization`: another tenant's app reading this tenant's data under an approved authorization. */
export type CredentialKind = 'api_key' | 'oauth_client' | 'session' | 'password' | 'app_authorization';

export interface Principal {
  readonly tenantId: string;
  readonly credentialKind: CredentialKind;
  /** The id of the api_keys / oauth_clients / sessions row, or the person id for a password. */
  readonly credentialId: string;
  /** The person the principal acts as: required for the personal roles (agent, supervisor). */
  readonly personId: string | null;
  readonly role: Role;
  readonly scopes: readonly Scope[];
}

/** What a principal may read of its tenant's devices and people: everything, or one person's own. */
export interface Viewer {
  readonly tenantId: string;
  /** Set when only this person's own devices (and their own person record) are visible. */
  readonly onlyPerson: string | null;
}

/**
 * Admins, read-only admins and supervisors (who monitor their agents) read the whole tenant; an agent reads
 * only what they own.
 */
export function viewerOf(principal: Principal): Viewer {
  if (principal.role !== 'agent') return { tenantId: principal.tenantId, onlyPerson: null };
  // An agent credential always names its person (checked when it is created); '' matches no one.
  return { tenantId: principal.tenantId, onlyPerson: principal.personId ?? '' };
}

export function actsAsPerson(role: Role): boolean {
  return PERSONAL_ROLES.includes(role);
}

export function hasScopes(principal: Principal, required: readonly Scope[]): boolean {
  return required.every((s) => principal.scopes.includes(s));
}
