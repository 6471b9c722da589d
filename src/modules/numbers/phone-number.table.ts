/**
 * A phone number as the tenant owns it. `number` is what was assigned (E.164 or an internal
 * extension such as "3001"); the other columns are derived from it by describePhoneNumber().
 */
export interface PhoneNumberTable {
  id: string;
  tenant_id: string;
  number: string;
  e164: string | null;
  country_code: string | null;
  calling_code: string | null;
  national_format: string | null;
  location: string | null;
  /** fixed_line | mobile | toll_free | voip | extension | … */
  number_type: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** A phone number on a device, in line order (position 0 is the primary line). */
export interface DeviceLineTable {
  tenant_id: string;
  device_id: string;
  phone_number_id: string;
  position: number;
  /** Standalone | StandaloneFree | BlaPrimary | BlaSecondary | Unknown. */
  line_type: string;
}
