import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { globToRegExp, RiskSchema, type Settings } from '../../../../preload/contract';
import { useAppStore } from '../store-context';
import { PolicyDefaults } from './PolicyDefaults';
import { RulesList } from './RulesList';

type Rule = Settings['policyRules'][number];
const risks = RiskSchema.options;

/** Policy rules (allow / ask / deny by tool pattern and target) and production targets, with a preview of what a rule matches. */
export function PolicySection({ tools }: { tools: string[] }) {
  const settings = useAppStore((state) => state.settings);
  const updateSettings = useAppStore((state) => state.updateSettings);
  const [draft, setDraft] = useState<Rule>({ tool: '', decision: 'ask' });
  const [production, setProduction] = useState('');
  const targets = useKnownTargets();
  const matches = useMemo(() => {
    if (!draft.tool) return [];
    try {
      return tools.filter((name) => globToRegExp(draft.tool).test(name));
    } catch {
      return [];
    }
  }, [draft.tool, tools]);
  if (!settings) return null;

  const addRule = (event: FormEvent) => {
    event.preventDefault();
    const rule: Rule = { tool: draft.tool, decision: draft.decision, ...(draft.target ? { target: draft.target } : {}), ...(draft.upTo ? { upTo: draft.upTo } : {}) };
    void updateSettings({ policyRules: [...settings.policyRules, rule] }).then((saved) => saved && setDraft({ tool: '', decision: 'ask' }));
  };
  const addProduction = (event: FormEvent) => {
    event.preventDefault();
    void updateSettings({ productionTargets: [...settings.productionTargets, production] }).then((saved) => saved && setProduction(''));
  };
  return (
    <section className="card" data-testid="policy">
      <h2>Policy</h2>
      <p className="muted">Rules decide for matching tools and targets (the last matching rule wins); other steps get the default for their risk.</p>
      <PolicyDefaults />
      <RulesList rules={settings.policyRules} />
      <form className="row" onSubmit={addRule}>
        <select data-testid="policy-new-decision" value={draft.decision} onChange={(event) => setDraft({ ...draft, decision: event.target.value as Rule['decision'] })}>
          <option value="allow">allow</option>
          <option value="ask">ask</option>
          <option value="deny">deny</option>
        </select>
        <input data-testid="policy-new-tool" placeholder="tool pattern, e.g. docker.*" value={draft.tool} onChange={(event) => setDraft({ ...draft, tool: event.target.value })} />
        <input data-testid="policy-new-target" list="known-targets" placeholder="target pattern (optional), e.g. docker:*" value={draft.target ?? ''} onChange={(event) => setDraft({ ...draft, target: event.target.value || undefined })} />
        <select data-testid="policy-new-upto" value={draft.upTo ?? ''} onChange={(event) => setDraft({ ...draft, upTo: (event.target.value || undefined) as Rule['upTo'] })}>
          <option value="">any risk</option>
          {risks.map((risk) => (
            <option key={risk} value={risk}>
              up to {risk}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="policy-new-add" disabled={!draft.tool}>
          Add rule
        </button>
      </form>
      {draft.tool && (
        <p className="muted" data-testid="policy-preview">
          Matches {matches.length} tool{matches.length === 1 ? '' : 's'}
          {matches.length ? `: ${matches.slice(0, 8).join(', ')}${matches.length > 8 ? ', …' : ''}` : ''}
        </p>
      )}
      <h3>Production targets</h3>
      <ul data-testid="policy-production">
        {settings.productionTargets.map((target, index) => (
          <li key={target}>
            {target}{' '}
            <button type="button" onClick={() => void updateSettings({ productionTargets: settings.productionTargets.filter((_, at) => at !== index) })}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={addProduction}>
        <input data-testid="policy-production-new" list="known-targets" placeholder="target pattern, e.g. kubernetes:prod-*" value={production} onChange={(event) => setProduction(event.target.value)} />
        <button type="submit" data-testid="policy-production-add" disabled={!production}>
          Mark production
        </button>
      </form>
      {/* What the families find here (the engine in use, the kubeconfig's contexts), offered as you type. */}
      <datalist id="known-targets" data-testid="policy-known-targets">
        {targets.map((target) => (
          <option key={target.id} value={target.id}>
            {target.label}
          </option>
        ))}
      </datalist>
    </section>
  );
}

/** The tool names, read once when the policy section opens. */
export function useToolNames(): string[] {
  const [names, setNames] = useState<string[]>([]);
  const listTools = useAppStore((state) => state.listTools);
  useEffect(() => {
    void listTools().then(setNames);
  }, [listTools]);
  return names;
}

/** The targets the families know on this machine, read once when the policy section opens. */
function useKnownTargets(): { id: string; label: string }[] {
  const [targets, setTargets] = useState<{ id: string; label: string }[]>([]);
  const listTargets = useAppStore((state) => state.listTargets);
  useEffect(() => {
    listTargets().then(setTargets, () => setTargets([]));
  }, [listTargets]);
  return targets;
}
