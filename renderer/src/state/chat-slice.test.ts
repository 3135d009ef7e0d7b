import { describe, expect, it } from 'vitest';
import { scriptedApi } from '../../../e2e/fixtures/scripted-api';
import { createAppStore } from './app-store';

const api = scriptedApi;

const defaults = (url: string) => ({ workspace: '/w', provider: 'ollama' as const, model: 'qwen3:8b', providers: [{ id: 'ollama' as const, label: `Ollama (${url})`, available: true, problem: null }] });

describe('chat slice: refreshProviders', () => {
  it('lists the models again after the Ollama URL changed, keeping the chosen model', async () => {
    let url = 'http://127.0.0.1:9';
    const store = createAppStore(
      api({
        'chat.defaults': async () => defaults(url),
        'conversations.list': async () => ({ conversations: [] }),
        'models.list': async () => (url.endsWith(':9') ? { models: [], problem: `No Ollama server answers at ${url}.` } : { models: ['qwen3:8b'], problem: null }),
      }),
    );
    await store.getState().loadChat();
    await store.getState().chooseProvider('ollama');
    store.getState().chooseModel('llama3.2:1b');
    expect(store.getState().chat.models?.problem).toMatch(/No Ollama server answers/);

    url = 'http://127.0.0.1:11434';
    await store.getState().refreshProviders();
    expect(store.getState().chat.models).toEqual({ provider: 'ollama', names: ['qwen3:8b'], problem: null });
    expect(store.getState().chat.defaults?.providers[0]?.label).toBe('Ollama (http://127.0.0.1:11434)');
    expect(store.getState().chat.model).toBe('llama3.2:1b');
  });

  it('does not list models the picker has not asked for yet', async () => {
    const store = createAppStore(api({ 'chat.defaults': async () => defaults('http://x') }));
    await store.getState().refreshProviders();
    expect(store.getState().chat.models).toBeNull();
    expect(store.getState().chat.error).toBeNull();
  });
});

describe('chat slice: questions', () => {
  it('closes the open question as soon as the conversation leaves waiting-for-user (a stop, not only the final answer)', () => {
    const store = createAppStore(api({}));
    store.setState((state) => ({ chat: { ...state.chat, activeId: 'c1' } }));
    store.getState().applyChatEvent('c1', { type: 'state', state: 'waiting-for-user', attempt: 1 });
    store.getState().applyChatEvent('c1', { type: 'question', question: 'Which port?' });
    expect(store.getState().chat.pendingQuestion).toBe('Which port?');
    store.getState().applyChatEvent('c1', { type: 'state', state: 'cancelled', attempt: 1 });
    expect(store.getState().chat.pendingQuestion).toBeNull();
  });
});
