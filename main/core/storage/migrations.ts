import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}

/**
 * Numbered migrations, applied in order on start. Never edit one that has shipped:
 * add the next number. PRAGMA user_version records the last one applied.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    up: (db) => {
      db.exec(`
        CREATE TABLE settings (
          key        TEXT PRIMARY KEY,
          value      TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
