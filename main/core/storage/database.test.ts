import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { LATEST_SCHEMA_VERSION, type Migration } from './migrations';

const tempFile = (): string => join(mkdtempSync(join(tmpdir(), 'reign-db-')), 'nested', 'reign.db');

describe('openDatabase', () => {
  it('creates the folder and the database in WAL mode with every migration applied', () => {
    const file = tempFile();
    const db = openDatabase({ file });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()).toBeTruthy();
    db.close();
  });

  it('applies only the migrations a database does not have yet, in order', () => {
    const file = tempFile();
    const applied: number[] = [];
    const step = (version: number): Migration => ({ version, name: `m${version}`, up: (db) => (applied.push(version), db.exec(`CREATE TABLE t${version} (x)`)) });
    openDatabase({ file, migrations: [step(1), step(2)] }).close();
    const db = openDatabase({ file, migrations: [step(1), step(2), step(3)] });
    expect(applied).toEqual([1, 2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('rolls back a failing migration and says which one, leaving the earlier schema', () => {
    const file = tempFile();
    const broken: Migration = { version: 2, name: 'broken', up: (db) => (db.exec('CREATE TABLE half (x)'), db.exec('NOT SQL')) };
    openDatabase({ file, migrations: [{ version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE one (x)') }] }).close();
    expect(() => openDatabase({ file, migrations: [{ version: 1, name: 'one', up: () => {} }, broken] })).toThrow(/Migration 2 \(broken\) failed.*left at schema 1/);
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    raw.close();
  });

  it('refuses a database from a newer version of Reign and does not change it', () => {
    const file = tempFile();
    openDatabase({ file }).close();
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase({ file })).toThrow(/written by a newer version of Reign.*Update Reign/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a corrupt file and leaves it exactly as it was', () => {
    const file = tempFile();
    openDatabase({ file }).close();
    const garbage = Buffer.from('this is not a sqlite database, just some text that happens to be here '.repeat(100));
    writeFileSync(file, garbage);
    expect(() => openDatabase({ file })).toThrow(expect.objectContaining({ code: 'DB_CORRUPT', message: expect.stringMatching(/damaged.*left it as it is.*Move it aside/) }));
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });
});
