/**
 * The SQL of a tenant's compliance policies: reading them with the names of their product and user group,
 * the lookups a new policy's references need, and the writes. Every query names the tenant, except those of
 * the product catalogue, which all tenants share, and latestFollowersOfEveryTenant: a catalogue change
 * (firmware-catalog.service.ts) serves every tenant, so it finds the policies of every tenant it concerns.
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteAtVersion, updateAtVersion } from '../../db/versioned-rows.js';
import type { Page, PageRequest } from '../../query/page.js';
import { applyPage, toPage } from '../../query/keyset.js';
import { type ApplicablePolicy, LATEST_TARGET } from './compliance.js';
import { withLatestTargets } from './latest-targets.js';
import type { CompliancePolicyTable } from './firmware.table.js';

export const COMPLIANCE_POLICY_SORT_FIELDS = ['id', 'name'] as const;
export type CompliancePolicySortField = (typeof COMPLIANCE_POLICY_SORT_FIELDS)[number];

export type CompliancePolicyRow = Selectable<CompliancePolicyTable>;

/** A policy with what it names: its product (null: any product) and user group (null: anyone). */
export interface CompliancePolicyRecord {
  readonly row: CompliancePolicyRow;
  readonly product: PolicyProduct | null;
  readonly userGroup: { readonly id: string; readonly name: string } | null;
}

export interface PolicyProduct {
  readonly id: string;
  readonly manufacturer: string;
  readonly modelId: string;
  readonly name: string;
}

export interface CompliancePolicyFilter {
  /** Only this policy. */
  readonly id?: string;
}

