import type { Generated } from 'kysely';

/** A firmware version a manufacturer published for one component of a product. */
export interface FirmwareReleaseTable {
  id: string;
  product_id: string;
  /** main | base | headset | bluetooth | usb */
  component: string;
  version: string;
  released_at: number;
  update_id: string | null;
  /** What changed, as the manufacturer wrote it. */
  notes: string | null;
  /** versionSortKey(version) (version-order.ts): breaks ties between releases of the same instant. */
  version_key: Generated<string>;
}

/**
 * A tenant's rule: devices of this product (and, optionally, of people in this user group)
 * must run `target_version` on `component`.
 */
export interface CompliancePolicyTable {
  id: string;
  tenant_id: string;
  name: string;
  product_id: string | null;
  user_group_id: string | null;
  component: string;
  target_version: string;
  allow_decline: number;
  created_at: number;
  updated_at: number;
  version: number;
}
