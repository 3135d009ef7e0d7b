import { describe, expect, it } from 'vitest';
import { toolSpec } from '../main/core/agent/agent-tools';
import { type ModelEvent, type ModelRequest, ProviderError } from '../main/core/agent/model-types';
import { OllamaProvider } from '../main/core/agent/providers/ollama-provider';
import { filesDelete, filesRead } from '../main/core/families/files/file-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { type OllamaPeer, ollamaPeer } from './fixtures/ollama-peer';

// Reign's Ollama provider against a real Ollama server (built from source by .ci/peers/ollama.sh)
// running a real 135M-parameter model on the CPU. What it answers is not the point, and a model
// this small answers badly: these tests assert the wire (streaming, usage, tool calls, errors,
// cancellation, context limits); the agent around it, and its safety whatever the model does, is
// what e2e/eval-local-model.spec.ts runs (the eval tasks through the same server).
// Answers are kept short (maxTokens) so each test takes seconds on 2 cores.

async function peerOrSkip(context: Parameters<typeof requireInfrastructure>[0]): Promise<OllamaPeer> {
  const { peer, problem } = await ollamaPeer();
  requireInfrastructure(context, problem, 'The real Ollama server (.ci/peers/ollama.sh)');
  return peer!;
}

function request(peer: OllamaPeer, text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return { model: peer.model, system: 'You are a helpful assistant. Answer briefly.', tools: [], messages: [{ role: 'user', content: [{ type: 'text', text }] }], maxTokens: 48, ...extra };
}

async function collect(stream: AsyncIterable<ModelEvent>): Promise<ModelEvent[]> {
  const events: ModelEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a ProviderError, and the call succeeded');
}

const inputTokens = (events: readonly ModelEvent[]): number => (events.find((event) => event.type === 'usage') as Extract<ModelEvent, { type: 'usage' }>).usage.inputTokens;

const textOf = (events: readonly ModelEvent[]): string => events.flatMap((event) => (event.type === 'text' ? [event.delta] : [])).join('');

