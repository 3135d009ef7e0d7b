/** Provider-neutral conversation parts. Each adapter maps them to its own wire format and back. */
export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_call'; readonly id: string; readonly name: string; readonly arguments: unknown; readonly rawArguments?: string }
  | { readonly type: 'tool_result'; readonly toolCallId: string; readonly name: string; readonly content: string; readonly isError: boolean };

export interface AgentMessage {
  readonly role: 'user' | 'assistant';
  readonly content: readonly ContentPart[];
}

/** A tool as the model sees it: the registry's tools plus propose_plan and ask_user. */
export interface ToolSpec {
  /** Reign's name (`shell.exec`); adapters map it to what the provider allows. */
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
}

export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
}

export const noUsage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

export const addUsage = (a: Usage, b: Usage): Usage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
});

/** What a provider streams for one model turn. */
export type ModelEvent =
  | { readonly type: 'text'; readonly delta: string }
  /** A whole tool call. `arguments` is null when `rawArguments` was not valid JSON. */
  | { readonly type: 'tool_call'; readonly id: string; readonly name: string; readonly arguments: unknown; readonly rawArguments: string }
  | { readonly type: 'usage'; readonly usage: Usage }
  | { readonly type: 'stop'; readonly reason: string };

export interface ModelRequest {
  readonly model: string;
  readonly system: string;
  readonly tools: readonly ToolSpec[];
  readonly messages: readonly AgentMessage[];
  readonly maxTokens: number;
}

export interface ModelProvider {
  readonly id: 'anthropic' | 'ollama' | 'scripted';
  /** The context window of `model` in tokens, as far as the provider knows it. */
  contextWindow(model: string): number;
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** One model turn. Throws a ProviderError; stops (throwing a 'cancelled' ProviderError) when `signal` aborts. */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent>;
}

export type ProviderErrorKind = 'auth' | 'rate_limit' | 'overloaded' | 'context_too_long' | 'network' | 'bad_request' | 'not_found' | 'cancelled' | 'unknown';

/** A failure of the model provider, with a message written for the user (what happened and what to do). */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProviderError';
  }
  get code(): string {
    return `PROVIDER_${this.kind.toUpperCase()}`;
  }
}
