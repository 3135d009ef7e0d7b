import type { Usage } from './model-types';

export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

export interface PriceTable {
  readonly models: Record<string, ModelPrice>;
}

/** The price of a model: the longest table entry its id starts with, so dated ids find their family. */
export function priceOf(table: PriceTable, model: string): ModelPrice | null {
  const match = Object.keys(table.models)
    .filter((name) => model === name || model.startsWith(`${name}-`) || model.startsWith(`${name}@`))
    .sort((a, b) => b.length - a.length)[0];
  return match ? table.models[match]! : null;
}

/** US dollars for this usage, or null when the model's price is unknown (tokens are still shown). */
export function costOf(table: PriceTable, model: string, usage: Usage): number | null {
  const price = priceOf(table, model);
  if (!price) return null;
  return (usage.inputTokens * price.input + usage.outputTokens * price.output + usage.cacheReadTokens * price.cacheRead + usage.cacheWriteTokens * price.cacheWrite) / 1_000_000;
}
