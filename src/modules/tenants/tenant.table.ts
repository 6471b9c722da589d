import type { Generated } from 'kysely';

export interface TenantTable {
  id: string;
  name: string;
  /** Plantronics "tenantApiCode": a UUID that addresses the tenant in the Poly dialect. */
  api_code: string;
  /** Alias by which the Webex dialect knows this tenant (its orgId). */
  webex_org_id: string | null;
  /** Alias by which the RingCentral dialect knows this tenant (its accountId, numeric). */
  ringcentral_account_id: string | null;
  /** 1 when every app authorization request to this tenant is approved at once (the Plantronics sandbox). */
  apps_auto_approved: Generated<number>;
  created_at: number;
  updated_at: number;
  version: number;
}
