/**
 * RingCentral's app and user permissions per endpoint (vendor-apis.md §4.2). Each route states them in its
 * config (`ringcentralPermissions`); the route policy table (src/http/policy.ts) holds the same requirement in
 * Ucfleet's terms (ringcentralPolicy: the scopes of both permissions, and the roles a user permission opens), so
 * the shared guard enforces it and the error renderer names the permission that is missing: CMN-401 the app
 * permission (the credential's scopes do not cover it), else CMN-408 the user permission.
 */
import type { RingCentralPermission } from '../../modules/access/vendor-scopes.js';

export interface RingCentralRoutePermissions {
  /** Granted to the application: Ucfleet's credential scopes. */
  readonly app: RingCentralPermission;
  /** Granted to the user by their role; absent where RingCentral requires none. */
  readonly user?: RingCentralPermission;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    ringcentralPermissions?: RingCentralRoutePermissions;
  }
}
