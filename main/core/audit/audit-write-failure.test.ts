import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep, setImmediate as nextTick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { AuditLog, AuditUnavailableError } from './audit-log';
import { MAX_QUEUED_ROWS } from './audit-write-failure';
import { headFileOf } from './head-file';
import { Redactor } from './redactor';

// What the audit log does when the disk refuses it: a committed row is never written twice, and a log that cannot be written says so at once.

function fileLog() {
  const file = join(mkdtempSync(join(tmpdir(), 'reign-audit-failure-')), 'reign.db');
  const db = openDatabase({ file });
  return { db, file, audit: new AuditLog(db, new Redactor()) };
}

type Db = ReturnType<typeof fileLog>['db'];
const kinds = (db: Db): string[] => db.prepare('SELECT kind FROM audit ORDER BY seq').pluck().all() as string[];
const texts = (db: Db): (string | undefined)[] => (db.prepare('SELECT payload FROM audit ORDER BY seq').pluck().all() as string[]).map((payload) => (JSON.parse(payload) as { text?: string }).text);

/** What verify notes of writes that failed (the other notes say where the key lives). */
const failureNotes = (audit: AuditLog): string[] => audit.verify().notes.filter((note) => /could not be (written|committed)/.test(note));

/** A real failure of SQLite inside the transaction, as a full disk gives: rows whose payload holds the marker are refused. */
const failInsertsOf = (db: Db, marker: string): void =>
  void db.exec(`CREATE TRIGGER refuse_marked BEFORE INSERT ON audit WHEN NEW.payload LIKE '%${marker}%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);

describe('AuditLog when the head file cannot be written', () => {
  it('keeps every committed event exactly once, reports the head file, and verifies once it can be written again', async () => {
    const { db, file, audit } = fileLog();
    audit.append('run.started', { plan: 'p' }, 'run-1');
    audit.flush();
    // The head file's path becomes a folder: renaming the new head over it fails, as a full disk or a locked file would.
    const head = headFileOf(file);
    rmSync(head);
    mkdirSync(head);
    // Not an assertion on time: past the head file's write interval, the next commit rewrites it at once, inside the append.
    await sleep(60);
    audit.appendBatched('step.output', { text: 'one' }, 'run-1');
    audit.appendBatched('step.output', { text: 'two' }, 'run-1');
    // Committed, so it must not throw: its caller would take the event as not journaled.
    expect(audit.append('step.finished', { step: 's1' }, 'run-1').seq).toBe(4);
    expect(audit.append('run.finished', {}, 'run-1').seq).toBe(5);
    audit.appendBatched('step.output', { text: 'three' }, 'run-1');
    await nextTick();
    expect(kinds(db)).toEqual(['run.started', 'step.output', 'step.output', 'step.finished', 'run.finished', 'step.output']);
    expect(texts(db)).toEqual([undefined, 'one', 'two', undefined, undefined, 'three']);
    // Reported where someone looks: flush (Core.dispose) throws it, naming the file and what to do.
    let thrown: unknown;
    try {
      audit.flush();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuditUnavailableError);
    expect((thrown as Error).message).toMatch(new RegExp(`head file ${head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be written .*covers the log only through row 1.*free disk space`));
    // Nothing was written twice by the retries.
    expect(kinds(db)).toHaveLength(6);
    rmSync(head, { recursive: true });
    audit.flush();
    expect(audit.verify()).toMatchObject({ ok: true, rows: 6 });
    expect(failureNotes(audit)).toEqual([]);
    // And a fresh open agrees with the head file now written.
    db.close();
    const reopened = openDatabase({ file });
    expect(new AuditLog(reopened, new Redactor()).verify()).toMatchObject({ ok: true, rows: 6 });
  });
});

describe('AuditLog when the database refuses the queued events', () => {
  it('fails fast with a clear error instead of queueing more, and writes what was queued once it can', async () => {
    const { db, audit } = fileLog();
    audit.append('run.started', { plan: 'p' }, 'run-1');
    failInsertsOf(db, 'third');
    for (const text of ['first', 'second', 'third']) audit.appendBatched('step.output', { text }, 'run-1');
    await nextTick();
    expect(kinds(db)).toEqual(['run.started']);
    const clear = /The audit log cannot be written: 3 queued events \(step output\) could not be committed to the database \(database or disk is full\).*free disk space/;
    // Every further line is refused at once, to its caller, rather than held in memory.
    for (let i = 0; i < 1_000; i++) expect(() => audit.appendBatched('step.output', { text: `more ${i}` }, 'run-1')).toThrow(clear);
    expect(() => audit.append('step.finished', { step: 's1' }, 'run-1')).toThrow(clear);
    expect(() => audit.flush()).toThrow(clear);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 1, notes: expect.arrayContaining([expect.stringMatching(clear)]) });
    db.exec('DROP TRIGGER refuse_marked');
    // The queue did not grow: the retry writes the three events queued before the failure, then this one.
    expect(audit.append('step.finished', { step: 's1' }, 'run-1').seq).toBe(5);
    expect(texts(db)).toEqual([undefined, 'first', 'second', 'third', undefined]);
    // Recovered: batching works again.
    audit.appendBatched('step.output', { text: 'fourth' }, 'run-1');
    await nextTick();
    expect(audit.verify()).toMatchObject({ ok: true, rows: 6 });
    expect(failureNotes(audit)).toEqual([]);
  });

  it('never holds more than MAX_QUEUED_ROWS events: past it they are committed at once', () => {
    const { db, audit } = fileLog();
    for (let i = 0; i <= MAX_QUEUED_ROWS; i++) audit.appendBatched('step.output', { text: `line ${i}` }, 'run-1');
    // Before the end of the tick, the first MAX_QUEUED_ROWS are already in the database.
    expect(kinds(db)).toHaveLength(MAX_QUEUED_ROWS);
    audit.flush();
    expect(audit.verify()).toMatchObject({ ok: true, rows: MAX_QUEUED_ROWS + 1 });
  });

  it('refuses the event that reaches the limit when the database refuses the queue, and queues nothing of it', () => {
    const { db, audit } = fileLog();
    failInsertsOf(db, 'line 0"');
    for (let i = 0; i < MAX_QUEUED_ROWS; i++) audit.appendBatched('step.output', { text: `line ${i}` }, 'run-1');
    expect(() => audit.appendBatched('step.output', { text: 'over' }, 'run-1')).toThrow(/5000 queued events .*disk is full/);
    db.exec('DROP TRIGGER refuse_marked');
    audit.flush();
    expect(kinds(db)).toHaveLength(MAX_QUEUED_ROWS);
    expect(texts(db)).not.toContain('over');
  });
});
