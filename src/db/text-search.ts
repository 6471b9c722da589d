/** Case-insensitive substring search that reads the same on SQLite and PostgreSQL. */
import { type RawBuilder, sql } from 'kysely';
import type { Capabilities } from './database.js';

/** `%text%` with LIKE's wildcards in the text escaped (the escape character is a backslash). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True when any of the columns contains the pattern (from containsPattern), ignoring case. */
export function anyColumnContains(
  capabilities: Capabilities,
  columns: readonly string[],
  pattern: unknown,
): RawBuilder<boolean> {
  const like = sql.raw(capabilities.caseInsensitiveLike);
  const tests = columns.map((column) => sql`${sql.ref(column)} ${like} ${pattern} escape '\\'`);
  return sql<boolean>`(${sql.join(tests, sql` or `)})`;
}
