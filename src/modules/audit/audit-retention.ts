/**
 * Audit retention in a running server: purge events older than the retention period once at start and
 * then every hour. The timer never keeps the process alive, and stop() clears it (call it on close).
 */
import type { AuditEventService } from './audit-event.service.js';

export const PURGE_INTERVAL_MS = 3_600_000;

export interface RetentionLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RetentionSchedule {
  /** Stops after the current batch of a running purge (awaited); no purge starts afterwards. */
  stop(): Promise<void>;
}

/** Starts the schedule; with `days` 0 (keep forever) nothing is scheduled. */
export function scheduleAuditPurge(
  audit: AuditEventService,
  days: number,
  log: RetentionLog,
  intervalMs = PURGE_INTERVAL_MS,
): RetentionSchedule {
  if (days <= 0) return { stop: async () => {} };
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const run = () => {
    if (stopping.signal.aborted || running) return; // one purge at a time: a slow one is not overlapped
    running = audit
      .purgeExpired(days, { signal: stopping.signal })
      .then((deleted) => {
        if (deleted > 0) log.info({ deleted, retentionDays: days }, 'purged expired audit events');
      })
      .catch((err: unknown) => log.error({ err }, 'audit purge failed; retrying at the next interval'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, intervalMs).unref();
  run();
  return {
    stop: async () => {
      stopping.abort();
      clearInterval(timer);
      await running;
    },
  };
}
