import { forwardRef } from 'react';
import { confirmed } from '../../state/plan-slice';
import type { StepView } from '../../state/plan-view';
import { useAppPick, useAppStore } from '../store-context';
import { statusLabel } from './step-summary';
import { RiskBadge, StatusBadge } from '../status/badges';
import { StepPreview } from './StepPreview';
import { AllowAgain } from './AllowAgain';
import { StepOutputTerminal } from '../terminal/StepOutputTerminal';

const policyWords: Record<string, string> = { allow: 'allowed by policy', ask: 'asks for your approval', deny: 'refused by policy' };

/** The selected step: what it will do (preview), why it has its risk, its target, and the decision on it. */
export const StepDetails = forwardRef<HTMLElement, { step: StepView; locked: boolean; onEdit: () => void }>(function StepDetails({ step, locked, onEdit }, ref) {
  const { chooseStep, setConfirmation, answerAgain, allowCritical } = useAppPick('chooseStep', 'setConfirmation', 'answerAgain', 'allowCritical');
  const typed = useAppStore((state) => state.plan.confirmations);
  const canDecide = !locked && step.status !== 'denied';
  return (
    <aside className="step-details" ref={ref} tabIndex={-1} aria-label={`Step ${step.id}`} data-testid="plan-step-details" data-step={step.id}>
      <h2>
        {step.id} <RiskBadge risk={step.risk} /> <StatusBadge status={step.status === 'undo-failed' && step.undoWaits ? 'undo-waits' : step.status} label={statusLabel(step)} className={step.undoWaits ? 'undo-waits' : undefined} />
      </h2>
      <p className="muted">
        <code>{step.tool}</code> on <strong title={step.target.id}>{step.target.label}</strong> ({step.target.kind}) · {policyWords[step.decision] ?? step.decision}
        {step.undoable ? ' · can be undone' : ' · has no undo'}
      </p>
      {step.reasons.length > 0 && (
        <ul className="reasons" data-testid="plan-step-reasons">
          {step.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {step.error && !step.waiting && <p className="error" role="alert">{step.error}</p>}
      {!locked && step.risk === 'critical' && step.decision === 'deny' && (
        <label className="allow-critical">
          <input type="checkbox" checked={step.allowCritical} onChange={(event) => allowCritical(step.id, event.target.checked)} data-testid="plan-allow-critical" /> Critical steps are refused by default. Allow this one, for this run only, so I can approve it.
        </label>
      )}
      {step.waiting && (
        <div className="asked-again" role="group" aria-label={`${step.id} waits for you`} data-testid="plan-asked-again">
          <p>
            <strong>The run waits for you.</strong> This is the step as it is now, with the outputs of earlier steps filled in: check its preview below.
          </p>
          {step.error && <p className="muted why">Why it asks again: {step.error}</p>}
          {step.confirmation && (
            <label className="confirm">
              {step.target.label} is marked production. Type <code>{step.confirmation}</code> to approve:{' '}
              <input value={typed[step.id] ?? ''} onChange={(event) => setConfirmation(step.id, event.target.value)} data-testid="plan-step-confirm" />
            </label>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={!confirmed(step, typed)} onClick={() => void answerAgain(step.id, 'approve')} data-testid="plan-reapprove">
              Approve and go on
            </button>
            <button type="button" onClick={() => void answerAgain(step.id, 'reject')} data-testid="plan-reapprove-reject">
              Reject
            </button>
          </div>
        </div>
      )}
      {step.confirmation && canDecide && (
        <label className="confirm">
          {step.target.label} is marked production. Type <code>{step.confirmation}</code> to approve:{' '}
          <input value={typed[step.id] ?? ''} onChange={(event) => setConfirmation(step.id, event.target.value)} data-testid="plan-step-confirm" aria-invalid={step.choice === 'approve' && !confirmed(step, typed)} />
        </label>
      )}
      {!step.waiting && (
        <div className="row">
          <button type="button" className="primary" disabled={!canDecide || step.choice === 'approve'} onClick={() => chooseStep(step.id, 'approve')} data-testid="plan-approve" aria-keyshortcuts="A">
            Approve (A)
          </button>
          <button type="button" disabled={!canDecide || step.choice === 'reject'} onClick={() => chooseStep(step.id, 'reject')} data-testid="plan-reject" aria-keyshortcuts="R">
            Reject (R)
          </button>
          <button type="button" disabled={locked} onClick={onEdit} data-testid="plan-edit" aria-keyshortcuts="E">
            Edit (E)
          </button>
        </div>
      )}
      {/* Offered once the person approved this step: the same approval, again, without asking. Keyed so its state is per step. */}
      {step.choice === 'approve' && !step.waiting && <AllowAgain key={step.id} step={step} />}
      <h3>Preview</h3>
      <StepPreview step={step} />
      {(step.output.length > 0 || step.status === 'running') && (
        <>
          <h3>Output</h3>
          <StepOutputTerminal stepId={step.id} chunks={step.output} testId={`step-output-${step.id}`} className="step-output-terminal" />
        </>
      )}
    </aside>
  );
});
