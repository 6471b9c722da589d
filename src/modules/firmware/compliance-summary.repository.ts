/**
 * The SQL of a compliance summary (compliance-summary.ts): devices counted per compliance state, grouped by
 * product and site, or spread over their owners' user groups, and the names of those products, sites and user
 * groups. Every query names the viewer's tenant (and, for an agent, only their own devices), except the product
 * names: the catalogue is shared by all tenants.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Viewer } from '../access/principal.js';

/** A count of devices in one compliance state. Engines answer counts and sums as numbers, strings or bigints. */
export interface StateCount {
  readonly state: string;
  readonly n: number | string | bigint;
}

export class ComplianceSummaryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The devices the viewer sees, counted per product × site × compliance state (one scan). */
  countsByProductAndSite(
    viewer: Viewer,
  ): Promise<(StateCount & { readonly product_id: string | null; readonly site_id: string | null })[]> {
    return this.visibleDevices(viewer)
      .select(['d.product_id', 'd.site_id', 'd.compliance as state'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['d.product_id', 'd.site_id', 'd.compliance'])
      .execute();
  }

  /**
   * The devices the viewer sees, counted per user group of their owner × compliance state: counted per owner
   * first (one pass along the owner index), then spread over the owners' groups. Devices of no person are left
   * out.
   */
  countsByUserGroup(viewer: Viewer): Promise<(StateCount & { readonly key: string })[]> {
    const perOwner = this.visibleDevices(viewer)
      .select(['d.tenant_id', 'd.owner_person_id', 'd.compliance'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('d.owner_person_id', 'is not', null)
      .groupBy(['d.tenant_id', 'd.owner_person_id', 'd.compliance'])
      .as('o');
    return this.db
      .selectFrom(perOwner)
      .innerJoin('group_memberships as gm', (join) =>
        join.onRef('gm.tenant_id', '=', 'o.tenant_id').onRef('gm.person_id', '=', 'o.owner_person_id'),
      )
      .select(['gm.group_id as key', 'o.compliance as state'])
      .select((eb) => eb.fn.sum<number>('o.n').as('n'))
      .groupBy(['gm.group_id', 'o.compliance'])
      .execute();
  }

  /** The catalogue products among `ids` (shared by all tenants, so no tenant is named). */
  async products(
    ids: readonly string[],
  ): Promise<{ id: string; manufacturer: string; model_id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('products')
      .select(['id', 'manufacturer', 'model_id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
  }

  /** The tenant's sites among `ids`, with their names. */
  async siteNames(tenantId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .execute();
  }

  /** The tenant's user groups among `ids`, with their names. */
  async userGroupNames(tenantId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('user_groups')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .execute();
  }

  /** The tenant's devices, or only the agent's own. */
  private visibleDevices(viewer: Viewer) {
    let q = this.db.selectFrom('devices as d').where('d.tenant_id', '=', viewer.tenantId);
    if (viewer.onlyPerson !== null) q = q.where('d.owner_person_id', '=', viewer.onlyPerson);
    return q;
  }
}
