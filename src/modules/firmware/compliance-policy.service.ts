/**
 * A tenant's firmware compliance policies, for every API surface: list, get, create, replace and delete,
 * through the shared versioned write cycle (../versioned-writer.ts), each audited in its transaction. A
 * policy names an optional catalogue product (by id or model id), an optional user group of the tenant (by
 * id or name), a firmware component and the target version. A create, a delete and a change of what a
 * policy governs re-derive, in the same transaction, the compliance of the devices the policy could and can
 * govern (compliance-recompute.ts): the devices of its product(s), or every device of the tenant when either
 * side is a policy of any product. A rename or an allowDecline change re-derives nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { violatedConstraint } from '../../db/unique-violation.js';
import { AppError } from '../../errors.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { Actor } from '../audit/audit-trail.js';
import type { Precondition } from '../preconditions.js';
import { ruleViolationAt } from '../rule-violation.js';
import { type ResourceWrites, VersionedWriter } from '../versioned-writer.js';
import { presentCompliancePolicy } from './compliance-policy.presenter.js';
import {
  type CompliancePolicyFilter,
  type CompliancePolicyRecord,
  CompliancePolicyRepository,
  type CompliancePolicySortField,
} from './compliance-policy.repository.js';
import { type RecomputeScope, recomputeCompliance } from './compliance-recompute.js';
import { LATEST_TARGET, isLatestTarget } from './compliance.js';

/** The firmware components a device reports a version of (devices.fw_*). */
export const POLICY_COMPONENTS = ['main', 'base', 'headset', 'bluetooth', 'usb'] as const;
export const MAX_POLICY_NAME_LENGTH = 100;
export const MAX_TARGET_VERSION_LENGTH = 100;

/** A policy as a client writes it; references are resolved (and checked) in the writing transaction. */
export interface CompliancePolicyDraft {
  readonly name: string;
  /** null: devices of any product. */
  readonly product: { readonly id: string } | { readonly modelId: string } | null;
  /** null: anyone's devices. */
  readonly userGroup: { readonly id: string } | { readonly name: string } | null;
  readonly component: string;
  readonly targetVersion: string;
  readonly allowDecline: boolean;
  /** The members' names in the caller's body, for error details (default: the draft's own names). */
  readonly labels?: Readonly<Partial<Record<'name' | 'product' | 'userGroup' | 'component' | 'targetVersion', string>>>;
}

interface PolicyColumns {
  /** The caller's name for the name member (for the 409); not stored. */
  label?: string;
  name: string;
  product_id: string | null;
  user_group_id: string | null;
  component: string;
  target_version: string;
  allow_decline: number;
}

const UNIQUE_NAME = [
  { name: 'compliance_policies_tenant_name_uq', table: 'compliance_policies', columns: ['tenant_id', 'name'] },
];

const notFound = (id: string) =>
  new AppError('policy_not_found', `There is no compliance policy with id '${id.slice(0, 64)}'.`);

const nameTaken = (label: string) =>
  new AppError('policy_name_taken', `${label}: another compliance policy of the tenant has this name.`, {
    parameter: label,
  });

/** Which devices a policy of this product can govern. */
const scopeOf = (productId: string | null): RecomputeScope =>
  productId === null ? 'all' : { productIds: [productId] };

function union(a: RecomputeScope, b: RecomputeScope): RecomputeScope {
  if (a === 'all' || b === 'all') return 'all';
  return { productIds: [...new Set([...a.productIds, ...b.productIds])] };
}

