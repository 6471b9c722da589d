/**
 * A person's contact-center agent state (Genesys voice channel, vendor-apis.md §2.7): Ready, or NotReady
 * with an optional work mode (AuxWork, AfterCallWork…; a work mode with Ready is refused). Agents set their
 * own (another person is 404 to them, as they cannot see them); supervisors and admins anyone's in the tenant.
 * The change is conditional on the version read, bumps it, and is audited in its transaction; setting the
 * state a person already has changes nothing and records nothing.
 */
import type { Kysely } from 'kysely';
import type { Capabilities } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Principal } from '../access/principal.js';
import { type Actor, recordChange } from '../audit/audit-trail.js';
import type { AgentStateBody } from '../devices/device-controls.schemas.js';
import { AgentStateRepository } from './agent-state.repository.js';
import { presentPerson } from './person.presenter.js';
import { type PersonRecord, PersonRepository } from './person.repository.js';

const MAX_ATTEMPTS = 5;

class StaleRead extends Error {}

export class AgentStateService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly capabilities: Capabilities,
    private readonly now: () => number = Date.now,
  ) {}

  /** The agent states of these people of the tenant, by person id (those without one are absent). */
  statesOf(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, { state: string; workMode: string | null }>> {
    return personIds.length === 0
      ? Promise.resolve(new Map())
      : new AgentStateRepository(this.db).statesOf(tenantId, personIds);
  }

  async set(actor: Actor, principal: Principal, personId: string, body: AgentStateBody): Promise<PersonRecord> {
    if (body.workMode !== undefined && body.state !== 'NotReady') {
      throw new AppError('invalid_body', 'workMode breaks rule only-when-not-ready: a work mode goes with NotReady.', {
        parameter: 'workMode',
      });
    }
    const workMode = body.workMode ?? null;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const people = new PersonRepository(trx, this.capabilities);
          const visible = principal.role !== 'agent' || principal.personId === personId;
          const current =
            visible && personId.length <= 64 ? await people.findById(principal.tenantId, personId) : undefined;
          if (!current)
            throw new AppError('person_not_found', `There is no person with id '${personId.slice(0, 64)}'.`);
          const { row } = current;
          if (row.agent_state === body.state && row.agent_work_mode === workMode) return current;
          const written = await new AgentStateRepository(trx).update(principal.tenantId, personId, row.version, {
            agent_state: body.state,
            agent_work_mode: workMode,
            updated_at: Math.max(this.now(), row.updated_at + 1),
          });
          if (!written) throw new StaleRead();
          const after = await people.findById(principal.tenantId, personId);
          if (!after) throw new Error(`person ${personId} vanished inside its own transaction`);
          await recordChange(trx, actor, {
            action: 'person.agent-state',
            resourceType: 'person',
            resourceId: personId,
            before: presentPerson(current),
            after: presentPerson(after),
          });
          return after;
        });
      } catch (error) {
        if (!(error instanceof StaleRead)) throw error;
        if (attempt >= MAX_ATTEMPTS) {
          throw new AppError('write_conflict', 'The person kept changing while this request was applied; retry it.');
        }
      }
    }
  }
}
