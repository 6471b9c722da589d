import { expect, it } from 'vitest';
import { LEGACY_SUBSCRIPTIONS, normalizeSubscriptions, scopesOfSubscriptions } from './app-subscription.js';

it("maps every pre-3.11 name to its successor, as the vendor's table says", () => {
  expect(LEGACY_SUBSCRIPTIONS).toEqual({
    USGHISTORICAL: 'CALLHISTORICAL',
    USGREALTIME: 'CALLREALTIME',
    CONVERSATIONDYNAMICHISTORICAL: 'CALLHISTORICAL',
    CONVERSATIONDYNAMICREALTIME: 'CALLREALTIME',
    ASSETSHISTORICAL: 'ASSETHISTORICAL',
    ASSETSREALTIME: 'ASSETREALTIME',
    ACOUSTICHISTORICAL: 'HEALTHHISTORICAL',
    ACOUSTICREALTIME: 'HEALTHREALTIME',
  });
  for (const [legacy, current] of Object.entries(LEGACY_SUBSCRIPTIONS)) {
    expect(normalizeSubscriptions([legacy.toLowerCase()])).toEqual({ subscriptions: [current], unknown: [] });
  }
});

it('merges repeats, ignores blanks and case, keeps a fixed order and reports unknown names', () => {
  expect(normalizeSubscriptions([' versionpolicy', 'ASSETSREALTIME', 'AssetRealtime', '', 'usgrealtime'])).toEqual({
    subscriptions: ['CALLREALTIME', 'ASSETREALTIME', 'VERSIONPOLICY'],
    unknown: [],
  });
  expect(normalizeSubscriptions(['ASSETREALTIME', 'EVERYTHING'])).toEqual({
    subscriptions: ['ASSETREALTIME'],
    unknown: ['EVERYTHING'],
  });
});

it('gives only read scopes, and only for the datasets Ucfleet serves', () => {
  expect(scopesOfSubscriptions(['ASSETHISTORICAL', 'VERSIONPOLICY'])).toEqual(['devices:read']);
  expect(scopesOfSubscriptions(['CALLHISTORICAL', 'CALLREALTIME', 'HEALTHHISTORICAL', 'HEALTHREALTIME'])).toEqual([]);
});
