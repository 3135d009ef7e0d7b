import { describe, expect, it } from 'vitest';
import { compactContext, estimateTokens } from './context-window';
import type { AgentMessage } from './model-types';

const turn = (index: number, resultChars: number): AgentMessage[] => [
  { role: 'user', content: [{ type: 'text', text: `request ${index}` }] },
  { role: 'assistant', content: [{ type: 'tool_call', id: `c${index}`, name: 'files.read', arguments: { path: `f${index}` } }] },
  { role: 'user', content: [{ type: 'tool_result', toolCallId: `c${index}`, name: 'files.read', content: 'x'.repeat(resultChars), isError: false }] },
  { role: 'assistant', content: [{ type: 'text', text: `answer ${index}` }] },
];

describe('compactContext', () => {
  it('leaves a conversation that fits alone', () => {
    const messages = turn(1, 100);
    expect(compactContext(messages, 10_000, 0)).toEqual({ messages, notice: null });
  });

  it('shortens old tool results first, keeping the latest messages whole, and says so', () => {
    const messages = [...turn(1, 20_000), ...turn(2, 20_000), ...turn(3, 100)];
    const { messages: compacted, notice } = compactContext(messages, 12_000, 0);
    expect(notice).toMatch(/older tool results were shortened/);
    const first = compacted[2]!.content[0] as { content: string };
    expect(first.content.length).toBeLessThan(700);
    expect(first.content).toMatch(/characters cut/);
    expect(compacted.slice(-4)).toEqual(messages.slice(-4));
    expect(estimateTokens(JSON.stringify(compacted).length)).toBeLessThan(12_000 * 0.75);
  });

  it('replaces the oldest turns with a summary when shortening is not enough, keeping calls paired with results', () => {
    const messages = Array.from({ length: 40 }, (_, index) => turn(index, 500)).flat();
    const { messages: compacted, notice } = compactContext(messages, 3_000, 0);
    expect(notice).toMatch(/replaced by a summary/);
    expect((compacted[0]!.content[0] as { text: string }).text).toMatch(/^\[Summary of the earlier conversation/);
    expect((compacted[0]!.content[0] as { text: string }).text).toMatch(/You called files.read/);
    expect(compacted[2]!.role).toBe('user');
    expect(compacted[2]!.content[0]!.type).toBe('text');
    expect(compacted.length).toBeLessThan(messages.length);
  });
});
