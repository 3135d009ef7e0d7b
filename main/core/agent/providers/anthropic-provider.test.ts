import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicFixture, startAnthropicFixture, turn } from '../../../../e2e/fixtures/anthropic-fixture';
import type { ModelEvent, ModelRequest } from '../model-types';
import { AnthropicProvider } from './anthropic-provider';

let fixture: AnthropicFixture;
beforeEach(async () => {
  fixture = await startAnthropicFixture();
});
afterEach(() => fixture.close());

const provider = (maxRetries = 2) => new AnthropicProvider({ apiKey: 'sk-ant-test-0123456789abcdefghij', baseURL: fixture.baseURL, maxRetries });
const request: ModelRequest = {
  model: 'claude-sonnet-5-5',
  system: 'You are Reign.',
  tools: [
    { name: 'files.read', description: 'read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
    { name: 'propose_plan', description: 'plan', inputSchema: { type: 'object', properties: {} } },
  ],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'what is in notes.txt?' }] }],
  maxTokens: 1024,
};

async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('AnthropicProvider against the Messages API wire format', () => {
  it('streams text and a tool call whose JSON arrives in pieces, with Reign names mapped back', async () => {
    fixture.enqueue({ kind: 'sse', events: turn({ text: 'Let me read it.', toolCalls: [{ id: 'toolu_1', name: 'files_read', input: { path: 'notes.txt' } }], usage: { input: 1200, output: 40, cacheRead: 1000, cacheWrite: 0 } }) });
    const events = await collect(provider().stream(request, new AbortController().signal));
    expect(events.filter((event) => event.type === 'text').map((event) => (event as { delta: string }).delta).join('')).toBe('Let me read it.');
    expect(events).toContainEqual({ type: 'tool_call', id: 'toolu_1', name: 'files.read', arguments: { path: 'notes.txt' }, rawArguments: '{"path":"notes.txt"}' });
    const usage = events.filter((event) => event.type === 'usage').reduce((sum, event) => sum + (event as { usage: { outputTokens: number } }).usage.outputTokens, 0);
    expect(usage).toBe(40);
    expect(events).toContainEqual({ type: 'usage', usage: { inputTokens: 1200, outputTokens: 0, cacheReadTokens: 1000, cacheWriteTokens: 0 } });
    expect(events.at(-1)).toEqual({ type: 'stop', reason: 'tool_use' });
  });

  it('sends tools with provider-safe names, and cache_control on the system prompt, the last tool and the latest message', async () => {
    fixture.enqueue({ kind: 'sse', events: turn({ text: 'ok' }) });
    await collect(provider().stream(request, new AbortController().signal));
    const body = fixture.requests.at(-1)!.body;
    expect(body.stream).toBe(true);
    expect(body.tools.map((tool: { name: string }) => tool.name)).toEqual(['files_read', 'propose_plan']);
    expect(body.tools[1].cache_control).toEqual({ type: 'ephemeral' });
    expect(body.tools[0].cache_control).toBeUndefined();
    expect(body.system).toEqual([{ type: 'text', text: 'You are Reign.', cache_control: { type: 'ephemeral' } }]);
    expect(body.messages.at(-1).content.at(-1).cache_control).toEqual({ type: 'ephemeral' });
    const headers = fixture.requests.at(-1)!.headers;
    expect(headers['x-api-key'] ?? headers.authorization).toMatch(/sk-ant-test-0123456789abcdefghij$/);
  });

  it('retries 429 and 529 honouring retry-after, then streams', async () => {
    fixture.enqueue(
      { kind: 'error', status: 429, type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit', headers: { 'retry-after-ms': '20', 'retry-after': '0' } },
      { kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', headers: { 'retry-after-ms': '20' } },
      { kind: 'sse', events: turn({ text: 'finally' }) },
    );
    const events = await collect(provider(3).stream(request, new AbortController().signal));
    expect(events.some((event) => event.type === 'text')).toBe(true);
    expect(fixture.requests.filter((recorded) => recorded.path === '/v1/messages')).toHaveLength(3);
  });

  it('gives each failure a kind and a message that says what to do', async () => {
    const cases = [
      [{ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' }, 'auth', /Store a valid key/],
      [{ kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded', headers: { 'retry-after-ms': '1' } }, 'overloaded', /overloaded/],
      [{ kind: 'error', status: 429, type: 'rate_limit_error', message: 'slow down', headers: { 'retry-after-ms': '1' } }, 'rate_limit', /rate limit/],
      [{ kind: 'error', status: 400, type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' }, 'context_too_long', /too long/],
      [{ kind: 'error', status: 400, type: 'invalid_request_error', message: 'tools.0.name: String should match pattern' }, 'bad_request', /rejected the request/],
      [{ kind: 'error', status: 404, type: 'not_found_error', message: 'model: claude-nope' }, 'not_found', /Pick another model/],
    ] as const;
    for (const [reply, kind, message] of cases) {
      // With maxRetries 1, retryable failures (429, 529) are asked twice.
      fixture.enqueue(...Array.from({ length: reply.status === 429 || reply.status === 529 ? 2 : 1 }, () => reply as never));
      await expect(collect(provider(1).stream(request, new AbortController().signal))).rejects.toMatchObject({ kind, message: expect.stringMatching(message) });
    }
  });

  it('turns an error event in the middle of the stream into a typed error', async () => {
    const events = turn({ text: 'partial answer' }).slice(0, 4);
    fixture.enqueue({ kind: 'sse', events: [...events, { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }] });
    await expect(collect(provider(0).stream(request, new AbortController().signal))).rejects.toMatchObject({ kind: 'overloaded' });
  });

  it('stops mid-stream when cancelled, closing the connection', async () => {
    fixture.enqueue({ kind: 'sse', events: turn({ text: 'a long answer that keeps coming' }), hangAfter: 4 });
    const controller = new AbortController();
    const seen: ModelEvent[] = [];
    const done = (async () => {
      for await (const event of provider().stream(request, controller.signal)) {
        seen.push(event);
        if (event.type === 'text') controller.abort();
      }
    })();
    await expect(done).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seen.filter((event) => event.type === 'text')).toHaveLength(1);
    for (let i = 0; i < 50 && fixture.closedEarly() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fixture.closedEarly()).toBe(1);
  });

  it('says when the API cannot be reached', async () => {
    const offline = new AnthropicProvider({ apiKey: 'sk-ant-x-0123456789abcdefghij', baseURL: 'http://127.0.0.1:9', maxRetries: 0 });
    await expect(collect(offline.stream(request, new AbortController().signal))).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/Ollama model offline/) });
  });

  it('lists models', async () => {
    expect(await provider().listModels()).toEqual(['claude-sonnet-5-5']);
  });
});
