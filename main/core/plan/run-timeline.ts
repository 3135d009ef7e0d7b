import type { AuditEntry } from '../audit/chain-hash';

/** A stretch of time a step spent waiting for a person; `to` is null while (or if never) answered. */
export interface StepWait {
  readonly from: string;
  readonly to: string | null;
}

/**
 * When a step ran, from the journal's own timestamps: its first start to its last finish (a retried
 * step is one bar), and the times it waited for a person during the run. Null `startedAt`: it never
 * ran (skipped, denied, rejected); null `endedAt` after a start: it is running, or the run stopped
 * before it finished.
 */
export interface StepTiming {
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly attempts: number;
  readonly waits: StepWait[];
}

interface Building {
  startedAt: string | null;
  endedAt: string | null;
  attempts: number;
  waits: { from: string; to: string | null }[];
}

/** Every step's timing in one run, read from its audit entries in journal order. */
export function stepTimings(entries: Iterable<Pick<AuditEntry, 'at' | 'kind' | 'payload'>>): Map<string, StepTiming> {
  const timings = new Map<string, Building>();
  const of = (step: string): Building => {
    let timing = timings.get(step);
    if (!timing) timings.set(step, (timing = { startedAt: null, endedAt: null, attempts: 0, waits: [] }));
    return timing;
  };
  for (const entry of entries) {
    const payload = entry.payload as { step?: unknown; at?: unknown };
    if (typeof payload?.step !== 'string') continue;
    const timing = of(payload.step);
    switch (entry.kind) {
      case 'step.started':
        timing.startedAt ??= entry.at;
        timing.attempts += 1;
        timing.endedAt = null; // a retry: the step runs again
        break;
      case 'step.finished':
        timing.endedAt = entry.at;
        break;
      case 'step.needs-approval':
        if (!timing.waits.some((wait) => wait.to === null)) timing.waits.push({ from: entry.at, to: null });
        break;
      case 'step.approval': {
        const open = timing.waits.find((wait) => wait.to === null);
        // The decision's own time (taken when the person answered), else when it was journaled.
        if (open) open.to = typeof payload.at === 'string' && payload.at >= open.from ? payload.at : entry.at;
        break;
      }
    }
  }
  return timings;
}

export const NO_TIMING: StepTiming = { startedAt: null, endedAt: null, attempts: 0, waits: [] };
