/**
 * Applies a page request to a Kysely select: stable order (sort column, then id), keyset
 * continuation after a cursor, or an offset. One row more than the limit is read to tell
 * whether another page follows.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Cursor, Page, PageRequest } from './page.js';
import { sortKey } from './page.js';

export interface KeysetColumns {
  /** Qualified column that the requested sort field orders by, e.g. `d.name`. */
  readonly sortColumn: string;
  /** Qualified unique id column, the tie-breaker, e.g. `d.id`. */
  readonly idColumn: string;
}

export function applyPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  request: PageRequest,
  columns: KeysetColumns,
): SelectQueryBuilder<DB, TB, O> {
  const sortRef = sql.ref(columns.sortColumn);
  const idRef = sql.ref(columns.idColumn);
  const desc = request.sort.direction === 'desc';
  const sameColumn = columns.sortColumn === columns.idColumn;

  let q = query;
  if (request.after) {
    const { value, id } = request.after;
    const cmp = sql.raw(desc ? '<' : '>');
    q = sameColumn
      ? q.where(sql<boolean>`${idRef} ${cmp} ${id}`)
      : q.where(sql<boolean>`(${sortRef} ${cmp} ${value} or (${sortRef} = ${value} and ${idRef} ${cmp} ${id}))`);
  }
  const dir = sql.raw(desc ? 'desc' : 'asc');
  q = sameColumn ? q.orderBy(sql`${idRef} ${dir}`) : q.orderBy(sql`${sortRef} ${dir}`).orderBy(sql`${idRef} ${dir}`);
  q = q.limit(request.limit + 1);
  if (request.offset) q = q.offset(request.offset);
  return q;
}

/** Cuts the extra row off and, if there was one, names the cursor for the next page. */
export function toPage<T>(rows: T[], request: PageRequest, keyOf: (row: T) => { value: Cursor['value']; id: string }): Page<T> {
  if (rows.length <= request.limit) return { items: rows };
  const items = rows.slice(0, request.limit);
  const last = keyOf(items[items.length - 1] as T);
  return { items, next: { sort: sortKey(request.sort), value: last.value, id: last.id } };
}
