/** What a demo-fleet run reports: its tenants (with their API keys) and how many rows of each kind it wrote. */
import type { ComplianceStatus } from '../modules/firmware/compliance.js';
import type { BatchRows } from './batch.js';

export interface DemoTenantSummary {
  id: string;
  name: string;
  apiCode: string;
  /** The admin API key; only its hash is stored. */
  apiKey: string;
  webexOrgId: string;
  ringcentralAccountId: string;
  devices: number;
  people: number;
}

export interface DemoSummary {
  seed: number;
  now: number;
  tenants: DemoTenantSummary[];
  /** Catalogue rows written by this run (0 when the catalogue was already there). */
  products: number;
  firmwareReleases: number;
  devices: number;
  people: number;
  userGroups: number;
  groupMemberships: number;
  sites: number;
  workspaces: number;
  phoneNumbers: number;
  deviceLines: number;
  deviceTags: number;
  connectedDevices: number;
  sightings: number;
  compliancePolicies: number;
  apiKeys: number;
  devicesByKind: Record<string, number>;
  compliance: Record<ComplianceStatus, number>;
}

export function emptySummary(seed: number, now: number): DemoSummary {
  return {
    seed,
    now,
    tenants: [],
    products: 0,
    firmwareReleases: 0,
    devices: 0,
    people: 0,
    userGroups: 0,
    groupMemberships: 0,
    sites: 0,
    workspaces: 0,
    phoneNumbers: 0,
    deviceLines: 0,
    deviceTags: 0,
    connectedDevices: 0,
    sightings: 0,
    compliancePolicies: 0,
    apiKeys: 0,
    devicesByKind: {},
    compliance: { compliant: 0, noncompliant: 0, unknown: 0 },
  };
}

/** Adds the rows of one written chunk to the counts. */
export function countRows(s: DemoSummary, rows: BatchRows): void {
  s.people += rows.people.length;
  s.userGroups += rows.user_groups.length;
  s.groupMemberships += rows.group_memberships.length;
  s.sites += rows.sites.length;
  s.workspaces += rows.workspaces.length;
  s.phoneNumbers += rows.phone_numbers.length;
  s.deviceLines += rows.device_lines.length;
  s.deviceTags += rows.device_tags.length;
  s.connectedDevices += rows.connected_devices.length;
  s.sightings += rows.sightings.length;
  s.compliancePolicies += rows.compliance_policies.length;
  s.apiKeys += rows.api_keys.length;
  for (const d of rows.devices) {
    s.devices++;
    s.devicesByKind[d.kind] = (s.devicesByKind[d.kind] ?? 0) + 1;
    s.compliance[d.compliance as ComplianceStatus]++;
  }
}
