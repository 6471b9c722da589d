/**
 * A paging group: a named group, optionally with its own extension, whose member devices receive pages
 * (RingCentral's paging-only group). A device may belong to several groups of its tenant.
 */
export interface PagingGroupTable {
  id: string;
  tenant_id: string;
  /** Unique in the tenant. */
  name: string;
  /** 2 to 10 digits, unique among the tenant's paging groups. */
  extension: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** One member device of a paging group. */
export interface PagingGroupDeviceTable {
  tenant_id: string;
  paging_group_id: string;
  device_id: string;
}
