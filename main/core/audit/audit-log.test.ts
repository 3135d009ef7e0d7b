import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/database';
import { AuditLog } from './audit-log';
import { Redactor } from './redactor';
import { sampleSecrets } from '../../../e2e/fixtures/sample-secrets';

function logWith(rows: number) {
  const db = openDatabase({ file: ':memory:' });
  const audit = new AuditLog(db, new Redactor());
  for (let i = 1; i <= rows; i++) audit.append('step.finished', { step: `s${i}`, ms: i }, 'run-1');
  return { db, audit };
}

describe('AuditLog', () => {
  it('verifies an untouched chain, also after reopening', () => {
    const { db, audit } = logWith(5);
    expect(audit.verify()).toEqual({ ok: true, rows: 5, keyedBy: 'memory', notes: [] });
    const reopened = new AuditLog(db, new Redactor());
    reopened.append('run.finished', { status: 'succeeded' }, 'run-1');
    expect(reopened.verify()).toMatchObject({ ok: true, rows: 6 });
  });

  it('continues one chain when two processes append to the same log (reign mcp beside the app)', () => {
    const { db, audit } = logWith(2);
    const other = new AuditLog(db, new Redactor());
    other.append('mcp.call', { tool: 'files.read' }, null);
    audit.append('step.finished', { step: 's3' }, 'run-1');
    other.append('mcp.call', { tool: 'files.write' }, null);
    expect(db.prepare('SELECT seq FROM audit ORDER BY seq').pluck().all()).toEqual([1, 2, 3, 4, 5]);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 5 });
  });

  it('detects an edited row and names it', () => {
    const { db, audit } = logWith(5);
    db.prepare("UPDATE audit SET payload = '{\"ms\":999,\"step\":\"s3\"}' WHERE seq = 3").run();
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 3, problem: expect.stringMatching(/row 3 was edited/) });
  });

  it('detects an edited row even when its own hash was recomputed (the next row no longer follows)', () => {
    const { db, audit } = logWith(5);
    db.prepare("UPDATE audit SET kind = 'step.undone', hash = 'f'||substr(hash, 2) WHERE seq = 2").run();
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 2 });
  });

  it('detects a deleted row in the middle and at the end', () => {
    const middle = logWith(5);
    middle.db.prepare('DELETE FROM audit WHERE seq = 2').run();
    expect(middle.audit.verify()).toMatchObject({ ok: false, badSeq: 3, problem: expect.stringMatching(/row 2 is missing/) });
    const end = logWith(5);
    end.db.prepare('DELETE FROM audit WHERE seq >= 4').run();
    expect(end.audit.verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/rows 4…5 are missing/) });
  });

  it('detects reordered rows', () => {
    const { db, audit } = logWith(4);
    db.exec('UPDATE audit SET seq = -2 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -2;');
    expect(audit.verify()).toMatchObject({ ok: false, badSeq: 2 });
  });

  it('never stores a secret from the sample tokens', () => {
    const db = openDatabase({ file: ':memory:' });
    const audit = new AuditLog(db, new Redactor());
    for (const secret of sampleSecrets) audit.append('step.output', { text: `log line with ${secret} inside`, nested: [{ env: `TOKEN=${secret}` }] }, 'run-2');
    const stored = JSON.stringify(db.prepare('SELECT * FROM audit').all());
    for (const secret of sampleSecrets) expect(stored).not.toContain(secret.split('\n')[1] ?? secret);
    expect(audit.verify().ok).toBe(true);
  });
});
