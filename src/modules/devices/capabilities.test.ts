import { describe, expect, it } from 'vitest';
import { type CapabilityCaller, type TelephonyState, capabilitiesOf } from './capabilities.js';

const idle: TelephonyState = {
  hasPhoneNumber: true,
  doNotDisturb: false,
  forwarding: false,
  ownerPersonId: 'agent-1',
  monitoringSupervisorId: null,
  monitoredBySupervisorId: null,
  monitoringMuted: false,
  monitoredByMuted: false,
};
const agent: CapabilityCaller = { role: 'agent', personId: 'agent-1' };
const supervisor: CapabilityCaller = { role: 'supervisor', personId: 'sup-1' };
const admin: CapabilityCaller = { role: 'admin', personId: null };

describe('capabilitiesOf', () => {
  it('gives the owner one of each pair, following the state', () => {
    expect(capabilitiesOf(idle, agent)).toEqual(['DoNotDisturbOn', 'ForwardCallsOn']);
    expect(capabilitiesOf({ ...idle, doNotDisturb: true }, agent)).toEqual(['DoNotDisturbOff', 'ForwardCallsOn']);
    expect(capabilitiesOf({ ...idle, forwarding: true }, agent)).toEqual(['DoNotDisturbOn', 'ForwardCallsOff']);
    expect(capabilitiesOf({ ...idle, doNotDisturb: true, forwarding: true }, agent)).toEqual([
      'DoNotDisturbOff',
      'ForwardCallsOff',
    ]);
  });

  it('gives nothing without a phone number, and nothing to a read-only admin', () => {
    expect(capabilitiesOf({ ...idle, hasPhoneNumber: false }, agent)).toEqual([]);
    expect(capabilitiesOf({ ...idle, hasPhoneNumber: false }, admin)).toEqual([]);
    expect(capabilitiesOf(idle, { role: 'readonly_admin', personId: null })).toEqual([]);
  });

  it('gives an agent no pair on a device they do not own', () => {
    expect(capabilitiesOf(idle, { role: 'agent', personId: 'agent-2' })).toEqual([]);
  });

  it('adds ListenIn, BargeIn and Coach for supervisors, without the pairs on a device they do not own', () => {
    expect(capabilitiesOf(idle, supervisor)).toEqual(['ListenIn', 'BargeIn', 'Coach']);
    expect(capabilitiesOf({ ...idle, ownerPersonId: 'sup-1' }, supervisor)).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
      'ListenIn',
      'BargeIn',
      'Coach',
    ]);
  });

  it('adds CancelSupervisorMonitoring only while the supervisor monitors the device', () => {
    const monitored = { ...idle, monitoredBySupervisorId: 'sup-1' };
    expect(capabilitiesOf(monitored, supervisor)).toEqual([
      'ListenIn',
      'BargeIn',
      'Coach',
      'CancelSupervisorMonitoring',
      'MuteMonitoredUser',
    ]);
    const monitoring = { ...idle, ownerPersonId: 'sup-1', monitoringSupervisorId: 'sup-1' };
    expect(capabilitiesOf(monitoring, supervisor)).toContain('CancelSupervisorMonitoring');
    expect(capabilitiesOf(monitoring, agent)).not.toContain('CancelSupervisorMonitoring');
  });

  it('withholds every monitoring operation from a second supervisor (one at a time)', () => {
    const monitored = { ...idle, monitoredBySupervisorId: 'sup-2' };
    expect(capabilitiesOf(monitored, supervisor)).toEqual([]);
  });

  it('lets an admin change any device and cancel any session, but not join a monitored one', () => {
    expect(capabilitiesOf(idle, admin)).toEqual(['DoNotDisturbOn', 'ForwardCallsOn', 'ListenIn', 'BargeIn', 'Coach']);
    expect(capabilitiesOf({ ...idle, monitoredBySupervisorId: 'sup-2' }, admin)).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
      'CancelSupervisorMonitoring',
      'MuteMonitoredUser',
    ]);
  });

  it('never gives agents supervisor operations, even on a monitored device', () => {
    expect(capabilitiesOf({ ...idle, monitoredBySupervisorId: 'sup-1' }, agent)).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
    ]);
  });

  it('offers MuteMonitoredUser while the session is unmuted and UnmuteMonitoredUser while muted, to its supervisor', () => {
    const monitoring = { ...idle, ownerPersonId: 'sup-1', monitoringSupervisorId: 'sup-1' };
    expect(capabilitiesOf(monitoring, supervisor)).toContain('MuteMonitoredUser');
    expect(capabilitiesOf(monitoring, supervisor)).not.toContain('UnmuteMonitoredUser');
    const muted = { ...monitoring, monitoringMuted: true };
    expect(capabilitiesOf(muted, supervisor)).toContain('UnmuteMonitoredUser');
    expect(capabilitiesOf(muted, supervisor)).not.toContain('MuteMonitoredUser');
    // From the monitored end, the session monitoring the device.
    const watched = { ...idle, monitoredBySupervisorId: 'sup-1', monitoredByMuted: true };
    expect(capabilitiesOf(watched, supervisor)).toContain('UnmuteMonitoredUser');
    expect(capabilitiesOf(watched, admin)).toContain('UnmuteMonitoredUser');
  });

  it('withholds mute and unmute without a session, from another supervisor and from agents', () => {
    const none = (caller: CapabilityCaller) =>
      capabilitiesOf({ ...idle, ownerPersonId: 'sup-1' }, caller).filter((c) => c.includes('Mute'));
    expect(none(supervisor)).toEqual([]);
    expect(none(admin)).toEqual([]);
    const mutes = (state: TelephonyState, caller: CapabilityCaller) =>
      capabilitiesOf(state, caller).filter((c) => c.includes('Mute'));
    expect(mutes({ ...idle, monitoredBySupervisorId: 'sup-2' }, supervisor)).toEqual([]);
    expect(mutes({ ...idle, monitoredBySupervisorId: 'sup-1' }, agent)).toEqual([]);
    expect(mutes({ ...idle, ownerPersonId: 'sup-2', monitoringSupervisorId: 'sup-2' }, supervisor)).toEqual([]);
  });
});