async function resolve(db: Kysely<Database>, tenantId: string, d: CompliancePolicyDraft): Promise<PolicyColumns> {
  const label = (member: keyof NonNullable<CompliancePolicyDraft['labels']>) => d.labels?.[member] ?? member;
  const policies = new CompliancePolicyRepository(db);

  const name = d.name.trim();
  if (name === '') throw ruleViolationAt(label('name'), 'not_blank', 'A policy name is not blank.');
  if (name.length > MAX_POLICY_NAME_LENGTH) {
    throw ruleViolationAt(
      label('name'),
      'max_length',
      `A policy name has at most ${MAX_POLICY_NAME_LENGTH} characters.`,
    );
  }

  let productId: string | null = null;
  if (d.product !== null && 'id' in d.product) {
    const product = await policies.productById(d.product.id);
    if (!product) {
      throw ruleViolationAt(
        label('product'),
        'unknown_product',
        `There is no product with id '${d.product.id.slice(0, 64)}'.`,
      );
    }
    productId = product.id;
  } else if (d.product !== null) {
    const modelId = d.product.modelId.trim();
    const products = await policies.productsByModelId(modelId);
    if (products.length === 0) {
      throw ruleViolationAt(
        label('product'),
        'unknown_model',
        `No product in the catalogue has model id '${modelId.slice(0, 64)}'.`,
      );
    }
    if (products.length > 1) {
      throw ruleViolationAt(
        label('product'),
        'ambiguous_model',
        `Model id '${modelId.slice(0, 64)}' names products of ${products.map((p) => p.manufacturer).join(', ')}.`,
      );
    }
    productId = products[0]!.id;
  }

  let userGroupId: string | null = null;
  if (d.userGroup !== null) {
    const group =
      'id' in d.userGroup
        ? await policies.userGroupById(tenantId, d.userGroup.id)
        : await policies.userGroupByName(tenantId, d.userGroup.name.trim());
    if (!group) {
      const named =
        'id' in d.userGroup ? `id '${d.userGroup.id.slice(0, 64)}'` : `name '${d.userGroup.name.slice(0, 200)}'`;
      throw ruleViolationAt(label('userGroup'), 'unknown_user_group', `The tenant has no user group with ${named}.`);
    }
    userGroupId = group.id;
  }

  const component = d.component.trim().toLowerCase();
  if (!(POLICY_COMPONENTS as readonly string[]).includes(component)) {
    throw ruleViolationAt(label('component'), 'component', `A component is one of ${POLICY_COMPONENTS.join(', ')}.`);
  }

  const targetVersion = d.targetVersion.trim();
  if (targetVersion === '') {
    throw ruleViolationAt(label('targetVersion'), 'not_blank', 'A target version is not blank.');
  }
  if (targetVersion.length > MAX_TARGET_VERSION_LENGTH) {
    throw ruleViolationAt(
      label('targetVersion'),
      'max_length',
      `A target version has at most ${MAX_TARGET_VERSION_LENGTH} characters.`,
    );
  }
  return {
    name,
    product_id: productId,
    user_group_id: userGroupId,
    component,
    // "latest" in any case is stored as LATEST_TARGET: the catalogue's newest release (compliance.ts).
    target_version: isLatestTarget(targetVersion) ? LATEST_TARGET : targetVersion,
    allow_decline: d.allowDecline ? 1 : 0,
  };
}

