/** `fields=` projection: a comma-separated allowlist of top-level fields. */
import { invalidParameter } from '../errors.js';

export function parseFields<F extends string>(
  raw: string | undefined,
  allowed: readonly F[],
): readonly F[] | undefined {
  if (raw === undefined) return undefined;
  const requested = raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (requested.length === 0) throw invalidParameter('fields', 'fields must name at least one field');
  const unknown = requested.filter((f) => !(allowed as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw invalidParameter('fields', `fields names unknown field(s): ${unknown.slice(0, 5).join(', ')}`);
  }
  return [...new Set(requested)] as F[];
}

export function project<T extends object, F extends keyof T & string>(
  value: T,
  fields: readonly F[] | undefined,
): Partial<T> {
  if (!fields) return value;
  const out: Partial<T> = {};
  for (const f of fields) out[f] = value[f];
  return out;
}
