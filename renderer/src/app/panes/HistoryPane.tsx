import { useEffect, useMemo, useRef } from 'react';
import { RunDurationsChart } from '../history/RunDurationsChart';
import { RunTimeline } from '../history/RunTimeline';
import { followRun, type RunFollower } from '../history/run-follower';
import { badgeOf } from '../history/run-status';
import { RiskBadge, StatusBadge, type BadgeRisk } from '../status/badges';
import { useAppStore } from '../store-context';

const isRisk = (risk: string): risk is BadgeRisk => ['read', 'write', 'destructive', 'critical'].includes(risk);

/** Past runs from the journal: filter by status and target, open one to see its steps and approvals, export. */
export function HistoryPane() {
  const history = useAppStore((state) => state.history);
  const loadHistory = useAppStore((state) => state.loadHistory);
  const selectRun = useAppStore((state) => state.selectRun);
  const exportAudit = useAppStore((state) => state.exportAudit);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);
  const detail = useRef<HTMLElement>(null);
  const scrollToDetail = useRef(false);
  // Opened from the chart at the top: the run's detail is below the list, so it is brought into view once shown.
  const openFromChart = (id: string): void => {
    scrollToDetail.current = true;
    void selectRun(id);
  };
  const selectedId = history.selected?.run.id ?? null;
  useEffect(() => {
    if (!scrollToDetail.current || !detail.current) return;
    scrollToDetail.current = false;
    detail.current.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [history.selected]);
  const selectedRunning = history.selected?.run.endedAt === null;
  // A run in progress is read again so its timeline and durations follow it: only while the window
  // is visible, less often while nothing changes (a run waiting hours for approval); run events
  // the store receives read it at once (listenForRuns), which shows here as a change.
  const follower = useRef<RunFollower | null>(null);
  useEffect(() => {
    if (!selectedId || !selectedRunning) return;
    const following = followRun(() => Promise.all([selectRun(selectedId), loadHistory()]));
    follower.current = following;
    return () => {
      following.stop();
      follower.current = null;
    };
  }, [selectedId, selectedRunning, selectRun, loadHistory]);
  const seen = useMemo(() => JSON.stringify(history.selected), [history.selected]);
  useEffect(() => {
    follower.current?.sawChange();
  }, [seen]);

  const download = async (runId?: string) => {
    const jsonl = await exportAudit(runId);
    if (jsonl === null) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([jsonl], { type: 'application/x-ndjson' }));
    link.download = `reign-audit${runId ? `-${runId.slice(0, 8)}` : ''}.jsonl`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const list = history.list;
  const selected = history.selected;
  return (
    <section className="pane" data-testid="pane-history" aria-labelledby="pane-title-history">
      <h1 id="pane-title-history">History</h1>
      <p className="purpose">Every run, from the journal. A run in progress is followed live in the Plan pane.</p>
      <div className="row">
        <FilterSelect label="Status" testId="history-filter-status" value={history.filter.status} options={list?.statuses} onChange={(status) => void loadHistory({ status })} />
        <FilterSelect label="Target" testId="history-filter-target" value={history.filter.target} options={list?.targets} onChange={(target) => void loadHistory({ target })} />
        <button type="button" data-testid="history-export-all" onClick={() => void download()}>
          Export audit log
        </button>
      </div>
      {history.error && (
        <p className="error" role="alert" data-testid="history-error">
          {history.error}
        </p>
      )}
      {list && list.runs.length > 0 && <RunDurationsChart runs={list.runs} selectedId={selectedId} onOpen={openFromChart} />}
      {list && list.runs.length === 0 && <p className="muted" data-testid="history-empty">No runs{history.filter.status || history.filter.target ? ' match the filter' : ' yet'}.</p>}
      {list && list.runs.length > 0 && (
        <table className="checks" data-testid="history-runs">
          <tbody>
            {list.runs.map((run) => (
              <tr key={run.id} data-testid={`history-run-${run.id}`} data-status={run.status} aria-selected={selected?.run.id === run.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => void selectRun(run.id)}>
                    {run.planName ?? run.id.slice(0, 8)}
                  </button>
                </th>
                <td>
                  <StatusBadge {...badgeOf(run.status)} />
                </td>
                <td>
                  {new Date(run.startedAt).toLocaleString()} · {run.steps} step{run.steps === 1 ? '' : 's'} · {run.targets.join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <section className="card" data-testid="history-detail" ref={detail}>
          <h2>
            {selected.run.planName ?? selected.run.id} <StatusBadge {...badgeOf(selected.run.status)} className="chip" />
          </h2>
          <RunTimeline run={selected.run} steps={selected.steps} />
          <table className="checks">
            <tbody>
              {selected.steps.map((step) => (
                <tr key={step.id} data-testid={`history-step-${step.id}`} data-status={step.status}>
                  <th scope="row">{step.id}</th>
                  <td>{step.tool}</td>
                  <td>
                    <StatusBadge {...badgeOf(step.status)} /> {isRisk(step.risk) ? <RiskBadge risk={step.risk} /> : step.risk}
                    {step.error && <div className="fix">{step.error}</div>}
                    {step.output && (
                      <details data-testid={`history-output-${step.id}`}>
                        <summary>Output</summary>
                        <pre className="history-output">{step.output}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Approvals</h3>
          <ul data-testid="history-approvals">
            {selected.approvals.map((approval) => (
              <li key={`${approval.step}-${approval.at}-${approval.decision}`}>
                {approval.step}: {approval.decision} by {approval.source} at {new Date(approval.at).toLocaleTimeString()}
              </li>
            ))}
          </ul>
          <button type="button" data-testid="history-export-run" onClick={() => void download(selected.run.id)}>
            Export this run
          </button>
        </section>
      )}
    </section>
  );
}

/** One filter of the run list: "all" or one of the values the journal has. */
function FilterSelect({ label, testId, value, options, onChange }: { label: string; testId: string; value: string; options: readonly string[] | undefined; onChange: (value: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">all</option>
        {options?.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}
