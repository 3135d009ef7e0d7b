import Anthropic from '@anthropic-ai/sdk';
import type { AgentMessage, ModelEvent, ModelProvider, ModelRequest, Usage } from '../model-types';
import { ProviderError } from '../model-types';
import { ToolNameMap } from '../tool-names';
import { parseArguments } from './parse-arguments';

export interface AnthropicProviderOptions {
  readonly apiKey: string;
  /** For tests and proxies; the SDK's default otherwise. */
  readonly baseURL?: string;
  /** Retries on 429, 529 and network errors, with backoff honouring retry-after (done by the SDK). */
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
}

type WireBlock = Anthropic.Messages.ContentBlockParam;

/** Claude through the Messages API: streaming, tool use, and prompt caching of tools and system prompt. */
export class AnthropicProvider implements ModelProvider {
  readonly id = 'anthropic' as const;
  private readonly client: Anthropic;

  constructor(options: AnthropicProviderOptions) {
    this.client = new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries ?? 4, timeout: options.timeoutMs ?? 10 * 60 * 1000 });
  }

  /** 1M tokens from the 4.6 generation on; 200K before it. */
  contextWindow(model: string): number {
    const version = /claude-[a-z]+-(\d+)(?:-(\d+))?/.exec(model);
    const major = Number(version?.[1] ?? 0);
    const minor = Number(version?.[2] ?? 0);
    return major > 4 || (major === 4 && minor >= 6 && minor < 100) ? 1_000_000 : 200_000;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    try {
      const page = await this.client.models.list({ limit: 100 }, { signal });
      return page.data.map((model) => model.id);
    } catch (error) {
      throw toProviderError(error);
    }
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    const names = new ToolNameMap(request.tools.map((tool) => tool.name));
    const ephemeral = { type: 'ephemeral' as const };
    // Cache breakpoints: the tool list and the system prompt never change within a conversation, and
    // the latest message marks how far the conversation so far can be reused by the next turn.
    const tools = request.tools.map((tool, index) => ({
      name: names.wire(tool.name),
      description: tool.description,
      input_schema: tool.inputSchema as Anthropic.Messages.Tool.InputSchema,
      ...(index === request.tools.length - 1 ? { cache_control: ephemeral } : {}),
    }));
    const messages = toWireMessages(request.messages, names);
    const last = messages.at(-1);
    if (last && Array.isArray(last.content) && last.content.length) {
      const blocks = last.content as WireBlock[];
      blocks[blocks.length - 1] = { ...blocks[blocks.length - 1]!, cache_control: ephemeral } as WireBlock;
    }

    const partial = new Map<number, { id: string; name: string; json: string }>();
    try {
      const events = await this.client.messages.create(
        { model: request.model, max_tokens: request.maxTokens, system: [{ type: 'text', text: request.system, cache_control: ephemeral }], tools, messages, stream: true },
        { signal },
      );
      for await (const event of events) {
        switch (event.type) {
          case 'message_start':
            // Output tokens are counted once, from message_delta, which carries the running total.
            yield { type: 'usage', usage: { ...usageOf(event.message.usage), outputTokens: 0 } };
            break;
          case 'content_block_start':
            if (event.content_block.type === 'tool_use') partial.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: '' });
            break;
          case 'content_block_delta':
            if (event.delta.type === 'text_delta') yield { type: 'text', delta: event.delta.text };
            else if (event.delta.type === 'input_json_delta') {
              const call = partial.get(event.index);
              if (call) call.json += event.delta.partial_json;
            }
            break;
          case 'content_block_stop': {
            const call = partial.get(event.index);
            if (call) {
              partial.delete(event.index);
              yield { type: 'tool_call', id: call.id, name: names.reign(call.name) ?? call.name, arguments: parseArguments(call.json || '{}'), rawArguments: call.json };
            }
            break;
          }
          case 'message_delta':
            yield { type: 'usage', usage: { inputTokens: 0, outputTokens: event.usage.output_tokens, cacheReadTokens: 0, cacheWriteTokens: 0 } };
            if (event.delta.stop_reason) yield { type: 'stop', reason: event.delta.stop_reason };
            break;
          default:
            break;
        }
        if (signal.aborted) break;
      }
      // The SDK ends the stream quietly on abort; the caller must learn it was cancelled.
      if (signal.aborted) throw new ProviderError('cancelled', 'The request to Anthropic was cancelled.');
    } catch (error) {
      throw toProviderError(error, request.model);
    }
  }
}

function usageOf(usage: Anthropic.Messages.Usage): Usage {
  return { inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0, cacheReadTokens: usage.cache_read_input_tokens ?? 0, cacheWriteTokens: usage.cache_creation_input_tokens ?? 0 };
}


function toWireMessages(messages: readonly AgentMessage[], names: ToolNameMap): Anthropic.Messages.MessageParam[] {
  return messages.map((message) => ({
    role: message.role,
    content: message.content.map((part): WireBlock => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      if (part.type === 'tool_call') return { type: 'tool_use', id: part.id, name: names.wire(part.name), input: (part.arguments && typeof part.arguments === 'object' ? part.arguments : {}) as Record<string, unknown> };
      return { type: 'tool_result', tool_use_id: part.toolCallId, content: part.content, is_error: part.isError };
    }),
  }));
}

/** SDK errors → a kind and a message that says what to do. */
export function toProviderError(error: unknown, model?: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof Anthropic.APIUserAbortError) return new ProviderError('cancelled', 'The request to Anthropic was cancelled.', { cause: error });
  if (error instanceof Anthropic.APIConnectionError) return new ProviderError('network', `Could not reach the Anthropic API (${error.message}). Check the network, or use a local Ollama model offline.`, { cause: error });
  if (error instanceof Anthropic.APIError) {
    const body = error.error as { error?: { type?: string; message?: string } } | undefined;
    const type = body?.error?.type ?? '';
    const detail = body?.error?.message ?? error.message;
    if (error.status === 401 || error.status === 403 || type === 'authentication_error' || type === 'permission_error') return new ProviderError('auth', `Anthropic refused the API key (${detail}). Store a valid key in Settings → Providers.`, { cause: error });
    if (error.status === 429 || type === 'rate_limit_error') return new ProviderError('rate_limit', `Anthropic's rate limit was reached and retries did not get through (${detail}). Wait a minute and try again.`, { cause: error });
    if (error.status === 529 || type === 'overloaded_error') return new ProviderError('overloaded', `Anthropic is overloaded right now and retries did not get through (${detail}). Try again shortly.`, { cause: error });
    if (error.status === 404 || type === 'not_found_error') return new ProviderError('not_found', `Anthropic does not know the model ${model ?? ''} (${detail}). Pick another model in Settings.`, { cause: error });
    if (/prompt is too long|context (window|length)|too many tokens/i.test(detail)) return new ProviderError('context_too_long', `The conversation is too long for ${model ?? 'the model'} (${detail}). Start a new conversation.`, { cause: error });
    if (error.status === 400 || type === 'invalid_request_error') return new ProviderError('bad_request', `Anthropic rejected the request: ${detail}`, { cause: error });
    return new ProviderError('unknown', `Anthropic answered ${error.status ?? 'with an error'}: ${detail}`, { cause: error });
  }
  return new ProviderError('unknown', `The Anthropic request failed: ${(error as Error).message}`, { cause: error });
}
