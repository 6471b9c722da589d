/** Tells a unique-constraint violation apart from other database errors, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL: SQLSTATE 23505; SQLite (better-sqlite3): SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A unique constraint as both engines report it: its name (PostgreSQL) and its table and columns (SQLite). */
export interface UniqueConstraint {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
}

/**
 * Which of `constraints` a unique violation broke, or undefined (another constraint, or not a unique
 * violation). PostgreSQL names the constraint; SQLite lists its columns ("UNIQUE constraint failed: t.a, t.b").
 */
export function violatedConstraint<C extends UniqueConstraint>(
  error: unknown,
  constraints: readonly C[],
): C | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  if (typeof constraint === 'string') return constraints.find((c) => c.name === constraint);
  const failed = typeof message === 'string' ? /UNIQUE constraint failed: (.+)$/.exec(message)?.[1] : undefined;
  return constraints.find((c) => failed === c.columns.map((column) => `${c.table}.${column}`).join(', '));
}
