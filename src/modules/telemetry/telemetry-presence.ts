/**
 * The presence sweep of a running server: devices an agent reports on go Offline once silent for the configured
 * time. Runs at start and then every quarter of the silence (at least every second, at most every minute), one
 * sweep at a time (repeating-task.ts).
 */
import { type RepeatingTask, repeatEvery, type TaskLog } from '../repeating-task.js';
import type { TelemetryIngestService } from './telemetry-ingest.service.js';

export function schedulePresenceSweep(
  telemetry: TelemetryIngestService,
  offlineAfterMs: number,
  log: TaskLog,
): RepeatingTask {
  const intervalMs = Math.min(60_000, Math.max(1_000, Math.floor(offlineAfterMs / 4)));
  return repeatEvery(
    intervalMs,
    async () => {
      const changed = await telemetry.sweepSilentDevices();
      if (changed > 0) log.info({ changed }, 'devices silent past the offline time are now Offline');
    },
    log,
    'presence sweep failed; retrying at the next interval',
  );
}
