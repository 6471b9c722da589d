/**
 * The SQL of adoption analytics: reads of the daily rollups (telemetry_daily, a few rows per day and dimension
 * value, whatever the fleet's size) and index-range counts of devices by last report. No query reads raw events.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface RollupRow {
  readonly day: number;
  readonly key: string;
  readonly active_devices: number;
  readonly new_devices: number;
}

export class AnalyticsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The rollup rows of one dimension for days in [fromDay, toDay]. */
  async rollups(tenantId: string, dimension: string, fromDay: number, toDay: number): Promise<RollupRow[]> {
    const rows = await this.db
      .selectFrom('telemetry_daily')
      .select(['day', 'key', 'active_devices', 'new_devices'])
      .where('tenant_id', '=', tenantId)
      .where('dimension', '=', dimension)
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .orderBy('day')
      .orderBy('key')
      .execute();
    return rows.map((r) => ({ ...r, active_devices: Number(r.active_devices), new_devices: Number(r.new_devices) }));
  }

  /** Devices last seen before `cutoff`, and devices never seen at all. */
  async unseen(tenantId: string, cutoff: number): Promise<{ silent: number; neverSeen: number }> {
    const silent = await this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('last_seen_at', '<', cutoff)
      .executeTakeFirstOrThrow();
    const never = await this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('last_seen_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { silent: Number(silent.n), neverSeen: Number(never.n) };
  }

  /** Display names of the products and sites the rollups key by id. */
  async names(tenantId: string, dimension: 'product' | 'site', ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows =
      dimension === 'product'
        ? await this.db
            .selectFrom('products')
            .select(['id', 'name'])
            .where('id', 'in', [...ids])
            .execute()
        : await this.db
            .selectFrom('sites')
            .select(['id', 'name'])
            .where('tenant_id', '=', tenantId)
            .where('id', 'in', [...ids])
            .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
