import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import type { AuditEventService, PurgeOptions } from './audit-event.service.js';
import { PURGE_INTERVAL_MS, scheduleAuditPurge } from './audit-retention.js';

function fakeAudit(result: () => Promise<number> = async () => 0) {
  const calls: { days: number; options: PurgeOptions }[] = [];
  const audit = {
    purgeExpired: (days: number, options: PurgeOptions = {}) => {
      calls.push({ days, options });
      return result();
    },
  } as unknown as AuditEventService;
  return { audit, calls };
}

const log = () => ({ info: vi.fn(), error: vi.fn() });

describe('scheduleAuditPurge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('purges once at start, then every hour, and never after stop()', async () => {
    vi.useFakeTimers();
    const { audit, calls } = fakeAudit(async () => 3);
    const logger = log();
    const schedule = scheduleAuditPurge(audit, 30, logger);
    expect(calls.map((c) => c.days)).toEqual([30]);
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(logger.info).toHaveBeenCalledWith({ deleted: 3, retentionDays: 30 }, 'purged expired audit events');
    await schedule.stop();
    expect(calls[1]!.options.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(5 * PURGE_INTERVAL_MS);
    expect(calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const schedule = scheduleAuditPurge(fakeAudit().audit, 30, log());
    const timer = setIntervalSpy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setIntervalSpy.mockRestore();
    return schedule.stop();
  });

  it('logs a failed purge and tries again at the next interval; never overlaps a running purge', async () => {
    vi.useFakeTimers();
    let finish: (n: number) => void = () => {};
    let attempt = 0;
    const { audit, calls } = fakeAudit(() => {
      attempt += 1;
      if (attempt === 1) return Promise.reject(new Error('database down'));
      return new Promise<number>((resolve) => (finish = resolve));
    });
    const logger = log();
    const schedule = scheduleAuditPurge(audit, 7, logger);
    await vi.advanceTimersByTimeAsync(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS); // second purge starts and hangs
    await vi.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(calls).toHaveLength(2);
    const stopped = schedule.stop();
    finish(0);
    await stopped;
    expect(calls).toHaveLength(2);
  });

  it('schedules nothing when retention is 0 (keep forever)', async () => {
    vi.useFakeTimers();
    const { audit, calls } = fakeAudit();
    const schedule = scheduleAuditPurge(audit, 0, log());
    await vi.advanceTimersByTimeAsync(2 * PURGE_INTERVAL_MS);
    expect(calls).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    await schedule.stop();
  });
});

describe('AUDIT_RETENTION_DAYS', () => {
  it('defaults to 365 days, accepts 0 (keep forever), refuses anything else', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(365);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '30' }).auditRetentionDays).toBe(30);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '0' }).auditRetentionDays).toBe(0);
    for (const bad of ['-1', 'a year', '1.5', '36501']) {
      expect(() => loadConfig({ AUDIT_RETENTION_DAYS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ AUDIT_RETENTION_DAYS: bad })).toThrow(/AUDIT_RETENTION_DAYS must be an integer/);
    }
  });
});
