import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Core } from '../core/bootstrap';
import { toolContext } from '../core/tools/tool-definition';
import { isFolder } from '../core/tools/workspace-paths';
import { classifyStep } from '../core/plan/classify-step';
import { parseHeldOrThrow } from '../core/plan/held-references';
import { loadPlanFile } from '../core/plan/plan-loader';
import type { RunRequest } from '../core/plan/plan-runner';
import type { Plan, PlanProblem } from '../core/plan/plan-schema';
import { expandPlan } from '../core/plan/expand-plan';
import type { RunEvent } from '../core/plan/run-events';
import type { Risk } from '../core/policy/risk';
import type { CliIo } from './cli-io';
import { humanPrinter } from './run-printer';

export interface PlanOptions {
  readonly approve?: string;
  readonly concurrency?: string;
  readonly rollback: boolean;
  readonly workspace?: string;
  readonly json: boolean;
  readonly allowCritical: string[];
  readonly confirm: string[];
  readonly stepTimeout?: string;
  readonly rerun: string[];
  readonly assumeDone: string[];
  readonly reject: string[];
}

const approveLevels: Record<string, Risk> = { read: 'read', write: 'write', destructive: 'destructive', all: 'critical' };

export async function planCommand(core: Core, io: CliIo, words: string[], options: PlanOptions): Promise<number> {
  const [action, argument] = words;
  if (action === 'validate' && argument) return validateCommand(core, io, argument, options.json);
  if (action === 'run' && argument) {
    const loaded = await loadAndExpand(core, io, argument, resolve(options.workspace ?? process.cwd()));
    if (!loaded.ok) return reportProblems(io, loaded.problems, options.json);
    return runPlan(core, io, loaded.plan, options, undefined);
  }
  if (action === 'resume' && argument) return resumeCommand(core, io, argument, options);
  if (action === 'undo' && argument) {
    const outcome = await core.operations.undo(argument, io.env, (event) => io.stdout(options.json ? `${JSON.stringify(event)}\n` : `${event.text}\n`));
    if (!outcome.ok) io.stderr(`reign: ${outcome.problem}\n`);
    return outcome.ok && !outcome.failures ? 0 : 1;
  }
  io.stderr('reign plan: use `reign plan validate FILE`, `reign plan run FILE [options]`, `reign plan resume RUN`, or `reign plan undo RUN`.\n');
  return 2;
}

