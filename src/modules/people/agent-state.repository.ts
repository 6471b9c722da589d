/** The SQL of a person's agent state: one conditional UPDATE, on the caller's transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned-rows.js';

export class AgentStateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The agent states of these people of the tenant (people without one are left out). */
  async statesOf(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, { state: string; workMode: string | null }>> {
    const states = new Map<string, { state: string; workMode: string | null }>();
    const ids = [...new Set(personIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('people')
        .select(['id', 'agent_state', 'agent_work_mode'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', ids.slice(i, i + 500))
        .where('agent_state', 'is not', null)
        .execute();
      for (const row of rows) states.set(row.id, { state: row.agent_state!, workMode: row.agent_work_mode });
    }
    return states;
  }

  /** Sets the state only if the person is still at `version`, bumping it; false when they are not. */
  async update(
    tenantId: string,
    personId: string,
    version: number,
    values: { agent_state: string; agent_work_mode: string | null; updated_at: number },
  ): Promise<boolean> {
    return updateAtVersion(this.db, 'people', tenantId, personId, version, { ...values, version: version + 1 });
  }
}
