/**
 * Device changes for subscribers, read from the audit trail: every change is written with its audit event in
 * one transaction, so the trail is an outbox every node of the deployment can read. A subscriber (a person)
 * holds a cursor; a read returns the events concerning their devices that the cursor has not delivered yet.
 *
 * Event ids are UUIDv7 minted before their transaction commits, so a transaction that commits late can carry a
 * smaller id than events already read. Each read therefore goes back CHANGE_WINDOW_MS behind the previous
 * read's start (by the instant in the id) and the cursor drops the event ids it has already delivered: a change
 * is delivered once as long as its transaction lasted less than the window plus the clock skew between nodes.
 *
 * Waiting reads share one poller per node: while anyone waits, every CHANGE_POLL_MS it reads each tenant's
 * events once for all the people waiting in it (changes made on this node or any other alike).
 */
import { idAt, instantOfId } from '../../db/ids.js';
import type { DeviceChangeRepository, DeviceChangeRow } from './device-change.repository.js';

/** How often waiting subscribers are polled for (SILENT: latency against database load). */
export const CHANGE_POLL_MS = 250;
/** How far each read reaches back behind the previous one, for transactions that commit late. */
export const CHANGE_WINDOW_MS = 5_000;

export interface DeviceChangeFeedOptions {
  readonly pollMs: number;
  readonly windowMs: number;
}

/** What changed for a subscriber: these devices, or (an agent-state change) every device they own. */
export interface DeviceChanges {
  /** Distinct device ids, in the order of their first change. */
  readonly deviceIds: readonly string[];
  readonly allDevices: boolean;
}

/** A subscriber's position: the person whose devices it follows, since when, and what it was given. */
export class DeviceChangeCursor {
  /** When the previous read started (epoch ms); undefined before the first. */
  lastReadAt: number | undefined;
  /** Event ids delivered and still inside the window, with the instant of each. */
  readonly delivered = new Map<string, number>();

  constructor(
    readonly tenantId: string,
    readonly personId: string,
    /** Events minted before this instant are not delivered. */
    readonly since: number,
  ) {}
}

interface Waiter {
  readonly cursor: DeviceChangeCursor;
  finish(changes: DeviceChanges | undefined): void;
  fail(error: unknown): void;
}

const ZERO_BYTES = new Uint8Array(16);

export class DeviceChangeFeed {
  private readonly waiting = new Set<Waiter>();
  private scheduled: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly changes: DeviceChangeRepository,
    private readonly options: DeviceChangeFeedOptions = { pollMs: CHANGE_POLL_MS, windowMs: CHANGE_WINDOW_MS },
    private readonly now: () => number = Date.now,
  ) {}

  /** A cursor for a person's devices, from now on. */
  cursorFor(tenantId: string, personId: string): DeviceChangeCursor {
    return new DeviceChangeCursor(tenantId, personId, this.now());
  }

  /** The changes the cursor has not delivered yet, now (undefined when there are none); marks them delivered. */
  async read(cursor: DeviceChangeCursor): Promise<DeviceChanges | undefined> {
    const readAt = this.now();
    const rows = await this.changes.changesFor(cursor.tenantId, [cursor.personId], this.floorIdOf(cursor));
    return this.take(cursor, rows, readAt);
  }

  /**
   * Waits up to `timeoutMs` for changes of the cursor. Resolves with them as soon as a poll finds some, with
   * undefined on timeout or when `signal` aborts.
   */
  wait(cursor: DeviceChangeCursor, timeoutMs: number, signal?: AbortSignal): Promise<DeviceChanges | undefined> {
    if (signal?.aborted || timeoutMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiting.delete(waiter);
      };
      const waiter: Waiter = {
        cursor,
        finish: (changes) => {
          done();
          resolve(changes);
        },
        fail: (error) => {
          done();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      };
      const onAbort = () => waiter.finish(undefined);
      const timer = setTimeout(onAbort, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
      this.schedule();
    });
  }

  /** Ends every wait (with no changes): for shutdown. */
  close(): void {
    for (const waiter of [...this.waiting]) waiter.finish(undefined);
    clearTimeout(this.scheduled);
    this.scheduled = undefined;
  }

  private schedule(): void {
    if (this.scheduled !== undefined || this.polling || this.waiting.size === 0) return;
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      void this.poll();
    }, this.options.pollMs);
    this.scheduled.unref();
  }

  /** One read per tenant for everyone waiting in it. */
  private async poll(): Promise<void> {
    this.polling = true;
    try {
      const byTenant = new Map<string, Waiter[]>();
      for (const waiter of this.waiting) {
        const list = byTenant.get(waiter.cursor.tenantId) ?? [];
        list.push(waiter);
        byTenant.set(waiter.cursor.tenantId, list);
      }
      for (const [tenantId, waiters] of byTenant) {
        const readAt = this.now();
        const floorId = waiters.map((w) => this.floorIdOf(w.cursor)).reduce((a, b) => (a < b ? a : b));
        let rows: DeviceChangeRow[];
        try {
          rows = await this.changes.changesFor(
            tenantId,
            waiters.map((w) => w.cursor.personId),
            floorId,
          );
        } catch (error) {
          for (const waiter of waiters) if (this.waiting.has(waiter)) waiter.fail(error);
          continue;
        }
        for (const waiter of waiters) {
          // A wait that ended during the query keeps its cursor as it was: the next read sees these rows.
          if (!this.waiting.has(waiter)) continue;
          const mine = rows.filter((row) => row.personId === waiter.cursor.personId);
          const changes = this.take(waiter.cursor, mine, readAt);
          if (changes) waiter.finish(changes);
        }
      }
    } finally {
      this.polling = false;
      this.schedule();
    }
  }

  /** The smallest event id the cursor's next read must consider. */
  private floorIdOf(cursor: DeviceChangeCursor): string {
    const from = Math.max(cursor.since, (cursor.lastReadAt ?? cursor.since) - this.options.windowMs);
    return idAt(from, ZERO_BYTES);
  }

  /** Keeps the rows the cursor has not delivered, marks them, and forgets ids that fell out of the window. */
  private take(
    cursor: DeviceChangeCursor,
    rows: readonly DeviceChangeRow[],
    readAt: number,
  ): DeviceChanges | undefined {
    const floorId = this.floorIdOf(cursor);
    const fresh = rows.filter((row) => row.id >= floorId && !cursor.delivered.has(row.id));
    cursor.lastReadAt = readAt;
    for (const row of fresh) cursor.delivered.set(row.id, instantOfId(row.id));
    const horizon = Math.max(cursor.since, readAt - this.options.windowMs);
    for (const [id, at] of cursor.delivered) if (at < horizon) cursor.delivered.delete(id);
    if (fresh.length === 0) return undefined;
    const deviceIds = [...new Set(fresh.map((row) => row.deviceId).filter((id): id is string => id !== null))];
    return { deviceIds, allDevices: fresh.some((row) => row.deviceId === null) };
  }
}
