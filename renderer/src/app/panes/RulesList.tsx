import { describeExpiry, ruleIdOf, type Settings } from '../../../../preload/contract';
import { useAppPick, useAppStore } from '../store-context';

type Rule = Settings['policyRules'][number];

/**
 * Every policy rule in the order they are checked, with what it allows, how long it lasts and where
 * it came from; Revoke goes through main's journaled policy.rules.remove, not a settings write.
 */
export function RulesList({ rules }: { rules: readonly Rule[] }) {
  const { revokePolicyRule } = useAppPick('revokePolicyRule');
  const error = useAppStore((state) => state.policyRulesError);
  const now = new Date();
  return (
    <>
      <h3>Rules</h3>
      {rules.length === 0 && <p className="muted" data-testid="policy-rules-empty">No rules: every step gets the default for its risk.</p>}
      <ol data-testid="policy-rules">
        {rules.map((rule, index) => {
          const id = ruleIdOf(rule);
          const expires = describeExpiry(rule.expiresAt, now);
          return (
            <li key={`${id}-${index}`} data-testid={`policy-rule-${index}`} data-rule-id={id} className={expires === 'expired' ? 'muted' : undefined}>
              <strong>{rule.decision}</strong> {rule.tool}
              {rule.verb ? <> <code>{rule.verb} …</code></> : null}
              {rule.target ? ` on ${rule.target}` : ''}
              {rule.upTo ? ` up to ${rule.upTo}` : ''}
              <span className="muted" data-testid={`policy-rule-expires-${index}`}>
                {' · '}
                {expires === 'always' ? 'always' : expires === 'expired' ? 'expired' : `expires ${expires}`}
                {rule.source === 'approval' ? ' · created from an approval' : ''}
              </span>{' '}
              <button type="button" data-testid={`policy-rule-remove-${index}`} onClick={() => void revokePolicyRule(id)}>
                Revoke
              </button>
            </li>
          );
        })}
      </ol>
      {error && <p className="error" role="alert" data-testid="policy-rules-error">{error}</p>}
    </>
  );
}
