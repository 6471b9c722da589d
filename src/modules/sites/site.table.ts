export interface SiteTable {
  id: string;
  tenant_id: string;
  name: string;
  street: string | null;
  street2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  /** ISO 3166-1 alpha-2. */
  country_code: string | null;
  time_zone: string | null;
  /** JSON array of CIDR blocks on which the site's devices are found. */
  subnets: string;
  /** JSON object: the address emergency services are sent to, when it differs from the street address. */
  emergency_address: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}
