import type { AuditLog } from '../audit/audit-log';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import type { AccessWhere } from '../tools/access';
import { toolContext } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import { undoStep } from './rollback';
import type { RunRepository } from './run-repository';

export interface UndoDependencies {
  readonly runs: RunRepository;
  readonly tools: ToolRegistry;
  readonly audit: AuditLog;
  readonly shell: () => Promise<ShellAnalyzer>;
  readonly secret?: AccessWhere['secret'];
}

/** One line of an undo, journaled and shown as it happens. */
export type UndoEvent =
  | { readonly type: 'step.undone'; readonly runId: string; readonly step: string; readonly ok: boolean; readonly error?: string; readonly text: string }
  | { readonly type: 'step.left-in-place'; readonly runId: string; readonly step: string; readonly change: string; readonly text: string };

export type UndoOutcome = { readonly ok: true; readonly failures: number } | { readonly ok: false; readonly problem: string };

/** Undoes a finished run's steps, dependents first; reports what has no undo. Used by `reign plan undo` and the plan pane. */
export async function undoRun(deps: UndoDependencies, runId: string, env: NodeJS.ProcessEnv, onEvent: (event: UndoEvent) => void): Promise<UndoOutcome> {
  const run = deps.runs.run(runId);
  const plan = run && deps.runs.plan(run.planId);
  if (!run || !plan) return { ok: false, problem: `no run ${runId}. See \`reign runs list\`.` };
  if (run.status === 'running') return { ok: false, problem: `run ${run.id} is still running; cancel it first.` };
  if (run.status === 'undone') return { ok: false, problem: `run ${run.id} was already undone.` };
  const steps = new Map(deps.runs.steps(run.id).map((step) => [step.stepId, step]));
  const ctx = toolContext(run.workspace, env, await deps.shell(), deps.secret);
  let failures = 0;
  const report = (event: UndoEvent): void => {
    deps.audit.append(event.type, event, run.id);
    onEvent(event);
  };
  for (const id of reverseTopological(plan.steps)) {
    const step = steps.get(id);
    if (!step || step.status !== 'succeeded' || step.risk === 'read') continue;
    const tool = deps.tools.get(step.tool)!;
    if (!tool.undo) {
      const change = tool.describeChange(step.input);
      report({ type: 'step.left-in-place', runId: run.id, step: id, change, text: `! ${id} has no undo: ${change} stays` });
      continue;
    }
    const result = await undoStep(tool, { input: step.input, output: step.output, snapshot: step.snapshot }, ctx);
    if (result.ok) deps.runs.setStepStatus(run.id, id, 'undone');
    else failures += 1;
    report({ type: 'step.undone', runId: run.id, step: id, ok: result.ok, error: result.ok ? undefined : result.error.message, text: result.ok ? `↺ ${id} undone` : `✗ ${id} could not be undone: ${result.error.message}` });
  }
  if (!failures) deps.runs.finishRun(run.id, 'undone');
  return { ok: true, failures };
}

/** Steps ordered so that every step comes before the steps it depends on. */
function reverseTopological(steps: readonly { id: string; dependsOn: readonly string[] }[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const byId = new Map(steps.map((step) => [step.id, step]));
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dependency of byId.get(id)?.dependsOn ?? []) visit(dependency);
    order.push(id);
  };
  for (const step of steps) visit(step.id);
  return order.reverse();
}
