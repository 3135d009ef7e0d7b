import type { Core } from '../core/bootstrap';
import { toolContext } from '../core/tools/tool-definition';
import type { CliIo } from './cli-io';

/** `reign plan undo RUN`: undoes a finished run's steps, dependents first; reports what has no undo. */
export async function undoRun(core: Core, io: CliIo, runId: string, json: boolean): Promise<number> {
  const run = core.runs.run(runId);
  const plan = run && core.runs.plan(run.planId);
  if (!run || !plan) {
    io.stderr(`reign: no run ${runId}. See \`reign runs list\`.\n`);
    return 1;
  }
  if (run.status === 'running') {
    io.stderr(`reign: run ${run.id} is still running; cancel it first.\n`);
    return 1;
  }
  const steps = new Map(core.runs.steps(run.id).map((step) => [step.stepId, step]));
  const shell = await core.shell();
  const ctx = toolContext(run.workspace, io.env, shell);
  const order = reverseTopological(plan.steps);
  let failures = 0;
  const report = (line: Record<string, unknown>): void => {
    core.audit.append(String(line.type), line, run.id);
    io.stdout(json ? `${JSON.stringify(line)}\n` : `${String(line.text)}\n`);
  };
  for (const id of order) {
    const step = steps.get(id);
    if (!step || step.status !== 'succeeded') continue;
    const tool = core.tools.get(step.tool)!;
    if (step.risk === 'read') continue;
    if (!tool.undo) {
      report({ type: 'step.left-in-place', runId: run.id, step: id, change: tool.describeChange(step.input), text: `! ${id} has no undo: ${tool.describeChange(step.input)} stays` });
      continue;
    }
    const result = await tool.undo({ input: step.input, output: step.output, snapshot: step.snapshot, ctx, signal: new AbortController().signal });
    if (result.ok) core.runs.setStepStatus(run.id, id, 'undone');
    else failures += 1;
    report({ type: 'step.undone', runId: run.id, step: id, ok: result.ok, error: result.ok ? undefined : result.error.message, text: result.ok ? `↺ ${id} undone` : `✗ ${id} could not be undone: ${result.error.message}` });
  }
  if (!failures) core.runs.finishRun(run.id, 'undone');
  return failures ? 1 : 0;
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
