/** The SQL of a person's agent state: one conditional UPDATE, on the caller's transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export class AgentStateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Sets the state only if the person is still at `version`, bumping it; false when they are not. */
  async update(
    tenantId: string,
    personId: string,
    version: number,
    values: { agent_state: string; agent_work_mode: string | null; updated_at: number },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('people')
      .set({ ...values, version: version + 1 })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', personId)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
