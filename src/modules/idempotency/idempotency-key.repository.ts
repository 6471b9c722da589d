/**
 * Idempotency keys: the only SQL of the module. Every statement names the tenant except the deployment-wide
 * purge of expired keys. A claim is one INSERT; a unique violation means another request holds the key.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import type { IdempotencyKeyTable } from './idempotency-key.table.js';

export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;

export interface StoredAnswerColumns {
  readonly status: number;
  readonly response_headers: string;
  readonly response_body: string;
}

export class IdempotencyKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the in-flight row; false when the tenant already has a row for the key. */
  async tryInsert(row: IdempotencyKeyRow): Promise<boolean> {
    try {
      await this.db.insertInto('idempotency_keys').values(row).execute();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  find(tenantId: string, keyHash: string): Promise<IdempotencyKeyRow | undefined> {
    return this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
  }

  /** Stores the answer of an in-flight claim; false when the claim no longer holds the row. */
  async complete(tenantId: string, keyHash: string, claimId: string, answer: StoredAnswerColumns): Promise<boolean> {
    const result = await this.db
      .updateTable('idempotency_keys')
      .set({ state: 'done', ...answer })
      .where('tenant_id', '=', tenantId)
      .where('key_hash', '=', keyHash)
      .where('claim_id', '=', claimId)
      .where('state', '=', 'in_flight')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Deletes the row of one claim (released, stuck or expired); false when another claim holds it now. */
  async deleteClaim(tenantId: string, keyHash: string, claimId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('tenant_id', '=', tenantId)
      .where('key_hash', '=', keyHash)
      .where('claim_id', '=', claimId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** Deletes up to `limit` keys (all tenants) that expired at or before `at`; one short statement. */
  async deleteExpired(at: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where((eb) =>
        eb(
          eb.refTuple('tenant_id', 'key_hash'),
          'in',
          eb
            .selectFrom('idempotency_keys')
            .select(['tenant_id', 'key_hash'])
            .where('expires_at', '<=', at)
            .limit(limit)
            .$asTuple('tenant_id', 'key_hash'),
        ),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
