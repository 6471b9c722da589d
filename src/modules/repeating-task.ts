/**
 * Maintenance a running server repeats (audit and idempotency-key purges, the telemetry presence sweep): run once
 * at start, then every interval, never two runs at once (a slow run is not overlapped). A failed run is logged and
 * tried again at the next interval. The timer never keeps the process alive; stop() aborts the task's signal,
 * clears the timer and waits for a run in progress.
 */

export interface TaskLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RepeatingTask {
  /** Stops after the current run (awaited); no run starts afterwards. */
  stop(): Promise<void>;
}

export function repeatEvery(
  intervalMs: number,
  task: (signal: AbortSignal) => Promise<void>,
  log: TaskLog,
  failure: string,
): RepeatingTask {
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const run = () => {
    if (stopping.signal.aborted || running) return;
    running = task(stopping.signal)
      .catch((err: unknown) => log.error({ err }, failure))
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
