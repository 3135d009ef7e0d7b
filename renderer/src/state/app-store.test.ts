import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type DoctorReport, ReignError } from '../../../preload/contract';
import { createAppStore } from './app-store';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';

const api = scriptedApi;

describe('navigation slice', () => {
  it('starts on the dashboard, navigates, and cycles with wrap-around', () => {
    const store = createAppStore(api({}));
    expect(store.getState().activePane).toBe('home');
    store.getState().cyclePane(-1);
    expect(store.getState().activePane).toBe('settings');
    store.getState().cyclePane(1);
    expect(store.getState().activePane).toBe('home');
    store.getState().cyclePane(1);
    expect(store.getState().activePane).toBe('chat');
    store.getState().navigate('history');
    expect(store.getState().activePane).toBe('history');
  });
});

describe('settings slice', () => {
  it('loads, updates and applies pushed settings', async () => {
    const store = createAppStore(
      api({ 'settings.get': async () => DEFAULT_SETTINGS, 'settings.update': async ({ patch }) => ({ ...DEFAULT_SETTINGS, ...patch }) }),
    );
    await store.getState().loadSettings();
    expect(store.getState().settings).toEqual(DEFAULT_SETTINGS);
    expect(await store.getState().updateSettings({ theme: 'dark' })).toBe(true);
    expect(store.getState().settings?.theme).toBe('dark');
    store.getState().applySettings({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(store.getState().settings?.theme).toBe('light');
  });

  it('keeps the settings and shows the error per field when an update is refused', async () => {
    const refused = new ReignError({ name: 'ValidationError', code: 'INVALID_REQUEST', message: 'Invalid request', issues: [{ path: 'patch.ollamaUrl', message: 'Ollama URL must be a full URL' }] });
    const store = createAppStore(api({ 'settings.get': async () => DEFAULT_SETTINGS, 'settings.update': async () => Promise.reject(refused) }));
    await store.getState().loadSettings();
    expect(await store.getState().updateSettings({ ollamaUrl: 'nope' })).toBe(false);
    expect(store.getState().settings).toEqual(DEFAULT_SETTINGS);
    expect(store.getState().settingsError).toEqual({ message: 'Invalid request', fields: { ollamaUrl: 'Ollama URL must be a full URL' } });
  });
});

describe('doctor slice', () => {
  it('keeps the last report when a refresh fails, and says so', async () => {
    let calls = 0;
    const report = { schemaVersion: 1 } as DoctorReport;
    const store = createAppStore(api({ 'doctor.run': async () => (++calls === 1 ? report : Promise.reject(new Error('connection lost'))) }));
    await store.getState().runDoctor();
    expect(store.getState().doctor).toEqual({ status: 'loaded', report, error: null });
    await store.getState().runDoctor();
    expect(store.getState().doctor).toEqual({ status: 'failed', report, error: 'connection lost' });
  });
});

describe('secrets slice', () => {
  it('stores a key, then reloads the status; a failure is shown, not thrown', async () => {
    let stored = false;
    const store = createAppStore(
      api({
        'secrets.status': async () => ({ keychain: { available: true, backend: 'test', problem: null }, anthropicKeyStored: stored, secrets: [{ name: 'anthropic-api-key', label: 'Anthropic API key', stored, testable: true }] }),
        'secrets.set': async ({ value: key }) => (key === 'bad' ? Promise.reject(new Error('The OS keychain is not available')) : ((stored = true), { stored: true })),
      }),
    );
    expect(await store.getState().storeAnthropicKey('sk-ant-0123456789abcdefghij')).toBe(true);
    expect(store.getState().secrets?.anthropicKeyStored).toBe(true);
    expect(await store.getState().storeAnthropicKey('bad')).toBe(false);
    expect(store.getState().secretsError).toBe('The OS keychain is not available');
  });
});
