/**
 * The SQL of the device change feed: audit events (the outbox every change already writes in its own
 * transaction) that concern the devices some people own. A device event concerns its device's current owner;
 * an agent-state event concerns the person whose state changed (and so every device they own).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** One audit event, with the person whose devices it concerns. */
export interface DeviceChangeRow {
  readonly id: string;
  /** The changed device, or null when the change is the person's agent state (all their devices). */
  readonly deviceId: string | null;
  readonly personId: string;
}

/** The agent-state action AgentStateService records. */
export const AGENT_STATE_ACTION = 'person.agent-state';
/** How many people one statement asks about. */
const PEOPLE_PER_QUERY = 500;

export class DeviceChangeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The tenant's events with an id at or above `fromId` (a UUIDv7 floor, so the (tenant_id, id) and
   * (tenant_id, resource_type, resource_id, id) indexes bound the scan) concerning these people's devices,
   * in id order.
   */
  async changesFor(tenantId: string, personIds: readonly string[], fromId: string): Promise<DeviceChangeRow[]> {
    const out: DeviceChangeRow[] = [];
    const people = [...new Set(personIds)];
    for (let i = 0; i < people.length; i += PEOPLE_PER_QUERY) {
      const batch = people.slice(i, i + PEOPLE_PER_QUERY);
      const devices = await this.db
        .selectFrom('audit_events as e')
        .innerJoin('devices as d', (join) =>
          join.onRef('d.tenant_id', '=', 'e.tenant_id').onRef('d.id', '=', 'e.resource_id'),
        )
        .select(['e.id', 'e.resource_id', 'd.owner_person_id'])
        .where('e.tenant_id', '=', tenantId)
        .where('e.resource_type', '=', 'device')
        .where('e.id', '>=', fromId)
        .where('d.owner_person_id', 'in', batch)
        .execute();
      for (const row of devices) {
        out.push({
          id: row.id,
          deviceId: row.resource_id,
          personId: row.owner_person_id!,
        });
      }
      const states = await this.db
        .selectFrom('audit_events as e')
        .select(['e.id', 'e.resource_id'])
        .where('e.tenant_id', '=', tenantId)
        .where('e.resource_type', '=', 'person')
        .where('e.resource_id', 'in', batch)
        .where('e.action', '=', AGENT_STATE_ACTION)
        .where('e.id', '>=', fromId)
        .execute();
      for (const row of states) {
        out.push({ id: row.id, deviceId: null, personId: row.resource_id });
      }
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
