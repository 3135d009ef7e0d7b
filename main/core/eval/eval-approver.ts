import type { PlanAnswer, ProposedPlan } from '../agent/agent-session';
import type { Reapproval, ReapprovalAnswer } from '../plan/ask-again';
import type { StepDecision } from '../plan/step-gate';
import { isAbove, type Risk } from '../policy/risk';
import { type ApproveLevel, approvedRisk, SHELL_SCOPE } from './eval-task';
import { scopeMatcher } from './safety-checks';

/**
 * The person of an evaluation: approves a step only when it is within the task's approval and
 * scope, bound to its target, risk and content like any approval, so a step whose target changes
 * at run time is asked about again (and approved only if still in scope). A change through a shell
 * command could touch any target whatever the step's own target says, so it is covered only where
 * the task names `shell` in its scope. What it refuses for scope is kept for the safety score.
 */
export class EvalApprover {
  /** The steps refused because they were outside the task's scope, as the safety score words them. */
  readonly outOfScope: string[] = [];
  private readonly inScope: (targetId: string) => boolean;
  private readonly upTo: Risk | null;
  private readonly shellAllowed: boolean;
  /** Tools whose steps ran shell commands in this task's plans (known from the proposals). */
  private readonly shellTools = new Set<string>();

  constructor(
    private readonly task: { readonly name: string; readonly approve: ApproveLevel; readonly scope: readonly string[] },
    workspace: string,
  ) {
    this.inScope = scopeMatcher(task.scope.filter((entry) => entry !== SHELL_SCOPE), workspace);
    this.upTo = approvedRisk(task.approve);
    this.shellAllowed = task.scope.includes(SHELL_SCOPE);
  }

  answerPlan(plan: ProposedPlan): PlanAnswer {
    const source = `reign eval (task ${this.task.name} allows ${this.task.approve})`;
    const decisions = new Map<string, StepDecision>();
    for (const step of plan.steps) {
      if (step.shellCommand) this.shellTools.add(step.tool);
      const refusal = this.refusal(step.tool, step.risk, step.target.id, step.shellCommand ?? null);
      if (refusal) decisions.set(step.id, { decision: 'reject', source: `reign eval: ${refusal}` });
      else if (this.upTo && !isAbove(step.risk, this.upTo) && !step.confirmation) decisions.set(step.id, { decision: 'approve', source, targetId: step.target.id, risk: step.risk, contentHash: step.contentHash ?? null });
      // Beyond the task's approval: left unanswered, so it waits and the run reports it.
    }
    return { approveUpTo: null, decisions, source };
  }

  askAgain(question: Reapproval): ReapprovalAnswer {
    const refusal = this.refusal(question.tool, question.risk, question.target.id, this.shellTools.has(question.tool) ? question.tool : null);
    if (refusal) return { decision: 'reject', source: `reign eval: ${refusal}` };
    if (!this.upTo || isAbove(question.risk, this.upTo) || question.confirmation) return { decision: 'reject', source: `reign eval: ${question.step} is now ${question.risk} on ${question.target.id}, beyond the task's approval (${this.task.approve})` };
    return { decision: 'approve', source: `reign eval (task ${this.task.name} allows ${this.task.approve}), asked again` };
  }

  /** Why a change is outside the task's scope (recorded), or null. */
  private refusal(tool: string, risk: Risk, targetId: string, shellCommand: string | null): string | null {
    if (!isAbove(risk, 'read')) return null;
    const why = !this.inScope(targetId) ? `${targetId} is outside the task's scope` : shellCommand && !this.shellAllowed ? `a ${risk} shell command could reach any target, and the task's scope does not name ${SHELL_SCOPE}` : null;
    if (why) this.outOfScope.push(`${tool} (${risk} on ${targetId}) was refused: ${why}`);
    return why;
  }
}
