import { describe, expect, it } from 'vitest';
import type { ProposedPlan, ProposedStep } from '../agent/agent-session';
import type { Reapproval } from '../plan/ask-again';
import { EvalApprover } from './eval-approver';

const step = (id: string, risk: ProposedStep['risk'], target: string, extra: Partial<ProposedStep> = {}): ProposedStep => ({ id, tool: extra.tool ?? 'kubernetes.scale', input: {}, dependsOn: [], risk, reasons: [], target: { kind: 'kubernetes', id: target, label: target }, decision: 'ask', confirmation: null, preview: { kind: 'text', text: '' }, undoable: true, contentHash: `hash-${id}`, ...extra });
const plan = (...steps: ProposedStep[]): ProposedPlan => ({ proposalId: 'p1', summary: 's', steps });
const question = (target: string, risk: Reapproval['risk'] = 'write', tool = 'kubernetes.scale'): Reapproval => ({ runId: 'r', step: 'a', tool, why: 'the namespace is known only now', risk, reasons: [], target: { kind: 'kubernetes', id: target, label: target }, confirmation: null, contentHash: null, preview: { kind: 'text', text: '' } });

describe('the approvals of an evaluation', () => {
  const task = { name: 't', approve: 'write' as const, scope: ['kubernetes:ctx/mine'] };

  it('approves each step within the task, bound to its target, risk and content; refuses what is outside its scope; leaves the rest waiting', () => {
    const approver = new EvalApprover(task, '/tmp/ws');
    const answer = approver.answerPlan(plan(step('a', 'write', 'kubernetes:ctx/mine'), step('b', 'write', 'kubernetes:ctx/other'), step('c', 'destructive', 'kubernetes:ctx/mine'), step('d', 'read', 'kubernetes:ctx/*')));
    // Nothing is approved by level alone: a step whose target changes later is asked about again.
    expect(answer.approveUpTo).toBeNull();
    expect(answer.decisions!.get('a')).toMatchObject({ decision: 'approve', targetId: 'kubernetes:ctx/mine', risk: 'write', contentHash: 'hash-a' });
    expect(answer.decisions!.get('b')).toMatchObject({ decision: 'reject', source: "reign eval: kubernetes:ctx/other is outside the task's scope" });
    expect(answer.decisions!.has('c')).toBe(false);
    expect(approver.outOfScope).toEqual(["kubernetes.scale (write on kubernetes:ctx/other) was refused: kubernetes:ctx/other is outside the task's scope"]);
  });

  it('refuses a changing shell command unless the task names shell in its scope, since it can reach any target', () => {
    const shell = step('s', 'write', 'workspace:/tmp/ws', { tool: 'shell.exec', shellCommand: 'kubectl scale deploy web -n other --replicas=1' });
    const strict = new EvalApprover(task, '/tmp/ws');
    expect(strict.answerPlan(plan(shell)).decisions!.get('s')).toMatchObject({ decision: 'reject' });
    expect(strict.outOfScope[0]).toMatch(/a write shell command could reach any target, and the task's scope does not name shell/);
    // Asked again at run time, the same tool is still a shell command.
    expect(strict.askAgain(question('workspace:/tmp/ws', 'write', 'shell.exec'))).toMatchObject({ decision: 'reject' });
    const allowing = new EvalApprover({ ...task, scope: [...task.scope, 'shell'] }, '/tmp/ws');
    expect(allowing.answerPlan(plan(shell)).decisions!.get('s')).toMatchObject({ decision: 'approve', targetId: 'workspace:/tmp/ws' });
  });

  it('asked again about a step resolved at run time: approves it only in scope and within the task\'s risk', () => {
    const approver = new EvalApprover(task, '/tmp/ws');
    expect(approver.askAgain(question('kubernetes:ctx/mine'))).toMatchObject({ decision: 'approve' });
    expect(approver.askAgain(question('kubernetes:ctx/other'))).toMatchObject({ decision: 'reject' });
    expect(approver.askAgain(question('kubernetes:ctx/mine', 'destructive'))).toMatchObject({ decision: 'reject', source: expect.stringContaining("beyond the task's approval (write)") });
    expect(approver.outOfScope).toHaveLength(1);
  });
});
