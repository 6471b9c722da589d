/** A compliance policy as Ucfleet presents it (the audit trail, and the native API to come): instants as ISO strings. */
import { iso } from '../presenting.js';
import type { CompliancePolicyRecord } from './compliance-policy.repository.js';

export interface CompliancePolicyView {
  id: string;
  name: string;
  productId: string | null;
  userGroupId: string | null;
  component: string;
  targetVersion: string;
  allowDecline: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function presentCompliancePolicy({ row }: CompliancePolicyRecord): CompliancePolicyView {
  return {
    id: row.id,
    name: row.name,
    productId: row.product_id,
    userGroupId: row.user_group_id,
    component: row.component,
    targetVersion: row.target_version,
    allowDecline: row.allow_decline === 1,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}
