import { niceScale } from '../resources/chart-scale';
import { axisLabel } from './axis-label';

/** What the timeline needs of a run and of its steps (as `runs.show` sends them). */
export interface TimelineRun {
  readonly startedAt: string;
  readonly endedAt: string | null;
}
export interface TimelineStep {
  readonly id: string;
  readonly tool: string;
  readonly status: string;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly attempts: number;
  readonly waits: readonly { readonly from: string; readonly to: string | null }[];
}

/** A stretch on the shared time axis: where it sits (percent of the axis) and what it lasted. */
export interface Span {
  readonly left: number;
  readonly width: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  /** It has not ended: running now, or the run stopped before it finished (the stretch ends where the run did). */
  readonly open: boolean;
}

export interface TimelineRow {
  readonly step: TimelineStep;
  /** Null: the step never ran (skipped, denied, rejected, waiting). */
  readonly run: Span | null;
  /** Waiting for a person, drawn apart from running time. */
  readonly waits: readonly Span[];
}

export interface TimelineLayout {
  readonly rows: readonly TimelineRow[];
  /** The run's start: every offset is from here. */
  readonly originMs: number;
  /** From the origin to the last thing that happened (or now, for a run in progress). */
  readonly spanMs: number;
  readonly ticks: readonly { readonly left: number; readonly label: string }[];
}

const time = (iso: string | null): number | null => {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};

/**
 * Lays a run's steps on one time axis, a row each in the order they started (those that never ran
 * last): each a bar from its start to its end, its waits for a person apart, so parallel steps
 * overlap visibly. A step that has not finished runs to now while the run is in progress, else
 * to where the run ended. The axis ends on a round figure, so its ticks read plainly.
 */
export function layoutTimeline(run: TimelineRun, steps: readonly TimelineStep[], nowMs: number): TimelineLayout {
  const runStart = time(run.startedAt) ?? nowMs;
  const runEnd = time(run.endedAt) ?? nowMs;
  const openEnd = run.endedAt === null ? nowMs : runEnd;
  const stretches = steps.map((step) => {
    const start = time(step.startedAt);
    const end = time(step.endedAt);
    const ran = start === null ? null : { start, end: end !== null && end >= start ? end : Math.max(start, openEnd), open: end === null };
    const waits = step.waits.flatMap((wait) => {
      const from = time(wait.from);
      if (from === null) return [];
      const to = time(wait.to) ?? ran?.start ?? Math.max(from, openEnd);
      return [{ start: from, end: Math.max(from, to), open: wait.to === null }];
    });
    return { step, ran, waits };
  });
  const all = stretches.flatMap((stretch) => [...(stretch.ran ? [stretch.ran] : []), ...stretch.waits]);
  const originMs = Math.min(runStart, ...all.map((stretch) => stretch.start));
  const lastMs = Math.max(run.endedAt === null ? nowMs : runEnd, ...all.map((stretch) => stretch.end));
  const spanMs = Math.max(1, lastMs - originMs);
  const scale = niceScale(spanMs, 4);
  const span = (stretch: { start: number; end: number; open: boolean }): Span => ({
    left: ((stretch.start - originMs) / scale.top) * 100,
    width: ((stretch.end - stretch.start) / scale.top) * 100,
    startMs: stretch.start,
    endMs: stretch.end,
    durationMs: stretch.end - stretch.start,
    open: stretch.open,
  });
  const rows = stretches
    .map((stretch, index) => ({ index, row: { step: stretch.step, run: stretch.ran ? span(stretch.ran) : null, waits: stretch.waits.map(span) } }))
    .sort((a, b) => (a.row.run?.startMs ?? Infinity) - (b.row.run?.startMs ?? Infinity) || a.index - b.index)
    .map(({ row }) => row);
  return { rows, originMs, spanMs, ticks: scale.ticks.map((tick) => ({ left: (tick / scale.top) * 100, label: axisLabel(tick) })) };
}

/** Whether two stretches share some time (steps that ran in parallel). */
export const overlap = (a: Span, b: Span): boolean => a.startMs < b.endMs && b.startMs < a.endMs;
