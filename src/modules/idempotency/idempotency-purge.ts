/**
 * Expired idempotency keys in a running server: purged once at start and then every hour (claims also
 * replace an expired row of their own key at once). The timer never keeps the process alive; stop() clears it.
 */
import type { IdempotencyService } from './idempotency.service.js';

export const IDEMPOTENCY_PURGE_INTERVAL_MS = 3_600_000;

export interface PurgeLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface PurgeSchedule {
  /** Stops after the current batch of a running purge (awaited); no purge starts afterwards. */
  stop(): Promise<void>;
}

export function scheduleIdempotencyPurge(
  idempotency: IdempotencyService,
  log: PurgeLog,
  intervalMs = IDEMPOTENCY_PURGE_INTERVAL_MS,
): PurgeSchedule {
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const run = () => {
    if (stopping.signal.aborted || running) return; // one purge at a time
    running = idempotency
      .purgeExpired({ signal: stopping.signal })
      .then((deleted) => {
        if (deleted > 0) log.info({ deleted }, 'purged expired idempotency keys');
      })
      .catch((err: unknown) => log.error({ err }, 'idempotency key purge failed; retrying at the next interval'))
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
