/**
 * The contact-center operations a caller may perform on a device right now (Genesys `capabilities`,
 * vendor-apis.md §2.6), derived from the device's state and the caller's role. Pure: no I/O.
 *
 * - Without a phone number a device has no telephony operations at all.
 * - Whoever may change the device (an admin; an agent or supervisor on a device they own) sees one of each
 *   pair: DoNotDisturbOn while DND is off, DoNotDisturbOff while it is on; ForwardCallsOn / ForwardCallsOff
 *   the same way with forwarding.
 * - Supervisors and admins add ListenIn, BargeIn and Coach, unless another supervisor already monitors the
 *   device (one supervisor at a time per device), and CancelSupervisorMonitoring only while a monitoring
 *   session the device takes part in (as the monitoring or the monitored device) is theirs; admins may
 *   cancel any session. With it comes MuteMonitoredUser while that session leaves the monitored user
 *   unmuted, UnmuteMonitoredUser while it mutes them (the session is the one the device monitors from, else
 *   the one monitoring it: the session DeviceControlsService mutes).
 * - Read-only admins change nothing: no capabilities.
 */
import type { Role } from '../access/roles.js';

export const CAPABILITIES = [
  'DoNotDisturbOn',
  'DoNotDisturbOff',
  'ForwardCallsOn',
  'ForwardCallsOff',
  'ListenIn',
  'BargeIn',
  'Coach',
  'CancelSupervisorMonitoring',
  'MuteMonitoredUser',
  'UnmuteMonitoredUser',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface TelephonyState {
  readonly hasPhoneNumber: boolean;
  readonly doNotDisturb: boolean;
  readonly forwarding: boolean;
  /** The owner of the device (a person id), if any. */
  readonly ownerPersonId: string | null;
  /** The supervisor of the session this device monitors another from, if it does. */
  readonly monitoringSupervisorId: string | null;
  /** The supervisor of the session that monitors this device, if one does. */
  readonly monitoredBySupervisorId: string | null;
  /** Whether the session this device monitors from mutes the monitored user. */
  readonly monitoringMuted: boolean;
  /** Whether the session that monitors this device mutes its user. */
  readonly monitoredByMuted: boolean;
}

export interface CapabilityCaller {
  readonly role: Role;
  /** The person a personal credential acts as; null for admins. */
  readonly personId: string | null;
}

export function capabilitiesOf(device: TelephonyState, caller: CapabilityCaller): Capability[] {
  if (!device.hasPhoneNumber || caller.role === 'readonly_admin') return [];
  const out: Capability[] = [];
  const changes = caller.role === 'admin' || (caller.personId !== null && device.ownerPersonId === caller.personId);
  if (changes) {
    out.push(device.doNotDisturb ? 'DoNotDisturbOff' : 'DoNotDisturbOn');
    out.push(device.forwarding ? 'ForwardCallsOff' : 'ForwardCallsOn');
  }
  if (caller.role !== 'supervisor' && caller.role !== 'admin') return out;
  const monitoredBy = device.monitoredBySupervisorId;
  const byAnother = monitoredBy !== null && (caller.personId === null || monitoredBy !== caller.personId);
  if (!byAnother) out.push('ListenIn', 'BargeIn', 'Coach');
  const sessions = [device.monitoringSupervisorId, monitoredBy].filter((s): s is string => s !== null);
  const cancels = caller.role === 'admin' ? sessions.length > 0 : sessions.includes(caller.personId ?? '');
  if (cancels) out.push('CancelSupervisorMonitoring');
  const own = device.monitoringSupervisorId !== null;
  const session = own ? device.monitoringSupervisorId : monitoredBy;
  if (session !== null && (caller.role === 'admin' || session === caller.personId)) {
    const muted = own ? device.monitoringMuted : device.monitoredByMuted;
    out.push(muted ? 'UnmuteMonitoredUser' : 'MuteMonitoredUser');
  }
  return out;
}
