import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanStep } from '../plan/plan-schema';
import type { StepState } from '../plan/plan-runner';
import { RunRepository } from '../plan/run-repository';
import { openDatabase } from '../storage/database';
import { AuditLog, AuditUnavailableError } from './audit-log';
import { canonicalJson } from './canonical-json';
import { chainHash, GENESIS } from './chain-hash';
import { Redactor } from './redactor';

// Attacks by someone who can edit reign.db (and the files beside it) but does not hold the chain key.

function fileLog(rows: number) {
  const file = join(mkdtempSync(join(tmpdir(), 'reign-audit-')), 'reign.db');
  const db = openDatabase({ file });
  const audit = new AuditLog(db, new Redactor());
  for (let i = 1; i <= rows; i++) audit.append('step.finished', { step: `s${i}`, ms: i }, 'run-1');
  // As when Reign ends (Core.dispose): the head file covers every row appended.
  audit.flush();
  return { file, db, audit, reopen: () => new AuditLog(db, new Redactor()) };
}

function withRun(db: Database, audit: AuditLog) {
  const runs = new RunRepository(db, new Redactor(), audit);
  const planId = runs.savePlan({ name: 'p', steps: [{ id: 's1', tool: 'shell.exec', input: { command: 'echo hi' } }] } as unknown as Plan);
  runs.createRun('run-1', planId, '/work');
  const state = { step: { id: 's1', tool: 'shell.exec', input: {} } as unknown as PlanStep, status: 'running', risk: 'read', target: null, input: { command: 'echo hi' } } as StepState;
  runs.saveStep('run-1', state);
  runs.saveStep('run-1', { ...state, status: 'failed', error: { code: 'EXIT', message: 'exit 1' } });
  runs.finishRun('run-1', 'failed');
  return runs;
}

/** Rewrites rows from..through the way the unkeyed chain did (and the database head row), as a forger without the key would. */
function rechainUnkeyed(db: Database, from: number, through = Number.MAX_SAFE_INTEGER): void {
  let prev = from === 1 ? GENESIS : (db.prepare('SELECT hash FROM audit WHERE seq = ?').pluck().get(from - 1) as string);
  for (const row of db.prepare('SELECT * FROM audit WHERE seq >= ? AND seq <= ? ORDER BY seq').all(from, through) as Record<string, string | number | null>[]) {
    const hash = chainHash(null, prev, { seq: Number(row.seq), at: String(row.at), runId: (row.run_id as string | null) ?? null, kind: String(row.kind), payload: JSON.parse(String(row.payload)) });
    db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
    prev = hash;
  }
  db.prepare('INSERT OR REPLACE INTO audit_head (id, seq, hash) VALUES (1, (SELECT max(seq) FROM audit), (SELECT hash FROM audit ORDER BY seq DESC LIMIT 1))').run();
}

