/**
 * Demo tenants' firmware compliance policies: from a set of templates (the sandbox gets them all,
 * other tenants about 70%), each pinning a component of a product, for everyone or one user group,
 * to its newest version or the one before.
 */
import { idAt } from '../db/ids.js';
import type { ApplicablePolicy } from '../modules/firmware/compliance.js';
import type { FirmwareComponent } from './catalog-model.js';
import { DAY, type FleetContext, HOUR } from './fleet-state.js';
import type { Random } from './random.js';
import { stableBytes } from './stable-ids.js';
import type { TenantIdentity } from './tenants.js';

export interface PolicyTemplate {
  readonly name: string;
  readonly product: string;
  readonly group: string | null;
  readonly component: FirmwareComponent;
  /** 0: the newest version of the component, 1: the one before. */
  readonly age: number;
  readonly allowDecline: boolean;
}

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    name: 'Voyager Focus 2 baseline',
    product: 'voyager-focus-2',
    group: null,
    component: 'main',
    age: 1,
    allowDecline: true,
  },
  {
    name: 'Voyager Focus 2 for executives',
    product: 'voyager-focus-2',
    group: 'Executives',
    component: 'main',
    age: 0,
    allowDecline: false,
  },
  { name: 'Savi 8220 headset', product: 'savi-8220', group: null, component: 'headset', age: 0, allowDecline: true },
  {
    name: 'Savi base for the contact center',
    product: 'savi-8200-base',
    group: 'Contact Center',
    component: 'base',
    age: 0,
    allowDecline: false,
  },
  { name: 'BT700 adapter', product: 'bt700', group: null, component: 'main', age: 0, allowDecline: true },
  {
    name: 'Blackwire 5220 USB firmware',
    product: 'blackwire-5220',
    group: null,
    component: 'usb',
    age: 0,
    allowDecline: true,
  },
  {
    name: 'Cisco 8851 MPP firmware',
    product: 'cisco-8851',
    group: null,
    component: 'main',
    age: 0,
    allowDecline: false,
  },
  {
    name: 'Yealink T54W firmware',
    product: 'yealink-t54w',
    group: null,
    component: 'main',
    age: 1,
    allowDecline: false,
  },
  {
    name: 'Poly Edge E350 firmware',
    product: 'poly-edge-e350',
    group: null,
    component: 'main',
    age: 0,
    allowDecline: false,
  },
  {
    name: 'Poly Edge E350 for support',
    product: 'poly-edge-e350',
    group: 'Support',
    component: 'main',
    age: 1,
    allowDecline: false,
  },
];

/** Writes the tenant's policies; returns them by product id, as the compliance evaluator takes them. */
export function createPolicies(
  ctx: FleetContext,
  rng: Random,
  tenant: TenantIdentity,
  groups: ReadonlyMap<string, string>,
): Map<string, ApplicablePolicy[]> {
  const policiesByProduct = new Map<string, ApplicablePolicy[]>();
  POLICY_TEMPLATES.forEach((template, i) => {
    if (!tenant.sandbox && !rng.chance(0.7)) return;
    const policy = addPolicy(ctx, tenant, groups, template, tenant.createdAt + 2 * DAY + i * HOUR);
    const list = policiesByProduct.get(policy.productId) ?? [];
    list.push(policy);
    policiesByProduct.set(policy.productId, list);
  });
  return policiesByProduct;
}

function addPolicy(
  ctx: FleetContext,
  tenant: TenantIdentity,
  groups: ReadonlyMap<string, string>,
  p: PolicyTemplate,
  at: number,
): ApplicablePolicy & { productId: string } {
  const product = ctx.products.byKey(p.product);
  const versions = [
    ...new Set(product.spec.packages.map((pkg) => pkg.versions[p.component]).filter((v) => v !== undefined)),
  ];
  const target = versions[Math.max(0, versions.length - 1 - p.age)]!;
  const policy = {
    id: idAt(at, stableBytes(`${tenant.label}:policy:${p.name}`)),
    productId: product.id,
    userGroupId: p.group === null ? null : groups.get(p.group)!,
    component: p.component,
    targetVersion: target,
  };
  ctx.batch.add('compliance_policies', {
    id: policy.id,
    tenant_id: tenant.id,
    name: p.name,
    product_id: policy.productId,
    user_group_id: policy.userGroupId,
    component: p.component,
    target_version: target,
    allow_decline: p.allowDecline ? 1 : 0,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  return policy;
}
