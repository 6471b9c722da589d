/**
 * The route policy table: for every route of every API surface, who may call it (public, or which roles),
 * the scopes it requires (all of them), and its rate-limit group. src/http/authorize.ts enforces it for every
 * route; a route that is missing here stops the server from starting.
 * Keys are `METHOD /path` exactly as registered (HEAD follows GET).
 */
import { ROLES, type Role, type Scope } from '../modules/access/roles.js';
import { RINGCENTRAL_PERMISSIONS, type RingCentralPermission, scopesFor } from '../modules/access/vendor-scopes.js';

/** Rate-limit groups in the style of RingCentral's: each has its own budget per credential and per tenant. */
export const RATE_GROUPS = ['light', 'medium', 'heavy', 'auth'] as const;
export type RateGroup = (typeof RATE_GROUPS)[number];

export interface RoutePolicy {
  /** 'public': no credential needed. Otherwise the roles that may call. */
  readonly roles: 'public' | readonly Role[];
  readonly scopes: readonly Scope[];
  readonly rateGroup: RateGroup;
}

const WRITERS: readonly Role[] = ROLES.filter((r) => r !== 'readonly_admin');
const ADMINS: readonly Role[] = ['admin', 'readonly_admin'];

const open = (rateGroup: RateGroup = 'light'): RoutePolicy => ({ roles: 'public', scopes: [], rateGroup });
/** Every role may read, within its own visibility (an agent sees only what they own). */
const read = (scope: Scope, rateGroup: RateGroup = 'light'): RoutePolicy => ({
  roles: ROLES,
  scopes: [scope],
  rateGroup,
});
/** Changes: every role but the read-only admin, within what it may change (an agent only their own). */
export const write = (scope: Scope, rateGroup: RateGroup = 'medium'): RoutePolicy => ({
  roles: WRITERS,
  scopes: [scope],
  rateGroup,
});
/** Tenant administration: admins change it; read-only admins may look. */
const adminRead = (scope: Scope = 'admin:read', rateGroup: RateGroup = 'light'): RoutePolicy => ({
  roles: ADMINS,
  scopes: [scope],
  rateGroup,
});
/** The directory (people, user groups, sites, workspaces, virtual lines): admins only; agents and supervisors only read it. */
const directoryWrite = (scope: Scope, rateGroup: RateGroup = 'medium'): RoutePolicy => ({
  roles: ['admin'],
  scopes: [scope],
  rateGroup,
});
/** Compliance policies: tenant configuration that admins (read-only ones too) and supervisors read; not agents. */
const policyRead: RoutePolicy = {
  roles: ['admin', 'readonly_admin', 'supervisor'],
  scopes: ['devices:read'],
  rateGroup: 'light',
};
const adminWrite = (rateGroup: RateGroup = 'medium'): RoutePolicy => ({
  roles: ['admin'],
  scopes: ['admin'],
  rateGroup,
});
/** RingCentral's user permissions that any role holds within its visibility; the others are company-wide. */
const RINGCENTRAL_USER_PERMISSIONS: readonly RingCentralPermission[] = ['ReadUserDevices', 'EditUserDevices'];
/**
 * A RingCentral route (src/compat/ringcentral/permissions.ts): the scopes of its app and user permissions; a
 * company-wide user permission is for admins (read-only admins read), a user one for every role (writers write).
 */
const ringcentral = (
  app: RingCentralPermission,
  user: RingCentralPermission | null,
  rateGroup: RateGroup,
  changes: boolean,
): RoutePolicy => {
  const personal = user !== null && RINGCENTRAL_USER_PERMISSIONS.includes(user);
  const roles = personal ? (changes ? WRITERS : ROLES) : changes ? ['admin' as const] : ADMINS;
  return { roles, scopes: scopesFor(RINGCENTRAL_PERMISSIONS, user === null ? [app] : [app, user]), rateGroup };
};

