/**
 * What generating a demo fleet carries from one row to the next: the context every step shares (seed,
 * "now", the chunk being filled, the catalogue), each tenant's state (sites, groups, policies, counters,
 * recent contact-center positions), and the plans people and their devices are made from.
 */
import type { ApplicablePolicy } from '../modules/firmware/compliance.js';
import type { Batch } from './batch.js';
import type { ProductIndex } from './ensure-catalog.js';
import type { SoftphoneInfo } from './product-mixes.js';
import type { SiteTemplate } from './reference-data.js';
import type { DemoTenantSummary } from './summary.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const TWO_YEARS = 730 * DAY;
/** The source_system of every generated row. */
export const SOURCE = 'demo';

export interface FleetContext {
  readonly seed: number;
  /** The instant the fleet is "as of" (epoch ms). */
  readonly now: number;
  readonly batch: Batch;
  readonly products: ProductIndex;
}

export interface PhoneNumber {
  readonly id: string;
  readonly e164: string;
}

export interface SiteState {
  readonly id: string;
  readonly name: string;
  readonly template: SiteTemplate;
  /** Second octet of the site's 10.x.0.0/16 subnet. */
  readonly octet: number;
  mainLine: PhoneNumber;
  readonly emergencyJson: string;
  readonly webexRegion: string;
  readonly rcProxy: string;
  /** How many numbers of this site's block have been handed out. */
  numbersUsed: number;
}

export interface TenantState {
  readonly index: number;
  /** Seeds every value derived for this tenant ("sandbox" for the sandbox). */
  readonly label: string;
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly createdAt: number;
  /** How many devices this tenant gets. */
  readonly quota: number;
  readonly summary: DemoTenantSummary;
  /** User group ids by name. */
  readonly groups: Map<string, string>;
  readonly sites: SiteState[];
  readonly policiesByProduct: Map<string, ApplicablePolicy[]>;
  /** How often each username base has been given out. */
  readonly usernames: Map<string, number>;
  readonly counters: Map<string, number>;
  readonly salt: number;
  readonly webexDomain: string;
  readonly deskPhones: Readonly<Record<string, number>>;
  readonly softphones: Readonly<Record<string, number>>;
  readonly extensionStart: number;
  peopleCreated: number;
  workspacesCreated: number;
  devicesCreated: number;
  /** Recent supervisors and agent positions, for supervisor monitoring. */
  readonly supervisors: string[];
  readonly agentDevices: string[];
}

export interface Host {
  readonly hostname: string;
  readonly os: string;
  readonly osVersion: string;
  readonly clientInstanceId: string;
}

/** The computers a person's USB and Bluetooth devices were first and last seen on. */
export interface HostSpec {
  readonly first: Host;
  readonly last: Host;
  softphone: SoftphoneInfo;
  softphoneVersions: readonly [string, string];
}

export interface PersonState {
  readonly id: string;
  readonly first: string;
  readonly last: string;
  readonly username: string;
  readonly extension: string;
  readonly site: SiteState;
  readonly groupIds: string[];
  readonly groupsJson: string;
  readonly supervisor: boolean;
  readonly agentState: string | null;
  readonly host: HostSpec;
  /** The person's direct number, once a device needed one. */
  did: PhoneNumber | null;
  hasDeskPhone: boolean;
}

export type Persona = 'office' | 'contact-center' | 'support' | 'executive' | 'frontline';
export type Activity = 'online' | 'recent' | 'stale';

export interface DevicePlan {
  product: string;
  /** Relative index of the device this one pairs with (a dongle or base follows its headset: -1). */
  pairWith?: number;
  /** 0: the newest firmware package; default: drawn, mostly recent. */
  packageAge?: number;
  hotDesk?: boolean;
  commonPhone?: boolean;
}

export interface PersonPlan {
  first: string;
  last: string;
  username?: string;
  persona: Persona;
  site: SiteState;
  groups: string[];
  roles: string[];
  supervisor: boolean;
  host?: { first: Host; last: Host };
  devices: DevicePlan[];
}

export interface WorkspaceOwner {
  readonly id: string;
  readonly name: string;
  readonly site: SiteState;
}

/** Who a device belongs to: a person or a workspace. */
export interface Owner {
  person?: PersonState;
  workspace?: WorkspaceOwner;
}

/** The next value of one of the tenant's counters (serials per manufacturer, MACs per OUI…). */
export function nextCount(t: TenantState, counter: string): number {
  const n = t.counters.get(counter) ?? 0;
  t.counters.set(counter, n + 1);
  return n;
}

/** Appends to a list that keeps only its `max` most recent values. */
export function pushBounded(list: string[], value: string, max = 64): void {
  list.push(value);
  if (list.length > max) list.shift();
}