describe('AuditLog against tampering', () => {
  it('two processes appending to one log never move the head file back (the later, shorter head is not written)', () => {
    const { db, audit, reopen } = fileLog(3);
    const other = reopen();
    other.append('mcp.call', { tool: 'files.read' }, null);
    other.append('mcp.call', { tool: 'files.read' }, null);
    other.flush();
    // The first process still thinks the log ends where it last appended; its late head write is skipped.
    (audit as unknown as { headDue: NodeJS.Timeout | null }).headDue = setTimeout(() => undefined, 0);
    audit.flush();
    expect(reopen().verify()).toMatchObject({ ok: true, rows: 5 });
    db.prepare('DELETE FROM audit WHERE seq = 5').run();
    expect(reopen().verify()).toMatchObject({ ok: false });
  });

  it('verifies a clean log, keyed, with a signed head file beside the database', () => {
    const { file, db, audit, reopen } = fileLog(5);
    withRun(db, audit);
    expect(audit.verify()).toMatchObject({ ok: true, keyedBy: 'key file' });
    const again = reopen();
    again.append('run.finished', { status: 'failed' }, 'run-1');
    expect(again.verify()).toMatchObject({ ok: true, keyedBy: 'key file' });
    const head = JSON.parse(readFileSync(`${file}.audit-head`, 'utf8')) as Record<string, unknown>;
    expect(head).toMatchObject({ seq: db.prepare('SELECT max(seq) FROM audit').pluck().get(), keyedBy: 'key file', mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(statSync(`${file}.audit-key`).mode & 0o777).toBe(0o600);
  });

  it('detects the newest rows deleted with the database head row updated to match', () => {
    const { db, audit, reopen } = fileLog(5);
    db.exec('DELETE FROM audit WHERE seq >= 4; UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit WHERE seq = 3) WHERE id = 1;');
    expect(audit.verify()).toMatchObject({ ok: false, cause: 'tampered', problem: expect.stringMatching(/rows 4…5 are missing.*head file/) });
    // Opening the log again (as `reign audit verify` does) records what it found, so later appends cannot hide it.
    const again = reopen();
    again.append('step.finished', { step: 'later' }, 'run-1');
    expect(again.verify()).toMatchObject({ ok: false, badSeq: 4, problem: expect.stringMatching(/when Reign opened the log.*recorded row 5/) });
  });

  it('detects every row deleted, the database head row included', () => {
    const { db, audit, reopen } = fileLog(5);
    db.exec('DELETE FROM audit; DELETE FROM audit_head;');
    expect(audit.verify()).toMatchObject({ ok: false, cause: 'tampered', problem: expect.stringMatching(/all 5 rows were deleted/) });
    expect(reopen().verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/ended at row 0 but the head file recorded row 5/) });
  });

  it('detects a row edited and the chain recomputed the unkeyed way', () => {
    const { db, audit } = fileLog(5);
    db.prepare('UPDATE audit SET payload = ? WHERE seq = 2').run(canonicalJson({ ms: 0, step: 's2' }));
    rechainUnkeyed(db, 2);
    expect(audit.verify()).toMatchObject({ ok: false, cause: 'tampered', badSeq: 2, problem: expect.stringMatching(/row 2 was rewritten by someone without the chain key/) });
  });

  it('detects a step row edited after it was journaled, naming the run and the step', () => {
    const { db, audit } = fileLog(2);
    withRun(db, audit);
    expect(audit.verify().ok).toBe(true);
    db.prepare("UPDATE run_steps SET status = 'succeeded', error_json = NULL, output_json = '{\"stdout\":\"fine\"}' WHERE run_id = 'run-1' AND step_id = 's1'").run();
    expect(audit.verify()).toMatchObject({ ok: false, cause: 'tampered', problem: expect.stringMatching(/step "s1" of run run-1 was changed outside Reign/) });
  });

  it('detects a run row edited, added or deleted behind its back', () => {
    const edited = fileLog(1);
    withRun(edited.db, edited.audit);
    edited.db.prepare("UPDATE runs SET status = 'succeeded' WHERE id = 'run-1'").run();
    expect(edited.audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/run run-1 was changed outside Reign/) });
    const added = fileLog(1);
    withRun(added.db, added.audit);
    const planId = added.db.prepare('SELECT id FROM plans').pluck().get() as string;
    added.db.prepare("INSERT INTO runs (id, plan_id, workspace, status, pid, started_at) VALUES ('run-forged', ?, '/w', 'succeeded', 1, '2020-01-01')").run(planId);
    expect(added.audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/run run-forged is not in the audit chain/) });
    const deleted = fileLog(1);
    withRun(deleted.db, deleted.audit);
    deleted.db.exec("DELETE FROM run_steps WHERE run_id = 'run-1'");
    expect(deleted.audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/step "s1" of run run-1 was deleted/) });
  });

  it('reports a dropped table, naming it, instead of throwing', () => {
    const { db, audit, reopen } = fileLog(3);
    db.exec('DROP TABLE run_steps');
    expect(audit.verify()).toMatchObject({ ok: false, cause: 'unverifiable', problem: expect.stringMatching(/table "run_steps" is missing.*Restore reign.db from a backup/) });
    db.exec('DROP TABLE audit');
    const again = reopen();
    expect(again.verify()).toMatchObject({ ok: false, cause: 'unverifiable', problem: expect.stringMatching(/tables "audit", "run_steps" are missing/) });
    expect(() => again.append('x', {})).toThrow(AuditUnavailableError);
  });

  it('reports a head file that was edited (its signature no longer holds)', () => {
    const { file, audit } = fileLog(3);
    const head = JSON.parse(readFileSync(`${file}.audit-head`, 'utf8')) as Record<string, unknown>;
    writeFileSync(`${file}.audit-head`, JSON.stringify({ ...head, seq: 2 }));
    expect(audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/head file .* is not signed with this log's key/) });
  });

  it('still verifies a log written before the chain was keyed, saying so, and catches a rewrite of those rows', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'reign-audit-')), 'reign.db');
    const db = openDatabase({ file });
    // Rows as the unkeyed chain wrote them, and a run row from then.
    for (let seq = 1; seq <= 3; seq++) db.prepare("INSERT INTO audit (seq, at, run_id, kind, payload, prev_hash, hash) VALUES (?, '2024-01-01T00:00:00.000Z', NULL, 'old', ?, '', '')").run(seq, canonicalJson({ n: seq }));
    rechainUnkeyed(db, 1);
    db.exec("INSERT INTO plans VALUES ('plan-0', '2024-01-01', '{}'); INSERT INTO runs VALUES ('run-0', 'plan-0', '/w', 'succeeded', 1, '2024-01-01', '2024-01-01');");
    const audit = new AuditLog(db, new Redactor());
    audit.append('new', { n: 4 });
    expect(audit.verify()).toMatchObject({ ok: true, notes: expect.arrayContaining([expect.stringMatching(/rows 1…3 were written before the chain was keyed/)]) });
    // A forger rewrites an old row and re-chains the old rows: the first keyed row no longer follows.
    db.prepare('UPDATE audit SET payload = ? WHERE seq = 2').run(canonicalJson({ n: 20 }));
    rechainUnkeyed(db, 2, 3);
    expect(audit.verify()).toMatchObject({ ok: false, cause: 'tampered', badSeq: 4, problem: expect.stringMatching(/row 4 does not follow row 3/) });
  });
});
