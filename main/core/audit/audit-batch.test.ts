import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../plan/plan-schema';
import type { StepState } from '../plan/plan-runner';
import { RunRepository } from '../plan/run-repository';
import { openDatabase } from '../storage/database';
import { AuditLog } from './audit-log';
import { canonicalJson } from './canonical-json';
import { chainHash, chainHasher, entryText, GENESIS } from './chain-hash';
import { Redactor } from './redactor';

// appendBatched groups the events of one tick into one transaction; append stays committed on return.

function fileLog() {
  const db = openDatabase({ file: join(mkdtempSync(join(tmpdir(), 'reign-audit-batch-')), 'reign.db') });
  return { db, audit: new AuditLog(db, new Redactor()) };
}

const kinds = (db: ReturnType<typeof fileLog>['db']): string[] => db.prepare('SELECT kind FROM audit ORDER BY seq').pluck().all() as string[];

/** A real failure of SQLite in the middle of a transaction, as a full disk would give: the row of a marked event is refused. */
const failInsertsOf = (db: ReturnType<typeof fileLog>['db'], marker: string): void =>
  void db.exec(`CREATE TRIGGER refuse_marked BEFORE INSERT ON audit WHEN NEW.payload LIKE '%${marker}%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);

describe('AuditLog batched appends', () => {
  it('hashes exactly as chainHash does, with the entry text built from the stored payload', () => {
    const key = Buffer.alloc(32, 9);
    const hash = chainHasher(key);
    for (const entry of [
      { seq: 1, at: '2026-01-01T00:00:00.000Z', runId: null, kind: 'run.started', payload: { b: [1, { z: 'x', a: null }], a: 'é"\n' } },
      { seq: 42, at: '2026-01-01T00:00:01.000Z', runId: 'r-1', kind: 'step.output', payload: 'line' },
    ]) {
      expect(entryText(entry.seq, entry.at, entry.runId, entry.kind, canonicalJson(entry.payload))).toBe(canonicalJson(entry));
      expect(hash(GENESIS, canonicalJson(entry))).toBe(chainHash(key, GENESIS, entry));
    }
    // A key longer than the hash's block is hashed first, as HMAC says.
    const long = Buffer.alloc(100, 3);
    const entry = { seq: 2, at: 'a', runId: null, kind: 'k', payload: {} };
    expect(chainHasher(long)('p', canonicalJson(entry))).toBe(chainHash(long, 'p', entry));
  });

  it('writes the events of one tick in call order, before any later append, redacted, in a chain that verifies', async () => {
    const { db, audit } = fileLog();
    audit.appendBatched('step.output', { text: 'one password=hunter22-secret' }, 'run-1');
    audit.appendBatched('step.output', { text: 'two' }, 'run-1');
    const finished = audit.append('step.finished', { step: 's1' }, 'run-1');
    expect(finished.seq).toBe(3);
    expect(kinds(db)).toEqual(['step.output', 'step.output', 'step.finished']);
    audit.appendBatched('step.output', { text: 'three' }, 'run-1');
    await nextTick();
    expect(kinds(db)).toHaveLength(4);
    expect(JSON.stringify(db.prepare('SELECT payload FROM audit').pluck().all())).not.toContain('hunter22');
    expect(audit.verify()).toMatchObject({ ok: true, rows: 4 });
  });

  it('leaves a valid chain when a batch fails mid-way, and writes the whole batch once it can', async () => {
    const { db, audit } = fileLog();
    audit.append('run.started', { plan: 'p' }, 'run-1');
    failInsertsOf(db, 'third');
    for (const text of ['first', 'second', 'third', 'fourth']) audit.appendBatched('step.output', { text }, 'run-1');
    await nextTick();
    // The transaction was rolled back as a whole: no half batch, and the chain still ends at row 1.
    expect(kinds(db)).toEqual(['run.started']);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 1 });
    // A synchronous append cannot go ahead of the events queued before it: it reports the failure.
    expect(() => audit.append('step.finished', { step: 's1' }, 'run-1')).toThrow(/disk is full/);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 1 });
    db.exec('DROP TRIGGER refuse_marked');
    audit.append('step.finished', { step: 's1' }, 'run-1');
    expect((db.prepare('SELECT payload FROM audit ORDER BY seq').pluck().all() as string[]).map((payload) => (JSON.parse(payload) as { text?: string; step?: string }).text ?? (JSON.parse(payload) as { step: string }).step)).toEqual([
      undefined,
      'first',
      'second',
      'third',
      'fourth',
      's1',
    ]);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 6 });
  });

  it('leaves a valid chain when a synchronous append of several rows fails mid-way', () => {
    const { db, audit } = fileLog();
    audit.append('run.started', { plan: 'p' }, 'run-1');
    failInsertsOf(db, 'boom');
    expect(() => audit.append('step.output', { text: 'boom' }, 'run-1')).toThrow(/disk is full/);
    db.exec('DROP TRIGGER refuse_marked');
    expect(audit.append('step.finished', { step: 's1' }, 'run-1').seq).toBe(2);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('refuses a payload that cannot be journaled to its caller, and queues nothing of it', async () => {
    const { db, audit } = fileLog();
    audit.appendBatched('step.output', { text: 'before' }, 'run-1');
    expect(() => audit.appendBatched('step.output', { size: 10n }, 'run-1')).toThrow(/BigInt/);
    audit.appendBatched('step.output', { text: 'after' }, 'run-1');
    await nextTick();
    expect(kinds(db)).toEqual(['step.output', 'step.output']);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('commits what is queued when the core is disposed (flush), so a finished CLI loses no output', () => {
    const { db, audit } = fileLog();
    audit.appendBatched('step.output', { text: 'last line' }, 'run-1');
    audit.flush();
    expect(kinds(db)).toEqual(['step.output']);
    expect([...audit.entries('run-1')].map((entry) => entry.payload)).toEqual([{ text: 'last line' }]);
  });

  it('journals an undefined payload as null, and the chain verifies', () => {
    const { audit } = fileLog();
    audit.append('terminal.closed', undefined);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 1 });
  });

  it('journals the steps of a starting run in one commit, and still catches a step row edited behind its back', () => {
    const { db, audit } = fileLog();
    const runs = new RunRepository(db, new Redactor(), audit);
    const planId = runs.savePlan({ name: 'p', steps: [{ id: 'a', tool: 'shell.exec', input: {}, dependsOn: [] }] } as Plan);
    runs.createRun('run-1', planId, '/work');
    const state = (id: string) => ({ step: { id, tool: 'shell.exec', input: {}, dependsOn: [] } as PlanStep, status: 'pending', risk: 'read', target: null, input: { command: `echo ${id}` } }) as StepState;
    runs.saveSteps('run-1', [state('a'), state('b'), state('c')]);
    expect(kinds(db)).toEqual(['row.saved', 'row.saved', 'row.saved', 'row.saved', 'row.saved']);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 5 });
    db.prepare("UPDATE run_steps SET status = 'succeeded' WHERE step_id = 'b'").run();
    expect(audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/step "b" of run run-1 was changed outside Reign/) });
  });
});
