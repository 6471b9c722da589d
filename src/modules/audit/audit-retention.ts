/**
 * Audit retention in a running server: purge events older than the retention period once at start and
 * then every hour (repeating-task.ts: one purge at a time, a failure retried at the next interval).
 */
import { type RepeatingTask, repeatEvery, type TaskLog } from '../repeating-task.js';
import type { AuditEventService } from './audit-event.service.js';

export const PURGE_INTERVAL_MS = 3_600_000;

/** Starts the schedule; with `days` 0 (keep forever) nothing is scheduled. */
export function scheduleAuditPurge(
  audit: AuditEventService,
  days: number,
  log: TaskLog,
  intervalMs = PURGE_INTERVAL_MS,
): RepeatingTask {
  if (days <= 0) return { stop: async () => {} };
  return repeatEvery(
    intervalMs,
    async (signal) => {
      const deleted = await audit.purgeExpired(days, { signal });
      if (deleted > 0) log.info({ deleted, retentionDays: days }, 'purged expired audit events');
    },
    log,
    'audit purge failed; retrying at the next interval',
  );
}
