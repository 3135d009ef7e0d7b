import type { ToolContext } from '../tools/tool-definition';

/**
 * What a family's `searchables` hook gets: the tool context, a read through the policy (the same
 * path the Resources pane lists by), and the signal the core aborts at the family's time limit.
 */
export interface SearchFrom {
  readonly ctx: ToolContext;
  readonly read: (tool: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;
  readonly signal: AbortSignal;
}
