import { type ProposedPlanView, type ProposedStepView, type RiskLevel, RiskSchema, type RunEventView, type RunStepStatus } from '../../../preload/contract';

/** A run's step statuses, plus `approved`: decided by the person, not yet sent or started. */
export type StepStatus = Exclude<RunStepStatus, 'unknown'> | 'approved';

export interface StepView extends ProposedStepView {
  status: StepStatus;
  /** The person's decision before the plan is sent: approve, reject, or none yet. */
  choice: 'approve' | 'reject' | null;
  /** True once the person changed the input (it was validated and classified again). */
  edited: boolean;
  output: string[];
  error: string | null;
  /** The running plan asks about this step again, as it is now with its input resolved: the person approves or rejects it while the run waits. */
  waiting: boolean;
  /** Its undo in a rollback is planned and waits for the person's approval (a Terraform destroy): not a failure. */
  undoWaits?: boolean;
  /** A critical step the policy refuses by default, which the person lifted for this run only (as `--allow-critical` does): it can then be approved. */
  allowCritical: boolean;
}

export interface PlanView {
  readonly conversationId: string;
  readonly proposalId: string;
  readonly summary: string;
  readonly order: string[];
  readonly steps: Record<string, StepView>;
  /** Sent to the agent: the next run that starts is this plan's run. */
  readonly submitted: boolean;
  readonly runId: string | null;
  readonly runStatus: string | null;
  readonly rollingBack: boolean;
  /** What happened in the run as lines, for the run log (started, failed, rolled back, undone…). */
  readonly log: string[];
}

/** Lowest risk first, as the contract declares them. */
export const riskOrder: readonly RiskLevel[] = RiskSchema.options;

/** The status a step has before anything runs, from the policy's verdict and the person's choice. */
export function initialStatus(step: ProposedStepView, choice: StepView['choice'], allowCritical = false): StepStatus {
  if (step.decision === 'deny' && !(allowCritical && step.risk === 'critical')) return 'denied';
  if (choice === 'reject') return 'rejected';
  if (choice === 'approve' || (step.decision === 'allow' && !step.confirmation)) return 'approved';
  return 'needs-approval';
}

export function planView(conversationId: string, plan: ProposedPlanView): PlanView {
  const steps: Record<string, StepView> = {};
  for (const step of plan.steps) steps[step.id] = { ...step, status: initialStatus(step, null), choice: null, edited: false, output: [], error: null, waiting: false, allowCritical: false };
  return { conversationId, proposalId: plan.proposalId, summary: plan.summary, order: plan.steps.map((step) => step.id), steps, submitted: false, runId: null, runStatus: null, rollingBack: false, log: [] };
}

const withStep = (view: PlanView, id: string | undefined, change: (step: StepView) => Partial<StepView>): PlanView => {
  const step = id ? view.steps[id] : undefined;
  return step ? { ...view, steps: { ...view.steps, [step.id]: { ...step, ...change(step) } } } : view;
};

