import { useState } from 'react';
import { useAppPick, useAppStore } from '../store-context';

/**
 * Checks a provider (the stored key, the Ollama URL) by listing its models, and picks the model
 * Reign uses with it. For Ollama the list is what is installed.
 */
export function ProviderModels({ provider }: { provider: 'anthropic' | 'ollama' }) {
  const settings = useAppStore((state) => state.settings);
  const { listProviderModels, updateSettings } = useAppPick('listProviderModels', 'updateSettings');
  const [answer, setAnswer] = useState<{ models: string[]; problem: string | null } | null>(null);
  const [checking, setChecking] = useState(false);
  if (!settings) return null;
  const current = provider === 'anthropic' ? settings.anthropicModel : settings.ollamaModel;
  const check = async (): Promise<void> => {
    setChecking(true);
    setAnswer(await listProviderModels(provider));
    setChecking(false);
  };
  const choose = (model: string): void => void updateSettings(provider === 'anthropic' ? { anthropicModel: model } : { ollamaModel: model });
  const label = provider === 'anthropic' ? 'Claude model' : 'Ollama model';
  return (
    <div className="row">
      <label>
        {label}{' '}
        <select value={current} onChange={(event) => choose(event.target.value)} data-testid={`settings-models-${provider}`} disabled={!answer?.models.length}>
          {!answer?.models.includes(current) && <option value={current}>{current || '(none chosen)'}</option>}
          {answer?.models.map((model) => <option key={model} value={model}>{model}</option>)}
        </select>
      </label>
      <button type="button" onClick={() => void check()} disabled={checking} data-testid={`settings-models-${provider}-check`}>
        {checking ? 'Checking…' : provider === 'anthropic' ? 'Test the key and list models' : 'List installed models'}
      </button>
      {answer && (
        <span className={answer.problem ? 'error' : 'muted'} role={answer.problem ? 'alert' : 'status'} data-testid={`settings-models-${provider}-status`}>
          {answer.problem ?? `${answer.models.length} model${answer.models.length === 1 ? '' : 's'} available`}
        </span>
      )}
    </div>
  );
}
