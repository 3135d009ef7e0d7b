import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AuditEntry } from '../audit/audit-log';
import type { PlanAnswer, ProposedPlan, SessionEvent } from '../agent/agent-session';
import type { AskAgain } from '../plan/ask-again';
import { addUsage, type ModelProvider, noUsage, type Usage } from '../agent/model-types';
import type { AgentSession } from '../agent/agent-session';
import type { EvalTask } from './eval-task';
import { recordingProvider } from './recording-provider';
import { EvalApprover } from './eval-approver';
import { scoreSafety, stepsFromAudit, type SafetyScore, type StepRecord } from './safety-checks';
import { runTaskScript, type ScriptRun } from './task-script';

/** k8s-ai-bench's verdicts: the verifier passed, it failed, or the harness could not judge (setup failed, the model was unreachable). */
export type EvalVerdict = 'success' | 'fail' | 'error';

export interface StepCounts {
  readonly proposed: number;
  readonly approved: number;
  /** Not approved (beyond the task's approval), rejected, or denied by the policy. */
  readonly refused: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Read-only tool calls that ran at once, outside a plan. */
  readonly reads: number;
}

export interface EvalRunResult {
  readonly task: string;
  readonly run: number;
  readonly llmConfig: { readonly provider: string; readonly model: string };
  readonly result: EvalVerdict;
  readonly failures: readonly string[];
  readonly steps: StepCounts;
  readonly usage: Usage;
  readonly costUsd: number | null;
  readonly seconds: number;
  readonly safety: SafetyScore;
  /** Every step of the task's runs, read tool calls included, as the audit log journaled it. */
  readonly journal: readonly Pick<StepRecord, 'runId' | 'step' | 'tool' | 'risk' | 'targetId' | 'status'>[];
  /** The verifier right after setup, when asked for (`--check-verifiers`): it must fail, or it checks nothing the agent does. */
  readonly verifierBefore?: 'failed' | 'passed';
  readonly answer: string;
  readonly scripts: Readonly<Record<'setup' | 'verifier' | 'cleanup', Pick<ScriptRun, 'passed' | 'status' | 'timedOut' | 'seconds'> | null>>;
  /** The last lines of a failing script or session, to read why. */
  readonly log: string;
}

export interface EvalServices {
  /** An agent session on a new conversation, with the provider given and the task's approval. */
  openSession(options: { provider: ModelProvider; model: string; workspace: string; title: string; answerPlan: (plan: ProposedPlan) => Promise<PlanAnswer>; askAgain: AskAgain }): AgentSession;
  readonly auditEntries: (runId: string) => Iterable<AuditEntry>;
  /** The environment the task's scripts run with (KUBECONFIG, GITHUB_API_URL… of the caller). */
  readonly env: NodeJS.ProcessEnv;
}

export interface EvalRunOptions {
  readonly provider: ModelProvider;
  readonly model: string;
  readonly run: number;
  readonly checkVerifier?: boolean;
  readonly signal?: AbortSignal;
  /** Each session event as it happens, for progress. */
  readonly onEvent?: (event: SessionEvent) => void;
}

const SCRIPT_DEADLINE_MS = 5 * 60_000;
/** A verifier run before the agent waits for a state nothing will bring about: a short deadline says enough. */
const BEFORE_DEADLINE_MS = 15_000;
/** How an agent's run can fail because of what the model did (not because it could not be reached). */
const modelFaults = new Set(['malformed_tool_calls', 'too_many_turns']);
const tail = (text: string, lines = 30): string => text.trimEnd().split('\n').slice(-lines).join('\n');

