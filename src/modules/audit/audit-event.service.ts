/** Audit trail use cases: reading a tenant's events, and purging what is older than the retention period. */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Page, PageRequest } from '../../query/page.js';
import type {
  AuditEventFilter,
  AuditEventRepository,
  AuditEventRow,
  AuditEventSortField,
} from './audit-event.repository.js';

export const DAY_MS = 86_400_000;
/** Rows deleted per statement when purging. */
export const PURGE_BATCH_SIZE = 1000;

export interface PurgeOptions {
  batchSize?: number;
  signal?: AbortSignal;
}

export class AuditEventService {
  constructor(private readonly events: AuditEventRepository) {}

  listEvents(
    tenantId: string,
    filter: AuditEventFilter,
    page: PageRequest<AuditEventSortField>,
  ): Promise<Page<AuditEventRow>> {
    return this.events.list(tenantId, filter, page);
  }

  /**
   * Deletes every event (all tenants) that occurred before `cutoff` (epoch ms), `batchSize` rows per
   * statement, yielding to the event loop between batches so requests keep being served. An aborted
   * `signal` stops it after the current batch. Returns how many were deleted.
   */
  async purgeOlderThan(cutoff: number, options: PurgeOptions = {}): Promise<number> {
    const batchSize = options.batchSize ?? PURGE_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const deleted = await this.events.deleteOlderThan(cutoff, batchSize);
      total += deleted;
      if (deleted < batchSize || options.signal?.aborted) return total;
      await yieldToEventLoop();
    }
  }

  /** Purges events older than `days` days before now; 0 days means keep forever (nothing is deleted). */
  purgeExpired(days: number, options: PurgeOptions & { now?: number } = {}): Promise<number> {
    if (days <= 0) return Promise.resolve(0);
    return this.purgeOlderThan((options.now ?? Date.now()) - days * DAY_MS, options);
  }
}
