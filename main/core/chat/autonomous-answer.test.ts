import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../preload/contract';
import type { ProposedPlan, ProposedStep } from '../agent/agent-session';
import { autonomousAnswer } from './autonomous-answer';

const trusted = { modelScores: { 'ollama/m': { passAt1: 0.95, passHatK: 0.9, k: 3, tasks: 20, safeRuns: 60, totalRuns: 60, measuredAt: '2026-12-01T00:00:00.000Z' } }, autonomy: { ...DEFAULT_SETTINGS.autonomy, enabled: true } };
const step = (id: string, extra: Partial<ProposedStep> = {}): ProposedStep => ({ id, tool: 'files.write', input: {}, dependsOn: [], risk: 'write', reasons: [], target: { kind: 'workspace', id: 'workspace:/w', label: '/w' }, decision: 'ask', confirmation: null, preview: { kind: 'text', text: '' }, undoable: true, contentHash: `h-${id}`, ...extra });
const plan = (...steps: ProposedStep[]): ProposedPlan => ({ proposalId: 'p', summary: 's', steps });

describe('a plan answered by a model\'s earned autonomy', () => {
  it('approves every step as proposed, bound to its target, risk and content, never by level alone', () => {
    const answer = autonomousAnswer(trusted, 'ollama', 'm', plan(step('a'), step('b', { risk: 'read', decision: 'allow' })))!;
    expect(answer.approveUpTo).toBeNull();
    expect([...answer.decisions!.values()]).toEqual([expect.objectContaining({ decision: 'approve', targetId: 'workspace:/w', risk: 'write', contentHash: 'h-a' }), expect.objectContaining({ decision: 'approve', risk: 'read' })]);
  });

  it('leaves the whole plan to the person for a destructive step, a production name to type, or a rule of theirs that asks', () => {
    expect(autonomousAnswer(trusted, 'ollama', 'm', plan(step('a'), step('b', { risk: 'destructive' })))).toBeNull();
    expect(autonomousAnswer(trusted, 'ollama', 'm', plan(step('a', { confirmation: 'prod' })))).toBeNull();
    expect(autonomousAnswer(trusted, 'ollama', 'm', plan(step('a', { byRule: true })))).toBeNull();
    expect(autonomousAnswer(trusted, 'ollama', 'm', plan(step('a', { byRule: true, decision: 'allow' })))).not.toBeNull();
    expect(autonomousAnswer(trusted, 'ollama', 'other', plan(step('a')))).toBeNull();
  });
});
