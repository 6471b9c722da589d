/** Tenants: the top of every ownership chain. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TenantTable } from './tenant.table.js';

export class TenantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async isEmpty(): Promise<boolean> {
    const row = await this.db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
    return row === undefined;
  }

  findById(id: string): Promise<Selectable<TenantTable> | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A tenant named by its id or its apiCode (how an operator names one at the command line). */
  findByIdOrApiCode(idOrApiCode: string): Promise<Selectable<TenantTable> | undefined> {
    return this.db
      .selectFrom('tenants')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrApiCode), eb('api_code', '=', idOrApiCode)]))
      .executeTakeFirst();
  }
}
