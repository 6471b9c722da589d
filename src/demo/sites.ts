/**
 * A demo tenant's office sites: one per 5,000 devices (at least 3, at most one per site template),
 * each with its own subnet, emergency address, and the Webex and RingCentral regions its phones
 * register in.
 */
import { idAt } from '../db/ids.js';
import { DAY, type FleetContext, HOUR, type SiteState } from './fleet-state.js';
import type { Random } from './random.js';
import { SITE_TEMPLATES, type SiteTemplate } from './reference-data.js';
import { stableBytes } from './stable-ids.js';
import type { TenantIdentity } from './tenants.js';

export function createSites(ctx: FleetContext, rng: Random, tenant: TenantIdentity, quota: number): SiteState[] {
  const siteCount = Math.min(SITE_TEMPLATES.length, Math.max(3, Math.ceil(quota / 5_000)));
  const sites: SiteState[] = [];
  for (let i = 0; i < siteCount; i++) {
    const template = SITE_TEMPLATES[(i + (tenant.sandbox ? 0 : tenant.index * 3)) % SITE_TEMPLATES.length]!;
    sites.push(addSite(ctx, rng, tenant, i, template));
  }
  return sites;
}

function addSite(ctx: FleetContext, rng: Random, tenant: TenantIdentity, i: number, template: SiteTemplate): SiteState {
  const at = tenant.createdAt + DAY + i * HOUR;
  const id = idAt(at, stableBytes(`${tenant.label}:site:${i}`));
  const octet = 16 + i;
  const name = i === 0 ? `${template.city} HQ` : `${template.city} Office`;
  const address = emergencyAddress(tenant.name, template);
  ctx.batch.add('sites', {
    id,
    tenant_id: tenant.id,
    name,
    street: template.street,
    street2: rng.chance(0.5) ? `Floor ${rng.int(2, 30)}` : null,
    city: template.city,
    state: template.state,
    postal_code: template.postalCode,
    country_code: template.country,
    time_zone: template.timeZone,
    subnets: JSON.stringify([`10.${octet}.0.0/16`, `172.${16 + (i % 16)}.${i}.0/24`]),
    emergency_address: JSON.stringify(address),
    created_at: at,
    updated_at: at,
    version: 1,
  });
  const region = regionOf(template.country);
  return {
    id,
    name,
    template,
    octet,
    numbersUsed: 0,
    // Set once the tenant exists: numbers are the tenant's.
    mainLine: { id: '', e164: '' },
    emergencyJson: JSON.stringify({
      address,
      location: { name },
      outOfCountry: false,
      addressStatus: 'Valid',
      visibility: 'Private',
      syncStatus: 'Verified',
      addressEditableStatus: 'MainDevice',
    }),
    webexRegion: region.webex,
    rcProxy: region.ringcentral,
  };
}

/** The address emergency services get, in the shape RingCentral reports it. */
function emergencyAddress(customerName: string, template: SiteTemplate): Record<string, string> {
  return {
    customerName,
    street: template.street,
    city: template.city,
    state: template.stateCode,
    stateName: template.state,
    zip: template.postalCode,
    country: template.country,
    countryName: template.countryName,
  };
}

function regionOf(country: string): { webex: string; ringcentral: string } {
  if (['US', 'CA', 'BR'].includes(country)) return { webex: 'us10', ringcentral: 'sip10.ringcentral.com:5090' };
  if (['AU', 'IN', 'JP', 'SG'].includes(country)) return { webex: 'ap10', ringcentral: 'sip40.ringcentral.com:5090' };
  return { webex: 'eu10', ringcentral: 'sip20.ringcentral.com:5090' };
}
