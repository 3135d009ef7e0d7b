import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ModelEvent, ModelProvider, ModelRequest } from '../model-types';
import { ProviderError } from '../model-types';
import { parseArguments } from './parse-arguments';

/**
 * One model turn of a transcript (one JSON object per line). `raw` gives tool-call arguments as
 * text exactly as a model sent them, to replay malformed calls.
 */
const TurnSchema = z
  .object({
    text: z.string().optional(),
    tool_calls: z.array(z.object({ name: z.string(), arguments: z.unknown().optional(), raw: z.string().optional() }).strict()).optional(),
    usage: z.object({ input: z.number().default(0), output: z.number().default(0) }).optional(),
  })
  .strict();
export type ScriptedTurn = z.infer<typeof TurnSchema>;

/** Replays a transcript of model turns: for tests, demos and benchmarks without a model. */
export class ScriptedProvider implements ModelProvider {
  readonly id = 'scripted' as const;
  private next = 0;
  /** What the session sent on each turn, for tests to inspect. */
  readonly requests: ModelRequest[] = [];

  constructor(private readonly turns: readonly ScriptedTurn[]) {}

  static fromFile(file: string): ScriptedProvider {
    const lines = readFileSync(file, 'utf8').split('\n').map((line) => line.trim());
    const turns = lines.flatMap((line, index) => {
      if (!line || line.startsWith('//')) return [];
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${index + 1} is not JSON: ${(error as Error).message}`);
      }
      const turn = TurnSchema.safeParse(json);
      if (!turn.success) throw new Error(`${file}:${index + 1}: ${turn.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      return [turn.data];
    });
    return new ScriptedProvider(turns);
  }

  contextWindow(): number {
    return 200_000;
  }

  async listModels(): Promise<string[]> {
    return ['transcript'];
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    this.requests.push(request);
    const turn = this.turns[this.next++];
    if (!turn) throw new ProviderError('bad_request', `The transcript has no turn ${this.next} (it has ${this.turns.length}).`);
    if (signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
    if (turn.text) {
      // Stream in pieces, as a model would.
      for (const piece of turn.text.match(/[\s\S]{1,24}/g) ?? []) {
        if (signal.aborted) throw new ProviderError('cancelled', 'Cancelled.');
        yield { type: 'text', delta: piece };
      }
    }
    for (const [index, call] of (turn.tool_calls ?? []).entries()) {
      const raw = call.raw ?? JSON.stringify(call.arguments ?? {});
      yield { type: 'tool_call', id: `scripted-${this.next}-${index + 1}`, name: call.name, arguments: parseArguments(raw), rawArguments: raw };
    }
    yield { type: 'usage', usage: { inputTokens: turn.usage?.input ?? 0, outputTokens: turn.usage?.output ?? 0, cacheReadTokens: 0, cacheWriteTokens: 0 } };
    yield { type: 'stop', reason: turn.tool_calls?.length ? 'tool_use' : 'end_turn' };
  }
}
