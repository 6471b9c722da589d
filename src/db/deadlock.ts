/**
 * Tells a deadlock apart from other database errors. PostgreSQL aborts one of two transactions that wait
 * on each other's row locks (SQLSTATE 40P01); re-running it is safe. SQLite runs one writing transaction
 * at a time and never reports one.
 */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '40P01';
}
