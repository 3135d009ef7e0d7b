import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type DoctorReport } from '../../../preload/contract';
import { selectStatusItems } from './selectors';

const report = (docker: Partial<DoctorReport['checks']['docker']>, kube: string | null, keyStored: boolean): DoctorReport =>
  ({
    checks: {
      docker: { status: 'ok', summary: 'Docker engine 28.2.2', serverVersion: '28.2.2', ...docker },
      kubernetes: { status: kube ? 'ok' : 'missing', currentContext: kube, summary: 'kube' },
      anthropic: { keyStored },
      ollama: { status: 'missing' },
    },
  }) as unknown as DoctorReport;

describe('selectStatusItems', () => {
  it('shows engine, context and model from the doctor report and settings', () => {
    const items = selectStatusItems({ connection: 'connected', settings: DEFAULT_SETTINGS, doctor: { status: 'loaded', error: null, report: report({}, 'kind-dev', true) } });
    expect(items.map((item) => [item.id, item.label, item.tone])).toEqual([
      ['engine', 'Docker 28.2.2', 'ok'],
      ['context', 'k8s: kind-dev', 'ok'],
      ['model', `Claude · ${DEFAULT_SETTINGS.anthropicModel}`, 'ok'],
    ]);
  });

  it('flags a missing engine, no context and a provider that is not ready', () => {
    const items = selectStatusItems({
      connection: 'connected',
      settings: { ...DEFAULT_SETTINGS, modelProvider: 'ollama' },
      doctor: { status: 'loaded', error: null, report: report({ status: 'missing', serverVersion: null }, null, false) },
    });
    expect(items.map((item) => [item.label, item.tone])).toEqual([
      ['No Docker engine', 'bad'],
      ['No kube context', 'idle'],
      ['Ollama · no model chosen', 'warn'],
    ]);
  });

  it('puts a lost connection first, and says when checks are still running or failed', () => {
    expect(selectStatusItems({ connection: 'disconnected', settings: null, doctor: { status: 'loading', error: null, report: null } }).map((item) => item.label)).toEqual(['Disconnected', 'Checking…']);
    expect(selectStatusItems({ connection: 'connected', settings: null, doctor: { status: 'failed', error: 'boom', report: null } })[0]).toMatchObject({ label: 'Checks failed', tone: 'bad', title: 'boom' });
  });

  it('shows the provider and model the chat has chosen over the settings', () => {
    const doctor = { status: 'loaded' as const, error: null, report: report({}, null, false) };
    const items = selectStatusItems({ connection: 'connected', settings: DEFAULT_SETTINGS, doctor, chat: { provider: 'ollama', model: 'qwen3:8b' } });
    expect(items.find((item) => item.id === 'model')?.label).toBe('Ollama · qwen3:8b');
    const scripted = selectStatusItems({ connection: 'connected', settings: DEFAULT_SETTINGS, doctor, chat: { provider: 'scripted', model: 'transcript' } });
    expect(scripted.find((item) => item.id === 'model')).toMatchObject({ label: 'Scripted · transcript', tone: 'ok' });
  });
});
