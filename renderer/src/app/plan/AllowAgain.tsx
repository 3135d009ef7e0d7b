import { useState } from 'react';
import { describeExpiry, type PolicyRuleView, type ProposedStepView, type RuleExpiry } from '../../../../preload/contract';
import { useAppPick, useAppStore } from '../store-context';
import { allowAgainScope } from './allow-again-scope';

const expiries: { value: RuleExpiry; label: string }[] = [
  { value: 'hour', label: 'for 1 hour' },
  { value: 'today', label: 'until the end of today' },
  { value: 'always', label: 'always (until revoked in Settings)' },
];

/**
 * After a step is approved: allow the same thing again without asking — this tool (this command's
 * verb) on this target, up to this risk — for an hour, today or always. Never "for this session".
 */
export function AllowAgain({ step }: { step: ProposedStepView }) {
  const { allowAgain, navigate } = useAppPick('allowAgain', 'navigate');
  const refusal = useAppStore((state) => state.policyRulesError);
  const [open, setOpen] = useState(false);
  const [expiry, setExpiry] = useState<RuleExpiry>('hour');
  const [made, setMade] = useState<PolicyRuleView | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = allowAgainScope(step);
  if (!scope) return null;
  if (!scope.ok) {
    return (
      <div className="allow-again">
        <button type="button" disabled data-testid="plan-allow-again" title={scope.why} aria-describedby={`allow-again-why-${step.id}`}>
          Allow again…
        </button>{' '}
        <span className="muted" id={`allow-again-why-${step.id}`} data-testid="plan-allow-again-why">{scope.why}</span>
      </div>
    );
  }
  const what = (
    <>
      <code>{scope.tool}</code>
      {scope.verb && <> <code>{scope.verb} …</code></>} on <strong title={scope.target}>{scope.targetLabel}</strong> up to <strong>{scope.upTo}</strong>
    </>
  );
  if (made) {
    return (
      <p className="allow-again muted" data-testid="plan-allow-again-done">
        Allowed again: {what}, {made.expiresAt ? `expires ${describeExpiry(made.expiresAt, new Date())}` : 'until revoked'}.{' '}
        <button type="button" className="link" onClick={() => navigate('settings')}>Revoke in Settings</button>
      </p>
    );
  }
  if (!open) {
    return (
      <div className="allow-again">
        <button type="button" onClick={() => setOpen(true)} data-testid="plan-allow-again">Allow again…</button>
      </div>
    );
  }
  const add = async (): Promise<void> => {
    setBusy(true);
    const rule = await allowAgain({ tool: scope.tool, ...(scope.verb ? { verb: scope.verb } : {}), target: scope.target, upTo: scope.upTo, expiry });
    setBusy(false);
    if (rule) setMade(rule);
  };
  return (
    <fieldset className="allow-again" data-testid="plan-allow-again-form">
      <legend>Allow again without asking</legend>
      <p data-testid="plan-allow-again-scope">{what}</p>
      <div className="row">
        <select value={expiry} onChange={(event) => setExpiry(event.target.value as RuleExpiry)} data-testid="plan-allow-again-expiry" aria-label="How long">
          {expiries.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
        </select>
        <button type="button" className="primary" disabled={busy} onClick={() => void add()} data-testid="plan-allow-again-add">Add rule</button>
        <button type="button" onClick={() => setOpen(false)}>Cancel</button>
      </div>
      {refusal && <p className="error" role="alert" data-testid="plan-allow-again-error">{refusal}</p>}
    </fieldset>
  );
}
