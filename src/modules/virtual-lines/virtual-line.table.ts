/**
 * A virtual line (Webex Calling's VIRTUAL_LINE): a line with its own extension or number and caller id, at a
 * site, tied to no person. It owns devices as a person or a workspace does.
 */
export interface VirtualLineTable {
  id: string;
  tenant_id: string;
  /** Caller id. */
  first_name: string;
  last_name: string;
  /** Shown instead of "first last" when set. */
  display_name: string | null;
  /** 2 to 10 digits, unique in the tenant. */
  extension: string | null;
  /** A phone number of the tenant, on no other virtual line. */
  phone_number_id: string | null;
  site_id: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}
