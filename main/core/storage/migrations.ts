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
  {
    version: 2,
    name: 'plans and runs',
    up: (db) => {
      db.exec(`
        CREATE TABLE plans (
          id         TEXT PRIMARY KEY,
          created_at TEXT NOT NULL,
          plan_json  TEXT NOT NULL
        ) STRICT;
        CREATE TABLE runs (
          id          TEXT PRIMARY KEY,
          plan_id     TEXT NOT NULL REFERENCES plans(id),
          workspace   TEXT NOT NULL,
          status      TEXT NOT NULL,
          pid         INTEGER NOT NULL,
          started_at  TEXT NOT NULL,
          ended_at    TEXT
        ) STRICT;
        CREATE TABLE run_steps (
          run_id        TEXT NOT NULL REFERENCES runs(id),
          step_id       TEXT NOT NULL,
          tool          TEXT NOT NULL,
          status        TEXT NOT NULL,
          risk          TEXT NOT NULL,
          target_json   TEXT,
          input_json    TEXT NOT NULL,
          output_json   TEXT,
          error_json    TEXT,
          snapshot_json TEXT,
          updated_at    TEXT NOT NULL,
          PRIMARY KEY (run_id, step_id)
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'audit log',
    up: (db) => {
      db.exec(`
        CREATE TABLE audit (
          seq        INTEGER PRIMARY KEY,
          at         TEXT NOT NULL,
          run_id     TEXT,
          kind       TEXT NOT NULL,
          payload    TEXT NOT NULL,
          prev_hash  TEXT NOT NULL,
          hash       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX audit_run ON audit(run_id);
        -- The newest row's seq and hash, written with every append, so removing rows from the end is caught too.
        CREATE TABLE audit_head (
          id   INTEGER PRIMARY KEY CHECK (id = 1),
          seq  INTEGER NOT NULL,
          hash TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    name: 'conversations',
    up: (db) => {
      db.exec(`
        CREATE TABLE conversations (
          id          TEXT PRIMARY KEY,
          title       TEXT NOT NULL,
          provider    TEXT NOT NULL,
          model       TEXT NOT NULL,
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        ) STRICT;
        CREATE TABLE conversation_messages (
          conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
          seq             INTEGER NOT NULL,
          role            TEXT NOT NULL,
          content_json    TEXT NOT NULL,
          usage_json      TEXT,
          cost_usd        REAL,
          created_at      TEXT NOT NULL,
          PRIMARY KEY (conversation_id, seq)
        ) STRICT;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
