import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type DoctorReport } from '../../../preload/contract';
import { selectStatusItems } from './selectors';

type Bar = { id: string; label: string; tone: 'ok' | 'warn' | 'bad' | 'idle' };
const report = (bars: Bar[], keyStored: boolean): DoctorReport =>
  ({
    checks: {
      ...Object.fromEntries(bars.map((bar) => [bar.id, { status: 'ok', summary: `${bar.id} summary`, statusBar: bar }])),
      git: { status: 'ok', summary: 'git 2.39' },
      anthropic: { keyStored },
      ollama: { status: 'missing' },
    },
  }) as unknown as DoctorReport;

describe('selectStatusItems', () => {
  it('shows what family checks give for the status bar (engine, context), then the model from the settings', () => {
    const bars: Bar[] = [{ id: 'engine', label: 'Docker 28.2.2', tone: 'ok' }, { id: 'context', label: 'k8s: kind-dev', tone: 'ok' }];
    const items = selectStatusItems({ connection: 'connected', settings: DEFAULT_SETTINGS, doctor: { status: 'loaded', error: null, report: report(bars, true) } });
    expect(items.find((item) => item.id === 'engine')?.title).toBe('engine summary');
    expect(items.map((item) => [item.id, item.label, item.tone])).toEqual([
      ['engine', 'Docker 28.2.2', 'ok'],
      ['context', 'k8s: kind-dev', 'ok'],
      ['model', `Claude · ${DEFAULT_SETTINGS.anthropicModel}`, 'ok'],
    ]);
  });

  it('flags a missing engine, no context and a provider that is not ready', () => {
    const bars: Bar[] = [{ id: 'engine', label: 'No Docker engine', tone: 'bad' }, { id: 'context', label: 'No kube context', tone: 'idle' }];
    const items = selectStatusItems({
      connection: 'connected',
      settings: { ...DEFAULT_SETTINGS, modelProvider: 'ollama' },
      doctor: { status: 'loaded', error: null, report: report(bars, false) },
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
    const doctor = { status: 'loaded' as const, error: null, report: report([], false) };
    const items = selectStatusItems({ connection: 'connected', settings: DEFAULT_SETTINGS, doctor, chat: { provider: 'ollama', model: 'qwen3:8b' } });
    expect(items.find((item) => item.id === 'model')?.label).toBe('Ollama · qwen3:8b');
    const scripted = selectStatusItems({ connection: 'connected', settings: DEFAULT_SETTINGS, doctor, chat: { provider: 'scripted', model: 'transcript' } });
    expect(scripted.find((item) => item.id === 'model')).toMatchObject({ label: 'Scripted · transcript', tone: 'ok' });
  });
});