describe('OllamaProvider against a real Ollama server and model', () => {
  it('lists the models the server has, the peer\'s model among them', async (context) => {
    const peer = await peerOrSkip(context);
    expect(await new OllamaProvider({ baseUrl: peer.url }).listModels()).toContain(`${peer.model}:latest`);
  });

  it('streams an answer as several text deltas, then usage with the real token counts and a stop', async (context) => {
    const peer = await peerOrSkip(context);
    const events = await collect(new OllamaProvider({ baseUrl: peer.url, contextSize: 2048 }).stream(request(peer, 'Name three colours.'), new AbortController().signal));
    const deltas = events.filter((event) => event.type === 'text');
    expect(deltas.length).toBeGreaterThan(1);
    expect(textOf(events).trim()).not.toBe('');
    const usage = events.find((event) => event.type === 'usage');
    // The prompt is the template-rendered system and user messages: tens of tokens, not zero.
    expect(usage).toMatchObject({ usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) } });
    const counted = (usage as Extract<ModelEvent, { type: 'usage' }>).usage;
    expect(counted.inputTokens).toBeGreaterThan(10);
    expect(counted.outputTokens).toBeGreaterThan(0);
    expect(counted.outputTokens).toBeLessThanOrEqual(48);
    expect(events.at(-1)).toMatchObject({ type: 'stop', reason: expect.stringMatching(/^(stop|length)$/) });
  });

  it('offers Reign\'s real tools: they reach the model\'s prompt, and whatever it emits, calls come back under Reign\'s names, never a crash', async (context) => {
    const peer = await peerOrSkip(context);
    const provider = new OllamaProvider({ baseUrl: peer.url, contextSize: 2048 });
    const tools = [toolSpec(filesRead), toolSpec(filesDelete)];
    // A model whose template does not render .Tools is refused with a 400 ("does not support tools").
    const events = await collect(provider.stream(request(peer, 'Read the file notes.txt.', { tools, maxTokens: 32 }), new AbortController().signal));
    const without = await collect(provider.stream(request(peer, 'Read the file notes.txt.', { maxTokens: 1 }), new AbortController().signal));
    // The template rendered both definitions (names, descriptions, JSON schemas) into the prompt.
    expect(inputTokens(events) - inputTokens(without)).toBeGreaterThan(100);
    expect(events.at(-1)).toMatchObject({ type: 'stop' });
    // This model is not tool-trained and, at temperature 0, answers in text. A call Ollama parses
    // names an offered tool with a JSON object; one it cannot parse it drops (the <tool_call> tag
    // and all after it), so a malformed call never reaches Reign as a call.
    for (const event of events.filter((candidate) => candidate.type === 'tool_call')) {
      expect(['files.read', 'files.delete']).toContain(event.name);
      expect(event.arguments).toBeTypeOf('object');
    }
    expect(events.some((event) => event.type === 'tool_call' || (event.type === 'text' && event.delta.trim()))).toBe(true);
  });

  it('sends an earlier tool call and its result through the real template, and the server answers the next turn', async (context) => {
    const peer = await peerOrSkip(context);
    const provider = new OllamaProvider({ baseUrl: peer.url, contextSize: 2048 });
    const withResult = (content: string): ModelRequest =>
      request(peer, '', {
        tools: [toolSpec(filesRead)],
        maxTokens: 16,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'What port does the app use?' }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'files.read', arguments: { path: 'app.env' } }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c1', name: 'files.read', content, isError: false }] },
        ],
      });
    const short = await collect(provider.stream(withResult('{"path":"app.env","content":"PORT=8080\\n","bytes":10}'), new AbortController().signal));
    const long = await collect(provider.stream(withResult(`{"path":"app.env","content":"${'PORT=8080 HOST=example.internal '.repeat(30)}","bytes":900}`), new AbortController().signal));
    // The result (role tool) is in the prompt: a longer one costs its tokens.
    expect(inputTokens(long) - inputTokens(short)).toBeGreaterThan(100);
    for (const events of [short, long]) expect(events.at(-1)).toMatchObject({ type: 'stop' });
  });

  it('pulling a model that does not exist fails with a ProviderError naming the model (no registry is reachable)', async (context) => {
    const peer = await peerOrSkip(context);
    const provider = new OllamaProvider({ baseUrl: peer.url });
    const progress: string[] = [];
    const error = await failure(provider.pull('reign-no-such-model:latest', (line) => progress.push(line.status)));
    // The server answered; it is its registry that did not (these machines are offline).
    expect(error.message).toMatch(/could not reach its registry to pull reign-no-such-model:latest/);
    expect(error.message).not.toMatch(/No Ollama server answers/);
    expect(progress).toEqual(['pulling manifest']);
    expect(await provider.listModels()).not.toContain('reign-no-such-model:latest');
  });

  it('cancelling mid-stream ends the stream with a cancelled ProviderError, and the server keeps answering', async (context) => {
    const peer = await peerOrSkip(context);
    const provider = new OllamaProvider({ baseUrl: peer.url, contextSize: 2048 });
    const controller = new AbortController();
    const seen: ModelEvent[] = [];
    const error = await failure(
      (async () => {
        for await (const event of provider.stream(request(peer, 'Write a long story about a lighthouse keeper.', { maxTokens: 512 }), controller.signal)) {
          seen.push(event);
          if (seen.filter((candidate) => candidate.type === 'text').length === 2) controller.abort();
        }
      })(),
    );
    expect(error.kind).toBe('cancelled');
    // Cut off: the final chunk (usage and stop) never came.
    expect(seen.some((event) => event.type === 'usage' || event.type === 'stop')).toBe(false);
    const after = await collect(provider.stream(request(peer, 'Say hello.', { maxTokens: 8 }), new AbortController().signal));
    expect(after.at(-1)).toMatchObject({ type: 'stop' });
  });

  // Past num_ctx Ollama would cut the prompt without a word (the oldest messages, then the start of
  // a long one: Reign's system prompt first). Reign asks it not to (`truncate: false`), so an
  // over-long conversation is an error that says what to do, and Reign's compaction and its tool
  // budget (only the tools that fit half the window) keep a conversation inside.
  const contextSize = 512;
  const long = Array.from({ length: 400 }, (_, index) => `Line ${index}: the quick brown fox jumps over the lazy dog.`).join('\n');

  it('a conversation over the context size is an error naming the setting to raise, never a silently cut prompt', async (context) => {
    const peer = await peerOrSkip(context);
    const messages: ModelRequest['messages'] = [
      { role: 'user', content: [{ type: 'text', text: long }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Noted.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Say hello.' }] },
    ];
    const error = await failure(collect(new OllamaProvider({ baseUrl: peer.url, contextSize }).stream(request(peer, '', { maxTokens: 16, messages }), new AbortController().signal)));
    expect(error.kind).toBe('context_too_long');
    expect(error.message).toMatch(/does not fit the 512-token context Reign asks .* for \(Ollama: .*exceeds the context length\)\. Raise ollamaContextSize in Settings/);
    // The same server answers a request that fits.
    const fits = await collect(new OllamaProvider({ baseUrl: peer.url, contextSize }).stream(request(peer, 'Say hello.', { maxTokens: 8 }), new AbortController().signal));
    expect(fits.at(-1)).toMatchObject({ type: 'stop' });
  });
});
