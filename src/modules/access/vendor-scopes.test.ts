import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { ROLE_SCOPES, type Role } from './roles.js';
import {
  RINGCENTRAL_PERMISSIONS,
  WEBEX_SCOPES,
  missingVendorScopes,
  scopesFor,
  vendorScopesOf,
} from './vendor-scopes.js';

const principal = (role: Role, scopes = ROLE_SCOPES[role]): Principal => ({
  tenantId: 't',
  credentialKind: 'api_key',
  credentialId: 'c',
  personId: null,
  role,
  scopes,
});

describe('vendor scope names', () => {
  it('maps the Webex telephony and device scopes onto Ucfleet scopes', () => {
    expect(scopesFor(WEBEX_SCOPES, ['spark-admin:telephony_config_read'])).toEqual(['telephony:read']);
    expect(scopesFor(WEBEX_SCOPES, ['spark-admin:devices_read', 'spark:devices_read'])).toEqual(['devices:read']);
  });

  it('tells a read-only admin it lacks every write permission and no read one', () => {
    const readOnly = principal('readonly_admin');
    expect(missingVendorScopes(WEBEX_SCOPES, readOnly, ['spark-admin:telephony_config_read'])).toEqual([]);
    expect(missingVendorScopes(WEBEX_SCOPES, readOnly, ['spark-admin:telephony_config_write'])).toEqual([
      'spark-admin:telephony_config_write',
    ]);
    expect(vendorScopesOf(RINGCENTRAL_PERMISSIONS, readOnly)).toEqual([
      'ReadAccounts',
      'ReadCompanyDevices',
      'ReadUserDevices',
    ]);
  });

  it('grants an admin every vendor name, and a narrowed credential only what its scopes cover', () => {
    expect(vendorScopesOf(RINGCENTRAL_PERMISSIONS, principal('admin'))).toEqual(Object.keys(RINGCENTRAL_PERMISSIONS));
    const devicesOnly = principal('admin', ['devices:read']);
    expect(
      missingVendorScopes(RINGCENTRAL_PERMISSIONS, devicesOnly, ['ReadUserDevices', 'ReadCompanyDevices']),
    ).toEqual(['ReadCompanyDevices']);
  });

  it('names only known Ucfleet scopes', () => {
    for (const table of [WEBEX_SCOPES, RINGCENTRAL_PERMISSIONS]) {
      for (const scopes of Object.values(table)) {
        for (const scope of scopes) expect(ROLE_SCOPES.admin).toContain(scope);
      }
    }
  });
});
