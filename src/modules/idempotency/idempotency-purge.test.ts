import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IdempotencyService } from './idempotency.service.js';
import { IDEMPOTENCY_PURGE_INTERVAL_MS, scheduleIdempotencyPurge } from './idempotency-purge.js';

function fakeService(result: () => Promise<number>) {
  const signals: (AbortSignal | undefined)[] = [];
  const service = {
    purgeExpired: (options: { signal?: AbortSignal } = {}) => {
      signals.push(options.signal);
      return result();
    },
  } as unknown as IdempotencyService;
  return { service, signals };
}

const log = () => ({ info: vi.fn(), error: vi.fn() });

describe('scheduleIdempotencyPurge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('purges at start and hourly, logs what it deleted and failures, and stops', async () => {
    vi.useFakeTimers();
    let attempt = 0;
    const { service, signals } = fakeService(async () => {
      attempt += 1;
      if (attempt === 2) throw new Error('database down');
      return attempt === 1 ? 4 : 0;
    });
    const logger = log();
    const schedule = scheduleIdempotencyPurge(service, logger);
    await vi.advanceTimersByTimeAsync(0);
    expect(signals).toHaveLength(1);
    expect(logger.info).toHaveBeenCalledWith({ deleted: 4 }, 'purged expired idempotency keys');
    await vi.advanceTimersByTimeAsync(IDEMPOTENCY_PURGE_INTERVAL_MS - 1);
    expect(signals).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals).toHaveLength(2);
    expect(logger.error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(IDEMPOTENCY_PURGE_INTERVAL_MS);
    expect(signals).toHaveLength(3);
    expect(logger.info).toHaveBeenCalledTimes(1); // nothing deleted: nothing logged
    await schedule.stop();
    expect(signals[2]!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * IDEMPOTENCY_PURGE_INTERVAL_MS);
    expect(signals).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never overlaps a running purge', async () => {
    vi.useFakeTimers();
    let finish: (n: number) => void = () => {};
    const { service, signals } = fakeService(() => new Promise<number>((resolve) => (finish = resolve)));
    const schedule = scheduleIdempotencyPurge(service, log());
    await vi.advanceTimersByTimeAsync(3 * IDEMPOTENCY_PURGE_INTERVAL_MS);
    expect(signals).toHaveLength(1);
    const stopped = schedule.stop();
    finish(0);
    await stopped;
  });
});
