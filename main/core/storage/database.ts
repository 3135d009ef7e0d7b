import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, type Migration, migrations as allMigrations } from './migrations';
import { StorageError } from './storage-errors';

export interface OpenDatabaseOptions {
  readonly file: string;
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (or creates) the SQLite database in WAL mode and brings its schema up to date.
 * Refuses a database written by a newer Reign, and reports a corrupt one without touching it.
 */
export function openDatabase({ file, migrations = allMigrations }: OpenDatabaseOptions): Database {
  const latest = migrations.at(-1)?.version ?? LATEST_SCHEMA_VERSION;
  const isNew = file === ':memory:' || !existsSync(file);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });

  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: !isNew });
  } catch (error) {
    throw new StorageError('DB_UNOPENABLE', `Cannot open the database at ${file}: ${(error as Error).message}. Check that the folder is writable.`, { cause: error });
  }

  try {
    const version = readVersion(db, file);
    if (version > latest) {
      throw new StorageError(
        'DB_NEWER_VERSION',
        `The database at ${file} was written by a newer version of Reign (schema ${version}; this version knows up to ${latest}). ` +
          'Update Reign, or point REIGN_HOME at another folder. The database was not changed.',
      );
    }
    if (!isNew) checkIntegrity(db, file);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL cannot corrupt the database; a power cut may lose only the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, migrations, version, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function readVersion(db: Database, file: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw corrupt(file, error);
  }
}

function checkIntegrity(db: Database, file: string): void {
  let result: unknown;
  try {
    result = db.pragma('quick_check', { simple: true });
  } catch (error) {
    throw corrupt(file, error);
  }
  if (result !== 'ok') throw corrupt(file, new Error(String(result)));
}

function corrupt(file: string, cause: unknown): StorageError {
  return new StorageError(
    'DB_CORRUPT',
    `The database at ${file} is damaged or is not a Reign database (${(cause as Error).message}). ` +
      'Reign left it as it is. Move it aside (or restore a backup) and start Reign again to create a new one.',
    { cause },
  );
}

function applyMigrations(db: Database, migrations: readonly Migration[], from: number, file: string): void {
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    const apply = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new StorageError(
        'DB_MIGRATION_FAILED',
        `Migration ${migration.version} (${migration.name}) failed on ${file}: ${(error as Error).message}. The database was left at schema ${db.pragma('user_version', { simple: true })}.`,
        { cause: error },
      );
    }
  }
}
