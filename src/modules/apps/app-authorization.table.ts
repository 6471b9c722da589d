/**
 * A tenant's authorization of another tenant's registered app (Plantronics "authrequests"): the datasets the
 * app asked for and those the tenant granted. See migration 0009 for the columns' rules.
 */
export interface AppAuthorizationTable {
  id: string;
  /** apps.id of the app (registered by `requested_by_tenant_id`). */
  app_row_id: string;
  /** The authorizing tenant: whose data the app may read once approved. */
  tenant_id: string;
  requested_by_tenant_id: string;
  /** JSON array of subscription names the app requested. */
  subscriptions: string;
  /** JSON array of subscription names the tenant granted ([] until approved). */
  granted_subscriptions: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  created_at: number;
  updated_at: number;
  decided_at: number | null;
  decided_by: string | null;
}
