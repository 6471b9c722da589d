/**
 * One canonical device as a Genesys device resource (vendor-apis.md §2.6; docs/compat/genesys.md maps every
 * attribute): its telephony controls (number and what is derived from it, DND, forwarding, monitoring and the
 * caller's capabilities) from DeviceControlsService, the owner's agent state, and absolute URIs built from
 * the dialect's external base URL. Attributes without a value are left out, as GWS does (`location`,
 * `forwardTo`, `supervisorMonitoringState`, `userState`).
 */
import { createHash } from 'node:crypto';
import type { DeviceTelephonyView } from '../../modules/devices/device-controls.schemas.js';
import type { DeviceRecord } from '../../modules/devices/device.repository.js';

/** GWS's device type in its latest documentation (SILENT beyond that one value). */
export const GENESYS_DEVICE_TYPE = 'ACDPosition';

export interface AgentState {
  readonly state: string;
  readonly workMode: string | null;
}

export type GenesysDevice = Record<string, unknown> & { id: string };

/** Builds the absolute URIs of the dialect's resources. */
export interface GenesysUris {
  device(id: string): string;
  phoneNumber(id: string): string;
  voiceEnvironment(id: string): string;
}

export function presentGenesysDevice(
  record: DeviceRecord,
  telephony: DeviceTelephonyView,
  ownerState: AgentState | undefined,
  uris: GenesysUris,
): GenesysDevice {
  const { row, lines } = record;
  const line = lines[0];
  const device: GenesysDevice = {
    id: row.id,
    deviceState: row.status === 'Online' ? 'Active' : 'Inactive',
  };
  if (ownerState) device.userState = presentAgentState(ownerState);
  if (telephony.phoneNumber !== null) device.phoneNumber = telephony.phoneNumber;
  if (line) device.phoneNumberUri = uris.phoneNumber(line.phone_number_id);
  device.telephonyNetwork = telephony.telephonyNetwork ?? 'Private';
  if (telephony.country) device.country = telephony.country;
  if (telephony.location) device.location = telephony.location;
  if (telephony.localNumber !== null) device.localNumber = telephony.localNumber;
  if (telephony.e164Number !== null) device.e164Number = telephony.e164Number;
  device.doNotDisturb = telephony.doNotDisturb ? 'On' : 'Off';
  if (telephony.forwardTo !== null) device.forwardTo = telephony.forwardTo;
  device.capabilities = telephony.capabilities;
  if (telephony.monitoring) {
    device.supervisorMonitoringState = {
      state: telephony.monitoring.state,
      mode: telephony.monitoring.mode ?? 'AllCalls',
      scope: telephony.monitoring.scope ?? 'Call',
      ...(telephony.monitoring.targetDeviceId
        ? { targetDeviceUri: uris.device(telephony.monitoring.targetDeviceId) }
        : {}),
    };
  }
  // One voice environment per tenant: the contact center the device is provisioned in.
  device.voiceEnvironmentUri = uris.voiceEnvironment(row.tenant_id);
  device.model = row.product_model_id ?? row.product_name ?? row.kind;
  device.vendor = row.product_manufacturer ?? row.manufacturer ?? '';
  device.type = GENESYS_DEVICE_TYPE;
  return device;
}

/**
 * An agent state as GWS shows it: `{id, displayName, state, workMode?}`. The id names the state definition;
 * GWS's are configuration UUIDs, here a UUID derived from the state and work mode, the same on every node.
 */
export function presentAgentState(s: AgentState): Record<string, string> {
  const displayName = s.workMode ?? s.state;
  const h = createHash('sha256')
    .update(`agent-state\0${s.state}\0${s.workMode ?? ''}`)
    .digest('hex')
    .toUpperCase();
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-A${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return { id, displayName, state: s.state, ...(s.workMode ? { workMode: s.workMode } : {}) };
}

/**
 * The `fields` and attribute filters of a GWS list (§2.4): no `fields` → URIs only; `fields=*` → whole
 * resources; `fields=a,b` → those attributes; any other parameter `name=value` keeps the resources whose
 * attribute `name` is exactly `value` (several are ANDed; an attribute a resource lacks never matches).
 */
export function selectAttributes(device: GenesysDevice, fields: readonly string[] | '*'): Record<string, unknown> {
  if (fields === '*') return device;
  return Object.fromEntries(fields.filter((f) => f in device).map((f) => [f, device[f]]));
}

export function matchesFilters(device: GenesysDevice, filters: Readonly<Record<string, string>>): boolean {
  return Object.entries(filters).every(([name, value]) => {
    const actual = device[name];
    return (
      (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') &&
      String(actual) === value
    );
  });
}
