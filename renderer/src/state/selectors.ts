import type { CheckStatus } from '../../../preload/contract';
import type { AppState } from './app-store';

export interface StatusItem {
  readonly id: 'connection' | 'engine' | 'context' | 'model';
  readonly label: string;
  readonly tone: 'ok' | 'warn' | 'bad' | 'idle';
  readonly title: string;
}

const tone = (status: CheckStatus): StatusItem['tone'] => (status === 'ok' ? 'ok' : status === 'warning' ? 'warn' : 'bad');

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
    const { docker, kubernetes } = report.checks;
    items.push({
      id: 'engine',
      label: docker.status === 'ok' ? `Docker ${docker.serverVersion ?? ''}`.trim() : docker.status === 'missing' ? 'No Docker engine' : 'Docker unreachable',
      tone: tone(docker.status),
      title: docker.summary,
    });
    items.push({
      id: 'context',
      label: kubernetes.currentContext ? `k8s: ${kubernetes.currentContext}` : 'No kube context',
      tone: kubernetes.currentContext ? 'ok' : 'idle',
      title: kubernetes.summary,
    });
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
