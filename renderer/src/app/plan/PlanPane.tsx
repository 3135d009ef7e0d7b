import { type KeyboardEvent, useCallback, useRef, useState } from 'react';
import type { RiskLevel } from '../../../../preload/contract';
import { isWorking } from '../../state/chat-slice';
import { riskOrder } from '../../state/plan-view';
import { useAppPick, useAppStore } from '../store-context';
import { McpInbox } from './McpInbox';
import { PlanGraph } from './PlanGraph';
import { StepDetails } from './StepDetails';
import { useStepEditor } from './use-step-editor';
import './plan.css';

const finished = new Set(['succeeded', 'incomplete', 'failed', 'cancelled']);

/** The proposed plan as a graph to review and approve step by step, then to watch run (and undo). */
export function PlanPane() {
  const plan = useAppStore((state) => state.plan);
  const chatState = useAppStore((state) => state.chat.state);
  const theme = useAppStore((state) => state.settings?.theme ?? 'system');
  const { selectStep, chooseStep, approveAllUpTo, submitPlan, undoPlanRun, stopSession, navigate } = useAppPick('selectStep', 'chooseStep', 'approveAllUpTo', 'submitPlan', 'undoPlanRun', 'stopSession', 'navigate');
  const [level, setLevel] = useState<RiskLevel>('write');
  const details = useRef<HTMLElement>(null);
  const view = plan.view;
  const editStep = useStepEditor();
  const steps = view?.order.length ?? 0;
  const painted = useCallback(() => performance.mark('reign:plan-graph-painted', { detail: { steps } }), [steps]);
  if (!view) {
    return (
      <section className="pane" data-testid="pane-plan" aria-labelledby="pane-title-plan">
        <h1 id="pane-title-plan">Plan</h1>
        <McpInbox />
        <p className="muted" data-testid="plan-empty">
          No plan yet. Ask for something in <button type="button" className="link" onClick={() => navigate('chat')}>Chat</button>; when the agent proposes a plan it appears here as a graph of steps to approve.
        </p>
      </section>
    );
  }
  const selected = plan.selected ? view.steps[plan.selected] : undefined;
  const locked = view.submitted;
  const move = (delta: number): void => {
    const index = plan.selected ? view.order.indexOf(plan.selected) : -1;
    const next = view.order[Math.min(view.order.length - 1, Math.max(0, index + delta))];
    if (next) selectStep(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    // The MCP inbox's cards have their own buttons: A or R there must not decide the selected plan step.
    if (target.closest('input, textarea, select, .monaco-editor, .mcp-inbox')) return;
    const key = event.key;
    const handled = (() => {
      if (key === 'Enter' && (event.ctrlKey || event.metaKey)) return void submitPlan(), true;
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      if (key === 'ArrowDown' || key === 'ArrowRight' || key === 'j') return move(1), true;
      if (key === 'ArrowUp' || key === 'ArrowLeft' || key === 'k') return move(-1), true;
      if (!selected) return false;
      if (key === 'a' && !locked) return chooseStep(selected.id, 'approve'), true;
      if (key === 'r' && !locked) return chooseStep(selected.id, 'reject'), true;
      if (key === 'e' && !locked) return editStep(selected), true;
      if (key === 'Enter' || key === ' ') return details.current?.focus(), true;
      return false;
    })();
    if (handled) event.preventDefault();
  };
  const approved = view.order.filter((id) => ['approved'].includes(view.steps[id]!.status)).length;
  return (
    <section className="pane plan-pane" data-testid="pane-plan" aria-labelledby="pane-title-plan" onKeyDown={onKeyDown} tabIndex={0}>
      <h1 id="pane-title-plan">Plan</h1>
      <McpInbox />
      <p className="purpose" data-testid="plan-summary">{view.summary}</p>
      <div className="plan-toolbar row">
        <label>
          Approve all up to{' '}
          <select value={level} onChange={(event) => setLevel(event.target.value as RiskLevel)} disabled={locked} data-testid="plan-approve-level">
            {riskOrder.map((risk) => <option key={risk} value={risk}>{risk}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => approveAllUpTo(level)} disabled={locked} data-testid="plan-approve-all">Approve all</button>
        <button type="button" className="primary" onClick={() => void submitPlan()} disabled={locked} data-testid="plan-submit" aria-keyshortcuts="Control+Enter">
          {locked ? 'Sent to run' : `Run ${approved} approved step${approved === 1 ? '' : 's'} (Ctrl+Enter)`}
        </button>
        {isWorking(chatState) && locked && (
          <button type="button" className="danger" onClick={() => void stopSession()} data-testid="plan-cancel">Cancel run</button>
        )}
        {view.runId && view.runStatus && finished.has(view.runStatus) && (
          <button type="button" onClick={() => void undoPlanRun()} disabled={plan.undoing} data-testid="plan-undo">{plan.undoing ? 'Undoing…' : 'Undo this run'}</button>
        )}
        <span className="muted" data-testid="plan-run-status" data-status={view.runStatus ?? (locked ? 'sent' : 'review')}>
          {view.runStatus ? `Run ${view.runStatus}${view.rollingBack ? ' · rolling back…' : ''}` : locked ? 'Sent; waiting for the run to start…' : 'Review the steps: ↑/↓ move, A approve, R reject, E edit, Enter preview'}
        </span>
      </div>
      {plan.error && <p className="error" role="alert" data-testid="plan-error">{plan.error}</p>}
      <div className="plan-body">
        <PlanGraph view={view} selected={plan.selected} onSelect={selectStep} colorMode={theme} onPainted={painted} />
        {selected && <StepDetails ref={details} step={selected} locked={locked} onEdit={() => editStep(selected)} />}
      </div>
      {view.log.length > 0 && (
        <ol className="run-log" data-testid="plan-run-log" aria-label="Run log">
          {view.log.map((line, index) => <li key={index}>{line}</li>)}
        </ol>
      )}
    </section>
  );
}
