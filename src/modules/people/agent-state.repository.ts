/** The SQL of a person's agent state: one conditional UPDATE, on the caller's transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned-rows.js';

export class AgentStateRepository {
  constructor(private readonly db: Kysely<Database>) {}

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
