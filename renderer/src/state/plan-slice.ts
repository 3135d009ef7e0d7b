import type { EventPayload, ProposedPlanView, RiskLevel, RunEventView, StepDecisionView } from '../../../preload/contract';
import { allowCriticalStep, applyRunEvent, approveUpTo, choose, type PlanView, planView, replaceStep, type StepView } from './plan-view';
import type { Slice } from './slice-types';

export interface PlanSlice {
  plan: {
    view: PlanView | null;
    selected: string | null;
    /** Typed names of production targets, by step. */
    confirmations: Record<string, string>;
    error: string | null;
    undoing: boolean;
  };
  /** A proposal of a conversation (null: none waiting) becomes the plan graph. */
  showProposal(conversationId: string, plan: ProposedPlanView | null): void;
  applyRunEvent(event: RunEventView): void;
  applyUndoEvent(event: EventPayload<'runs.undo'>): void;
  selectStep(id: string | null): void;
  chooseStep(id: string, choice: StepView['choice']): void;
  approveAllUpTo(level: RiskLevel): void;
  /** Lifts the default refusal of a critical step for this run only (the CLI's --allow-critical). */
  allowCritical(stepId: string, allowed: boolean): void;
  setConfirmation(stepId: string, typed: string): void;
  /** Sends an edited input to be validated and classified again; returns the problems (none: the step was replaced). */
  editStepInput(id: string, input: Record<string, unknown>): Promise<string[]>;
  /** Sends the person's decisions; steps not approved do not run. */
  submitPlan(): Promise<void>;
  undoPlanRun(): Promise<void>;
  /** Answers a step the running plan asks about again (approved as it is now, with its production name typed, or rejected). */
  answerAgain(stepId: string, decision: 'approve' | 'reject'): Promise<void>;
  /** A tool's input JSON Schema (cached), for editing a step's input against it. */
  toolInputSchema(tool: string): Promise<Record<string, unknown>>;
}

/** A step the person approved may run only if a production target's name was typed exactly. */
export const confirmed = (step: StepView, typed: Record<string, string>): boolean => !step.confirmation || typed[step.id] === step.confirmation;

