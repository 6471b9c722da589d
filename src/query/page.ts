/**
 * The list engine's vocabulary, shared by the native API and every dialect: a page request
 * (sort, size, and either a keyset cursor or an offset) and the page that answers it.
 * Dialects map their own paging parameters (page/count, start/max, page/perPage) onto this.
 */
import { AppError } from '../errors.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export type Direction = 'asc' | 'desc';

export interface Sort<F extends string = string> {
  readonly field: F;
  readonly direction: Direction;
}

/** Position after the last row of a page: that row's sort value and id. */
export interface Cursor {
  readonly sort: string;
  readonly value: string | number | null;
  readonly id: string;
}

export interface PageRequest<F extends string = string> {
  readonly sort: Sort<F>;
  readonly limit: number;
  /** Keyset position (native API); mutually exclusive with offset. */
  readonly after?: Cursor;
  /** Row offset, for dialects whose vendor pages by number. */
  readonly offset?: number;
}

export interface Page<T> {
  readonly items: T[];
  /** Present when more rows follow. */
  readonly next?: Cursor;
}

/** Clamps a requested page size into [1, max]; a missing size gets the default. */
export function clampLimit(requested: number | undefined, max = MAX_LIMIT, fallback = DEFAULT_LIMIT): number {
  if (requested === undefined) return fallback;
  return Math.min(Math.max(1, Math.trunc(requested)), max);
}

/** `name` → ascending, `-name` → descending; anything outside `allowed` is a 400 naming `sort`. */
export function parseSort<F extends string>(raw: string | undefined, allowed: readonly F[], fallback: F): Sort<F> {
  if (raw === undefined || raw === '') return { field: fallback, direction: 'asc' };
  const direction: Direction = raw.startsWith('-') ? 'desc' : 'asc';
  const field = raw.replace(/^[-+]/, '') as F;
  if (!allowed.includes(field)) {
    throw new AppError('invalid_parameter', `sort must be one of ${allowed.flatMap((f) => [f, `-${f}`]).join(', ')}`, {
      parameter: 'sort',
    });
  }
  return { field, direction };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

/** Decodes an opaque cursor; it must have been issued for the same sort. */
export function decodeCursor(raw: string, sort: Sort): Cursor {
  const fail = (): never => {
    throw new AppError('invalid_cursor', 'cursor is not one this server issued for this sort order', {
      parameter: 'cursor',
    });
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return fail();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return fail();
  const [sortKey, value, id] = parsed as unknown[];
  const expected = `${sort.direction === 'desc' ? '-' : ''}${sort.field}`;
  if (sortKey !== expected || typeof id !== 'string' || id.length > 64) return fail();
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') return fail();
  return { sort: sortKey, value: value as Cursor['value'], id };
}

export function sortKey(sort: Sort): string {
  return `${sort.direction === 'desc' ? '-' : ''}${sort.field}`;
}
