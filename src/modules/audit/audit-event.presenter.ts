/** Turns an audit row into the native resource: instants as ISO strings, before/after parsed from their JSON. */
import { iso } from '../presenting.js';
import type { AuditEventRow } from './audit-event.repository.js';
import type { AuditEventView } from './audit-event.schemas.js';

export function presentAuditEvent(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    occurredAt: iso(row.occurred_at),
    requestId: row.request_id,
    actor: { kind: row.actor_kind, id: row.actor_id, credentialId: row.credential_id },
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: parseSnapshot(row.before),
    after: parseSnapshot(row.after),
  };
}

function parseSnapshot(json: string | null): Record<string, unknown> | null {
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}
