import { useEffect, useState } from 'react';
import { LogsAndStatsDetail } from '../resources/LogsAndStatsDetail';
import { LogsDetail } from '../resources/LogsDetail';
import { JobsDetailPanel } from '../resources/github-run-jobs-detail';
import { ResourceTable } from '../resources/ResourceTable';
import { ScopePicker } from '../resources/ScopePicker';
import { columnsInScope, columnsWithValues } from '../resources/data-table';
import { useAppPick, useAppStore } from '../store-context';
import type { ResourceRow, ResourceView } from '../../../../preload/contract';

/** What names an opened row in its panel: its first cell (a run's workflow), with the key when they differ. */
const rowLabel = (view: ResourceView, row: ResourceRow): string => {
  const first = row.cells[view.columns[0]?.key ?? ''];
  return first !== null && first !== undefined && String(first) !== row.key ? `${first} · ${row.key}` : row.key;
};

/** Every family's resource views as tables; every action and read goes through the plan engine and the policy. */
export function ResourcesPane() {
  const resources = useAppStore((state) => state.resources);
  const { loadViews, showView, requestAction, chooseScope } = useAppPick('loadViews', 'showView', 'requestAction', 'chooseScope');
  const [opened, setOpened] = useState<string | null>(null);
  useEffect(() => {
    void loadViews();
  }, [loadViews]);
  const views = resources.views ?? [];
  const view = views.find((candidate) => candidate.id === resources.viewId) ?? null;
  const data = view ? resources.rows[view.id] : undefined;
  const openedRow = data?.rows.find((row) => row.key === opened);
  const scope = data?.scope ?? null;
  // One table per view and scope: a selection or an opened row never carries over to another namespace.
  const tableKey = `${view?.id}:${JSON.stringify(scope?.chosen ?? {})}`;
  const families = [...new Map(views.map((candidate) => [candidate.family, candidate.familyTitle])).entries()];
  return (
    <section className="pane" data-testid="pane-resources" aria-labelledby="pane-title-resources">
      <h1 id="pane-title-resources">Resources</h1>
      <p className="purpose">
        {data ? `${view?.familyTitle}: ${data.target}` : 'Reading…'} · live. Select rows for bulk actions; ↑/↓ move, Space selects, Enter opens, Delete removes — every action is a plan the policy checks.
      </p>
      <nav className="view-tabs" aria-label="Resource views" data-testid="resources-views">
        {families.map(([family, title]) => (
          <span key={family} className="view-group">
            <span className="muted">{title}</span>
            {views.filter((candidate) => candidate.family === family).map((candidate) => (
              <button
                type="button"
                key={candidate.id}
                aria-current={candidate.id === view?.id ? 'page' : undefined}
                data-testid={`resources-tab-${candidate.id}`}
                onClick={() => {
                  setOpened(null);
                  void showView(candidate.id);
                }}
              >
                {candidate.title}
                {resources.rows[candidate.id] && <span className="count"> {resources.rows[candidate.id]!.rows.length}</span>}
              </button>
            ))}
          </span>
        ))}
      </nav>
      {view && scope && (
        <ScopePicker
          choices={scope}
          busy={resources.loading}
          onChoose={(level, value) => {
            setOpened(null);
            void chooseScope(level, value);
          }}
        />
      )}
      {(resources.error || data?.problem) && (
        <p className="error" role="alert" data-testid="resources-error">
          {resources.error ?? data?.problem}
        </p>
      )}
      <ApprovalPanel />
      {resources.message && (
        <p className="muted" role="status" data-testid="resources-message">
          {resources.message}
        </p>
      )}
      {view?.detail && openedRow && (view.detail.kind === 'logs' ? <LogsDetail key={`logs:${tableKey}`} name={openedRow.key} logsRead={view.detail.logs} /> : view.detail.kind === 'jobs' ? <JobsDetailPanel key={`jobs:${tableKey}`} name={openedRow.key} label={rowLabel(view, openedRow)} jobsRead={view.detail.jobs} /> : <LogsAndStatsDetail name={openedRow.key} running={openedRow.live} logsRead={view.detail.logs} statsRead={view.detail.stats} />)}
      {view && data && <ResourceTable key={tableKey} view={{ ...view, columns: columnsWithValues(columnsInScope(view.columns, scope?.chosen), data.rows) }} rows={data.rows} opened={opened} onOpen={setOpened} onAction={(action, rows) => void requestAction(action, rows)} />}
      {!views.length && resources.views && <p className="empty-state">No family contributes a resource view.</p>}
    </section>
  );
}

/** What the policy said about a pending action, and the person's answer: approve (typing the target's name for production) or not. */
function ApprovalPanel() {
  const pending = useAppStore((state) => state.resources.pending);
  const views = useAppStore((state) => state.resources.views);
  const { approvePending, dismissPending } = useAppPick('approvePending', 'dismissPending');
  const [typed, setTyped] = useState('');
  if (!pending) return null;
  const { answer } = pending;
  const needsTyping = answer.confirmation !== null;
  const what = pending.rows.length === 1 ? pending.rows[0] : `${pending.rows.length} rows`;
  // The action as the row offered it ("Roll back"), not its id.
  const label = views?.find((view) => view.id === pending.view)?.actions.find((action) => action.id === pending.action)?.label ?? pending.action;
  return (
    <section className="card" role="alertdialog" aria-labelledby="approval-title" data-testid="resources-approval" data-risk={answer.risk}>
      <h2 id="approval-title">
        Approve: {label} {what}?
      </h2>
      <p>
        <span className={`badge ${answer.risk === 'read' ? 'ok' : answer.risk === 'write' ? 'warning' : 'error'}`}>{answer.risk}</span> on {answer.target}
      </p>
      <ul>
        {answer.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {needsTyping && (
        <label>
          {answer.target} is marked production. Type <code>{answer.confirmation}</code> to approve:{' '}
          <input data-testid="resources-approval-confirm" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </label>
      )}
      <div className="row">
        <button type="button" data-testid="resources-approval-approve" disabled={needsTyping && typed !== answer.confirmation} onClick={() => void approvePending(needsTyping ? typed : undefined)}>
          Approve and run
        </button>
        <button type="button" data-testid="resources-approval-cancel" onClick={dismissPending}>
          Cancel
        </button>
      </div>
    </section>
  );
}
