import { describe, expect, it } from 'vitest';
import type { ProposedPlanView, ProposedStepView } from '../../../preload/contract';
import { allowCriticalStep, applyRunEvent, approveUpTo, choose, planView, replaceStep } from './plan-view';

const step = (id: string, risk: ProposedStepView['risk'], decision = 'ask', extra: Partial<ProposedStepView> = {}): ProposedStepView => ({
  id, tool: 'shell.exec', input: { command: id }, dependsOn: [], risk, reasons: [], target: { kind: 'docker', id: 'docker:default', label: 'default' }, decision, confirmation: null, preview: { kind: 'text', text: id }, undoable: true, ...extra,
});
const plan: ProposedPlanView = { proposalId: 'p1', summary: 'stack', steps: [step('look', 'read', 'allow'), step('net', 'write'), step('wipe', 'destructive'), step('nuke', 'critical', 'deny')] };

describe('plan view', () => {
  it('starts from the policy: allowed steps approved, others waiting for the person, denied ones refused', () => {
    const view = planView('c1', plan);
    expect(view.order.map((id) => view.steps[id]!.status)).toEqual(['approved', 'needs-approval', 'needs-approval', 'denied']);
  });

  it('approves up to a risk level without touching riskier or denied steps, and a denied step cannot be approved', () => {
    let view = approveUpTo(planView('c1', plan), 'write');
    expect(view.order.map((id) => view.steps[id]!.status)).toEqual(['approved', 'approved', 'needs-approval', 'denied']);
    view = choose(view, 'nuke', 'approve');
    expect(view.steps.nuke!.status).toBe('denied');
    view = choose(view, 'wipe', 'reject');
    expect(view.steps.wipe!.status).toBe('rejected');
  });

  it('an edited step loses its approval and takes its new classification', () => {
    const view = replaceStep(choose(planView('c1', plan), 'net', 'approve'), step('net', 'destructive', 'ask', { input: { command: 'rm -rf x' } }));
    expect(view.steps.net).toMatchObject({ risk: 'destructive', status: 'needs-approval', choice: null, edited: true, input: { command: 'rm -rf x' } });
  });

  it('shows a step classified again with its resolved input: its real risk and target, waiting for approval, and why', () => {
    let view = { ...planView('c1', plan), submitted: true };
    view = applyRunEvent(view, { type: 'run.started', runId: 'r1' });
    view = applyRunEvent(view, { type: 'step.reclassified', runId: 'r1', step: 'net', risk: 'destructive', target: { kind: 'docker', id: 'docker:prod', label: 'prod' } });
    view = applyRunEvent(view, { type: 'step.needs-approval', runId: 'r1', step: 'net', why: 'destructive step, above what was approved' });
    expect(view.steps.net).toMatchObject({ risk: 'destructive', target: { id: 'docker:prod' }, status: 'needs-approval', error: 'destructive step, above what was approved' });
    expect(view.log.at(-1)).toBe('net classified again with its resolved input: destructive on prod');
  });

  it('follows only its own run: status, output and the rollback step by step', () => {
    let view = { ...planView('c1', plan), submitted: true };
    view = applyRunEvent(view, { type: 'run.started', runId: 'r1' });
    view = applyRunEvent(view, { type: 'run.started', runId: 'other' });
    view = applyRunEvent(view, { type: 'step.started', runId: 'other', step: 'net' });
    expect(view.steps.net!.status).toBe('needs-approval');
    view = applyRunEvent(view, { type: 'step.started', runId: 'r1', step: 'net' });
    view = applyRunEvent(view, { type: 'step.output', runId: 'r1', step: 'net', stream: 'stdout', text: 'created\n' });
    view = applyRunEvent(view, { type: 'step.finished', runId: 'r1', step: 'net', status: 'succeeded' });
    view = applyRunEvent(view, { type: 'step.finished', runId: 'r1', step: 'wipe', status: 'failed', error: { code: 'X', message: 'boom' } });
    view = applyRunEvent(view, { type: 'rollback.started', runId: 'r1', steps: ['net'] });
    view = applyRunEvent(view, { type: 'step.undone', runId: 'r1', step: 'net', ok: true });
    view = applyRunEvent(view, { type: 'run.finished', runId: 'r1', status: 'rolled-back' });
    expect(view.steps.net).toMatchObject({ status: 'undone', output: ['created\n'] });
    expect(view.steps.wipe).toMatchObject({ status: 'failed', error: 'boom' });
    expect(view.runStatus).toBe('rolled-back');
    expect(view.log).toEqual(['Run started', 'wipe failed: boom', 'Rolling back net', '↺ net undone', 'Run rolled-back']);
  });
});

describe('a critical step allowed for this run', () => {
  it('can be approved only once the person lifted its refusal, and only that step', () => {
    let view = allowCriticalStep(planView('c1', plan), 'nuke', true);
    expect(view.steps.nuke).toMatchObject({ status: 'needs-approval', allowCritical: true });
    view = approveUpTo(view, 'destructive');
    expect(view.steps.nuke!.status).toBe('needs-approval');
    view = approveUpTo(view, 'critical');
    expect(view.steps.nuke!.status).toBe('approved');
    expect(allowCriticalStep(view, 'nuke', false).steps.nuke).toMatchObject({ status: 'denied', choice: null });
    // A step the policy refuses that is not critical (a rule) stays refused.
    const ruled = planView('c1', { ...plan, steps: [step('rule', 'destructive', 'deny')] });
    expect(allowCriticalStep(ruled, 'rule', true).steps.rule!.status).toBe('denied');
  });
});

describe('a step the running plan asks about again', () => {
  it('shows what it is now and waits, until it is approved', () => {
    let view = { ...planView('c1', plan), submitted: true };
    view = applyRunEvent(view, { type: 'run.started', runId: 'r1' });
    const target = { kind: 'kubernetes', id: 'kubernetes:kind/prod', label: 'kind/prod' };
    view = applyRunEvent(view, { type: 'step.needs-approval', runId: 'r1', step: 'net', risk: 'write', why: 'kind/prod is marked production', waiting: { reasons: ['deploys'], target, confirmation: 'kind/prod', preview: { kind: 'text', text: 'deploy to prod' } } });
    expect(view.steps.net).toMatchObject({ status: 'needs-approval', waiting: true, target, confirmation: 'kind/prod', preview: { text: 'deploy to prod' } });
    expect(view.log.at(-1)).toMatch(/net waits for you: kind\/prod is marked production/);
    view = applyRunEvent(view, { type: 'step.approval', runId: 'r1', step: 'net', decision: 'approve' });
    expect(view.steps.net).toMatchObject({ status: 'approved', waiting: false });
  });
});

describe('a rollback whose undo waits for approval', () => {
  it('is not shown as a failed undo, and the log says it is not done yet', () => {
    let view = { ...planView('c1', plan), submitted: true };
    view = applyRunEvent(view, { type: 'run.started', runId: 'r1' });
    view = applyRunEvent(view, { type: 'step.undone', runId: 'r1', step: 'net', ok: false, error: 'Not undone yet: approve the destroy plan undo-x', waitsForApproval: true });
    expect(view.steps.net).toMatchObject({ status: 'undo-failed', undoWaits: true });
    expect(view.log.at(-1)).toBe('… net could not be undone yet: Not undone yet: approve the destroy plan undo-x');
  });
});