/** setup → (the verifier, which must fail) → the prompts through Reign's agent → the verifier → cleanup, always. */
export async function runEvalTask(services: EvalServices, task: EvalTask, options: EvalRunOptions): Promise<EvalRunResult> {
  const started = Date.now();
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), `reign-eval-${basename(task.dir)}-`)));
  const env: NodeJS.ProcessEnv = { ...services.env, REIGN_EVAL_WORKSPACE: workspace, REIGN_EVAL_TASK: basename(task.dir) };
  const failures: string[] = [];
  const requests: string[] = [];
  const runIds = new Set<string>();
  let reads = 0;
  let proposed = 0;
  /** Runs of proposed plans (every other run is a read that ran at once): a plan proposed starts the next run. */
  const planRuns = new Set<string>();
  let planPending = false;
  let finalError: { kind: string; message: string } | undefined;
  /** Each plan step once (a step asked about again is approved twice but is one step), by run and id. */
  const outcomes = new Map<string, { approved: boolean; refused: boolean; status: 'succeeded' | 'failed' | null }>();
  let usage = noUsage;
  let costUsd: number | null = null;
  let answer = '';
  let log = '';
  let harnessError = false;
  let verifierBefore: 'failed' | 'passed' | undefined;
  const scripts: Record<'setup' | 'verifier' | 'cleanup', ScriptRun | null> = { setup: null, verifier: null, cleanup: null };
  const approver = new EvalApprover(task, workspace);

  const onEvent = (event: SessionEvent): void => {
    options.onEvent?.(event);
    if (event.type === 'plan_proposed') {
      proposed += event.plan.steps.length;
      planPending = true;
    }
    if (event.type === 'usage') {
      usage = addUsage(usage, event.usage);
      if (event.costUsd !== null) costUsd = (costUsd ?? 0) + event.costUsd;
    }
    if (event.type === 'final') {
      answer = event.text;
      finalError = event.error;
    }
    if (event.type !== 'run_event') return;
    const run = event.event;
    if (run.type === 'run.started') {
      runIds.add(run.runId);
      if (planPending) planRuns.add(run.runId);
      else reads += 1;
      planPending = false;
    }
    if (!('step' in run) || !planRuns.has(run.runId)) return;
    const key = `${run.runId}/${run.step}`;
    const outcome = outcomes.get(key) ?? { approved: false, refused: false, status: null };
    if (run.type === 'step.approval') run.decision === 'approve' ? (outcome.approved = true) : (outcome.refused = true);
    if (run.type === 'step.denied') outcome.refused = true;
    if (run.type === 'step.finished') outcome.status = run.status;
    outcomes.set(key, outcome);
  };

  try {
    scripts.setup = task.setup ? await runTaskScript(task.dir, task.setup, env, SCRIPT_DEADLINE_MS, options.signal) : null;
    if (scripts.setup && !scripts.setup.passed) {
      harnessError = true;
      failures.push(`setup ${task.setup} ${scripts.setup.timedOut ? 'ran out of time' : `exited ${scripts.setup.status}`}`);
      log = tail(scripts.setup.output);
    } else {
      if (options.checkVerifier && task.verifier) {
        const before = await runTaskScript(task.dir, task.verifier, env, BEFORE_DEADLINE_MS, options.signal);
        verifierBefore = before.passed ? 'passed' : 'failed';
        if (before.passed) failures.push(`the verifier passed before the agent ran: it checks nothing the task asks for`);
      }
      const session = services.openSession({
        provider: recordingProvider(options.provider, requests),
        model: options.model,
        workspace,
        title: `eval ${task.name} #${options.run}`,
        // The task's approval covers its own targets only, bound to each: a change proposed (or
        // resolved at run time) elsewhere is refused and scored, so a wayward model cannot harm the peers.
        answerPlan: async (plan) => approver.answerPlan(plan),
        askAgain: async (question) => approver.askAgain(question),
      });
      session.on(onEvent);
      const timer = setTimeout(() => session.cancel(), task.timeoutMs);
      const cancel = (): void => session.cancel();
      options.signal?.addEventListener('abort', cancel, { once: true });
      try {
        for (const prompt of task.prompts) {
          const result = await session.send(prompt);
          if (result.status === 'cancelled') {
            failures.push(options.signal?.aborted ? 'cancelled' : `the agent ran out of the task's time (${task.timeoutMs / 1000} s)`);
            break;
          }
          if (result.status === 'failed') {
            // A model that kept making malformed calls or never finished failed the task; a provider
            // that could not be reached (or refused the request) leaves it unjudged.
            const byModel = finalError && modelFaults.has(finalError.kind);
            if (!byModel) harnessError = true;
            failures.push(`${byModel ? 'the agent failed' : 'the model could not be asked'}: ${finalError?.message ?? (result.text || 'no answer')}`);
            break;
          }
          if (result.awaitingApproval.length) failures.push(`steps not approved (beyond ${task.approve}): ${result.awaitingApproval.join(', ')}`);
        }
      } catch (error) {
        harnessError = true;
        failures.push(`the agent could not run: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', cancel);
      }
      for (const { pattern, present } of task.expect) if (pattern.test(answer) !== present) failures.push(`the answer ${present ? 'does not match' : 'matches'} ${pattern.source}`);
      scripts.verifier = task.verifier ? await runTaskScript(task.dir, task.verifier, env, task.timeoutMs, options.signal) : null;
      if (scripts.verifier && !scripts.verifier.passed) {
        failures.push(`verifier ${task.verifier} ${scripts.verifier.timedOut ? 'ran out of time' : `exited ${scripts.verifier.status}`}`);
        log = tail(scripts.verifier.output);
      }
    }
  } finally {
    scripts.cleanup = task.cleanup ? await runTaskScript(task.dir, task.cleanup, env, SCRIPT_DEADLINE_MS) : null;
    if (scripts.cleanup && !scripts.cleanup.passed) failures.push(`cleanup ${task.cleanup} exited ${scripts.cleanup.status} (later tasks may see what it left)`);
    rmSync(workspace, { recursive: true, force: true });
  }

  const journaled = stepsFromAudit([...runIds].flatMap((id) => [...services.auditEntries(id)]));
  const safety = scoreSafety({ steps: journaled, refusedOutOfScope: approver.outOfScope, modelRequests: requests, approve: task.approve, scope: task.scope, secrets: task.secrets, workspace });
  const judged = !harnessError && (!task.verifier || scripts.verifier !== null);
  const passed = judged && failures.length === 0 && (task.verifier !== null || task.expect.length > 0);
  const brief = (run: ScriptRun | null) => (run ? { passed: run.passed, status: run.status, timedOut: run.timedOut, seconds: run.seconds } : null);
  return {
    task: task.name,
    run: options.run,
    llmConfig: { provider: options.provider.id, model: options.model },
    result: harnessError ? 'error' : passed ? 'success' : 'fail',
    failures,
    steps: {
      proposed,
      approved: [...outcomes.values()].filter((outcome) => outcome.approved).length,
      refused: [...outcomes.values()].filter((outcome) => outcome.refused || (!outcome.approved && outcome.status === null)).length,
      succeeded: [...outcomes.values()].filter((outcome) => outcome.status === 'succeeded').length,
      failed: [...outcomes.values()].filter((outcome) => outcome.status === 'failed').length,
      reads,
    },
    usage,
    costUsd,
    seconds: (Date.now() - started) / 1000,
    safety,
    journal: journaled.map(({ runId, step, tool, risk, targetId, status }) => ({ runId, step, tool, risk, targetId, status })),
    ...(verifierBefore ? { verifierBefore } : {}),
    answer,
    scripts: { setup: brief(scripts.setup), verifier: brief(scripts.verifier), cleanup: brief(scripts.cleanup) },
    log,
  };
}

/** A run the harness could not even start (its transcript does not parse, the provider cannot be made): an error, kept with the rest. */
export function unjudgedRun(task: EvalTask, run: number, llmConfig: EvalRunResult['llmConfig'], message: string): EvalRunResult {
  const held = { ok: true, problems: [] };
  return {
    task: task.name,
    run,
    llmConfig,
    result: 'error',
    failures: [message],
    steps: { proposed: 0, approved: 0, refused: 0, succeeded: 0, failed: 0, reads: 0 },
    usage: noUsage,
    costUsd: null,
    seconds: 0,
    safety: { mutationsApproved: held, inScope: held, noUnapprovedDestructive: held, noSecretToModel: held, ok: true },
    journal: [],
    answer: '',
    scripts: { setup: null, verifier: null, cleanup: null },
    log: '',
  };
}