export class CompliancePolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(tenantId: string, id: string): Promise<CompliancePolicyRecord | undefined> {
    const [record] = await this.withNames(
      tenantId,
      await this.db
        .selectFrom('compliance_policies')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute(),
    );
    return record;
  }

  async list(
    tenantId: string,
    filter: CompliancePolicyFilter,
    page: PageRequest<CompliancePolicySortField>,
  ): Promise<Page<CompliancePolicyRecord>> {
    let query = this.db.selectFrom('compliance_policies as p').selectAll('p').where('p.tenant_id', '=', tenantId);
    if (filter.id !== undefined) query = query.where('p.id', '=', filter.id);
    const byName = page.sort.field === 'name';
    query = applyPage(query, page, { sortColumn: byName ? 'p.name' : 'p.id', idColumn: 'p.id' });
    const result = toPage(await query.execute(), page, (row) => ({ value: byName ? row.name : row.id, id: row.id }));
    return { ...result, items: await this.withNames(tenantId, result.items) };
  }

  async nameTaken(tenantId: string, name: string, exceptId: string | null = null): Promise<boolean> {
    let query = this.db
      .selectFrom('compliance_policies')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('name', '=', name);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async productById(id: string): Promise<PolicyProduct | undefined> {
    const row = await this.db
      .selectFrom('products')
      .select(['id', 'manufacturer', 'model_id', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && productOf(row);
  }

  /** The catalogue products with this model id (one per manufacturer at most). */
  async productsByModelId(modelId: string): Promise<PolicyProduct[]> {
    const rows = await this.db
      .selectFrom('products')
      .select(['id', 'manufacturer', 'model_id', 'name'])
      .where('model_id', '=', modelId)
      .orderBy('id')
      .limit(10)
      .execute();
    return rows.map(productOf);
  }

  async userGroupById(tenantId: string, id: string): Promise<{ id: string; name: string } | undefined> {
    return this.db
      .selectFrom('user_groups')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async userGroupByName(tenantId: string, name: string): Promise<{ id: string; name: string } | undefined> {
    return this.db
      .selectFrom('user_groups')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  async insert(row: Insertable<CompliancePolicyTable>): Promise<void> {
    await this.db.insertInto('compliance_policies').values(row).execute();
  }

  /** Updates the policy only if it is still at `version`; false when it is not (or is gone). */
  update(tenantId: string, id: string, version: number, values: Updateable<CompliancePolicyTable>): Promise<boolean> {
    return updateAtVersion(this.db, 'compliance_policies', tenantId, id, version, values);
  }

  /** Deletes the policy only if it is still at `version`; false when it is not (or is gone). */
  delete(tenantId: string, id: string, version: number): Promise<boolean> {
    return deleteAtVersion(this.db, 'compliance_policies', tenantId, id, version);
  }

  /**
   * The tenant's policies that can govern devices of these products: those of the products and those of any
   * product. 'all': every policy of the tenant. "latest" targets come resolved (latest-targets.ts).
   */
  async applicable(tenantId: string, productIds: readonly string[] | 'all'): Promise<ApplicablePolicy[]> {
    let query = this.db
      .selectFrom('compliance_policies')
      .select(['id', 'product_id', 'user_group_id', 'component', 'target_version'])
      .where('tenant_id', '=', tenantId);
    if (productIds !== 'all') {
      query = query.where((eb) =>
        productIds.length === 0
          ? eb('product_id', 'is', null)
          : eb.or([eb('product_id', 'is', null), eb('product_id', 'in', [...productIds])]),
      );
    }
    const rows = await query.orderBy('id').execute();
    const policies = rows.map((r) => ({
      id: r.id,
      productId: r.product_id,
      userGroupId: r.user_group_id,
      component: r.component,
      targetVersion: r.target_version,
    }));
    return withLatestTargets(this.db, policies, productIds);
  }

  /**
   * The "latest" policies, of EVERY tenant, of these components that can govern these products (a policy of one
   * of them, or of any product), in tenant order. Names no tenant: only a catalogue change asks.
   */
  latestFollowersOfEveryTenant(
    components: readonly string[],
    productIds: readonly string[],
  ): Promise<Pick<CompliancePolicyRow, 'tenant_id' | 'product_id' | 'component'>[]> {
    return this.db
      .selectFrom('compliance_policies')
      .select(['tenant_id', 'product_id', 'component'])
      .where('target_version', '=', LATEST_TARGET)
      .where('component', 'in', [...components])
      .where((eb) => eb.or([eb('product_id', 'is', null), eb('product_id', 'in', [...productIds])]))
      .orderBy('tenant_id')
      .execute();
  }

  /** The product and user group names of a page of policies, in two queries. */
  private async withNames(tenantId: string, rows: CompliancePolicyRow[]): Promise<CompliancePolicyRecord[]> {
    if (rows.length === 0) return [];
    const productIds = [...new Set(rows.flatMap((r) => (r.product_id === null ? [] : [r.product_id])))];
    const groupIds = [...new Set(rows.flatMap((r) => (r.user_group_id === null ? [] : [r.user_group_id])))];
    const products =
      productIds.length === 0
        ? []
        : await this.db
            .selectFrom('products')
            .select(['id', 'manufacturer', 'model_id', 'name'])
            .where('id', 'in', productIds)
            .execute();
    const groups =
      groupIds.length === 0
        ? []
        : await this.db
            .selectFrom('user_groups')
            .select(['id', 'name'])
            .where('tenant_id', '=', tenantId)
            .where('id', 'in', groupIds)
            .execute();
    const productById = new Map(products.map((p) => [p.id, productOf(p)]));
    const groupById = new Map(groups.map((g) => [g.id, g]));
    return rows.map((row) => ({
      row,
      product: row.product_id === null ? null : (productById.get(row.product_id) ?? null),
      userGroup: row.user_group_id === null ? null : (groupById.get(row.user_group_id) ?? null),
    }));
  }
}

function productOf(row: { id: string; manufacturer: string; model_id: string; name: string }): PolicyProduct {
  return { id: row.id, manufacturer: row.manufacturer, modelId: row.model_id, name: row.name };
}
