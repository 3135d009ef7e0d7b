import { useAppPick, useAppStore } from '../store-context';
import { RunList } from './RunList';
import { TargetCard } from './TargetCard';
import { relativeTime } from './time-words';
import { useDashboardRefresh } from './use-dashboard-refresh';
import './dashboard.css';

/** The home pane: the health of every target and the runs of late, each a way into Resources or History. */
export function DashboardPane() {
  const { data, loading, error } = useAppStore((state) => state.dashboard);
  const { loadDashboard } = useAppPick('loadDashboard');
  useDashboardRefresh(loadDashboard);
  const problems = data?.targets.filter((target) => target.tone === 'bad' || target.tone === 'warn').length ?? 0;
  return (
    <section className="pane dashboard-pane" data-testid="pane-home" aria-labelledby="pane-title-home" aria-busy={loading}>
      <header className="dashboard-head">
        <div>
          <h1 id="pane-title-home">Dashboard</h1>
          <p className="purpose">
            {!data ? 'Checking your engines, clusters, workspaces and repositories…' : problems ? `${problems} target${problems === 1 ? ' needs' : 's need'} attention.` : 'Every target Reign knows answers.'}
          </p>
        </div>
        <div className="dashboard-actions">
          {data && (
            <span className="muted" data-testid="dashboard-checked" title={data.checkedAt}>
              Checked {relativeTime(data.checkedAt)}
            </span>
          )}
          <button type="button" data-testid="dashboard-refresh" onClick={() => void loadDashboard()} disabled={loading}>
            {loading ? 'Checking…' : 'Refresh'}
          </button>
        </div>
      </header>
      {error && (
        <p className="error" role="alert">
          The dashboard could not be read: {error}
        </p>
      )}
      {data && (
        <>
          {/* A failure is what a person opens the app for: above the targets while there is one. */}
          {data.failedRuns.length > 0 && <RunList title="Failed recently" runs={data.failedRuns} empty="" testId="dashboard-failed-runs" />}
          <section className="dashboard-targets" aria-labelledby="dashboard-targets-title">
            <h2 id="dashboard-targets-title">Targets</h2>
            {/* One grid across families (each card names its kind), in the order the families are listed. */}
            <div className="target-grid">
              {data.targets.map((target) => (
                <TargetCard key={target.id} target={target} />
              ))}
            </div>
            {!data.targets.length && <p className="muted">No family reports targets on this machine.</p>}
          </section>
          <div className="dashboard-runs-row">
            {!data.failedRuns.length && <RunList title="Failed recently" runs={data.failedRuns} empty="No run failed in the last 7 days." testId="dashboard-failed-runs" />}
            <RunList title="Recent runs" runs={data.recentRuns} empty="No plan has run yet: ask the agent in Chat, and its runs appear here." testId="dashboard-recent-runs" />
          </div>
        </>
      )}
    </section>
  );
}
