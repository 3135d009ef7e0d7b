export const formatCost = (usd: number | null): string => (usd === null ? 'cost unknown' : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);

export const formatTokens = (total: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number }): string =>
  `${(total.inputTokens + total.cacheReadTokens + total.cacheWriteTokens).toLocaleString()} in · ${total.outputTokens.toLocaleString()} out`;
