import { describe, expect, it } from 'vitest';
import { readAsset } from '../resources';
import { costOf, type PriceTable, priceOf } from './cost';

const table = JSON.parse(readAsset('resources', 'model-prices.json')) as PriceTable;

describe('cost accounting', () => {
  it('finds a model family for dated ids, preferring the longest match', () => {
    expect(priceOf(table, 'claude-sonnet-5-5-20261001')).toEqual(table.models['claude-sonnet-5-5']);
    expect(priceOf(table, 'claude-sonnet-5')).toEqual(table.models['claude-sonnet-5']);
    expect(priceOf(table, 'qwen3:8b')).toBeNull();
  });

  it('prices input, output, cache reads and cache writes separately', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 };
    expect(costOf(table, 'claude-sonnet-5-5', usage)).toBeCloseTo(2 + 10 + 0.1 + 2.5);
    expect(costOf(table, 'llama3.2', usage)).toBeNull();
  });
});
