/**
 * The write side of the audit trail. Every service that changes data calls recordChange with the same
 * transaction (or Kysely instance) as the change itself, so a change and its audit event commit together.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditEventTable } from './audit-event.table.js';
import { instantOfId, newId, newIdAt } from '../../db/ids.js';
import type { CredentialKind, Principal } from '../access/principal.js';

/** Who made a change. */
export interface Actor {
  readonly tenantId: string;
  readonly kind: CredentialKind | 'system';
  readonly personId: string | null;
  readonly credentialId: string | null;
  readonly requestId: string | null;
}

export interface Change {
  /** `<resource type>.<verb>`, e.g. `api_key.create`, `api_key.revoke`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string;
  /** The resource before (omit on create) and after (omit on delete), as presented to an admin. */
  readonly before?: object | null;
  readonly after?: object | null;
}

export function actorOf(principal: Principal, requestId: string | null): Actor {
  return {
    tenantId: principal.tenantId,
    kind: principal.credentialKind,
    personId: principal.personId,
    credentialId: principal.credentialId,
    requestId,
  };
}

/** A change made by Ucfleet itself or an operator at the command line. */
export function systemActor(tenantId: string, credentialId: string | null = null): Actor {
  return { tenantId, kind: 'system', personId: null, credentialId, requestId: null };
}

/**
 * Records one change. `at` (epoch ms, default now) is for imports and tests; the event's id is a UUIDv7 of that
 * instant, so that the audit trail listed by id is listed by time.
 */
export async function recordChange(db: Kysely<Database>, actor: Actor, change: Change, at?: number): Promise<void> {
  await db
    .insertInto('audit_events')
    .values(auditEventOf(actor, change, at))
    .execute();
}

/** The audit row recordChange inserts, for callers that insert many at once (bulk imports, with insertRows). */
export function auditEventOf(actor: Actor, change: Change, at?: number): Insertable<AuditEventTable> {
  const id = at === undefined ? newId() : newIdAt(at);
  return {
    id,
    tenant_id: actor.tenantId,
    occurred_at: at ?? instantOfId(id),
    request_id: actor.requestId,
    actor_kind: actor.kind,
    actor_id: actor.personId ?? actor.credentialId,
    credential_id: actor.credentialId,
    action: change.action,
    resource_type: change.resourceType,
    resource_id: change.resourceId,
    before: change.before ? JSON.stringify(withoutSecrets(change.before)) : null,
    after: change.after ? JSON.stringify(withoutSecrets(change.after)) : null,
  };
}

const SECRET_NAME = /hash|secret|password|private|token|^key$/i;

/**
 * A safety net under the presenters: members whose names suggest a secret never reach the trail. A boolean
 * carries no secret, so a flag such as `passwordChanged: true` is kept.
 */
export function withoutSecrets(value: object): object {
  if (Array.isArray(value)) return value.map((v: unknown) => (v && typeof v === 'object' ? withoutSecrets(v) : v));
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(value)) {
    if (SECRET_NAME.test(name) && typeof v !== 'boolean') continue;
    out[name] = v && typeof v === 'object' ? withoutSecrets(v) : v;
  }
  return out;
}
