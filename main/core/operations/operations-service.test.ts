import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinTools, familyVerbs } from '../../../e2e/fixtures/family-tools';
import { AuditLog } from '../audit/audit-log';
import { Redactor } from '../audit/redactor';
import { RunRepository } from '../plan/run-repository';
import type { RunEvent } from '../plan/run-events';
import { PolicyEngine } from '../policy/policy-engine';
import { createShellAnalyzer } from '../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import { openDatabase } from '../storage/database';
import { ToolRegistry } from '../tools/tool-registry';
import { OperationsService } from './operations-service';

let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});

function setup() {
  const db = openDatabase({ file: ':memory:' });
  const redactor = new Redactor();
  redactor.addSecret('hunter2-secret-value');
  const audit = new AuditLog(db, redactor);
  const runs = new RunRepository(db, redactor);
  const operations = new OperationsService({ registry: new ToolRegistry().register(...builtinTools), policy: new PolicyEngine(), shell: async () => shell, runs, audit, redactor });
  return { operations, audit, runs, workspace: realpathSync(mkdtempSync(join(tmpdir(), 'reign-ops-'))) };
}

describe('OperationsService', () => {
  it('runs a plan journaled (audit and run history), its events redacted for the caller, and undoes it', async () => {
    const { operations, audit, runs, workspace } = setup();
    const seen: RunEvent[] = [];
    const plan = { steps: [{ id: 'w', tool: 'files.write', input: { path: 'a.txt', content: 'pw=hunter2-secret-value' }, dependsOn: [] }, { id: 'c', tool: 'shell.exec', input: { command: 'cat a.txt' }, dependsOn: ['w'] }] };
    const result = await operations.run({ plan, workspace, approveUpTo: 'write' }, (event) => seen.push(event));
    expect(result.status).toBe('succeeded');
    expect(JSON.stringify(seen)).not.toContain('hunter2-secret-value');
    expect(seen.some((event) => event.type === 'step.output' && event.text.includes('[REDACTED'))).toBe(true);
    expect([...audit.entries(result.runId)].map((entry) => entry.kind)).toEqual(expect.arrayContaining(['run.started', 'step.classified', 'step.approval', 'run.finished']));
    expect(runs.run(result.runId)?.status).toBe('succeeded');
    const undone: string[] = [];
    expect(await operations.undo(result.runId, process.env, (event) => undone.push(event.text))).toEqual({ ok: true, failures: 0 });
    expect(undone.join('\n')).toMatch(/w undone/);
    expect(() => readFileSync(join(workspace, 'a.txt'))).toThrow();
  });

  it('redacts a token a step prints in two pieces, in the journal and for the caller, and loses none of the output', async () => {
    const { operations, audit, workspace } = setup();
    const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
    const seen: RunEvent[] = [];
    // Two writes with a pause between them arrive as two chunks.
    const command = `printf 'token: ${token.slice(0, 15)}'; sleep 0.2; printf '${token.slice(15)} done\\n'`;
    const result = await operations.run({ plan: { steps: [{ id: 'p', tool: 'shell.exec', input: { command }, dependsOn: [] }] }, workspace, approveUpTo: 'write' }, (event) => seen.push(event));
    expect(result.status).toBe('succeeded');
    const printed = seen.filter((event) => event.type === 'step.output' && event.stream === 'stdout').map((event) => (event as { text: string }).text).join('');
    expect(printed).toBe('token: [REDACTED github token] done\n');
    const journaled = [...audit.entries(result.runId)].filter((entry) => entry.kind === 'step.output').map((entry) => JSON.stringify(entry.payload)).join('');
    for (const piece of [token.slice(0, 15), token.slice(15), token.slice(4, 15)]) {
      expect(JSON.stringify(seen)).not.toContain(piece);
      expect(journaled).not.toContain(piece);
    }
  });

  it('keeps an inbox of plans waiting for approval, per caller, answered once and withdrawn when the caller stops', async () => {
    const { operations } = setup();
    const first = operations.awaitApproval<{ steps: string[] }, string>('chat:1', 'write two files', { steps: ['a', 'b'] });
    const second = operations.awaitApproval('resources', 'stop web', { steps: ['stop'] });
    expect(operations.inbox().map((entry) => [entry.caller, entry.summary])).toEqual([['chat:1', 'write two files'], ['resources', 'stop web']]);
    expect(operations.inbox('chat:1')[0]!.proposal).toEqual({ steps: ['a', 'b'] });
    expect(operations.answer(first.id, 'approved')).toBe(true);
    expect(await first.answer).toBe('approved');
    expect(operations.answer(first.id, 'again')).toBe(false);
    operations.withdraw('resources');
    expect(operations.inbox()).toEqual([]);
    expect(operations.answer(second.id, 'late')).toBe(false);
  });
});