export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  // Platform
  'GET /healthz': open(),
  'GET /readyz': open(),
  'GET /openapi.json': open(),
  // The web console (src/http/console-static.ts): its page paths answer index.html, its hashed assets are files.
  'GET /': open(),
  'GET /sign-in': open(),
  'GET /inventory': open(),
  'GET /devices/*': open(),
  'GET /people': open(),
  'GET /people/*': open(),
  'GET /compliance': open(),
  'GET /adoption': open(),
  'GET /audit-log': open(),
  'GET /api-keys': open(),
  'GET /assets/*': open(),
  'GET /docs': open(),
  'GET /docs/': open(),
  'GET /docs/json': open(),
  'GET /docs/yaml': open(),
  'GET /docs/static/*': open(),
  'GET /docs/static/index.html': open(),
  'GET /docs/static/swagger-initializer.js': open(),
  // CORS preflight (registered only when CORS_ORIGINS is set)
  'OPTIONS *': open(),

  // Native API: inventory
  'GET /v1/devices': read('devices:read'),
  'GET /v1/devices/:id': read('devices:read'),
  'POST /v1/devices': write('devices:write'),
  'PUT /v1/devices/:id': write('devices:write'),
  'PATCH /v1/devices/:id': write('devices:write'),
  'DELETE /v1/devices/:id': write('devices:write'),
  // Bulk: admins import (agents and supervisors change their own devices one at a time); export within visibility.
  'GET /v1/devices/export': read('devices:read', 'heavy'),
  'POST /v1/imports': { roles: ['admin'], scopes: ['devices:write'], rateGroup: 'heavy' },
  'GET /v1/jobs/:id': adminRead('devices:read'),
  // Contact-center controls (Genesys rules): agents on their own devices; monitoring is for supervisors and admins
  'GET /v1/devices/:id/telephony': read('telephony:read'),
  // Numbers are assigned by admins (as with /v1/numbers and device lines).
  'PUT /v1/devices/:id/telephony': { roles: ['admin'], scopes: ['telephony:write'], rateGroup: 'medium' },
  'PUT /v1/devices/:id/do-not-disturb': write('telephony:write'),
  'PUT /v1/devices/:id/forwarding': write('telephony:write'),
  'POST /v1/devices/:id/monitoring': {
    roles: ['admin', 'supervisor'],
    scopes: ['telephony:write'],
    rateGroup: 'medium',
  },
  'DELETE /v1/devices/:id/monitoring': {
    roles: ['admin', 'supervisor'],
    scopes: ['telephony:write'],
    rateGroup: 'medium',
  },
  'PUT /v1/devices/:id/monitoring/mute': {
    roles: ['admin', 'supervisor'],
    scopes: ['telephony:write'],
    rateGroup: 'medium',
  },
  'PUT /v1/people/:id/agent-state': write('telephony:write'),
  'POST /v1/devices/activation-codes': write('devices:write'),
  'POST /v1/activations': write('devices:write'),
  'POST /v1/devices/:id/deactivate': write('devices:write'),
  'POST /v1/devices/validate-macs': write('devices:write', 'light'),
  'PUT /v1/devices/:id/paired-device': write('devices:write'),
  'PUT /v1/devices/:id/firmware': write('devices:write'),
  // Phone numbers and device lines: everyone reads the numbers; admins assign them
  'GET /v1/numbers': read('telephony:read'),
  'GET /v1/numbers/:id': read('telephony:read'),
  'POST /v1/numbers': { roles: ['admin'], scopes: ['telephony:write'], rateGroup: 'medium' },
  'PUT /v1/numbers/:id': { roles: ['admin'], scopes: ['telephony:write'], rateGroup: 'medium' },
  'PATCH /v1/numbers/:id': { roles: ['admin'], scopes: ['telephony:write'], rateGroup: 'medium' },
  'DELETE /v1/numbers/:id': { roles: ['admin'], scopes: ['telephony:write'], rateGroup: 'medium' },
  'PUT /v1/devices/:id/lines': { roles: ['admin'], scopes: ['telephony:write'], rateGroup: 'medium' },
  'GET /v1/people': read('people:read'),
  'GET /v1/people/:id': read('people:read'),
  'GET /v1/people/:id/devices': read('devices:read'),
  'GET /v1/sites': read('sites:read'),
  'GET /v1/sites/:id': read('sites:read'),
  'GET /v1/products': read('devices:read'),
  'GET /v1/products/:id': read('devices:read'),
  // Firmware and compliance: the catalogue like products; policies are tenant configuration that admins and
  // supervisors read and admins change; summary and non-compliant list within the caller's visibility.
  'GET /v1/firmware-releases': read('devices:read'),
  'GET /v1/compliance-policies': policyRead,
  'GET /v1/compliance-policies/:id': policyRead,
  'POST /v1/compliance-policies': directoryWrite('devices:write'),
  'PUT /v1/compliance-policies/:id': directoryWrite('devices:write'),
  'PATCH /v1/compliance-policies/:id': directoryWrite('devices:write'),
  'DELETE /v1/compliance-policies/:id': directoryWrite('devices:write'),
  'GET /v1/compliance/summary': read('devices:read', 'medium'),
  'GET /v1/compliance/noncompliant-devices': read('devices:read'),
  'GET /v1/user-groups': read('people:read'),
  'GET /v1/user-groups/:id': read('people:read'),
  'GET /v1/user-groups/:id/people': read('people:read'),
  'GET /v1/workspaces': read('sites:read'),
  'GET /v1/workspaces/:id': read('sites:read'),
  'GET /v1/virtual-lines': read('sites:read'),
  'GET /v1/virtual-lines/:id': read('sites:read'),
  'GET /v1/paging-groups': read('devices:read'),
  'GET /v1/paging-groups/:id': read('devices:read'),
  // Directory writes (admins); the product catalogue is global and changed by operators only (CLI seed)
  'POST /v1/people': directoryWrite('people:write'),
  'PUT /v1/people/:id': directoryWrite('people:write'),
  'PATCH /v1/people/:id': directoryWrite('people:write'),
  'DELETE /v1/people/:id': directoryWrite('people:write'),
  'PUT /v1/people/:id/user-groups': directoryWrite('people:write'),
  'POST /v1/user-groups': directoryWrite('people:write'),
  'PUT /v1/user-groups/:id': directoryWrite('people:write'),
  'PATCH /v1/user-groups/:id': directoryWrite('people:write'),
  'DELETE /v1/user-groups/:id': directoryWrite('people:write'),
  'POST /v1/sites': directoryWrite('sites:write'),
  'PUT /v1/sites/:id': directoryWrite('sites:write'),
  'PATCH /v1/sites/:id': directoryWrite('sites:write'),
  'DELETE /v1/sites/:id': directoryWrite('sites:write'),
  'POST /v1/workspaces': directoryWrite('sites:write'),
  'PUT /v1/workspaces/:id': directoryWrite('sites:write'),
  'PATCH /v1/workspaces/:id': directoryWrite('sites:write'),
  'DELETE /v1/workspaces/:id': directoryWrite('sites:write'),
  'POST /v1/virtual-lines': directoryWrite('sites:write'),
  'PUT /v1/virtual-lines/:id': directoryWrite('sites:write'),
  'PATCH /v1/virtual-lines/:id': directoryWrite('sites:write'),
  'DELETE /v1/virtual-lines/:id': directoryWrite('sites:write'),
  'POST /v1/paging-groups': directoryWrite('devices:write'),
  'PUT /v1/paging-groups/:id/devices': directoryWrite('devices:write'),
  'DELETE /v1/paging-groups/:id': directoryWrite('devices:write'),

  // Native API: who am I, sign-in sessions
  'GET /v1/me': { roles: ROLES, scopes: [], rateGroup: 'light' },
  'POST /v1/sessions': open('auth'),
  'DELETE /v1/sessions/current': { roles: ROLES, scopes: [], rateGroup: 'auth' },

  // Native API: tenant administration
  'GET /v1/api-keys': adminRead(),
  'POST /v1/api-keys': adminWrite(),
  'GET /v1/api-keys/:id': adminRead(),
  'DELETE /v1/api-keys/:id': adminWrite(),
  'GET /v1/oauth-clients': adminRead(),
  'POST /v1/oauth-clients': adminWrite(),
  'GET /v1/oauth-clients/:id': adminRead(),
  'DELETE /v1/oauth-clients/:id': adminWrite(),
  'GET /v1/apps': adminRead(),
  'POST /v1/apps': adminWrite(),
  'GET /v1/apps/:id': adminRead(),
  'DELETE /v1/apps/:id': adminWrite(),
  // Other tenants' apps asking to read this tenant's data (requested through /compat/poly)
  'GET /v1/app-authorizations': adminRead(),
  'POST /v1/app-authorizations/:id/approve': adminWrite(),
  'POST /v1/app-authorizations/:id/reject': adminWrite(),
  'GET /v1/people/:id/login': adminRead(),
  'PUT /v1/people/:id/login': adminWrite(),
  'DELETE /v1/people/:id/login': adminWrite(),
  'GET /v1/audit-events': adminRead('audit:read'),

  // Telemetry (src/native/telemetry.routes.ts): an ingest credential (an admin key with telemetry:write only)
  // reports for its tenant; a batch of up to 5,000 events counts as one light request.
  'POST /v1/telemetry/events': { roles: ['admin'], scopes: ['telemetry:write'], rateGroup: 'light' },
  // Adoption analytics: tenant-wide counts, for admins and supervisors.
  'GET /v1/analytics/active-devices': {
    roles: [...ADMINS, 'supervisor'],
    scopes: ['devices:read'],
    rateGroup: 'light',
  },
  'GET /v1/analytics/new-devices': { roles: [...ADMINS, 'supervisor'], scopes: ['devices:read'], rateGroup: 'light' },
  'GET /v1/analytics/unseen-devices': {
    roles: [...ADMINS, 'supervisor'],
    scopes: ['devices:read'],
    rateGroup: 'light',
  },

  // Plantronics dialect (src/compat/poly): the apikey's role and scopes, as natively
  'GET /compat/poly/reports/assets/tenant/:tenantApiCode/devices/user/:username': read('devices:read'),
  'GET /compat/poly/reports/assets/tenant/:tenantApiCode/devices/usergroup': read('devices:read'),
  'GET /compat/poly/v1/assets/management/tenant/:tenantId/policy': read('devices:read'),
  // Firmware policies are tenant configuration: admins only, like the directory
  'POST /compat/poly/v1/assets/management/tenant/:tenantId/policy': directoryWrite('devices:write'),
  // Plantronics partner app management: the partner tenant's administration
  'PUT /compat/poly/app': adminWrite(),
  'GET /compat/poly/partner/app/:appId': adminRead(),
  'PUT /compat/poly/partner/app/:appId/authrequests': adminWrite(),
  'DELETE /compat/poly/partner/app/:appId/authrequests/:requestId': adminWrite(),

  // Genesys dialect (src/compat/genesys): /devices and /users/{id}/devices need the contact-center admin role;
  // /me is every user's own. Operations follow the native contact-center controls.
  'GET /compat/genesys/api/v2/devices': adminRead('devices:read'),
  'GET /compat/genesys/api/v2/devices/:id': adminRead('devices:read'),
  'GET /compat/genesys/api/v2/users/:userId/devices': adminRead('devices:read'),
  'GET /compat/genesys/api/v2/me': read('people:read'),
  'GET /compat/genesys/api/v2/me/devices': read('devices:read'),
  'GET /compat/genesys/api/v2/me/devices/:id': read('devices:read'),
  // Operations on the caller's own device and voice channel; monitoring ones are refused to agents by the route.
  'POST /compat/genesys/api/v2/me/devices/:id': write('telephony:write'),
  'POST /compat/genesys/api/v2/me/channels/voice': write('telephony:write'),
  // What devices refer to: within the tenant, as /v1/numbers and the tenant itself.
  'GET /compat/genesys/api/v2/phone-numbers/:id': read('telephony:read'),
  'GET /compat/genesys/api/v2/voice-environments/:id': read('devices:read'),
  // Notifications (CometD long-poll): every role follows its own devices; the POSTs change no data. CometD
  // clients may append the message type to the URL.
  'POST /compat/genesys/api/v2/notifications': read('devices:read'),
  'POST /compat/genesys/api/v2/notifications/handshake': read('devices:read'),
  'POST /compat/genesys/api/v2/notifications/connect': read('devices:read'),
  'POST /compat/genesys/api/v2/notifications/subscribe': read('devices:read'),
  'POST /compat/genesys/api/v2/notifications/unsubscribe': read('devices:read'),
  'POST /compat/genesys/api/v2/notifications/disconnect': read('devices:read'),

  // Webex Devices API (src/compat/webex/devices.routes.ts): spark-admin:devices_read / spark-admin:devices_write
  // (and identity:one_time_password for activation codes) are devices:read / devices:write (WEBEX_SCOPES);
  // agents and supervisors act on their own devices, as the spark: scopes do.
  'GET /compat/webex/v1/devices': read('devices:read'),
  'GET /compat/webex/v1/devices/:deviceId': read('devices:read'),
  'POST /compat/webex/v1/devices': write('devices:write'),
  'PATCH /compat/webex/v1/devices/:deviceId': write('devices:write'),
  'DELETE /compat/webex/v1/devices/:deviceId': write('devices:write'),
  'POST /compat/webex/v1/devices/activationCode': write('devices:write'),
  // RoomOS device configurations (src/compat/webex/configurations.routes.ts): the Devices API's scopes
  'GET /compat/webex/v1/deviceConfigurations': read('devices:read'),
  'PATCH /compat/webex/v1/deviceConfigurations': write('devices:write'),

  // Webex Calling (src/compat/webex/calling.routes.ts): spark-admin:telephony_config_read / _write are
  // telephony:read / telephony:write (WEBEX_SCOPES); Webex names full and read-only admins for reads and full
  // admins for changes (validateMacs too: it asks for the write scope).
  'GET /compat/webex/v1/telephony/config/devices/:deviceId': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/devices/:deviceId/members': adminRead('telephony:read'),
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId/members': directoryWrite('telephony:write'),
  'GET /compat/webex/v1/telephony/config/devices/:deviceId/availableMembers': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/devices/:deviceId/availableMembers/count': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/devices/availableMembers/count': adminRead('telephony:read'),
  'POST /compat/webex/v1/telephony/config/devices/actions/validateMacs/invoke': directoryWrite('telephony:write'),
  'POST /compat/webex/v1/telephony/config/devices/:deviceId/actions/applyChanges/invoke':
    directoryWrite('telephony:write'),
  'GET /compat/webex/v1/telephony/config/devices/:deviceId/settings': adminRead('telephony:read'),
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId/settings': directoryWrite('telephony:write'),
  'GET /compat/webex/v1/telephony/config/people/:personId/devices': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/people/:personId/devices/count': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/workspaces/:workspaceId/devices': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/supportedDevices': adminRead('telephony:read'),
  // Webex Calling device settings, layouts, SIP passwords, hoteling (src/compat/webex/settings.routes.ts)
  'GET /compat/webex/v1/telephony/config/locations/:locationId/devices/settings': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/devices/settings': adminRead('telephony:read'),
  'GET /compat/webex/v1/telephony/config/people/:personId/devices/settings': adminRead('telephony:read'),
  'PUT /compat/webex/v1/telephony/config/people/:personId/devices/settings': directoryWrite('telephony:write'),
  'PUT /compat/webex/v1/telephony/config/people/:personId/devices/settings/hoteling': directoryWrite('telephony:write'),
  'GET /compat/webex/v1/telephony/config/workspaces/:workspaceId/devices/settings': adminRead('telephony:read'),
  'PUT /compat/webex/v1/telephony/config/workspaces/:workspaceId/devices/settings': directoryWrite('telephony:write'),
  'PUT /compat/webex/v1/telephony/config/workspaces/:workspaceId/devices': directoryWrite('telephony:write'),
  'GET /compat/webex/v1/telephony/config/devices/:deviceId/layout': adminRead('telephony:read'),
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId/layout': directoryWrite('telephony:write'),
  'PUT /compat/webex/v1/telephony/config/devices/:deviceId': directoryWrite('telephony:write'),

  // RingCentral dialect (src/compat/ringcentral): app + user permissions of vendor-apis.md §4.2, its rate groups
  'GET /compat/ringcentral/restapi/v1.0/account/:accountId/device/:deviceId': ringcentral(
    'ReadAccounts',
    'ReadCompanyDevices',
    'light',
    false,
  ),
  'PUT /compat/ringcentral/restapi/v1.0/account/:accountId/device/:deviceId': ringcentral(
    'EditAccounts',
    'EditCompanyDevices',
    'medium',
    true,
  ),
  'PUT /compat/ringcentral/restapi/v1.0/account/:accountId/device/:deviceId/emergency': ringcentral(
    'EditAccounts',
    'EditCompanyDevices',
    'medium',
    true,
  ),
  'GET /compat/ringcentral/restapi/v1.0/account/:accountId/device/:deviceId/sip-info': ringcentral(
    'ReadAccounts',
    'ReadCompanyDevices',
    'light',
    false,
  ),
  'GET /compat/ringcentral/restapi/v1.0/account/:accountId/extension/:extensionId/device': ringcentral(
    'ReadAccounts',
    'ReadUserDevices',
    'light',
    false,
  ),
  'DELETE /compat/ringcentral/restapi/v2/accounts/:accountId/devices/:deviceId': ringcentral(
    'EditAccounts',
    'EditAccountDevices',
    'medium',
    true,
  ),
  'GET /compat/ringcentral/restapi/v1.0/account/:accountId/paging-only-groups/:pagingOnlyGroupId/devices': ringcentral(
    'ReadAccounts',
    'ReadCompanyDevices',
    'light',
    false,
  ),
  'GET /compat/ringcentral/restapi/v1.0/account/:accountId/emergency-address-auto-update/devices': ringcentral(
    'EditAccounts',
    'ConfigureEmergencyMaps',
    'medium',
    false,
  ),
  'POST /compat/ringcentral/restapi/v1.0/account/:accountId/emergency-address-auto-update/devices/bulk-assign':
    ringcentral('EditAccounts', 'ConfigureEmergencyMaps', 'heavy', true),
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/device-inventory': ringcentral(
    'EditAccounts',
    null,
    'heavy',
    true,
  ),
  'DELETE /compat/ringcentral/restapi/v2/accounts/:accountId/device-inventory': ringcentral(
    'EditAccounts',
    null,
    'heavy',
    true,
  ),
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/devices/bulk-add': ringcentral(
    'EditAccounts',
    'AddRemoveDevices',
    'heavy',
    true,
  ),
  'POST /compat/ringcentral/restapi/v2/accounts/:accountId/extensions/:extensionId/devices/:deviceId/replace':
    ringcentral('EditAccounts', 'EditUserDevices', 'medium', true),

  // OAuth 2.0 (client credentials) and the keys that verify its tokens
  'POST /oauth/token': open('auth'),
  'GET /.well-known/jwks.json': open(),
  'GET /.well-known/oauth-authorization-server': open(),
};

/** The policy of a registered route, or undefined when the table has no entry for it. */
export function policyFor(method: string, url: string): RoutePolicy | undefined {
  return ROUTE_POLICIES[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
