/**
 * Bulk loading: inserts many rows with multi-row INSERT statements, as few as the engine allows.
 *
 * Each statement carries at most `capabilities.maxParameters` bound values and at most
 * `maxRowsPerStatement` rows (500 by default: SQLite gains nothing from longer statements, and
 * PostgreSQL's planner does not either). The SQL text of a statement shape (table, columns, row count)
 * is compiled by Kysely once and then reused with fresh parameters, so loading a million rows does not
 * build a million row ASTs; the SQL is still Kysely's, for whichever dialect the executor speaks.
 *
 * Every row of one call must have the same keys as the first row (a value of `undefined` is stored as
 * NULL). Pass a transaction as `db` to make the whole call atomic and, on SQLite, fast.
 */
import { CompiledQuery, type DialectAdapter, type InsertQueryBuilder, type Insertable, type Kysely } from 'kysely';
import type { Capabilities, Store } from './database.js';
import type { Database } from './schema.js';

export const DEFAULT_MAX_ROWS_PER_STATEMENT = 500;

export interface BulkInsertOptions {
  /** Upper bound on rows per INSERT, below the parameter limit. */
  maxRowsPerStatement?: number;
  /**
   * The rest of the statement after its VALUES — an ON CONFLICT clause, RETURNING — compiled into the cached
   * template, so it must bind no values of its own (column references such as `excluded.x` only). `tail.name`
   * tells templates of the same table and columns apart.
   */
  tail?: StatementTail;
}

export interface StatementTail {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the template's rows are placeholders
  readonly finish: (insert: InsertQueryBuilder<any, any, any>) => { compile(): CompiledQuery };
}

/** Compiled statements per dialect adapter, keyed by table, columns and row count. */
const templates = new WeakMap<DialectAdapter, Map<string, CompiledQuery>>();

export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  capabilities: Pick<Capabilities, 'maxParameters'>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: BulkInsertOptions = {},
): Promise<void> {
  await insertRowsReturning(db, capabilities, table, rows, options);
}

/** insertRows, gathering what the statements return (a `tail` with RETURNING). */
export async function insertRowsReturning<T extends keyof Database & string>(
  db: Kysely<Database>,
  capabilities: Pick<Capabilities, 'maxParameters'>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: BulkInsertOptions = {},
): Promise<Record<string, unknown>[]> {
  const returned: Record<string, unknown>[] = [];
  const first = rows[0];
  if (first === undefined) return returned;
  const columns = Object.keys(first);
  if (columns.length === 0) throw new Error(`insertRows(${table}): rows have no columns`);
  const rowsPerStatement = Math.max(
    1,
    Math.min(
      options.maxRowsPerStatement ?? DEFAULT_MAX_ROWS_PER_STATEMENT,
      Math.floor(capabilities.maxParameters / columns.length),
    ),
  );
  if (columns.length > capabilities.maxParameters) {
    throw new Error(
      `insertRows(${table}): ${columns.length} columns exceed the engine's ${capabilities.maxParameters} parameters`,
    );
  }

  let start = 0;
  while (start < rows.length) {
    const end = start + statementSize(rows.length - start, rowsPerStatement);
    const template = statementFor(db, table, columns, end - start, options.tail);
    const parameters: unknown[] = new Array((end - start) * columns.length);
    let p = 0;
    for (let r = start; r < end; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (const column of columns) {
        const value = row[column];
        parameters[p++] = value === undefined ? null : value;
      }
    }
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(template.sql, parameters));
    for (const row of result.rows) returned.push(row);
    start = end;
  }
  return returned;
}

/**
 * Full statements first, then the remainder in power-of-two pieces: a table then needs at most a
 * dozen statement shapes, which keeps both this module's cache and the engine's statement cache small.
 */
function statementSize(remaining: number, rowsPerStatement: number): number {
  if (remaining >= rowsPerStatement) return rowsPerStatement;
  let size = 1;
  while (size * 2 <= remaining) size *= 2;
  return size;
}

/** The same as insertRows on the store's own connection (no enclosing transaction). */
export function insertStoreRows<T extends keyof Database & string>(
  store: Store,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options?: BulkInsertOptions,
): Promise<void> {
  return insertRows(store.db, store.capabilities, table, rows, options);
}

function statementFor(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rowCount: number,
  tail: StatementTail | undefined,
): CompiledQuery {
  const adapter = db.getExecutor().adapter;
  let cache = templates.get(adapter);
  if (!cache) {
    cache = new Map();
    templates.set(adapter, cache);
  }
  const key = `${table}\u0000${columns.join(',')}\u0000${rowCount}\u0000${tail?.name ?? ''}`;
  let compiled = cache.get(key);
  if (!compiled) {
    // Placeholder rows: every value becomes one bound parameter, in row-major, column order.
    const placeholder = Object.fromEntries(columns.map((c) => [c, 0]));
    const values = Array.from({ length: rowCount }, () => placeholder);
    const insert = (db as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table).values(values);
    compiled = tail ? tail.finish(insert).compile() : insert.compile();
    if (compiled.parameters.length !== rowCount * columns.length) {
      throw new Error(`insertRows(${table}): unexpected statement shape (${compiled.parameters.length} parameters)`);
    }
    cache.set(key, compiled);
  }
  return compiled;
}
