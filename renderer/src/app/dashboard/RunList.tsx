import type { DashboardRun } from '../../../../preload/contract';
import { type BadgeStatus, StatusBadge } from '../status/badges';
import { useAppStore } from '../store-context';
import { formatDuration } from '../format/format-duration';
import { relativeTime } from './time-words';

/** A run's status in the shared vocabulary (a run's own words where they differ from a step's). */
const runStatus = (status: string): { status: BadgeStatus; word: string } =>
  (
    ({
      succeeded: { status: 'succeeded', word: 'succeeded' },
      failed: { status: 'failed', word: 'failed' },
      // It failed: the rollback is what followed, so it reads as a failure.
      'rolled-back': { status: 'failed', word: 'failed, rolled back' },
      running: { status: 'running', word: 'running' },
      cancelled: { status: 'rejected', word: 'cancelled' },
      incomplete: { status: 'warn', word: 'incomplete' },
      interrupted: { status: 'warn', word: 'interrupted' },
      undone: { status: 'undone', word: 'undone' },
    }) as Record<string, { status: BadgeStatus; word: string }>
  )[status] ?? { status: 'unknown', word: status };

/** Runs of the journal, each opening in History. */
export function RunList({ title, runs, empty, testId }: { title: string; runs: readonly DashboardRun[]; empty: string; testId: string }) {
  const openRunInHistory = useAppStore((state) => state.openRunInHistory);
  const headingId = `${testId}-title`;
  return (
    <section className="dashboard-runs" data-testid={testId} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {!runs.length ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {runs.map((run) => {
            const { status, word } = runStatus(run.status);
            return (
              <li key={run.id}>
                <button type="button" className="dashboard-run" data-testid="dashboard-run" data-run={run.id} data-status={run.status} title={`Open run ${run.id} in History`} onClick={() => openRunInHistory(run.id)}>
                  <StatusBadge status={status} label={word} />
                  <span className="run-name">{run.planName ?? `Run ${run.id.slice(0, 8)}`}</span>
                  <span className="muted run-when">
                    {relativeTime(run.startedAt)} · {run.durationMs === null ? 'running' : formatDuration(run.durationMs)} · {run.steps} step{run.steps === 1 ? '' : 's'}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