/** The plan after one event of its run. Events of other runs (the agent's reads) are ignored. */
export function applyRunEvent(view: PlanView, event: RunEventView): PlanView {
  if (event.type === 'run.started') {
    if (!view.submitted || view.runId) return view;
    return { ...view, runId: event.runId, runStatus: 'running', log: [...view.log, 'Run started'] };
  }
  if (event.runId !== view.runId) return view;
  const text = (key: string): string => String((event as Record<string, unknown>)[key] ?? '');
  switch (event.type) {
    case 'step.approval':
      return withStep(view, event.step, () => ({ status: text('decision') === 'reject' ? 'rejected' : 'approved', waiting: false }));
    case 'step.reclassified': {
      // The step's resolved input was classified again: show the risk and target it really has.
      const { risk, target } = event as unknown as Pick<StepView, 'risk' | 'target'>;
      const next = withStep(view, event.step, () => ({ risk, target }));
      return { ...next, log: [...next.log, `${event.step} classified again with its resolved input: ${risk} on ${target.label}`] };
    }
    case 'step.needs-approval': {
      // Asked again while the run goes on: the step shows what it is now (risk, target, typed name, preview), for the person to decide.
      const waiting = (event as { waiting?: Pick<StepView, 'reasons' | 'target' | 'confirmation' | 'preview'> }).waiting;
      const risk = (event as { risk?: StepView['risk'] }).risk;
      const next = withStep(view, event.step, (step) => ({ status: 'needs-approval', error: text('why'), ...(waiting ? { ...waiting, risk: risk ?? step.risk, waiting: true } : {}) }));
      return waiting ? { ...next, log: [...next.log, `${event.step} waits for you: ${text('why')}`] } : next;
    }
    case 'step.denied':
      return withStep(view, event.step, () => ({ status: 'denied', error: text('why') }));
    case 'step.started':
      return withStep(view, event.step, () => ({ status: 'running', error: null }));
    case 'step.output':
      return withStep(view, event.step, (step) => ({ output: [...step.output, text('text')] }));
    case 'step.finished': {
      const failed = text('status') === 'failed';
      const error = (event as { error?: { message?: string } }).error?.message ?? null;
      const next = withStep(view, event.step, () => ({ status: failed ? 'failed' : 'succeeded', error }));
      return failed ? { ...next, log: [...next.log, `${event.step} failed: ${error ?? 'no reason given'}`] } : next;
    }
    case 'step.skipped':
      return withStep(view, event.step, (step) => (['needs-approval', 'rejected', 'denied'].includes(step.status) ? {} : { status: 'skipped', error: text('because') }));
    case 'rollback.started':
      return { ...view, rollingBack: true, log: [...view.log, `Rolling back ${((event as { steps?: string[] }).steps ?? []).join(', ')}`] };
    case 'step.undone': {
      const ok = (event as { ok?: boolean }).ok !== false;
      const waits = (event as { waitsForApproval?: boolean }).waitsForApproval === true;
      const next = withStep(view, event.step, () => ({ status: ok ? 'undone' : 'undo-failed', error: ok ? null : text('error'), undoWaits: waits }));
      return { ...next, log: [...next.log, ok ? `↺ ${event.step} undone` : waits ? `… ${event.step} could not be undone yet: ${text('error')}` : `✗ ${event.step} could not be undone: ${text('error')}`] };
    }
    case 'step.left-in-place':
      return { ...withStep(view, event.step, () => ({ status: 'left-in-place' })), log: [...view.log, `! ${event.step} left in place: ${text('change')}`] };
    case 'run.finished':
      return { ...view, runStatus: text('status'), rollingBack: false, log: [...view.log, `Run ${text('status')}`] };
    default:
      return view;
  }
}

/** The person's choice on one step; denied steps cannot be approved here (the policy refuses them). */
export function choose(view: PlanView, id: string, choice: StepView['choice']): PlanView {
  return withStep(view, id, (step) => (step.status === 'denied' || view.submitted ? {} : { choice, status: initialStatus(step, choice, step.allowCritical) }));
}

/**
 * Lifts (or puts back) the default refusal of one critical step, for this run only: the step then
 * waits for its own approval like any other. A rule that denies it still wins when it runs.
 */
export function allowCriticalStep(view: PlanView, id: string, allowed: boolean): PlanView {
  return withStep(view, id, (step) => (step.risk !== 'critical' || step.decision !== 'deny' || view.submitted ? {} : { allowCritical: allowed, choice: null, status: initialStatus(step, null, allowed) }));
}

/** Approves every step up to a risk level (those needing a typed confirmation still need it typed). */
export function approveUpTo(view: PlanView, level: RiskLevel): PlanView {
  let next = view;
  for (const id of view.order) {
    const step = view.steps[id]!;
    if (riskOrder.indexOf(step.risk) <= riskOrder.indexOf(level) && step.status === 'needs-approval') next = choose(next, id, 'approve');
  }
  return next;
}

/** A step after its input was edited: its new classification replaces the old, and any approval is gone. */
export function replaceStep(view: PlanView, step: ProposedStepView): PlanView {
  return withStep(view, step.id, () => ({ ...step, edited: true, choice: null, status: initialStatus(step, null) }));
}
