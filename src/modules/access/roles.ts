/**
 * Roles and scopes. A role says who a principal is (and caps what it may ever do); scopes say what one
 * credential was granted. A credential's effective scopes are its granted scopes within its role's ceiling.
 */
export const ROLES = ['admin', 'readonly_admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'devices:read',
  'devices:write',
  'people:read',
  'people:write',
  'sites:read',
  'sites:write',
  'telephony:read',
  'telephony:write',
  'telemetry:write',
  'audit:read',
  /** Reading the tenant's administration: API keys, OAuth clients, apps, logins. */
  'admin:read',
  /** Changing it. */
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

const READ_SCOPES: readonly Scope[] = SCOPES.filter((s) => s.endsWith(':read'));
const OWN_DEVICE_SCOPES: readonly Scope[] = [
  'devices:read',
  'devices:write',
  'people:read',
  'sites:read',
  'telephony:read',
  'telephony:write',
];

/** The most each role may be granted. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  admin: SCOPES,
  readonly_admin: READ_SCOPES,
  supervisor: OWN_DEVICE_SCOPES,
  agent: OWN_DEVICE_SCOPES,
};

/** Roles that act as one person and see only what that person may see (their own devices, or their agents'). */
export const PERSONAL_ROLES: readonly Role[] = ['supervisor', 'agent'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * The scopes a new credential of `role` gets: `requested` (all of them must be known and within the role's
 * ceiling), or the whole ceiling when nothing is requested. Returns the offending names as `rejected`.
 */
export function grantScopes(
  role: Role,
  requested: readonly string[] | undefined,
): { granted: Scope[]; rejected: string[] } {
  const ceiling = ROLE_SCOPES[role];
  if (requested === undefined) return { granted: [...ceiling], rejected: [] };
  const rejected = requested.filter((s) => !(ceiling as readonly string[]).includes(s));
  const granted = ceiling.filter((s) => requested.includes(s));
  return { granted, rejected };
}

/** A stored scope list as the scopes still allowed for the role (a role may have been narrowed since). */
export function effectiveScopes(role: Role, stored: readonly string[]): Scope[] {
  return ROLE_SCOPES[role].filter((s) => stored.includes(s));
}
