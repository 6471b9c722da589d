/** Row ids: UUIDv7, so that ordering by id is ordering by creation time. */
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}

/** A UUIDv7 built from a chosen instant and random bytes, for reproducible data (demo fleets, tests). */
export function idAt(msecs: number, random: Uint8Array): string {
  return v7({ msecs, random });
}

/** The instant (epoch ms) a UUIDv7 was minted for: its first 48 bits. */
export function instantOfId(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
