import type { Core } from '../core/bootstrap';
import type { CliIo } from './cli-io';

/** `reign runs list|show ID [--json]`. */
export function runsCommand(core: Core, io: CliIo, words: string[], json: boolean): number {
  const [action = 'list', id] = words;
  if (action === 'list') {
    const runs = core.runs.listRuns();
    if (json) io.stdout(`${JSON.stringify(runs)}\n`);
    else io.stdout(runs.length ? `${runs.map((run) => `${run.id}  ${run.status.padEnd(12)} ${run.startedAt}  ${run.workspace}`).join('\n')}\n` : 'no runs yet\n');
    return 0;
  }
  if (action === 'show' && id) {
    const run = core.runs.run(id);
    if (!run) {
      io.stderr(`reign: no run ${id}. See \`reign runs list\`.\n`);
      return 1;
    }
    // Snapshots hold file contents; they stay in the database for undo and are not printed.
    const steps = core.runs.steps(run.id).map(({ snapshot: _snapshot, ...step }) => core.redactor.redactValue(step));
    if (json) io.stdout(`${JSON.stringify({ ...run, steps })}\n`);
    else {
      io.stdout(`run ${run.id}: ${run.status} (started ${run.startedAt}${run.endedAt ? `, ended ${run.endedAt}` : ''}) in ${run.workspace}\n`);
      for (const step of steps) {
        io.stdout(`  ${step.stepId.padEnd(20)} ${step.status.padEnd(14)} ${step.tool} (${step.risk})${step.error ? `: ${step.error.message}` : ''}${step.status === 'unknown' ? ' — unknown: check before re-running' : ''}\n`);
      }
    }
    return 0;
  }
  io.stderr('reign runs: use `reign runs list` or `reign runs show RUN`.\n');
  return 2;
}
