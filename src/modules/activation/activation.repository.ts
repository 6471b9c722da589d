/**
 * The SQL of activation codes: the catalogue product a Webex `model` names, and the codes of a tenant's
 * devices, found by their hash. Every tenant-owned query names the tenant. One instance per transaction.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ActivationCodeTable } from './activation-code.table.js';

export interface ModelProduct {
  readonly id: string;
  readonly name: string;
  readonly deviceKind: string;
}

export class ActivationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The product whose name or model id is `model` (Webex names models "DMS Cisco 8865"); the oldest if several. */
  async productByModel(model: string): Promise<ModelProduct | undefined> {
    const row = await this.db
      .selectFrom('products')
      .select(['id', 'name', 'device_kind'])
      .where((eb) => eb.or([eb('name', '=', model), eb('model_id', '=', model)]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, deviceKind: row.device_kind };
  }

  async insert(row: Insertable<ActivationCodeTable>): Promise<void> {
    await this.db.insertInto('activation_codes').values(row).execute();
  }

  findByHash(tenantId: string, codeHash: string) {
    return this.db
      .selectFrom('activation_codes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
  }

  /** Marks the code used, only if it still is usable; false when another redeem got there first. */
  async markUsed(tenantId: string, id: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('activation_codes')
      .set({ used_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Withdraws the device's unused codes (deactivation). */
  async withdrawUnused(tenantId: string, deviceId: string, at: number): Promise<void> {
    await this.db
      .updateTable('activation_codes')
      .set({ withdrawn_at: at })
      .where('tenant_id', '=', tenantId)
      .where('device_id', '=', deviceId)
      .where('used_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .execute();
  }
}
