import { describe, expect, it } from 'vitest';
import { type CapabilityCaller, type TelephonyState, capabilitiesOf } from './capabilities.js';

const idle: TelephonyState = {
  hasPhoneNumber: true,
  doNotDisturb: false,
  forwarding: false,
  ownerPersonId: 'agent-1',
  monitoringSupervisorId: null,
  monitoredBySupervisorId: null,
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
    ]);
  });

  it('never gives agents supervisor operations, even on a monitored device', () => {
    expect(capabilitiesOf({ ...idle, monitoredBySupervisorId: 'sup-1' }, agent)).toEqual([
      'DoNotDisturbOn',
      'ForwardCallsOn',
    ]);
  });
});
