import { approvalDefaultFor } from '../../../preload/contract/autonomy';
import type { Settings } from '../../../preload/contract';
import type { PlanAnswer, ProposedPlan } from '../agent/agent-session';
import { isAbove } from '../policy/risk';

/**
 * The answer a plan gets without waiting for the person, when autonomy from measured scores is on
 * and the model earned it: only a plan whose every step is within the model's default approval and
 * needs no typed production name. Anything else waits in the plan graph, whole, as before.
 */
export function autonomousAnswer(settings: Pick<Settings, 'modelScores' | 'autonomy'>, provider: string, model: string, plan: ProposedPlan): PlanAnswer | null {
  const byScore = approvalDefaultFor(settings, provider, model);
  if (byScore.approve === 'none') return null;
  const upTo = byScore.approve;
  if (!plan.steps.every((step) => !isAbove(step.risk, upTo) && !step.confirmation)) return null;
  return { approveUpTo: upTo, source: `autonomy (${byScore.why})` };
}
