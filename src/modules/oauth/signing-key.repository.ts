/** Stores the deployment-wide keys that sign access tokens (no tenant: one issuer serves every tenant). */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SigningKeyTable } from './signing-key.table.js';

export type SigningKeyRow = Selectable<SigningKeyTable>;

export class SigningKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The newest key that has not been retired, if any. */
  newestActive(): Promise<SigningKeyRow | undefined> {
    return this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where('retired_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Keys that still verify at `at` (never expiring, or expiring later), newest first. */
  listUnexpired(at: number): Promise<SigningKeyRow[]> {
    return this.db
      .selectFrom('signing_keys')
      .selectAll()
      .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', at)]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  /**
   * Inserts a new key, then retires every unretired key but the newest. The two statements commit separately:
   * when several nodes rotate at once, the last retirement to run sees every inserted key, so exactly one
   * (the newest) stays active. Returns how many keys were retired.
   */
  async insertAndRetireOthers(row: SigningKeyRow, retiredUntil: number): Promise<number> {
    await this.db.insertInto('signing_keys').values(row).execute();
    const result = await this.db
      .updateTable('signing_keys')
      .set({ retired_at: row.created_at, expires_at: retiredUntil })
      .where('retired_at', 'is', null)
      .where('id', '!=', (eb) =>
        eb
          .selectFrom('signing_keys')
          .select('id')
          .where('retired_at', 'is', null)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
