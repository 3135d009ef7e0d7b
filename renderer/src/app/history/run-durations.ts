import { fractionOf, niceScale } from '../resources/chart-scale';
import { axisLabel } from './axis-label';

/** What the chart needs of a run (as `runs.list` sends it). */
export interface DurationRun {
  readonly id: string;
  readonly planName: string | null;
  readonly status: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
}

export interface DurationBar {
  readonly run: DurationRun;
  readonly durationMs: number;
  /** Height as a fraction of the axis (0–1). */
  readonly height: number;
  /** Still running: its bar grows until it ends. */
  readonly open: boolean;
}

/** How many runs the chart shows: enough to see a trend, few enough that each bar can be clicked. */
export const DURATION_RUNS = 30;

/**
 * The last `count` runs, oldest on the left so time reads left to right, each a bar as tall as it
 * took (a run in progress: so far), on an axis with a round top.
 */
export function layoutDurations(runs: readonly DurationRun[], nowMs: number, count = DURATION_RUNS): { bars: DurationBar[]; ticks: { height: number; label: string }[]; top: number } {
  const chosen = [...runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)).slice(-count);
  const measured = chosen.map((run) => {
    const start = Date.parse(run.startedAt);
    const end = run.endedAt === null ? nowMs : Date.parse(run.endedAt);
    return { run, durationMs: Math.max(0, end - start), open: run.endedAt === null };
  });
  const scale = niceScale(Math.max(0, ...measured.map((bar) => bar.durationMs)), 4);
  return {
    bars: measured.map((bar) => ({ ...bar, height: fractionOf(bar.durationMs, scale.top) })),
    ticks: scale.ticks.map((tick) => ({ height: fractionOf(tick, scale.top), label: axisLabel(tick) })),
    top: scale.top,
  };
}
