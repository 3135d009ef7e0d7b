import { useEffect } from 'react';
import { useAppStore } from '../store-context';

const statusTone: Record<string, string> = { succeeded: 'ok', 'rolled-back': 'warning', incomplete: 'warning', interrupted: 'warning', failed: 'error', cancelled: 'missing', undone: 'missing' };

/** Past runs from the journal: filter by status and target, open one to see its steps and approvals, export. */
export function HistoryPane() {
  const history = useAppStore((state) => state.history);
  const loadHistory = useAppStore((state) => state.loadHistory);
  const selectRun = useAppStore((state) => state.selectRun);
  const exportAudit = useAppStore((state) => state.exportAudit);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

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
                  <span className={`badge ${statusTone[run.status] ?? 'missing'}`}>{run.status}</span>
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
        <section className="card" data-testid="history-detail">
          <h2>
            {selected.run.planName ?? selected.run.id} <span className="muted">({selected.run.status})</span>
          </h2>
          <table className="checks">
            <tbody>
              {selected.steps.map((step) => (
                <tr key={step.id} data-testid={`history-step-${step.id}`} data-status={step.status}>
                  <th scope="row">{step.id}</th>
                  <td>{step.tool}</td>
                  <td>
                    <span className={`badge ${statusTone[step.status] ?? (step.status === 'undone' ? 'missing' : 'warning')}`}>{step.status}</span> {step.risk}
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
