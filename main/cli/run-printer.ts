import type { RunEvent } from '../core/plan/run-events';
import type { CliIo } from './cli-io';

const marks: Record<string, string> = { succeeded: '✓', failed: '✗', skipped: '–', undone: '↺' };

/** Prints run events for a person: one line per step event, output indented under its step. */
export function humanPrinter(io: CliIo): (event: RunEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'run.started':
        return io.stdout(`run ${event.runId} (${event.steps} steps) in ${event.workspace}\n`);
      case 'step.classified':
        return io.stdout(`  ${event.step}: ${event.tool} — ${event.risk} on ${event.target.label} (${event.decision}): ${event.reasons.join('; ')}\n`);
      case 'step.reclassified':
        return io.stdout(`  ${event.step} classified again with its resolved input — ${event.risk} on ${event.target.label} (${event.decision}): ${event.reasons.join('; ')}\n`);
      case 'step.needs-approval':
        return io.stdout(`! ${event.step} needs approval: ${event.why}\n`);
      case 'step.denied':
        return io.stdout(`✗ ${event.step} refused by policy: ${event.why}\n`);
      case 'step.started':
        return io.stdout(`▶ ${event.step}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}\n`);
      case 'step.output':
        return io.stdout(event.text.replace(/^(?=.)/gm, '    '));
      case 'step.finished':
        return io.stdout(`${marks[event.status]} ${event.step} ${event.status} in ${event.ms} ms${event.error ? `: ${event.error.message}` : ''}\n`);
      case 'step.skipped':
        return io.stdout(`– ${event.step} skipped: ${event.because}\n`);
      case 'rollback.started':
        return io.stdout(event.steps.length ? `rolling back: ${event.steps.join(', ')}\n` : 'nothing to roll back\n');
      case 'step.undone':
        return io.stdout(event.ok ? `↺ ${event.step} undone\n` : `✗ ${event.step} could not be undone: ${event.error}\n`);
      case 'step.left-in-place':
        return io.stdout(`! ${event.step} left in place (no undo): ${event.change}\n`);
      case 'run.finished':
        return io.stdout(`run ${event.status}: ${Object.entries(event.summary).map(([status, count]) => `${count} ${status}`).join(', ')}\n`);
      default:
        return undefined;
    }
  };
}
