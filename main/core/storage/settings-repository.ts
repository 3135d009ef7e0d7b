import type { Database } from 'better-sqlite3';

/** The settings table: one JSON value per key. The only module that reads or writes it. */
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Changes whenever another connection (the CLI, another window's process) commits to the database;
   * with this connection's own writes, which go through writeMany, it says whether a cached read is stale.
   */
  externalVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  readAll(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  }

  writeMany(values: Record<string, unknown>, now = new Date()): void {
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value), now.toISOString());
    })();
  }
}
