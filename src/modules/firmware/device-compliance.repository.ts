/**
 * The SQL of re-deriving device compliance: the devices a set of policies can govern, read in id order in
 * batches, their owners' user groups, and writing new compliance only onto devices still at the version read.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ComplianceStatus } from './compliance.js';

/** What compliance is derived from, and what it was. */
export interface ComplianceInputs {
  readonly id: string;
  readonly product_id: string | null;
  readonly owner_person_id: string | null;
  readonly fw_main: string | null;
  readonly fw_base: string | null;
  readonly fw_headset: string | null;
  readonly fw_bluetooth: string | null;
  readonly fw_usb: string | null;
  readonly compliance: string;
  readonly policy_id: string | null;
  readonly version: number;
}

const INPUT_COLUMNS = [
  'id',
  'product_id',
  'owner_person_id',
  'fw_main',
  'fw_base',
  'fw_headset',
  'fw_bluetooth',
  'fw_usb',
  'compliance',
  'policy_id',
  'version',
] as const;

export class DeviceComplianceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Up to `limit` devices of the tenant after `afterId` in id order: those of `productId`, or every device of
   * the tenant when it is 'all'. Each product's devices are read along the (tenant, product, id) index.
   */
  async batch(tenantId: string, productId: string | 'all', afterId: string | null, limit: number) {
    let query = this.db.selectFrom('devices').select(INPUT_COLUMNS).where('tenant_id', '=', tenantId);
    if (productId !== 'all') query = query.where('product_id', '=', productId);
    if (afterId !== null) query = query.where('id', '>', afterId);
    return (await query.orderBy('id').limit(limit).execute()) as ComplianceInputs[];
  }

  /** These devices of the tenant as they are now (the ones that changed under a write). */
  async byIds(tenantId: string, ids: readonly string[]): Promise<ComplianceInputs[]> {
    if (ids.length === 0) return [];
    return (await this.db
      .selectFrom('devices')
      .select(INPUT_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...ids])
      .orderBy('id')
      .execute()) as ComplianceInputs[];
  }

  /** The user groups of each of these people, highest priority first. */
  async groupsOf(tenantId: string, personIds: readonly string[]): Promise<Map<string, string[]>> {
    const groups = new Map<string, string[]>();
    if (personIds.length === 0) return groups;
    const rows = await this.db
      .selectFrom('group_memberships')
      .select(['person_id', 'group_id'])
      .where('tenant_id', '=', tenantId)
      .where('person_id', 'in', [...personIds])
      .orderBy('person_id')
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const list = groups.get(row.person_id) ?? [];
      list.push(row.group_id);
      groups.set(row.person_id, list);
    }
    return groups;
  }

  /**
   * Sets one compliance result on the devices still at the version read, bumping their version and updated_at
   * (at least `at`, and always forward). Returns the ids written; a device missing from it changed meanwhile.
   */
  async setCompliance(
    tenantId: string,
    devices: readonly Pick<ComplianceInputs, 'id' | 'version'>[],
    result: { status: ComplianceStatus; policyId: string | null },
    at: number,
  ): Promise<string[]> {
    if (devices.length === 0) return [];
    const rows = await this.db
      .updateTable('devices')
      .set((eb) => ({
        compliance: result.status,
        policy_id: result.policyId,
        version: eb('version', '+', 1),
        updated_at: sql<number>`case when updated_at >= ${at} then updated_at + 1 else ${at} end`,
      }))
      .where('tenant_id', '=', tenantId)
      // The id list lets the planner use the primary key; the row values keep only devices still at the version read.
      .where(
        'id',
        'in',
        devices.map((d) => d.id),
      )
      .where((eb) =>
        eb(
          eb.refTuple('id', 'version'),
          'in',
          devices.map((d) => eb.tuple(d.id, d.version)),
        ),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }
}
