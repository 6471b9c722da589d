/**
 * Reads and purges the audit trail. Listing names the tenant; purging is deployment-wide (retention).
 * Events are ordered by id: a UUIDv7 minted from the event's instant, so id order is time order.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyPage, toPage } from '../../query/keyset.js';
import type { Page, PageRequest } from '../../query/page.js';
import type { AuditEventTable } from './audit-event.table.js';

/** `occurredAt` sorts by id, which orders events exactly as occurred_at does (ties by id). */
export const AUDIT_EVENT_SORT_FIELDS = ['occurredAt'] as const;
export type AuditEventSortField = (typeof AUDIT_EVENT_SORT_FIELDS)[number];

/** Canonical audit filters; all are exact matches and are ANDed. */
export interface AuditEventFilter {
  action?: string;
  resourceType?: string;
  resourceId?: string;
  /** The acting person, or the credential when no person acted. */
  actorId?: string;
  credentialId?: string;
  requestId?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
}

export type AuditEventRow = Selectable<AuditEventTable>;

export class AuditEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(
    tenantId: string,
    filter: AuditEventFilter,
    page: PageRequest<AuditEventSortField>,
  ): Promise<Page<AuditEventRow>> {
    let query = this.db.selectFrom('audit_events as e').selectAll('e').where('e.tenant_id', '=', tenantId);
    if (filter.action !== undefined) query = query.where('e.action', '=', filter.action);
    if (filter.resourceType !== undefined) query = query.where('e.resource_type', '=', filter.resourceType);
    if (filter.resourceId !== undefined) query = query.where('e.resource_id', '=', filter.resourceId);
    if (filter.actorId !== undefined) query = query.where('e.actor_id', '=', filter.actorId);
    if (filter.credentialId !== undefined) query = query.where('e.credential_id', '=', filter.credentialId);
    if (filter.requestId !== undefined) query = query.where('e.request_id', '=', filter.requestId);
    if (filter.since !== undefined) query = query.where('e.occurred_at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('e.occurred_at', '<', filter.until);
    const rows = await applyPage(query, page, { sortColumn: 'e.id', idColumn: 'e.id' }).execute();
    return toPage(rows, page, (row) => ({ value: row.id, id: row.id }));
  }

  /**
   * Deletes at most `limit` events (of any tenant) that occurred before `cutoff`; returns how many.
   * One short statement per call, so a large purge never holds a long write lock.
   */
  async deleteOlderThan(cutoff: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('audit_events')
      .where('id', 'in', (qb) =>
        qb.selectFrom('audit_events').select('id').where('occurred_at', '<', cutoff).limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
