import type { AppState } from './app-store';

export interface StatusItem {
  /** `connection`, `model`, or the id a family's check gives (`engine`, `context`). */
  readonly id: string;
  readonly label: string;
  readonly tone: 'ok' | 'warn' | 'bad' | 'idle';
  readonly title: string;
}

/** What the status bar shows, derived from the doctor report, the settings and the connection. */
export function selectStatusItems(state: Pick<AppState, 'doctor' | 'settings' | 'connection'> & { chat?: Pick<AppState['chat'], 'provider' | 'model'> }): StatusItem[] {
  const items: StatusItem[] = [];
  if (state.connection !== 'connected') {
    items.push({ id: 'connection', label: state.connection === 'connecting' ? 'Connecting…' : 'Disconnected', tone: state.connection === 'connecting' ? 'idle' : 'bad', title: 'Connection to Reign' });
  }
  const report = state.doctor.report;
  if (!report) {
    items.push({ id: 'engine', label: state.doctor.status === 'failed' ? 'Checks failed' : 'Checking…', tone: state.doctor.status === 'failed' ? 'bad' : 'idle', title: state.doctor.error ?? 'Running doctor' });
  } else {
    // Each family check that says what the status bar should show (the engine, the cluster context).
    for (const check of Object.values(report.checks)) {
      if ('statusBar' in check && check.statusBar) items.push({ ...check.statusBar, title: check.summary });
    }
  }
  const settings = state.settings;
  if (settings) {
    // What the chat will use: its own choice once made, else the settings.
    const provider = state.chat?.provider ?? settings.modelProvider;
    const chosen = state.chat?.provider ? state.chat.model : '';
    const model =
      provider === 'anthropic' ? `Claude · ${chosen || settings.anthropicModel}` : provider === 'ollama' ? `Ollama · ${chosen || settings.ollamaModel || 'no model chosen'}` : `Scripted · ${chosen || 'transcript'}`;
    const ready = provider === 'scripted' ? true : provider === 'anthropic' ? report?.checks.anthropic.keyStored : report ? report.checks.ollama.status === 'ok' : undefined;
    items.push({ id: 'model', label: model, tone: ready === undefined ? 'idle' : ready ? 'ok' : 'warn', title: ready === false ? 'The selected model provider is not ready: see Settings' : 'Model' });
  }
  return items;
}
