import type { SearchItem } from '../../../preload/contract';

interface RunLike {
  readonly id: string;
  readonly planName: string | null;
  readonly status: string;
  readonly startedAt: string;
  readonly steps: number;
  readonly targets: readonly string[];
}

/** Recent runs of the journal as search items, found by plan name, id, status or target. */
export function runSearchables(runs: readonly RunLike[]): SearchItem[] {
  return runs.map((run) => ({
    kind: 'run',
    name: run.planName ?? `run ${run.id.slice(0, 8)}`,
    detail: [run.status, run.startedAt.slice(0, 16).replace('T', ' '), `${run.steps} step${run.steps === 1 ? '' : 's'}`, run.targets.join(', '), run.id.slice(0, 8)].filter(Boolean).join(' · '),
    target: { pane: 'history', run: run.id },
  }));
}
