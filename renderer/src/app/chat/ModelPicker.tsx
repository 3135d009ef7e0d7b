import { useEffect } from 'react';
import type { ProviderId } from '../../../../preload/contract';
import { type ChatSlice, pulling } from '../../state/chat-slice';
import { useAppPick, useAppStore } from '../store-context';
import { AutonomyChip } from './AutonomyChip';
import { formatCost, formatTokens } from './usage-format';

/** Provider, model and workspace for the next request, and what the conversation has cost so far. */
export function ModelPicker() {
  const { defaults, provider, model, models, workspace, usage, pull } = useAppStore((state) => state.chat);
  const { chooseProvider, chooseModel, setWorkspace, pullModel } = useAppPick('chooseProvider', 'chooseModel', 'setWorkspace', 'pullModel');
  useEffect(() => {
    if (provider && !models) void chooseProvider(provider);
  }, [provider, models, chooseProvider]);
  const listId = 'chat-model-options';
  return (
    <div className="chat-header row">
      <label>
        Provider{' '}
        <select value={provider ?? ''} onChange={(event) => void chooseProvider(event.target.value as ProviderId)} data-testid="chat-provider">
          {(defaults?.providers ?? []).map((option) => (
            <option key={option.id} value={option.id} title={option.problem ?? ''}>
              {option.label}
              {option.available ? '' : ' (not set up)'}
            </option>
          ))}
        </select>
      </label>
      <span className="chat-model-choice">
        <label>
          Model{' '}
          <input list={listId} value={model} onChange={(event) => chooseModel(event.target.value)} placeholder={provider === 'ollama' ? 'e.g. qwen3:8b' : ''} data-testid="chat-model" size={22} />
          <datalist id={listId}>{models?.names.map((name) => <option key={name} value={name} />)}</datalist>
        </label>
        {provider && <AutonomyChip provider={provider} model={model} />}
      </span>
      {provider === 'ollama' && model && models && !models.problem && !models.names.includes(model) && (
        <button type="button" onClick={() => void pullModel(model)} data-testid="chat-pull" disabled={pulling(pull)}>
          Pull {model}
        </button>
      )}
      <label>
        Workspace <input value={workspace} onChange={(event) => setWorkspace(event.target.value)} data-testid="chat-workspace" size={28} aria-label="Workspace folder" />
      </label>
      <span className="muted" data-testid="chat-usage">
        {usage ? `${formatTokens(usage.total)} · ${formatCost(usage.costUsd)}` : 'no tokens used yet'}
      </span>
      {models?.problem && (
        <p className="error" role="alert" data-testid="chat-models-problem">
          {models.problem}
        </p>
      )}
      {pull && <PullProgress pull={pull} />}
    </div>
  );
}

function PullProgress({ pull }: { pull: NonNullable<ChatSlice['chat']['pull']> }) {
  const fraction = pull.total ? (pull.completed ?? 0) / pull.total : null;
  return (
    <p role="status" data-testid="chat-pull-progress" className={pull.error ? 'error' : 'muted'}>
      {pull.error ? `Pulling ${pull.model} failed: ${pull.error}` : `Pulling ${pull.model}: ${pull.status}${fraction !== null ? ` (${Math.round(fraction * 100)}%) ` : ''}`}
      {fraction !== null && !pull.error && <progress value={fraction} max={1} aria-label={`Pull of ${pull.model}`} />}
    </p>
  );
}
