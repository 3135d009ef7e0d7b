import { describe, expect, it } from 'vitest';
import { answerQuestion, applyChatEvent, type ChatEntry } from './chat-transcript';

describe('chat transcript', () => {
  it('streams text into one answer until a tool call starts a new turn, and fills in tool results', () => {
    let entries: readonly ChatEntry[] = [{ kind: 'user', text: 'hi' }];
    entries = applyChatEvent(entries, { type: 'text', delta: 'Hel' });
    entries = applyChatEvent(entries, { type: 'text', delta: 'lo.' });
    entries = applyChatEvent(entries, { type: 'tool_call', id: 't1', name: 'files.read', arguments: { path: 'a' } });
    entries = applyChatEvent(entries, { type: 'tool_result', id: 't1', name: 'files.read', isError: false, content: 'A' });
    entries = applyChatEvent(entries, { type: 'text', delta: 'Done.' });
    expect(entries).toEqual([
      { kind: 'user', text: 'hi' },
      { kind: 'assistant', text: 'Hello.' },
      { kind: 'tool', id: 't1', name: 'files.read', arguments: { path: 'a' }, result: 'A', isError: false },
      { kind: 'assistant', text: 'Done.' },
    ]);
  });

  it('shows a provider failure as an error with its kind, and records the answer to a question', () => {
    let entries = applyChatEvent([], { type: 'question', question: 'Which port?' });
    entries = answerQuestion(entries, '8080');
    entries = applyChatEvent(entries, { type: 'final', status: 'failed', text: '', awaitingApproval: [], error: { kind: 'not_found', message: 'Ollama does not have the model' } });
    expect(entries).toEqual([{ kind: 'question', question: 'Which port?', answer: '8080' }, { kind: 'error', text: 'Ollama does not have the model', errorKind: 'not_found' }]);
  });
});
