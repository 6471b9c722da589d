/**
 * The vendors' scope and permission names in Ucfleet's terms (vendor-apis.md §3.1 and §4.2). A dialect states
 * its routes' requirements in the vendor's names (to answer "missing scope X" as the vendor would) and checks
 * them against the caller's Ucfleet scopes through these tables; a Ucfleet credential is never required to
 * carry vendor names.
 */
import { type Principal, hasScopes } from './principal.js';
import type { Scope } from './roles.js';

/** Webex OAuth scopes. `spark:` scopes act on the caller's own devices; an agent's viewer already limits that. */
export const WEBEX_SCOPES = {
  'spark:devices_read': ['devices:read'],
  'spark:devices_write': ['devices:write'],
  'spark-admin:devices_read': ['devices:read'],
  'spark-admin:devices_write': ['devices:write'],
  'spark-admin:telephony_config_read': ['telephony:read'],
  'spark-admin:telephony_config_write': ['telephony:write'],
  'spark:people_read': ['people:read'],
  'spark-admin:people_read': ['people:read'],
  'spark-admin:people_write': ['people:write'],
  'spark-admin:locations_read': ['sites:read'],
  'spark-admin:locations_write': ['sites:write'],
  'spark-admin:workspaces_read': ['sites:read'],
  'spark-admin:workspaces_write': ['sites:write'],
  'identity:one_time_password': ['devices:write'],
  'identity:placeonetimepassword_create': ['devices:write'],
} as const satisfies Record<string, readonly Scope[]>;
export type WebexScope = keyof typeof WEBEX_SCOPES;

/**
 * RingCentral app and user permissions. The company-wide ones need a tenant-wide viewer (admins); the
 * `User` ones are satisfied by any role within its visibility.
 */
export const RINGCENTRAL_PERMISSIONS = {
  ReadAccounts: ['people:read', 'sites:read'],
  EditAccounts: ['people:write', 'sites:write'],
  ReadCompanyDevices: ['devices:read', 'telephony:read'],
  EditCompanyDevices: ['devices:write', 'telephony:write'],
  AddRemoveDevices: ['devices:write'],
  EditAccountDevices: ['devices:write'],
  ReadUserDevices: ['devices:read'],
  EditUserDevices: ['devices:write'],
  ConfigureEmergencyMaps: ['telephony:write'],
} as const satisfies Record<string, readonly Scope[]>;
export type RingCentralPermission = keyof typeof RINGCENTRAL_PERMISSIONS;

/** The Ucfleet scopes a set of vendor names stands for. */
export function scopesFor<T extends Record<string, readonly Scope[]>>(table: T, names: readonly (keyof T)[]): Scope[] {
  return [...new Set(names.flatMap((name) => table[name] ?? []))];
}

/** The vendor names (of `required`) that the principal's scopes do not cover: empty when it may proceed. */
export function missingVendorScopes<T extends Record<string, readonly Scope[]>>(
  table: T,
  principal: Principal,
  required: readonly (keyof T)[],
): (keyof T)[] {
  return required.filter((name) => !hasScopes(principal, table[name] ?? []));
}

/** The vendor names a principal holds in full: what a dialect reports as the token's scopes or permissions. */
export function vendorScopesOf<T extends Record<string, readonly Scope[]>>(
  table: T,
  principal: Principal,
): (keyof T)[] {
  return (Object.keys(table) as (keyof T)[]).filter((name) => hasScopes(principal, table[name] ?? []));
}
