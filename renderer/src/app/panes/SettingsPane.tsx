import { type FormEvent, useEffect, useState } from 'react';
import type { Settings } from '../../../../preload/contract';
import { useAppStore } from '../store-context';
import { ProviderModels } from './ProviderModels';
import { AutonomySection } from './AutonomySection';
import { DoctorReportView } from './DoctorReportView';
import { GitHubSettingsSection } from './github-settings-section';
import { McpServersSection } from './mcp-servers-section';
import { PolicySection, useToolNames } from './PolicySection';

export function SettingsPane() {
  const tools = useToolNames();
  return (
    <section className="pane" data-testid="pane-settings" aria-labelledby="pane-title-settings">
      <h1 id="pane-title-settings">Settings</h1>
      <AppearanceSection />
      <ProvidersSection />
      <GitHubSettingsSection />
      <McpServersSection />
      <PolicySection tools={tools} />
      <AutonomySection />
      <section className="card">
        <h2>This machine</h2>
        <DoctorReportView />
      </section>
    </section>
  );
}

function AppearanceSection() {
  const settings = useAppStore((state) => state.settings);
  const updateSettings = useAppStore((state) => state.updateSettings);
  if (!settings) return null;
  return (
    <section className="card">
      <h2>Appearance</h2>
      <label>
        Theme{' '}
        <select data-testid="settings-theme" value={settings.theme} onChange={(event) => void updateSettings({ theme: event.target.value as Settings['theme'] })}>
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
    </section>
  );
}

function ProvidersSection() {
  const settings = useAppStore((state) => state.settings);
  const settingsError = useAppStore((state) => state.settingsError);
  const updateSettings = useAppStore((state) => state.updateSettings);
  const [ollamaUrl, setOllamaUrl] = useState(settings?.ollamaUrl ?? '');
  useEffect(() => setOllamaUrl(settings?.ollamaUrl ?? ''), [settings?.ollamaUrl]);
  if (!settings) return null;

  const saveOllama = (event: FormEvent) => {
    event.preventDefault();
    void updateSettings({ ollamaUrl });
  };
  return (
    <section className="card">
      <h2>Model providers</h2>
      <fieldset className="row">
        <legend>Use</legend>
        {(['anthropic', 'ollama'] as const).map((provider) => (
          <label key={provider}>
            <input
              type="radio"
              name="provider"
              data-testid={`settings-provider-${provider}`}
              checked={settings.modelProvider === provider}
              onChange={() => void updateSettings({ modelProvider: provider })}
            />{' '}
            {provider === 'anthropic' ? 'Anthropic Claude' : 'Ollama (local, offline)'}
          </label>
        ))}
      </fieldset>
      <AnthropicKeyForm />
      <ProviderModels provider="anthropic" />
      <form onSubmit={saveOllama} className="row">
        <label>
          Ollama URL{' '}
          <input data-testid="settings-ollama-url" value={ollamaUrl} onChange={(event) => setOllamaUrl(event.target.value)} aria-invalid={Boolean(settingsError?.fields.ollamaUrl)} />
        </label>
        <button type="submit" data-testid="settings-ollama-save">
          Save
        </button>
      </form>
      {settingsError && (
        <p className="error" role="alert" data-testid="settings-error">
          {settingsError.fields.ollamaUrl ?? settingsError.message}
        </p>
      )}
      <ProviderModels provider="ollama" />
    </section>
  );
}

function AnthropicKeyForm() {
  const secrets = useAppStore((state) => state.secrets);
  const secretsError = useAppStore((state) => state.secretsError);
  const storeAnthropicKey = useAppStore((state) => state.storeAnthropicKey);
  const deleteAnthropicKey = useAppStore((state) => state.deleteAnthropicKey);
  const [key, setKey] = useState('');
  if (!secrets) {
    return secretsError ? (
      <p className="error" role="alert" data-testid="keychain-unavailable">
        {secretsError}
      </p>
    ) : null;
  }
  if (!secrets.keychain.available) {
    return (
      <p className="error" role="alert" data-testid="keychain-unavailable">
        No API key can be stored. {secrets.keychain.problem}
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await storeAnthropicKey(key)) setKey('');
  };
  return (
    <form className="row" onSubmit={(event) => void submit(event)}>
      <label>
        Anthropic API key{' '}
        <input
          type="password"
          autoComplete="off"
          data-testid="settings-anthropic-key"
          placeholder={secrets.anthropicKeyStored ? '•••••••• stored in the keychain' : 'sk-ant-…'}
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
      </label>
      <button type="submit" data-testid="settings-anthropic-key-save" disabled={!key}>
        Store in keychain
      </button>
      {secrets.anthropicKeyStored && (
        <button type="button" data-testid="settings-anthropic-key-delete" onClick={() => void deleteAnthropicKey()}>
          Remove
        </button>
      )}
      <span className="muted" data-testid="settings-anthropic-key-status">
        {secrets.anthropicKeyStored ? `Stored in ${secrets.keychain.backend}` : 'No key stored'}
      </span>
      {secretsError && (
        <span className="error" role="alert">
          {secretsError}
        </span>
      )}
    </form>
  );
}
