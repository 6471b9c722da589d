/** Row ids: UUIDv7, so that ordering by id is ordering by creation time. */
import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}

/** A UUIDv7 built from a chosen instant and random bytes, for reproducible data (demo fleets, tests). */
export function idAt(msecs: number, random: Uint8Array): string {
  return v7({ msecs, random });
}

const lastAt = { msecs: -1, seq: 0 };

/**
 * A UUIDv7 of a chosen instant (a service's clock) that sorts after every id this process minted for the same
 * millisecond, as newId() does for the current one: within a millisecond the 32-bit sequence counts up from a
 * random start below 2^30, so ids minted in order are listed in order.
 */
export function newIdAt(msecs: number): string {
  if (msecs === lastAt.msecs) lastAt.seq += 1;
  else Object.assign(lastAt, { msecs, seq: randomBytes(4).readUInt32BE(0) >>> 2 });
  return v7({ msecs, seq: lastAt.seq });
}

/** The instant (epoch ms) a UUIDv7 was minted for: its first 48 bits. */
export function instantOfId(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
