/**
 * The datasets an app authorization grants, in Plantronics' names (release 3.11, vendor-apis.md §1.2). Older
 * names are accepted and stored as their 3.11 successor, per the vendor's own table. Only some datasets exist
 * in Ucfleet: the asset datasets and the version (firmware) policies read devices; the call and health
 * datasets are recorded but give access to nothing.
 */
import type { Scope } from '../access/roles.js';

export const SUBSCRIPTIONS = [
  'CALLHISTORICAL',
  'CALLREALTIME',
  'ASSETHISTORICAL',
  'ASSETREALTIME',
  'HEALTHHISTORICAL',
  'HEALTHREALTIME',
  'VERSIONPOLICY',
] as const;
export type Subscription = (typeof SUBSCRIPTIONS)[number];

/** Pre-3.11 names and the 3.11 subscription each became (the vendor's published mapping). */
export const LEGACY_SUBSCRIPTIONS: Readonly<Record<string, Subscription>> = {
  USGHISTORICAL: 'CALLHISTORICAL',
  USGREALTIME: 'CALLREALTIME',
  CONVERSATIONDYNAMICHISTORICAL: 'CALLHISTORICAL',
  CONVERSATIONDYNAMICREALTIME: 'CALLREALTIME',
  ASSETSHISTORICAL: 'ASSETHISTORICAL',
  ASSETSREALTIME: 'ASSETREALTIME',
  ACOUSTICHISTORICAL: 'HEALTHHISTORICAL',
  ACOUSTICREALTIME: 'HEALTHREALTIME',
};

/** The scopes a granted subscription gives a delegated caller (always read-only). */
export const SUBSCRIPTION_SCOPES: Readonly<Record<Subscription, readonly Scope[]>> = {
  CALLHISTORICAL: [],
  CALLREALTIME: [],
  ASSETHISTORICAL: ['devices:read'],
  ASSETREALTIME: ['devices:read'],
  HEALTHHISTORICAL: [],
  HEALTHREALTIME: [],
  VERSIONPOLICY: ['devices:read'],
};

/** At most this many names in one request (there are 15 names in all; repeats are merged). */
export const MAX_SUBSCRIPTION_NAMES = 50;

/**
 * Names as clients send them (any case, surrounding spaces ignored, legacy names allowed) as a sorted set of
 * 3.11 subscriptions; `unknown` lists the names that are neither.
 */
export function normalizeSubscriptions(names: readonly string[]): { subscriptions: Subscription[]; unknown: string[] } {
  const found = new Set<Subscription>();
  const unknown: string[] = [];
  for (const raw of names) {
    const name = raw.trim().toUpperCase();
    if (name === '') continue;
    const current = (SUBSCRIPTIONS as readonly string[]).includes(name) ? (name as Subscription) : undefined;
    const subscription = current ?? LEGACY_SUBSCRIPTIONS[name];
    if (subscription) found.add(subscription);
    else unknown.push(raw.trim().slice(0, 50));
  }
  return { subscriptions: SUBSCRIPTIONS.filter((s) => found.has(s)), unknown };
}

/** The scopes of a set of granted subscriptions. */
export function scopesOfSubscriptions(subscriptions: readonly Subscription[]): Scope[] {
  const scopes = new Set<Scope>();
  for (const s of subscriptions) for (const scope of SUBSCRIPTION_SCOPES[s]) scopes.add(scope);
  return [...scopes];
}

/** A stored JSON list, keeping only names still known. */
export function parseSubscriptions(json: string): Subscription[] {
  const value = JSON.parse(json) as unknown;
  if (!Array.isArray(value)) return [];
  return SUBSCRIPTIONS.filter((s) => value.includes(s));
}
