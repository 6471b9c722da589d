/**
 * People's password logins. Tenant-facing reads name the tenant; `findByLogin` is deployment-wide, because
 * a login is unique across the deployment (HTTP Basic carries no tenant).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PersonLoginTable } from './person-login.table.js';

export type PersonLoginRow = Selectable<PersonLoginTable>;

export class PersonLoginRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByPerson(tenantId: string, personId: string): Promise<PersonLoginRow | undefined> {
    return this.db
      .selectFrom('person_logins')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }

  findByLogin(login: string): Promise<PersonLoginRow | undefined> {
    return this.db.selectFrom('person_logins').selectAll().where('login', '=', login).executeTakeFirst();
  }

  async insert(row: PersonLoginRow): Promise<void> {
    await this.db.insertInto('person_logins').values(row).execute();
  }

  async replace(row: PersonLoginRow): Promise<void> {
    const { person_id, tenant_id, ...values } = row;
    await this.db
      .updateTable('person_logins')
      .set(values)
      .where('tenant_id', '=', tenant_id)
      .where('person_id', '=', person_id)
      .execute();
  }

  async delete(tenantId: string, personId: string): Promise<void> {
    await this.db
      .deleteFrom('person_logins')
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', personId)
      .execute();
  }

  async touchLastLogin(personId: string, at: number): Promise<void> {
    await this.db.updateTable('person_logins').set({ last_login_at: at }).where('person_id', '=', personId).execute();
  }
}
