/** Tenants: the top of every ownership chain. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export class TenantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }
}
