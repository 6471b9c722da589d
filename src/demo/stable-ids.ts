/** Identifiers that depend only on a label, so that every database seeded from the demo agrees on them. */
import { createHash } from 'node:crypto';

/** Sixteen bytes that depend only on `label`. */
export function stableBytes(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label, 'utf8').digest().subarray(0, 16));
}

/** A UUID (version 4 layout) that depends only on `label`. */
export function stableUuid(label: string): string {
  const b = stableBytes(label);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
