import { type Risk, riskRank } from '../policy/risk';
import type { StepClassification } from './classify-step';

/**
 * A person's decision on one step. An approval names the target and the risk it was given for and
 * only counts for that target, up to that risk; an edit replaces the input, which is validated and
 * classified again.
 */
export type StepDecision =
  | { readonly decision: 'approve'; readonly source: string; readonly targetId: string; readonly risk: Risk; readonly contentHash?: string | null }
  | { readonly decision: 'reject'; readonly source: string }
  /** An edit may carry the approval given after the edited step was classified again (bound to its new target and risk). */
  | { readonly decision: 'edit'; readonly source: string; readonly input: Record<string, unknown>; readonly approved?: { readonly targetId: string; readonly risk: Risk } };

/** What the caller of a run approved for every step at once. */
export interface RunApprovals {
  /** Steps up to this risk are approved by the caller (the CLI's --approve); null approves nothing. */
  readonly approveUpTo: Risk | null;
  readonly approvalSource?: string;
  /** Critical steps the user allowed for this run only, by step id. */
  readonly allowCritical?: readonly string[];
  /** Typed confirmations of production targets (their names). */
  readonly confirmations?: readonly string[];
}

export type GateOutcome =
  | { readonly status: 'approved'; readonly source: string }
  | { readonly status: 'denied'; readonly why: string }
  | { readonly status: 'needs-approval'; readonly why: string };

/**
 * Whether a classified step may run: the policy's verdict, then the person's approval of this
 * step (bound to its target and risk) or the caller's approval up to a risk, then the typed
 * confirmation of a production target. Used when a run starts and again on the resolved input.
 */
export function gateStep(stepId: string, classification: StepClassification, decision: StepDecision | undefined, approvals: RunApprovals): GateOutcome {
  const { risk, target, verdict } = classification;
  // --allow-critical lifts the default refusal of critical steps for this run; a rule that denies still wins.
  const allowedCritical = risk === 'critical' && !verdict.rule && approvals.allowCritical?.includes(stepId);
  if (verdict.decision === 'deny' && !allowedCritical) {
    return { status: 'denied', why: `${verdict.reason}${risk === 'critical' ? ` (allow it for this run with --allow-critical ${stepId})` : ''}` };
  }
  if (verdict.decision === 'allow' && !verdict.confirmation) return { status: 'approved', source: `policy: ${verdict.reason}` };
  const approved = decision?.decision === 'approve' ? decision : decision?.decision === 'edit' ? decision.approved : undefined;
  const forThisTarget = approved !== undefined && approved.targetId === target.id;
  // An approval given with the content of the files the step runs covers that content only.
  const approvedContent = approved !== undefined && 'contentHash' in approved ? approved.contentHash : undefined;
  const sameContent = approvedContent === undefined || approvedContent === (classification.contentHash ?? null);
  const approvedHere = forThisTarget && sameContent && riskRank(risk) <= riskRank(approved.risk);
  const covered = approvedHere || (approvals.approveUpTo !== null && riskRank(risk) <= riskRank(approvals.approveUpTo));
  const confirmed = !verdict.confirmation || approvals.confirmations?.includes(verdict.confirmation);
  if (covered && confirmed) return { status: 'approved', source: approvedHere ? decision!.source : (approvals.approvalSource ?? 'caller') };
  if (!covered) {
    // An approval given for another target or a lower risk (the step was edited, or its input resolved to something else) does not count.
    const stale = approved === undefined ? '' : !forThisTarget ? ` (the approval given was for ${approved.targetId}, not ${target.id})` : !sameContent ? ' (what it acts on changed after it was approved: a file it runs, or the saved plan it applies)' : ` (the approval given was for a ${approved.risk} step)`;
    return { status: 'needs-approval', why: `${risk} step, above what was approved${stale}` };
  }
  return { status: 'needs-approval', why: `${target.label} is marked production: confirm it by typing its name (--confirm ${verdict.confirmation})` };
}

/** Whether two classifications of a step differ in anything an approval depends on. */
export function classificationChanged(before: StepClassification, after: StepClassification): boolean {
  return before.risk !== after.risk || before.target.id !== after.target.id || (before.contentHash ?? null) !== (after.contentHash ?? null) || before.verdict.decision !== after.verdict.decision || before.verdict.confirmation !== after.verdict.confirmation;
}