export const createPlanSlice: Slice<PlanSlice> = (api) => (set, get) => {
  const patch = (change: Partial<PlanSlice['plan']>): void => set({ plan: { ...get().plan, ...change } });
  const update = (change: (view: PlanView) => PlanView): void => {
    const view = get().plan.view;
    if (view) patch({ view: change(view) });
  };
  const schemas = new Map<string, Promise<Record<string, unknown>>>();
  return {
    toolInputSchema: (tool) => {
      let schema = schemas.get(tool);
      if (!schema) {
        schema = api.commands['tools.inputSchema']({ name: tool }).then((answer) => answer.schema);
        schema.catch(() => schemas.delete(tool));
        schemas.set(tool, schema);
      }
      return schema;
    },
    plan: { view: null, selected: null, confirmations: {}, error: null, undoing: false },
    showProposal: (conversationId, proposal) => {
      const current = get().plan.view;
      if (!proposal) {
        if (current && current.conversationId !== conversationId) patch({ view: null, selected: null });
        return;
      }
      if (current?.proposalId === proposal.proposalId) return;
      patch({ view: planView(conversationId, proposal), selected: proposal.steps[0]?.id ?? null, confirmations: {}, error: null });
    },
    applyRunEvent: (event) => {
      update((view) => applyRunEvent(view, event));
      // A step the run asks about again is shown at once, with its new preview: that is where the person decides.
      if (event.type === 'step.needs-approval' && (event as { waiting?: unknown }).waiting && event.runId === get().plan.view?.runId) patch({ selected: event.step ?? null });
    },
    applyUndoEvent: (event) =>
      update((view) => (view.runId === event.runId ? applyRunEvent(view, { ...event, runId: event.runId, error: event.ok ? undefined : event.text, change: event.text }) : view)),
    selectStep: (id) => patch({ selected: id }),
    chooseStep: (id, choice) => update((view) => choose(view, id, choice)),
    approveAllUpTo: (level) => update((view) => approveUpTo(view, level)),
    allowCritical: (stepId, allowed) => update((view) => allowCriticalStep(view, stepId, allowed)),
    setConfirmation: (stepId, typed) => patch({ confirmations: { ...get().plan.confirmations, [stepId]: typed } }),
    editStepInput: async (id, input) => {
      const view = get().plan.view;
      if (!view || view.submitted) return ['The plan was already sent; edits are no longer possible.'];
      try {
        const answer = await api.commands['plan.reclassify']({ conversationId: view.conversationId, proposalId: view.proposalId, step: id, input });
        if (answer.step) update((current) => replaceStep(current, answer.step!));
        return answer.problems;
      } catch (error) {
        return [(error as Error).message];
      }
    },
    submitPlan: async () => {
      const { view, confirmations } = get().plan;
      if (!view || view.submitted) return;
      const steps = view.order.map((id) => view.steps[id]!);
      const unconfirmed = steps.filter((step) => step.choice === 'approve' && !confirmed(step, confirmations));
      if (unconfirmed.length) return patch({ error: `Type the name of the production target to approve ${unconfirmed.map((step) => step.id).join(', ')}.` });
      const decisions = steps.flatMap((step): StepDecisionView[] => {
        if (step.choice === 'reject') return [{ step: step.id, decision: 'reject' as const }];
        if (step.edited) return [{ step: step.id, decision: 'edit' as const, input: step.input, ...(step.choice === 'approve' ? { approved: { targetId: step.target.id, risk: step.risk } } : {}) }];
        if (step.choice === 'approve') return [{ step: step.id, decision: 'approve' as const, targetId: step.target.id, risk: step.risk, contentHash: step.contentHash ?? null }];
        return [];
      });
      const typed = steps.filter((step) => step.choice === 'approve' && step.confirmation).map((step) => step.confirmation!);
      patch({ view: { ...view, submitted: true }, error: null });
      try {
        await api.commands['plan.decide']({ conversationId: view.conversationId, proposalId: view.proposalId, approveUpTo: null, decisions, confirmations: typed, allowCritical: steps.filter((step) => step.allowCritical && step.choice === 'approve').map((step) => step.id) });
      } catch (error) {
        patch({ view: { ...get().plan.view!, submitted: false }, error: (error as Error).message });
      }
    },
    answerAgain: async (stepId, decision) => {
      const { view, confirmations } = get().plan;
      const step = view?.steps[stepId];
      if (!view?.runId || !step?.waiting) return;
      if (decision === 'approve' && !confirmed(step, confirmations)) return patch({ error: `Type ${step.confirmation} to approve ${stepId}: its target is marked production.` });
      patch({ error: null });
      try {
        await api.commands['plan.reapprove']({ conversationId: view.conversationId, runId: view.runId, step: stepId, decision, ...(step.confirmation && decision === 'approve' ? { confirmation: confirmations[stepId] } : {}) });
        update((current) => ({ ...current, steps: { ...current.steps, [stepId]: { ...current.steps[stepId]!, waiting: false } } }));
        // Another step may be waiting too (they are asked as they are reached, in parallel): it is shown next.
        const current = get().plan.view;
        const next = current?.order.find((id) => current.steps[id]!.waiting);
        if (next) patch({ selected: next });
      } catch (error) {
        patch({ error: (error as Error).message });
      }
    },
    undoPlanRun: async () => {
      const view = get().plan.view;
      if (!view?.runId) return;
      patch({ undoing: true, error: null });
      try {
        const result = await api.commands['plan.undo']({ runId: view.runId });
        update((current) => ({ ...current, runStatus: result.ok ? 'undone' : current.runStatus, log: [...current.log, result.ok ? 'Run undone' : (result.problem ?? `${result.failures} step(s) could not be undone`)] }));
        if (!result.ok) patch({ error: result.problem ?? `${result.failures} step(s) could not be undone; see the run log.` });
      } catch (error) {
        patch({ error: (error as Error).message });
      } finally {
        patch({ undoing: false });
      }
    },
  };
};
