import type { StepView } from '../../state/plan-view';

const summaryFields = ['command', 'path', 'name', 'image', 'container', 'network', 'volume', 'url', 'id', 'template'] as const;

/** One short line on what a step does, for its node: its name if it has one, else its main input. */
export function summarizeStep(step: Pick<StepView, 'name' | 'input' | 'tool'>): string {
  if (step.name) return step.name;
  const input = step.input as Record<string, unknown>;
  const parts = summaryFields.filter((field) => typeof input[field] === 'string').slice(0, 2).map((field) => String(input[field]));
  const text = parts.join(' · ') || step.tool;
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export const statusLabels: Record<StepView['status'], string> = {
  pending: 'pending',
  'needs-approval': 'needs approval',
  approved: 'approved',
  rejected: 'rejected',
  denied: 'refused by policy',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  undone: 'undone',
  'undo-failed': 'undo failed',
  'left-in-place': 'left in place',
};

/** The label of a step's status; an undo that waits for approval is not shown as failed. */
export const statusLabel = (step: Pick<StepView, 'status' | 'undoWaits'>): string => (step.status === 'undo-failed' && step.undoWaits ? 'undo waits for approval' : statusLabels[step.status]);
