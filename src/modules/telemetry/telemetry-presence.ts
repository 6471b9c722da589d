/**
 * The presence sweep of a running server: devices an agent reports on go Offline once silent for the configured
 * time. Runs at start and then every interval (a quarter of the silence, at most a minute), one sweep at a time;
 * the timer never keeps the process alive, and stop() waits for a running sweep.
 */
import type { PurgeLog, PurgeSchedule } from '../idempotency/idempotency-purge.js';
import type { TelemetryIngestService } from './telemetry-ingest.service.js';

export function schedulePresenceSweep(
  telemetry: TelemetryIngestService,
  offlineAfterMs: number,
  log: PurgeLog,
): PurgeSchedule {
  const intervalMs = Math.min(60_000, Math.max(1_000, Math.floor(offlineAfterMs / 4)));
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = telemetry
      .sweepSilentDevices()
      .then((changed) => {
        if (changed > 0) log.info({ changed }, 'devices silent past the offline time are now Offline');
      })
      .catch((err: unknown) => log.error({ err }, 'presence sweep failed; retrying at the next interval'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, intervalMs).unref();
  run();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
