import type { Database } from 'better-sqlite3';

/**
 * The tables the audit log reads and writes: its own rows and head, and the run tables whose rows
 * it journals. If one is dropped the log cannot be continued or checked, and says so instead of
 * failing on the first SQL statement.
 */
export const AUDIT_TABLES = ['audit', 'audit_head', 'plans', 'runs', 'run_steps'] as const;

export function missingTables(db: Database, names: readonly string[] = AUDIT_TABLES): string[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return names.filter((name) => !present.has(name));
}

export function missingTableProblem(missing: readonly string[]): string {
  const names = missing.map((name) => `"${name}"`).join(', ');
  return (
    `the table${missing.length > 1 ? 's' : ''} ${names} ${missing.length > 1 ? 'are' : 'is'} missing from the database (dropped?), so the audit log cannot be checked or continued. ` +
    'Restore reign.db from a backup; if there is none, move reign.db and the files beside it aside (keep them as evidence) and start Reign to begin a new log.'
  );
}
