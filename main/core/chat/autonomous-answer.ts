import { approvalDefaultFor } from '../../../preload/contract/autonomy';
import type { Settings } from '../../../preload/contract';
import type { PlanAnswer, ProposedPlan } from '../agent/agent-session';
import type { StepDecision } from '../plan/step-gate';
import { isAbove } from '../policy/risk';

/**
 * The answer a plan gets without waiting for the person, when autonomy from measured scores is on
 * and the model earned it: only a plan whose every step is within the model's default approval and
 * needs no typed production name, and never past a rule that asks or denies (the policy still decides
 * every step). Anything else waits in the plan graph, whole, as before.
 */
export function autonomousAnswer(settings: Pick<Settings, 'modelScores' | 'autonomy'>, provider: string, model: string, plan: ProposedPlan): PlanAnswer | null {
  const byScore = approvalDefaultFor(settings, provider, model);
  if (byScore.approve === 'none') return null;
  const upTo = byScore.approve;
  // A rule of the person's that asks (or denies) is theirs to answer, whatever the score.
  if (!plan.steps.every((step) => !isAbove(step.risk, upTo) && !step.confirmation && !(step.byRule && step.decision !== 'allow'))) return null;
  const source = `autonomy (${byScore.why})`;
  // Each step approved as proposed, bound to its target, risk and content: one that resolves to
  // something else at run time is put to the person again, as any approval would be.
  const decisions = new Map<string, StepDecision>(plan.steps.map((step) => [step.id, { decision: 'approve', source, targetId: step.target.id, risk: step.risk, contentHash: step.contentHash ?? null }]));
  return { approveUpTo: null, decisions, source };
}
