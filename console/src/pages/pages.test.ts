import { describe, expect, it } from 'vitest';
import type { AuditEvent, Device, Me } from '../../../sdk/src/index.ts';
import { niceMax } from '../charts/TimeChart.tsx';
import { deviceRights } from '../components/DeviceActions.tsx';
import { rangeFromSearch, topSeries } from './AdoptionPage.tsx';
import { instantOf } from './AuditLogPage.tsx';
import { noncompliantHref } from './CompliancePage.tsx';
import { changedFields } from './DevicePage.tsx';

const me = (role: Me['role'], scopes: string[], personId = 'p1'): Me => ({
  tenant: { id: 't', name: 'T', apiCode: 'T' },
  credential: { kind: 'session', id: 's' },
  role,
  scopes,
  person: { id: personId, username: 'u', firstName: null, lastName: null },
});
const owned: Device = { id: 'd1', owner: { type: 'person', id: 'p1', name: 'U' } };
const others: Device = { id: 'd2', owner: { type: 'person', id: 'p2', name: 'V' } };
const ALL = ['devices:read', 'devices:write', 'telephony:write', 'admin'];

describe('device rights', () => {
  it('lets administrators change and reassign any device', () => {
    expect(deviceRights(me('admin', ALL), others)).toEqual({ edit: true, reassign: true, telephony: true });
  });
  it('gives read-only administrators no action', () => {
    expect(deviceRights(me('readonly_admin', ['devices:read']), owned)).toEqual({
      edit: false,
      reassign: false,
      telephony: false,
    });
  });
  it('lets agents change only their own devices, never reassign them', () => {
    expect(deviceRights(me('agent', ALL), owned)).toEqual({ edit: true, reassign: false, telephony: true });
    expect(deviceRights(me('agent', ALL), others)).toEqual({ edit: false, reassign: false, telephony: false });
  });
  it('follows the credential scopes', () => {
    expect(deviceRights(me('admin', ['devices:read']), owned).edit).toBe(false);
  });
});

describe('adoption', () => {
  it('defaults to the last 30 days and orders a reversed range', () => {
    expect(rangeFromSearch(new URLSearchParams(), new Date('2026-11-23T10:00:00Z'))).toEqual({
      from: '2026-10-25',
      to: '2026-11-23',
    });
    expect(rangeFromSearch(new URLSearchParams('from=2026-05-01&to=2026-04-01'))).toEqual({
      from: '2026-04-01',
      to: '2026-05-01',
    });
  });
  it('keeps the largest series and sums the rest as Other', () => {
    const series = [1, 2, 3].map((n) => ({ name: `s${n}`, points: [{ date: '2026-01-01', devices: n }] }));
    expect(topSeries(series, 2)).toEqual([
      { name: 's3', points: [{ date: '2026-01-01', devices: 3 }] },
      { name: 'Other (2)', points: [{ date: '2026-01-01', devices: 3 }] },
    ]);
  });
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 3, 17, 120].map(niceMax)).toEqual([1, 5, 20, 200]);
  });
});

describe('links and audit', () => {
  it('links non-compliant devices to the filtered inventory', () => {
    expect(noncompliantHref({ site: 'Berlin Office' })).toBe('/inventory?compliance=noncompliant&site=Berlin+Office');
  });
  it('names the fields an event changed, not its bookkeeping', () => {
    const event: AuditEvent = {
      before: { tags: ['a'], name: 'x', version: 1 },
      after: { tags: ['b'], name: 'x', version: 2 },
    };
    expect(changedFields(event)).toBe('tags');
  });
  it('reads a local date-time as an instant', () => {
    expect(instantOf('')).toBeUndefined();
    expect(instantOf('2026-11-23T09:30')).toBe(new Date('2026-11-23T09:30').toISOString());
  });
});
