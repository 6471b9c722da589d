/**
 * One canonical device as a Webex Device (vendor-apis.md §3.4; docs/compat/webex.md maps every field). Ids
 * are Webex ids (ids.ts); the MAC is shown with colons, upper case; instants are ISO 8601 with milliseconds.
 * Every value Webex has and Ucfleet does not keep is derived as the named constants below say (SILENT points).
 */
import type { Principal } from '../../modules/access/principal.js';
import { hasScopes } from '../../modules/access/principal.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';
import { formatMac } from '../../modules/devices/mac-address.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import { CALLING_KINDS } from './calling.presenter.js';
import type { ConnectionStatus, WebexDevice, WebexDeviceType } from './device.schemas.js';
import { webexId } from './ids.js';

/** Canonical kinds by Webex device type (SILENT: Ucfleet has no Webex Go devices, so `webexgo` names none). */
export const KINDS_BY_TYPE: Readonly<Record<WebexDeviceType, readonly string[]>> = {
  roomdesk: ['Room'],
  phone: ['HardPhone', 'OtherPhone', 'BLA'],
  accessory: ['Headset', 'Base', 'Dongle'],
  webexgo: [],
  unknown: ['SoftPhone', 'WebRTC', 'WebPhone', 'Paging'],
};

/** The manufacturer whose devices are on the `cisco` platform; other devices have no devicePlatform. */
export const CISCO_MANUFACTURER = 'Cisco';
/** RoomOS devices (a Cisco room or desk video system) take xAPI commands: capability `xapi`. */
export const XAPI_KINDS: readonly string[] = ['Room'];
/** Ucfleet keeps no maintenance windows: every device is in mode `off`. Webex's schema (an object) wins over its list example (a string). */
export const PLANNED_MAINTENANCE_MODE = 'off';
/** Ucfleet keeps no device error codes: `errorCodes` is always empty and the errorCode filter matches nothing. */
export const NO_ERROR_CODES: readonly string[] = [];
/**
 * `callingDeviceId` (in the spec's examples, not its schema) is shown for Webex Calling devices (CALLING_KINDS,
 * the devices /telephony/config/devices/{id} answers for): the id that API takes, the device's own id.
 */
export const SHOW_CALLING_DEVICE_ID = true;
/**
 * `webexDeviceId` (also only in the examples) is not shown: Ucfleet has one id per device, which `id` already
 * is. `placeId` and `workspaceLocationId` (deprecated) and `activeInterface` (no canonical source) are not shown.
 */
export const SHOW_WEBEX_DEVICE_ID = false;

export function webexTypeOf(kind: string): WebexDeviceType {
  for (const [type, kinds] of Object.entries(KINDS_BY_TYPE)) if (kinds.includes(kind)) return type as WebexDeviceType;
  return 'unknown';
}

/**
 * Webex's connection status from the canonical status and activation state (SILENT mapping): a device waiting
 * for its activation code is `activating`; otherwise Online is `connected`, anything else `disconnected`.
 * Ucfleet records no degraded, expired or sleeping state, so the other values are never shown.
 */
export function connectionStatusOf(row: { status: string; activation_state: string | null }): ConnectionStatus {
  if (row.activation_state === 'activating') return 'activating';
  return row.status === 'Online' ? 'connected' : 'disconnected';
}

export function isCisco(manufacturer: string | null): boolean {
  return manufacturer !== null && manufacturer.toLowerCase() === CISCO_MANUFACTURER.toLowerCase();
}

export function hasXapi(row: { kind: string; manufacturer: string | null }): boolean {
  return isCisco(row.manufacturer) && XAPI_KINDS.includes(row.kind);
}

/**
 * What the caller may do with xAPI on the device (Webex: "the permissions the user has for this device"):
 * `xapi:readonly` for whoever reads it, and `xapi:all` for whoever may also change it.
 */
export function xapiPermissionsOf(caller: Principal, ownerPersonId: string | null): ('xapi:readonly' | 'xapi:all')[] {
  const out: ('xapi:readonly' | 'xapi:all')[] = ['xapi:readonly'];
  if (callerChangesDevices(caller, ownerPersonId)) out.push('xapi:all');
  return out;
}

/** Whether the caller may change a device owned by `ownerPersonId` (admins any; agents and supervisors their own). */
export function callerChangesDevices(caller: Principal, ownerPersonId: string | null | undefined): boolean {
  if (caller.role === 'readonly_admin' || !hasScopes(caller, ['devices:write'])) return false;
  if (caller.role === 'admin') return true;
  return ownerPersonId === undefined || (caller.personId !== null && ownerPersonId === caller.personId);
}

const iso = (ms: number) => new Date(ms).toISOString();

export function presentWebexDevice(record: DeviceRecord, tenant: TenantSummary, caller: Principal): WebexDevice {
  const { row } = record;
  const id = webexId('device', row.id);
  const xapi = hasXapi(row);
  const lastSeen = latest(row.last_seen_at, record.lastSeen?.seen_at);
  const firstSeen = record.firstSeen?.seen_at ?? (lastSeen === undefined ? undefined : row.created_at);
  const sipUrl = row.sip_line_port;
  return {
    id,
    ...(SHOW_CALLING_DEVICE_ID && CALLING_KINDS.includes(row.kind) ? { callingDeviceId: id } : {}),
    ...(SHOW_WEBEX_DEVICE_ID ? { webexDeviceId: id } : {}),
    displayName: row.name,
    ...(row.owner_workspace_id === null ? {} : { workspaceId: webexId('workspace', row.owner_workspace_id) }),
    ...(row.owner_person_id === null ? {} : { personId: webexId('person', row.owner_person_id) }),
    ...(tenant.webexOrgId === null ? {} : { orgId: tenant.webexOrgId }),
    capabilities: xapi ? ['xapi'] : [],
    permissions: xapi ? xapiPermissionsOf(caller, row.owner_person_id) : [],
    connectionStatus: connectionStatusOf(row),
    ...(row.product_name === null ? {} : { product: row.product_name }),
    type: webexTypeOf(row.kind),
    tags: record.tags,
    ...(row.ip === null ? {} : { ip: row.ip }),
    ...(row.mac === null ? {} : { mac: formatMac(row.mac, 'colon') }),
    ...(sipUrl === null ? {} : { primarySipUrl: sipUrl }),
    sipUrls: sipUrl === null ? [] : [sipUrl],
    ...(row.serial === null ? {} : { serial: row.serial }),
    ...(row.fw_main === null ? {} : { software: row.fw_main }),
    ...(row.upgrade_channel === null ? {} : { upgradeChannel: row.upgrade_channel }),
    created: iso(row.created_at),
    ...(row.site_id === null ? {} : { locationId: webexId('location', row.site_id) }),
    errorCodes: [...NO_ERROR_CODES],
    ...(firstSeen === undefined ? {} : { firstSeen: iso(firstSeen) }),
    ...(lastSeen === undefined ? {} : { lastSeen: iso(lastSeen) }),
    ...(row.managed_by === null ? {} : { managedBy: row.managed_by.toUpperCase() }),
    ...(isCisco(row.manufacturer) ? { devicePlatform: 'cisco' } : {}),
    plannedMaintenance: { mode: PLANNED_MAINTENANCE_MODE },
  };
}

function latest(a: number | null, b: number | undefined): number | undefined {
  if (a === null) return b;
  return b === undefined ? a : Math.max(a, b);
}
