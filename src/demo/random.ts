/**
 * A small seeded pseudo-random generator for demo data: sfc32 (Small Fast Counter) seeded through
 * splitmix32, so that a given seed always yields the same fleet. Not for anything secret.
 */

/** One weighted choice: a value and its relative weight (any positive number). */
export type Weighted<T> = readonly (readonly [T, number])[];

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    let state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
    const next = (): number => {
      // splitmix32: spreads even a tiny seed (0, 1, 2…) over all 128 bits of sfc32's state.
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(choices: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let target = this.next() * total;
    for (const [value, weight] of choices) {
      target -= weight;
      if (target < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  /** An index of `weights`, drawn in proportion to the weight at that index. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  /** A key of `weights`, drawn in proportion to its weight (keys are visited in insertion order). */
  weightedKey<K extends string>(weights: Readonly<Record<K, number>>): K {
    let total = 0;
    for (const key in weights) total += weights[key];
    let target = this.next() * total;
    let last: K | undefined;
    for (const key in weights) {
      last = key;
      target -= weights[key];
      if (target < 0) return key;
    }
    if (last === undefined) throw new RangeError('weightedKey() from an empty record');
    return last;
  }

  /** Sixteen random bytes, e.g. for idAt(). */
  bytes16(): Uint8Array {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i += 4) {
      const v = this.uint32();
      bytes[i] = v & 0xff;
      bytes[i + 1] = (v >>> 8) & 0xff;
      bytes[i + 2] = (v >>> 16) & 0xff;
      bytes[i + 3] = v >>> 24;
    }
    return bytes;
  }

  /** `length` upper-case hexadecimal digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.uint32().toString(16).padStart(8, '0');
    return out.slice(0, length).toUpperCase();
  }

  /** A random (version 4 layout) UUID, lower case. */
  uuid(): string {
    const b = this.bytes16();
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** A new generator whose sequence depends only on this one's seed and `label`, not on how much it was used. */
  fork(label: string): Random {
    return new Random(hashString(`${this.a}:${this.b}:${this.c}:${this.d}:${label}`));
  }
}

/** FNV-1a: a stable 32-bit hash for string seeds. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A bijection of the 32-bit integers: distinct inputs give distinct outputs, so counters turned into
 * serial numbers or MAC addresses stay unique while looking random.
 */
export function scramble32(value: number, salt: number): number {
  let x = (value ^ salt) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** A bijection of [0, 2^24): for the device part of a MAC address. */
export function scramble24(value: number, salt: number): number {
  const mask = 0xffffff;
  let x = (value ^ salt) & mask;
  x = Math.imul(x, 0x9e3779) & mask; // odd multiplier: invertible modulo 2^24
  x ^= x >>> 12;
  x = Math.imul(x, 0x5bd1e9) & mask;
  x ^= x >>> 11;
  return x & mask;
}
