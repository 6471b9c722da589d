/** One canonical compliance policy as a Plantronics policy element (docs/compat/poly.md maps every field). */
import type { CompliancePolicyRecord } from '../../modules/firmware/compliance-policy.repository.js';
import type { TenantSummary } from '../../modules/tenants/tenant.service.js';
import { FIRMWARE_POLICY_TYPE, type PolyPolicy } from './policy.schemas.js';

export function presentPolyPolicy(
  { row, product, userGroup }: CompliancePolicyRecord,
  tenant: TenantSummary,
): PolyPolicy {
  return {
    policyId: row.id,
    policyName: row.name,
    policyType: FIRMWARE_POLICY_TYPE,
    tenantId: tenant.apiCode,
    modelId: product?.modelId ?? null,
    productName: product?.name ?? null,
    component: row.component,
    firmwareVersion: row.target_version,
    allowDecline: row.allow_decline === 1,
    userGroups: userGroup ? [userGroup.name] : [],
    dateCreated: row.created_at,
    dateUpdated: row.updated_at,
  };
}
