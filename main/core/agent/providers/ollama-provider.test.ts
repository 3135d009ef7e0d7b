import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../../../../e2e/fixtures/loopback-server';
import { type OllamaFixture, startOllamaFixture } from '../../../../e2e/fixtures/ollama-fixture';
import type { ModelEvent, ModelRequest } from '../model-types';
import { OllamaProvider } from './ollama-provider';

let fixture: OllamaFixture;
beforeEach(async () => {
  fixture = await startOllamaFixture(['qwen3:8b']);
});
afterEach(() => fixture.close());

const request: ModelRequest = {
  model: 'qwen3:8b',
  system: 'You are Reign.',
  tools: [{ name: 'files.read', description: 'read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'read notes' }] },
    { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'files.read', arguments: { path: 'notes.txt' } }] },
    { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c1', name: 'files.read', content: 'hello', isError: false }] },
  ],
  maxTokens: 512,
};

async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('OllamaProvider against /api/chat NDJSON', () => {
  it('streams text, tool calls (names mapped back), and usage from the final chunk', async () => {
    fixture.enqueue({ kind: 'chat', chunks: [{ content: 'Checking ' }, { content: 'now.' }, { tool_calls: [{ function: { name: 'files_read', arguments: { path: 'a.txt' } } }] }], promptTokens: 321, evalTokens: 17 });
    const events = await collect(new OllamaProvider({ baseUrl: fixture.baseUrl, contextSize: 16384 }).stream(request, new AbortController().signal));
    expect(events.filter((event) => event.type === 'text').map((event) => (event as { delta: string }).delta).join('')).toBe('Checking now.');
    expect(events).toContainEqual(expect.objectContaining({ type: 'tool_call', name: 'files.read', arguments: { path: 'a.txt' } }));
    expect(events).toContainEqual({ type: 'usage', usage: { inputTokens: 321, outputTokens: 17, cacheReadTokens: 0, cacheWriteTokens: 0 } });
  });

  it('sends the system prompt, tools, tool results and the context size in Ollama\'s format', async () => {
    fixture.enqueue({ kind: 'chat', chunks: [{ content: 'ok' }] });
    await collect(new OllamaProvider({ baseUrl: fixture.baseUrl, contextSize: 16384 }).stream(request, new AbortController().signal));
    const body = fixture.requests.find((recorded) => recorded.path === '/api/chat')!.body;
    expect(body.stream).toBe(true);
    expect(body.options.num_ctx).toBe(16384);
    expect(body.tools[0]).toMatchObject({ type: 'function', function: { name: 'files_read' } });
    expect(body.messages.map((message: { role: string }) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(body.messages[2].tool_calls).toEqual([{ function: { name: 'files_read', arguments: { path: 'notes.txt' } } }]);
    expect(body.messages[3]).toMatchObject({ role: 'tool', content: 'hello', tool_name: 'files_read' });
  });

  it('says how to get a model that is not pulled, and when no server answers', async () => {
    await expect(collect(new OllamaProvider({ baseUrl: fixture.baseUrl }).stream({ ...request, model: 'llama9' }, new AbortController().signal))).rejects.toMatchObject({ kind: 'not_found', message: expect.stringMatching(/ollama pull llama9/) });
    await expect(collect(new OllamaProvider({ baseUrl: 'http://127.0.0.1:9' }).stream(request, new AbortController().signal))).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/ollama serve/) });
  });

  it('stops mid-stream when cancelled', async () => {
    fixture.enqueue({ kind: 'chat', chunks: [{ content: 'one ' }, { content: 'two ' }, { content: 'three' }], hangAfter: 1 });
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of new OllamaProvider({ baseUrl: fixture.baseUrl }).stream(request, controller.signal)) {
        if (event.type === 'text') {
          seen.push(event.delta);
          controller.abort();
        }
      }
    })();
    await expect(done).rejects.toMatchObject({ kind: 'cancelled' });
    expect(seen).toEqual(['one ']);
  });

  it('lists installed models and pulls one with progress', async () => {
    const provider = new OllamaProvider({ baseUrl: fixture.baseUrl });
    expect(await provider.listModels()).toEqual(['qwen3:8b']);
    const progress: string[] = [];
    await provider.pull('llama3.2:3b', (step) => progress.push(`${step.status}${step.total ? ` ${step.completed}/${step.total}` : ''}`));
    expect(progress).toEqual(['pulling manifest', 'pulling abc 50/100', 'pulling abc 100/100', 'success']);
  });

  it('says a pull failed at Ollama\'s registry, naming the model, not that no server answers', async () => {
    // What a real Ollama 0.24 without internet streams for a pull (seen in e2e/ollama-real-model.spec.ts).
    const offline = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end('{"status":"pulling manifest"}\n{"error":"pull model manifest: Get \\"https://registry.ollama.ai/v2/library/llama9/manifests/latest\\": dial tcp: lookup registry.ollama.ai on 10.0.0.53:53: no such host"}\n');
    });
    const server = await listenOnLoopback(offline);
    try {
      const pulling = new OllamaProvider({ baseUrl: server.url }).pull('llama9:latest', () => undefined);
      await expect(pulling).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/could not reach its registry to pull llama9:latest .*no such host/) });
      await expect(pulling).rejects.not.toMatchObject({ message: expect.stringMatching(/No Ollama server answers/) });
    } finally {
      await server.close();
    }
  });
});
