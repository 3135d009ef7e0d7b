import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PolicyEngine } from '../policy/policy-engine';
import type { Risk } from '../policy/risk';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import type { AccessWhere } from '../tools/access';
import { type Target, type ToolContext, type ToolDefinition, type ToolError, toolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import { classifyStep, type StepClassification } from './classify-step';
import { type NodeOutcome, runGraph } from './graph-scheduler';
import type { Plan, PlanStep } from './plan-schema';
import { validatePlan } from './plan-validator';
import { chooseConcurrency } from './step-concurrency';
import { rollBack } from './rollback';
import type { RunEvent, RunEventSink, RunStatus, StepStatus } from './run-events';
import type { RunRepository } from './run-repository';
import { contextWithPlannedFiles, plannedFiles } from './planned-files';
import { UnsafeReferenceError } from './shell-references';
import { answerOrCancel, type AskAgain, decisionOf, reapprovalOf } from './ask-again';
import { parseHeldOrThrow } from './held-references';
import { outputAt } from './reference-pattern';
import { findReferences, substituteReferences } from './step-references';
import { classificationChanged, gateStep, type RunApprovals, type StepDecision } from './step-gate';

export interface RunRequest extends RunApprovals {
  readonly plan: Plan;
  readonly workspace: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Steps at once; without it the runner chooses from the plan's graph and the engines it acts on (step-concurrency.ts). */
  readonly concurrency?: number;
  readonly rollback?: boolean;
  readonly stepTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Decisions made on single steps before the run (in the plan graph, or by CLI flags). */
  readonly decisions?: ReadonlyMap<string, StepDecision>;
  /** For a resumed run: steps that already succeeded (with their outputs) and are not run again. */
  readonly done?: ReadonlyMap<string, Record<string, unknown>>;
  readonly planId?: string;
  /**
   * Puts a step whose resolved input the approval no longer covers to the person again, while the
   * run goes on (the plan graph). Without it such a step waits and the run ends incomplete.
   */
  readonly askAgain?: AskAgain;
}

export type { StepDecision } from './step-gate';

/** How often a step that keeps changing while the person decides is asked again before it gives up. */
const MAX_ASK_ROUNDS = 3;

export interface StepState {
  readonly step: PlanStep;
  status: StepStatus;
  risk: Risk;
  target: Target | null;
  input: unknown;
  /** How the step was classified when the run started; its resolved input is classified again against it. */
  classification?: StepClassification;
  snapshot?: unknown;
  output?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export interface RunResult {
  readonly runId: string;
  readonly status: RunStatus;
  readonly steps: ReadonlyMap<string, StepState>;
  /** Steps at once in this run: as asked, or as the runner chose. */
  readonly concurrency: number;
}

export interface PlanRunnerDependencies {
  readonly registry: ToolRegistry;
  readonly policy: PolicyEngine;
  readonly shell: ShellAnalyzer;
  readonly repository?: RunRepository;
  readonly emit: RunEventSink;
  readonly secret?: AccessWhere['secret'];
}

const MAX_ATTEMPTS = 3;

function withEdits(plan: Plan, decisions: RunRequest['decisions']): Plan {
  if (!decisions) return plan;
  return { ...plan, steps: plan.steps.map((step) => {
    const decision = decisions.get(step.id);
    return decision?.decision === 'edit' ? { ...step, input: decision.input } : step;
  }) };
}

/** Validates, classifies, approves, runs and (on failure) rolls back a plan. Every step passes the policy. */
export class PlanRunner {
  constructor(private readonly deps: PlanRunnerDependencies) {}

  async run(original: RunRequest): Promise<RunResult> {
    // Edited inputs go through the same validation as the plan itself.
    const request = { ...original, plan: withEdits(original.plan, original.decisions) };
    const problems = validatePlan(request.plan, this.deps.registry);
    if (problems.length) throw Object.assign(new Error(`The plan is not valid:\n${problems.map((p) => `  ${p.step ?? '(plan)'} ${p.path}: ${p.message}`).join('\n')}`), { code: 'INVALID_PLAN', problems });

    const runId = randomUUID();
    const ctx = toolContext(request.workspace, request.env ?? process.env, this.deps.shell, this.deps.secret);
    const signal = request.signal ?? new AbortController().signal;
    const emit = this.deps.emit;
    const planId = request.planId ?? this.deps.repository?.savePlan(request.plan) ?? randomUUID();
    this.deps.repository?.createRun(runId, planId, request.workspace);
    emit({ type: 'run.started', runId, planId, workspace: request.workspace, steps: request.plan.steps.length });

    const states = new Map<string, StepState>();
    const preset = new Map<string, NodeOutcome>();
    const outputs = new Map<string, Record<string, unknown>>(request.done ?? []);
    const plannedFor = plannedFiles(request.plan.steps, this.deps.registry);
    for (const step of request.plan.steps) {
      const state = await this.classify(step, contextWithPlannedFiles(ctx, plannedFor(step)), request, runId, emit, signal);
      states.set(step.id, state);
      if (request.done?.has(step.id)) {
        state.status = 'succeeded';
        state.output = request.done.get(step.id);
        preset.set(step.id, 'succeeded');
      } else if (state.status !== 'pending') preset.set(step.id, 'skipped');
    }
    // Every step is stored before any runs, in one commit: a crash before it leaves a run with no steps started.
    this.deps.repository?.saveSteps(runId, states.values());

    const completed: string[] = [];
    // Chosen after classification, which names each step's target: its engine says how many at once it takes.
    // A concurrency asked for replaces the overall count only: a Terraform workspace still takes one step at a time.
    const chosen = chooseConcurrency(request.plan.steps, (id) => states.get(id)?.target ?? null);
    const concurrency = request.concurrency === undefined ? chosen.overall : Math.max(1, request.concurrency);
    await runGraph({
      nodes: request.plan.steps,
      concurrency,
      lane: (step: PlanStep) => chosen.lane(states.get(step.id)!.target),
      preset,
      shouldStop: () => signal.aborted,
      onSkipped: (step, because) => {
        const state = states.get(step.id)!;
        if (state.status === 'pending') state.status = 'skipped';
        this.deps.repository?.saveStep(runId, state);
        emit({ type: 'step.skipped', runId, step: step.id, because });
      },
      execute: async (step) => {
        const state = states.get(step.id)!;
        const result = await this.execute(state, ctx, outputs, request, signal, runId, emit);
        if (result === 'succeeded') completed.push(step.id);
        return result;
      },
    });

    const failed = [...states.values()].some((state) => state.status === 'failed');
    let status: RunStatus;
    if (failed || signal.aborted) {
      if (request.rollback !== false && completed.length) await rollBack({ runId, order: completed, states, ctx, registry: this.deps.registry, emit, save: (state) => this.deps.repository?.saveStep(runId, state) });
      status = signal.aborted ? 'cancelled' : request.rollback !== false ? 'rolled-back' : 'failed';
    } else {
      status = [...states.values()].some((state) => state.status !== 'succeeded') ? 'incomplete' : 'succeeded';
    }
    const summary: Record<string, number> = {};
    for (const state of states.values()) summary[state.status] = (summary[state.status] ?? 0) + 1;
    this.deps.repository?.finishRun(runId, status);
    emit({ type: 'run.finished', runId, status, summary });
    return { runId, status, steps: states, concurrency };
  }

  /** Risk and target from code, then the policy's verdict and the caller's approval, both journaled. */
  private async classify(step: PlanStep, ctx: ToolContext, request: RunRequest, runId: string, emit: (event: RunEvent) => void, signal: AbortSignal): Promise<StepState> {
    const tool = this.deps.registry.get(step.tool)!;
    const decision = request.decisions?.get(step.id);
    const at = new Date().toISOString();
    if (decision?.decision === 'edit') emit({ type: 'step.approval', runId, step: step.id, decision: 'edit', source: decision.source, at, targetId: '' });
    const { data: input, held } = parseHeldOrThrow(tool, step.input);
    const classification = await classifyStep(tool, input, ctx, this.deps.policy, signal, held);
    const { risk, reasons, target, verdict } = classification;
    const state: StepState = { step, status: 'pending', risk, target, input, classification };
    emit({ type: 'step.classified', runId, step: step.id, tool: tool.name, risk, reasons, target, decision: verdict.decision, policy: verdict.reason });
    if (decision?.decision === 'reject') {
      state.status = 'rejected';
      emit({ type: 'step.approval', runId, step: step.id, decision: 'reject', source: decision.source, at, targetId: target.id });
      return state;
    }
    this.applyGate(state, gateStep(step.id, classification, decision, request), runId, emit, at);
    return state;
  }

  /** Records what the gate said: an approval (journaled with its source and target), a refusal, or a wait for a person. */
  private applyGate(state: StepState, gate: ReturnType<typeof gateStep>, runId: string, emit: (event: RunEvent) => void, at = new Date().toISOString()): void {
    const step = state.step.id;
    if (gate.status === 'approved') emit({ type: 'step.approval', runId, step, decision: 'approve', source: gate.source, at, targetId: state.target!.id });
    else if (gate.status === 'denied') {
      state.status = 'denied';
      emit({ type: 'step.denied', runId, step, why: gate.why });
    } else {
      state.status = 'needs-approval';
      emit({ type: 'step.needs-approval', runId, step, risk: state.risk, why: gate.why });
    }
  }

  /**
   * The step's input with earlier outputs filled in is classified again before it runs: an output
   * can turn a harmless-looking step into a destructive one, or point it at another target. If the
   * approval given no longer covers it, the step does not run and waits for a person.
   */
  private async reclassify(state: StepState, tool: ToolDefinition, ctx: ToolContext, request: RunRequest, signal: AbortSignal, runId: string, emit: (event: RunEvent) => void): Promise<boolean> {
    const before = state.classification!;
    const after = await classifyStep(tool, state.input, ctx, this.deps.policy, signal);
    if (!classificationChanged(before, after)) return true;
    state.risk = after.risk;
    state.target = after.target;
    state.classification = after;
    emit({ type: 'step.reclassified', runId, step: state.step.id, risk: after.risk, reasons: after.reasons, target: after.target, decision: after.verdict.decision, policy: after.verdict.reason, before: { risk: before.risk, targetId: before.target.id } });
    const gate = gateStep(state.step.id, after, request.decisions?.get(state.step.id), request);
    const moved = after.target.id === before.target.id ? '' : ` (it was classified for ${before.target.label})`;
    const changed = `with earlier steps' outputs filled in, it is a ${after.risk} step on ${after.target.label}${moved}`;
    if (gate.status === 'needs-approval' && request.askAgain) return this.askAgain(state, tool, ctx, request, signal, runId, emit, `${changed}: ${gate.why}`);
    this.applyGate(state, gate.status === 'approved' ? gate : { ...gate, why: `${changed}: ${gate.why}` }, runId, emit);
    if (gate.status === 'approved') return true;
    this.deps.repository?.saveStep(runId, state);
    return false;
  }

  /**
   * The person decides on the step as it is now; only their approval of exactly that (target, risk,
   * content, typed name) lets it run. Other steps go on while they think, so the step is classified
   * once more after the answer: if it changed meanwhile (a file, a saved plan), it is asked again.
   */
  private async askAgain(state: StepState, tool: ToolDefinition, ctx: ToolContext, request: RunRequest, signal: AbortSignal, runId: string, emit: (event: RunEvent) => void, why: string, round = 1): Promise<boolean> {
    const question = await reapprovalOf(runId, state.step.id, tool, state.input, ctx, state.classification!, why);
    state.status = 'needs-approval';
    this.deps.repository?.saveStep(runId, state);
    emit({ type: 'step.needs-approval', runId, step: state.step.id, risk: question.risk, why, waiting: { reasons: question.reasons, target: question.target, confirmation: question.confirmation, preview: question.preview } });
    const answer = await answerOrCancel(request.askAgain!, question, signal);
    const at = new Date().toISOString();
    if (answer.decision === 'reject') {
      state.status = 'rejected';
      this.deps.repository?.saveStep(runId, state);
      emit({ type: 'step.approval', runId, step: state.step.id, decision: 'reject', source: answer.source, at, targetId: question.target.id });
      return false;
    }
    const asked = state.classification!;
    const now = await classifyStep(tool, state.input, ctx, this.deps.policy, signal);
    if (classificationChanged(asked, now)) {
      state.classification = now;
      state.risk = now.risk;
      state.target = now.target;
      const changed = `it changed while you decided: now a ${now.risk} step on ${now.target.label}`;
      if (round < MAX_ASK_ROUNDS) return this.askAgain(state, tool, ctx, request, signal, runId, emit, changed, round + 1);
      this.applyGate(state, { status: 'needs-approval', why: `${changed}, again and again; it did not run` }, runId, emit, at);
      this.deps.repository?.saveStep(runId, state);
      return false;
    }
    const typed = answer.confirmation ? [...(request.confirmations ?? []), answer.confirmation] : request.confirmations;
    const gate = gateStep(state.step.id, asked, decisionOf(question, answer), { ...request, approveUpTo: null, confirmations: typed });
    this.applyGate(state, gate, runId, emit, at);
    if (gate.status === 'approved') return true;
    this.deps.repository?.saveStep(runId, state);
    return false;
  }

  private async execute(state: StepState, ctx: ToolContext, outputs: Map<string, Record<string, unknown>>, request: RunRequest, runSignal: AbortSignal, runId: string, emit: (event: RunEvent) => void): Promise<NodeOutcome> {
    const tool: ToolDefinition = this.deps.registry.get(state.step.tool)!;
    // An output that is not known (a step resumed with --assume-done, a value kept redacted) is never filled in as empty text.
    const unknown = findReferences(state.step.input).filter((reference) => !knownOutput(outputAt(outputs.get(reference.step), reference.field), request.done?.has(reference.step) ?? false));
    if (unknown.length) return this.fail(state, { code: 'UNKNOWN_OUTPUT', message: `${unknown.map((reference) => `steps.${reference.step}.output.${reference.field}`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not known (the step was assumed done, or its output was a secret), so the step did not run` }, runId, emit, 0);
    let filled: unknown;
    try {
      filled = substituteReferences(state.step.input, outputs, tool.shellText);
    } catch (error) {
      if (!(error instanceof UnsafeReferenceError)) throw error;
      return this.fail(state, { code: 'UNSAFE_REFERENCE', message: `${error.message}; the step did not run` }, runId, emit, 0);
    }
    const resolved = tool.input.safeParse(filled);
    if (!resolved.success) return this.fail(state, { code: 'INVALID_INPUT', message: `after filling in step outputs, the input is invalid: ${resolved.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` }, runId, emit, 0);
    state.input = resolved.data;
    try {
      if (!(await this.reclassify(state, tool, ctx, request, runSignal, runId, emit))) return 'skipped';
    } catch (error) {
      return this.fail(state, { code: 'CLASSIFY_FAILED', message: `could not be classified with its resolved input, so it did not run: ${(error as Error).message}` }, runId, emit, 0);
    }
    const started = Date.now();
    state.status = 'running';
    this.deps.repository?.saveStep(runId, state);
    try {
      if (tool.snapshot) state.snapshot = await tool.snapshot({ input: state.input, ctx });
    } catch (error) {
      return this.fail(state, { code: 'SNAPSHOT_FAILED', message: `could not record what undo needs, so the step did not run: ${(error as Error).message}` }, runId, emit, started);
    }
    const attempts = tool.idempotent ? MAX_ATTEMPTS : 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      emit({ type: 'step.started', runId, step: state.step.id, attempt });
      const signal = request.stepTimeoutMs ? AbortSignal.any([runSignal, AbortSignal.timeout(request.stepTimeoutMs)]) : runSignal;
      const result = await tool
        .run({ input: state.input, ctx, signal, log: (stream, text) => emit({ type: 'step.output', runId, step: state.step.id, stream, text }), progress: (message) => emit({ type: 'step.output', runId, step: state.step.id, stream: 'info', text: `${message}\n` }) })
        .catch((error: Error) => ({ ok: false as const, error: { code: 'TOOL_CRASHED', message: error.message } }));
      if (result.ok) {
        state.status = 'succeeded';
        state.output = result.output as Record<string, unknown>;
        outputs.set(state.step.id, state.output);
        this.deps.repository?.saveStep(runId, state);
        emit({ type: 'step.finished', runId, step: state.step.id, status: 'succeeded', ms: Date.now() - started });
        return 'succeeded';
      }
      const timedOut = signal.aborted && !runSignal.aborted;
      const error: ToolError = timedOut ? { code: 'STEP_TIMEOUT', message: `did not finish within ${request.stepTimeoutMs} ms and was stopped` } : result.error;
      if (attempt === attempts || runSignal.aborted || error.permanent) return this.fail(state, error, runId, emit, started);
      emit({ type: 'step.output', runId, step: state.step.id, stream: 'info', text: `attempt ${attempt} failed (${error.message}); retrying\n` });
      await sleep(200 * 2 ** (attempt - 1));
    }
    return 'failed';
  }

  private fail(state: StepState, error: { code: string; message: string }, runId: string, emit: (event: RunEvent) => void, started: number): 'failed' {
    state.status = 'failed';
    state.error = error;
    this.deps.repository?.saveStep(runId, state);
    emit({ type: 'step.finished', runId, step: state.step.id, status: 'failed', ms: started ? Date.now() - started : 0, error });
    return 'failed';
  }
}

/** An output value a later step may use: present and, for a step done in an earlier run (stored redacted), not a masked secret. */
const knownOutput = (value: unknown, stored: boolean): boolean => value !== undefined && value !== null && !(stored && JSON.stringify(value).includes('[REDACTED'));
