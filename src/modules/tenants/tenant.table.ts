export interface TenantTable {
  id: string;
  name: string;
  /** Plantronics "tenantApiCode": a UUID that addresses the tenant in the Poly dialect. */
  api_code: string;
  /** Alias by which the Webex dialect knows this tenant (its orgId). */
  webex_org_id: string | null;
  /** Alias by which the RingCentral dialect knows this tenant (its accountId, numeric). */
  ringcentral_account_id: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}
