import { describe, expect, it } from 'vitest';
import { toTranscript } from './transcript';

describe('toTranscript', () => {
  it('shows requests, answers and each tool call with the result that answered it', () => {
    const entries = toTranscript([
      { role: 'user', content: [{ type: 'text', text: 'what runs?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Looking.' }, { type: 'tool_call', id: 't1', name: 'docker.container.list', arguments: {} }] },
      { role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', name: 'docker.container.list', content: 'web running', isError: false }] },
      { role: 'assistant', content: [{ type: 'text', text: 'web is running.' }] },
    ]);
    expect(entries).toEqual([
      { kind: 'user', text: 'what runs?' },
      { kind: 'assistant', text: 'Looking.' },
      { kind: 'tool', id: 't1', name: 'docker.container.list', arguments: {}, result: 'web running', isError: false },
      { kind: 'assistant', text: 'web is running.' },
    ]);
  });

  it('leaves out the notes Reign sends the model on its own', () => {
    const entries = toTranscript([{ role: 'user', content: [{ type: 'text', text: 'Reign does not run commands written in text, so nothing has run.' }] }]);
    expect(entries).toEqual([]);
  });
});
