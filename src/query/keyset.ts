/**
 * Applies a page request to a Kysely select: stable order (sort column, then id), keyset
 * continuation after a cursor, or an offset. One row more than the limit is read to tell
 * whether another page follows. The SQL depends only on the page's shape; values are bound.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Bind } from '../db/prepared.js';
import type { Cursor, Direction, Page, PageRequest } from './page.js';
import { sortKey } from './page.js';

export interface KeysetColumns {
  /** Qualified column that the requested sort field orders by, e.g. `d.name`. */
  readonly sortColumn: string;
  /** Qualified unique id column, the tie-breaker, e.g. `d.id`. */
  readonly idColumn: string;
}

/** What decides the SQL of a page: not its values. */
export interface PageShape {
  readonly sortField: string;
  readonly direction: Direction;
  readonly after: boolean;
  readonly offset: boolean;
}

export function pageShape(request: PageRequest): PageShape {
  return {
    sortField: request.sort.field,
    direction: request.sort.direction,
    after: request.after !== undefined,
    offset: request.offset !== undefined && request.offset > 0,
  };
}

export function pageValues(request: PageRequest): Record<string, unknown> {
  return {
    pageLimit: request.limit + 1,
    pageOffset: request.offset ?? 0,
    afterValue: request.after?.value ?? null,
    afterId: request.after?.id ?? null,
  };
}

/** Applies a page request with its values inlined as parameters (for queries built per request). */
export function applyPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  request: PageRequest,
  columns: KeysetColumns,
): SelectQueryBuilder<DB, TB, O> {
  const values = pageValues(request);
  return applyPageShape(query, pageShape(request), columns, <T>(name: string) => values[name] as T);
}

/** Applies a page of the given shape, its values bound through `bind` (for prepared queries). */
export function applyPageShape<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  shape: PageShape,
  columns: KeysetColumns,
  bind: Bind,
): SelectQueryBuilder<DB, TB, O> {
  const sortRef = sql.ref(columns.sortColumn);
  const idRef = sql.ref(columns.idColumn);
  const desc = shape.direction === 'desc';
  const sameColumn = columns.sortColumn === columns.idColumn;

  let q = query;
  if (shape.after) {
    const cmp = sql.raw(desc ? '<' : '>');
    const value = bind<unknown>('afterValue');
    const id = bind('afterId');
    q = sameColumn
      ? q.where(sql<boolean>`${idRef} ${cmp} ${id}`)
      : q.where(
          sql<boolean>`(${sortRef} ${cmp} ${value} or (${sortRef} = ${bind<unknown>('afterValue')} and ${idRef} ${cmp} ${id}))`,
        );
  }
  const dir = sql.raw(desc ? 'desc' : 'asc');
  q = sameColumn ? q.orderBy(sql`${idRef} ${dir}`) : q.orderBy(sql`${sortRef} ${dir}`).orderBy(sql`${idRef} ${dir}`);
  q = q.limit(bind<number>('pageLimit'));
  if (shape.offset) q = q.offset(bind<number>('pageOffset'));
  return q;
}

/** Cuts the extra row off and, if there was one, names the cursor for the next page. */
export function toPage<T>(
  rows: T[],
  request: PageRequest,
  keyOf: (row: T) => { value: Cursor['value']; id: string },
): Page<T> {
  if (rows.length <= request.limit) return { items: rows };
  const items = rows.slice(0, request.limit);
  const last = keyOf(items[items.length - 1] as T);
  return { items, next: { sort: sortKey(request.sort), value: last.value, id: last.id } };
}
