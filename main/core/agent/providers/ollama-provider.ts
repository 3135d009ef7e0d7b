import { type ChatRequest, type Message, Ollama, type Tool } from 'ollama';
import type { AgentMessage, ModelEvent, ModelProvider, ModelRequest } from '../model-types';
import { ProviderError } from '../model-types';
import { ToolNameMap } from '../tool-names';
import { parseArguments } from './parse-arguments';

export interface OllamaProviderOptions {
  readonly baseUrl: string;
  /** num_ctx sent with every request; Ollama's own default is small. */
  readonly contextSize?: number;
  readonly fetch?: typeof fetch;
}

export interface PullProgress {
  readonly status: string;
  readonly completed?: number;
  readonly total?: number;
}

/** Local models through Ollama's /api/chat (NDJSON streaming with tool_calls): the offline mode. */
export class OllamaProvider implements ModelProvider {
  readonly id = 'ollama' as const;
  private readonly client: Ollama;
  private readonly contextSize: number;

  constructor(private readonly options: OllamaProviderOptions) {
    this.client = new Ollama({ host: options.baseUrl, fetch: options.fetch });
    this.contextSize = options.contextSize ?? 32_768;
  }

  contextWindow(): number {
    return this.contextSize;
  }

  async listModels(): Promise<string[]> {
    try {
      return (await this.client.list()).models.map((model) => model.name);
    } catch (error) {
      throw this.toProviderError(error);
    }
  }

  /** Pulls a model, reporting progress (per layer: completed and total bytes). */
  async pull(model: string, onProgress: (progress: PullProgress) => void, signal?: AbortSignal): Promise<void> {
    try {
      const stream = await this.client.pull({ model, stream: true });
      signal?.addEventListener('abort', () => stream.abort(), { once: true });
      for await (const progress of stream) onProgress({ status: progress.status, completed: progress.completed, total: progress.total });
    } catch (error) {
      throw this.pullError(error, model);
    }
  }

  /**
   * A pull the server reports failed is about its registry, not about reaching the server: a real
   * Ollama offline says `pull model manifest: Get "https://registry…": dial tcp: lookup …: no such host`.
   */
  private pullError(error: unknown, model: string): ProviderError {
    const message = (error as Error).message ?? String(error);
    if (!/pull model manifest|registry/i.test(message)) return this.toProviderError(error, model);
    if (/dial tcp|no such host|lookup |timeout|refused|unreachable/i.test(message)) {
      return new ProviderError('network', `Ollama could not reach its registry to pull ${model} (${message}). Pull it where the Ollama server is online, or make the model from a GGUF file with \`ollama create\`.`, { cause: error });
    }
    return new ProviderError('not_found', `Ollama could not pull ${model}: ${message}. Check the name (\`ollama list\` shows what is installed).`, { cause: error });
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    const names = new ToolNameMap(request.tools.map((tool) => tool.name));
    const tools: Tool[] = request.tools.map((tool) => ({ type: 'function', function: { name: names.wire(tool.name), description: tool.description, parameters: tool.inputSchema as Tool['function']['parameters'] } }));
    let calls = 0;
    try {
      if (signal.aborted) throw new ProviderError('cancelled', 'The request to Ollama was cancelled.');
      const chat = {
        model: request.model,
        messages: [{ role: 'system', content: request.system }, ...toWireMessages(request.messages, names)],
        tools,
        stream: true,
        // Past num_ctx Ollama would otherwise cut the prompt silently, Reign's system prompt first: an error says so instead.
        truncate: false,
        options: { num_ctx: this.contextSize, num_predict: request.maxTokens },
      } satisfies ChatRequest & { stream: true; truncate: boolean };
      // ollama-js sends the request as given; its type has no `truncate` for chat yet, the server (0.24) has.
      const stream = await this.client.chat(chat);
      const onAbort = (): void => stream.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for await (const chunk of stream) {
          if (chunk.message?.content) yield { type: 'text', delta: chunk.message.content };
          for (const call of chunk.message?.tool_calls ?? []) {
            calls += 1;
            const raw = typeof call.function.arguments === 'string' ? (call.function.arguments as string) : JSON.stringify(call.function.arguments ?? {});
            yield { type: 'tool_call', id: `ollama-call-${Date.now()}-${calls}`, name: names.reign(call.function.name) ?? call.function.name, arguments: parseArguments(raw), rawArguments: raw };
          }
          if (chunk.done) {
            yield { type: 'usage', usage: { inputTokens: chunk.prompt_eval_count ?? 0, outputTokens: chunk.eval_count ?? 0, cacheReadTokens: 0, cacheWriteTokens: 0 } };
            yield { type: 'stop', reason: chunk.done_reason || 'stop' };
          }
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      if (signal.aborted) throw new ProviderError('cancelled', 'The request to Ollama was cancelled.');
    } catch (error) {
      throw this.toProviderError(error, request.model, signal);
    }
  }

  private toProviderError(error: unknown, model?: string, signal?: AbortSignal): ProviderError {
    if (error instanceof ProviderError) return error;
    if (signal?.aborted || (error as Error).name === 'AbortError') return new ProviderError('cancelled', 'The request to Ollama was cancelled.', { cause: error });
    const message = (error as Error).message ?? String(error);
    const status = (error as { status_code?: number }).status_code;
    if (status === 404 || /not found/i.test(message)) {
      return new ProviderError('not_found', `Ollama does not have the model ${model ?? ''}. Pull it (Pull in the chat, or \`ollama pull ${model ?? 'MODEL'}\`), or pick an installed one.`, { cause: error });
    }
    if (/fetch failed|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|network/i.test(message) || (error as { cause?: { code?: string } }).cause?.code) {
      return new ProviderError('network', `No Ollama server answers at ${this.options.baseUrl}. Start it with \`ollama serve\`, or change the Ollama URL in Settings.`, { cause: error });
    }
    if (/context|too long/i.test(message)) {
      return new ProviderError('context_too_long', `The conversation does not fit the ${this.contextSize.toLocaleString('en-US')}-token context Reign asks ${model ?? 'the model'} for (Ollama: ${message}). Raise ollamaContextSize in Settings (up to what the model supports), or start a new conversation.`, { cause: error });
    }
    if (status === 400) return new ProviderError('bad_request', `Ollama rejected the request: ${message}`, { cause: error });
    return new ProviderError('unknown', `Ollama failed: ${message}`, { cause: error });
  }
}


function toWireMessages(messages: readonly AgentMessage[], names: ToolNameMap): Message[] {
  const wire: Message[] = [];
  for (const message of messages) {
    const text = message.content.filter((part) => part.type === 'text').map((part) => (part as { text: string }).text).join('\n');
    if (message.role === 'assistant') {
      const calls = message.content.filter((part) => part.type === 'tool_call');
      wire.push({ role: 'assistant', content: text, tool_calls: calls.map((call) => ({ function: { name: names.wire(call.name), arguments: (call.arguments ?? {}) as Record<string, unknown> } })) });
      continue;
    }
    for (const part of message.content) if (part.type === 'tool_result') wire.push({ role: 'tool', content: part.content, tool_name: names.wire(part.name) });
    if (text) wire.push({ role: 'user', content: text });
  }
  return wire;
}