function reportProblems(io: CliIo, problems: readonly { step: string | null; path: string; message: string }[], json: boolean): number {
  if (json) io.stdout(`${JSON.stringify({ valid: false, problems })}\n`);
  else io.stderr(`The plan is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  ${p.step ?? '(plan)'} › ${p.path}: ${p.message}`).join('\n')}\n`);
  return 1;
}

async function validateCommand(core: Core, io: CliIo, file: string, json: boolean): Promise<number> {
  const loaded = await loadAndExpand(core, io, file, process.cwd());
  if (!loaded.ok) return reportProblems(io, loaded.problems, json);
  await printClassifiedPlan(core, io, loaded.plan, process.cwd(), json);
  return 0;
}

/** A plan file, validated, with its planner steps (compose.up…) expanded into the steps they stand for. */
async function loadAndExpand(core: Core, io: CliIo, file: string, workspace: string): Promise<{ ok: true; plan: Plan } | { ok: false; problems: readonly PlanProblem[] }> {
  const loaded = loadPlanFile(file);
  if (!loaded.ok) return loaded;
  const ctx = toolContext(isFolder(workspace) ? realpathSync(workspace) : workspace, io.env, await core.shell(), core.operations.secret);
  const { plan, problems } = await expandPlan(loaded.plan, core.tools, ctx, new AbortController().signal);
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}

/** Each step with its risk and why, as validation and `reign compose plan` show them. */
export async function printClassifiedPlan(core: Core, io: CliIo, plan: Plan, workspace: string, json: boolean): Promise<void> {
  const ctx = toolContext(workspace, io.env, await core.shell(), core.operations.secret);
  const steps = await Promise.all(plan.steps.map(async (step) => {
    const tool = core.tools.get(step.tool)!;
    // A field that is an earlier step's output is classified with it when the step runs, as the runner does.
    const { data, held } = parseHeldOrThrow(tool, step.input);
    const { risk, reasons, target } = await classifyStep(tool, data, ctx, core.policy, undefined, held);
    return { id: step.id, tool: step.tool, dependsOn: step.dependsOn, risk, reasons, target: target.id };
  }));
  if (json) io.stdout(`${JSON.stringify({ valid: true, steps })}\n`);
  else io.stdout(`valid: ${steps.length} step${steps.length === 1 ? '' : 's'}\n${steps.map((step) => `  ${step.id}: ${step.tool} — ${step.risk}: ${step.reasons.join('; ')}${step.dependsOn.length ? ` (after ${step.dependsOn.join(', ')})` : ''}`).join('\n')}\n`);
}

export async function runPlan(core: Core, io: CliIo, plan: Plan, options: PlanOptions, resume: { planId: string; done: Map<string, Record<string, unknown>> } | undefined): Promise<number> {
  const approveUpTo = options.approve === undefined ? null : approveLevels[options.approve];
  if (approveUpTo === undefined) {
    io.stderr(`reign: --approve takes read, write, destructive or all, not "${options.approve}".\n`);
    return 2;
  }
  // Without --concurrency the runner chooses from the plan's graph and the engines it acts on.
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    io.stderr(`reign: --concurrency must be a whole number of at least 1, not "${options.concurrency}".\n`);
    return 2;
  }
  const workspace = resolve(options.workspace ?? process.cwd());
  if (!isFolder(workspace)) {
    io.stderr(`reign: the workspace ${workspace} is not a folder.\n`);
    return 2;
  }
  // --reject and --allow-critical name steps; a planner step (compose.up) stands for the steps it expanded into.
  const stepsOf = (id: string): string[] => plan.steps.filter((step) => step.id === id || step.id.startsWith(`${id}.`)).map((step) => step.id);
  const named = [...options.reject, ...options.allowCritical].filter((id) => !stepsOf(id).length);
  if (named.length) {
    io.stderr(`reign: the plan has no step ${named.join(', ')} (steps: ${plan.steps.map((step) => step.id).join(', ')}).\n`);
    return 2;
  }
  await core.loadSecretsIntoRedactor();
  const print = options.json ? (event: RunEvent) => io.stdout(`${JSON.stringify(event)}\n`) : humanPrinter(io);
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    const request: RunRequest = {
      plan,
      workspace: realpathSync(workspace),
      env: io.env,
      approveUpTo,
      approvalSource: `cli --approve ${options.approve ?? ''}`.trim(),
      allowCritical: options.allowCritical.flatMap(stepsOf),
      confirmations: options.confirm,
      concurrency,
      rollback: options.rollback,
      stepTimeoutMs: options.stepTimeout ? Number(options.stepTimeout) : undefined,
      signal: controller.signal,
      decisions: new Map(options.reject.flatMap(stepsOf).map((step) => [step, { decision: 'reject' as const, source: 'cli --reject' }])),
      planId: resume?.planId,
      done: resume?.done,
    };
    const result = await core.operations.run(request, print);
    if (result.status === 'succeeded') return 0;
    // Like `reign ask`: 3 when nothing failed but steps wait for an approval (re-run with --approve, --confirm).
    const waiting = [...result.steps.values()].filter((step) => step.status === 'needs-approval');
    return result.status === 'incomplete' && waiting.length ? 3 : 1;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
  }
}

async function resumeCommand(core: Core, io: CliIo, runId: string, options: PlanOptions): Promise<number> {
  const run = core.runs.run(runId);
  const plan = run && core.runs.plan(run.planId);
  if (!run || !plan) {
    io.stderr(`reign: no run ${runId}. See \`reign runs list\`.\n`);
    return 1;
  }
  if (JSON.stringify(plan).includes('[REDACTED')) {
    io.stderr(`reign: run ${run.id}'s plan held secrets, which Reign does not store; run the plan again from its file (steps that succeeded are safe to repeat only if they are idempotent).\n`);
    return 1;
  }
  const steps = core.runs.steps(run.id);
  const done = new Map<string, Record<string, unknown>>();
  for (const step of steps) if (step.status === 'succeeded') done.set(step.stepId, step.output ?? {});
  for (const id of options.assumeDone) done.set(id, {});
  // A step that may or may not have had its effect is never re-run by itself.
  const unknown = steps.filter((step) => step.status === 'unknown' && !done.has(step.stepId) && !options.rerun.includes(step.stepId) && !core.tools.get(step.tool)?.idempotent);
  if (unknown.length) {
    io.stderr(
      `reign: run ${run.id} was interrupted while these steps were running: ${unknown.map((step) => step.stepId).join(', ')}.\n` +
        'They may or may not have had their effect, and are not safe to repeat. Check, then resume with --assume-done STEP (it happened) or --rerun STEP (run it again).\n',
    );
    return 1;
  }
  io.stdout(`resuming run ${run.id}: ${done.size} step(s) already done are not run again\n`);
  // The resumed run acts on the same workspace as the run it continues.
  return runPlan(core, io, plan, { ...options, workspace: options.workspace ?? run.workspace }, { planId: run.planId, done });
}

