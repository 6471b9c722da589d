/**
 * Expired idempotency keys in a running server: purged once at start and then every hour (claims also
 * replace an expired row of their own key at once); repeating-task.ts runs the schedule.
 */
import { type RepeatingTask, repeatEvery, type TaskLog } from '../repeating-task.js';
import type { IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENCY_PURGE_INTERVAL_MS = 3_600_000;

export function scheduleIdempotencyPurge(
  idempotency: IdempotencyService,
  log: TaskLog,
  intervalMs = IDEMPOTENCY_PURGE_INTERVAL_MS,
): RepeatingTask {
  return repeatEvery(
    intervalMs,
    async (signal) => {
      const deleted = await idempotency.purgeExpired({ signal });
      if (deleted > 0) log.info({ deleted }, 'purged expired idempotency keys');
    },
    log,
    'idempotency key purge failed; retrying at the next interval',
  );
}
