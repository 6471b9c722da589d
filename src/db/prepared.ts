/**
 * Queries built and compiled once per shape, then executed with bound values.
 *
 * Building and compiling a Kysely query costs several times more than running a small indexed
 * query on SQLite. A prepared query's builder never sees values — only placeholders from `bind`
 * and the `shape` (which filters are present, how many ids, …) — so the compiled SQL depends on
 * the shape alone and can be reused safely. The statement cache in database.ts then reuses the
 * engine's prepared statement too.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';

class Placeholder {
  constructor(readonly name: string) {}
}

/** Returns a placeholder standing for the value named `name`, typed as the value for the builder. */
export type Bind = <T = string>(name: string) => T;

const bind: Bind = <T>(name: string) => new Placeholder(name) as unknown as T;

/** Names `count` placeholders `${prefix}0…`, for IN lists whose length is part of the shape. */
export function bindList(b: Bind, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => b(`${prefix}${i}`));
}

export function listValues(prefix: string, values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((v, i) => [`${prefix}${i}`, v]));
}

const MAX_SHAPES = 2_000;

export class PreparedQueries<DB> {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly compiled = new Map<string, CompiledQuery>(),
  ) {}

  /** The same compiled queries, executed on another connection (a transaction). */
  on(db: Kysely<DB>): PreparedQueries<DB> {
    return new PreparedQueries(db, this.compiled);
  }

  async execute<R, S>(
    name: string,
    shape: S,
    build: (bind: Bind, shape: S) => Compilable<R>,
    values: Readonly<Record<string, unknown>>,
  ): Promise<R[]> {
    const key = `${name}:${JSON.stringify(shape)}`;
    let query = this.compiled.get(key);
    if (!query) {
      query = build(bind, shape).compile();
      if (this.compiled.size >= MAX_SHAPES) this.compiled.clear();
      this.compiled.set(key, query);
    }
    const parameters = query.parameters.map((p) => {
      if (!(p instanceof Placeholder)) return p;
      const value = values[p.name];
      if (value === undefined) throw new Error(`prepared query ${name}: no value for ${p.name}`);
      return value;
    });
    const result = await this.db.executeQuery<R>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  }
}