function policyWrites(now: () => number): ResourceWrites<CompliancePolicyRecord, CompliancePolicyDraft, PolicyColumns> {
  return {
    type: 'compliance_policy',
    noun: 'compliance policy',
    notFound,
    find: (db, tenantId, id) => new CompliancePolicyRepository(db).findById(tenantId, id),
    rowOf: (record) => record.row,
    present: presentCompliancePolicy,
    documentOf: ({ row }) => ({
      name: row.name,
      product: row.product_id === null ? null : { id: row.product_id },
      userGroup: row.user_group_id === null ? null : { id: row.user_group_id },
      component: row.component,
      targetVersion: row.target_version,
      allowDecline: row.allow_decline === 1,
    }),
    columnsOf: async (db, tenantId, draft) => ({ ...(await resolve(db, tenantId, draft)), label: draft.labels?.name }),
    unchanged: (c, { row }) =>
      c.name === row.name &&
      c.product_id === row.product_id &&
      c.user_group_id === row.user_group_id &&
      c.component === row.component &&
      c.target_version === row.target_version &&
      c.allow_decline === row.allow_decline,
    insert: async (db, tenantId, id, { label, ...columns }, at) => {
      const policies = new CompliancePolicyRepository(db);
      // The constraint decides a race (conflictOf); checking first names the caller's member in the 409.
      if (await policies.nameTaken(tenantId, columns.name)) throw nameTaken(label ?? 'name');
      await policies.insert({ id, tenant_id: tenantId, ...columns, created_at: at, updated_at: at, version: 1 });
      await recomputeCompliance(db, tenantId, scopeOf(columns.product_id), at);
    },
    update: async (db, tenantId, id, version, { label, ...values }) => {
      const policies = new CompliancePolicyRepository(db);
      if (await policies.nameTaken(tenantId, values.name, id)) throw nameTaken(label ?? 'name');
      const before = await policies.findById(tenantId, id);
      if (!before || !(await policies.update(tenantId, id, version, values))) return false;
      const governs =
        values.product_id !== before.row.product_id ||
        values.user_group_id !== before.row.user_group_id ||
        values.component !== before.row.component ||
        values.target_version !== before.row.target_version;
      if (governs) {
        const scope = union(scopeOf(before.row.product_id), scopeOf(values.product_id));
        await recomputeCompliance(db, tenantId, scope, values.updated_at);
      }
      return true;
    },
    remove: async (db, tenantId, id, version) => {
      const policies = new CompliancePolicyRepository(db);
      const before = await policies.findById(tenantId, id);
      if (!before || !(await policies.delete(tenantId, id, version))) return false;
      await recomputeCompliance(db, tenantId, scopeOf(before.row.product_id), now());
      return true;
    },
    conflictOf: (error) => (violatedConstraint(error, UNIQUE_NAME) ? nameTaken('name') : undefined),
  };
}

export class CompliancePolicyService {
  private readonly writer: VersionedWriter<CompliancePolicyRecord, CompliancePolicyDraft, PolicyColumns>;

  constructor(
    private readonly db: Kysely<Database>,
    now: () => number = Date.now,
  ) {
    this.writer = new VersionedWriter(db, policyWrites(now), now);
  }

  /** The tenant's policies, by the page request (keyset or offset); `filter.id` narrows to one policy. */
  list(
    tenantId: string,
    filter: CompliancePolicyFilter,
    page: PageRequest<CompliancePolicySortField>,
  ): Promise<Page<CompliancePolicyRecord>> {
    if (filter.id !== undefined && filter.id.length > 64) return Promise.resolve({ items: [] });
    return new CompliancePolicyRepository(this.db).list(tenantId, filter, page);
  }

  /** A policy of the tenant; any other id (missing, malformed, another tenant's) is policy_not_found. */
  async get(tenantId: string, id: string): Promise<CompliancePolicyRecord> {
    const record = id.length <= 64 ? await new CompliancePolicyRepository(this.db).findById(tenantId, id) : undefined;
    if (!record) throw notFound(id);
    return record;
  }

  create(actor: Actor, draft: CompliancePolicyDraft): Promise<CompliancePolicyRecord> {
    return this.writer.create(actor, draft);
  }

  /** Replaces the whole policy (PUT semantics); a change that changes nothing keeps the version. */
  replace(
    actor: Actor,
    id: string,
    draft: CompliancePolicyDraft,
    precondition?: Precondition<CompliancePolicyRecord>,
  ): Promise<CompliancePolicyRecord> {
    return this.writer.change(actor, id, () => draft, precondition);
  }

  /** A merge patch: members present replace the stored ones (null clears product or user group). */
  patch(
    actor: Actor,
    id: string,
    patch: Partial<CompliancePolicyDraft>,
    precondition?: Precondition<CompliancePolicyRecord>,
  ): Promise<CompliancePolicyRecord> {
    return this.writer.change(
      actor,
      id,
      (current) => {
        const merged = { ...current };
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
        }
        return merged;
      },
      precondition,
    );
  }

  delete(actor: Actor, id: string, precondition?: Precondition<CompliancePolicyRecord>): Promise<void> {
    return this.writer.delete(actor, id, precondition);
  }
}
