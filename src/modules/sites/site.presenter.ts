/** Turns a site row into the native resource: only whitelisted fields, instants as ISO strings. */
import type { SiteRow } from './site.repository.js';
import type { SiteView } from './site.schemas.js';
import { iso } from '../presenting.js';

export function presentSite(row: SiteRow): SiteView {
  return {
    id: row.id,
    name: row.name,
    address: {
      street: row.street,
      street2: row.street2,
      city: row.city,
      state: row.state,
      postalCode: row.postal_code,
      countryCode: row.country_code,
    },
    timeZone: row.time_zone,
    subnets: JSON.parse(row.subnets) as string[],
    emergencyAddress:
      row.emergency_address === null ? null : (JSON.parse(row.emergency_address) as Record<string, unknown>),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}
