/** Which of a list of MACs (stored form) devices of a tenant already use: one query, an IN over the list. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export class MacUsageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async usedAmong(tenantId: string, macs: readonly string[]): Promise<Set<string>> {
    if (macs.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('devices')
      .select('mac')
      .where('tenant_id', '=', tenantId)
      .where('mac', 'in', [...macs])
      .execute();
    return new Set(rows.map((r) => r.mac).filter((m): m is string => m !== null));
  }
}
