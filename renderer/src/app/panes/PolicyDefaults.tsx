import type { PolicyDefaults as Defaults } from '../../../../preload/contract';
import { useAppStore } from '../store-context';

const choices: Record<keyof Defaults, readonly Defaults[keyof Defaults][]> = {
  read: ['allow', 'ask', 'deny'],
  write: ['allow', 'ask', 'deny'],
  // Nothing destructive runs without a person: the settings schema and the policy engine refuse it too.
  destructive: ['ask', 'deny'],
  critical: ['ask', 'deny'],
};

/** What happens to a step no rule matches, by its risk. */
export function PolicyDefaults() {
  const settings = useAppStore((state) => state.settings);
  const updateSettings = useAppStore((state) => state.updateSettings);
  if (!settings) return null;
  const defaults = settings.policyDefaults;
  return (
    <fieldset className="row" data-testid="policy-defaults">
      <legend>When no rule matches</legend>
      {(Object.keys(choices) as (keyof Defaults)[]).map((risk) => (
        <label key={risk}>
          {risk}{' '}
          <select value={defaults[risk]} onChange={(event) => void updateSettings({ policyDefaults: { ...defaults, [risk]: event.target.value } as Defaults })} data-testid={`policy-default-${risk}`}>
            {choices[risk].map((decision) => <option key={decision} value={decision}>{decision}</option>)}
          </select>
        </label>
      ))}
    </fieldset>
  );
}
