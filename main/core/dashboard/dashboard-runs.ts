import type { DashboardRun } from '../../../preload/contract';
import type { RunRepository } from '../plan/run-repository';

/** Statuses of runs that did not do what was approved: the "failed recently" list. */
const FAILED = new Set(['failed', 'rolled-back', 'incomplete', 'interrupted']);
const RECENT = 8;
const FAILED_SHOWN = 5;
/** How far back "recently" reaches for failed runs. */
const FAILED_WITHIN_MS = 7 * 24 * 3600_000;

type HistoryRow = ReturnType<RunRepository['history']>[number];

const toRun = (run: HistoryRow): DashboardRun => ({
  id: run.id,
  planName: run.planName,
  status: run.status,
  startedAt: run.startedAt,
  endedAt: run.endedAt,
  durationMs: run.endedAt ? Math.max(0, Date.parse(run.endedAt) - Date.parse(run.startedAt)) : null,
  steps: run.steps,
  targets: run.targets,
});

/** The newest runs of the journal, and those of the last week that failed, newest first. */
export function dashboardRuns(runs: Pick<RunRepository, 'history'>, now = Date.now()): { recentRuns: DashboardRun[]; failedRuns: DashboardRun[] } {
  const recentRuns = runs.history({}, RECENT).map(toRun);
  const failedRuns = runs
    .history({}, 200)
    .filter((run) => FAILED.has(run.status) && now - Date.parse(run.startedAt) <= FAILED_WITHIN_MS)
    .slice(0, FAILED_SHOWN)
    .map(toRun);
  return { recentRuns, failedRuns };
}
