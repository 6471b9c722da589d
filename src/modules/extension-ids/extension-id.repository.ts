/**
 * The SQL of numeric extension ids (numeric-extension-id.ts): the people and workspaces of a tenant known by one,
 * through the (tenant_id, ringcentral_extension_id) indexes, and the rows still without one (written before
 * migration 0012's backfill or by a direct insert) so that they can be given theirs.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export type ExtensionOwnerTable = 'people' | 'workspaces';

export class ExtensionIdRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The ids of the table's rows of the tenant with this numeric id (almost always one or none), in id order. */
  async idsOf(table: ExtensionOwnerTable, tenantId: string, numericId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom(table as 'people')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('ringcentral_extension_id', '=', numericId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** A page of the tenant's rows without a numeric id, in id order after `after`. */
  async unnumbered(table: ExtensionOwnerTable, tenantId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom(table as 'people')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('ringcentral_extension_id', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Stores a row's numeric id (a derived value: no version change, no audit event). */
  async number(table: ExtensionOwnerTable, tenantId: string, id: string, numericId: number): Promise<void> {
    await this.db
      .updateTable(table as 'people')
      .set({ ringcentral_extension_id: numericId })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('ringcentral_extension_id', 'is', null)
      .execute();
  }
}
