import { z } from 'zod';
import { defineCommand } from './define';
import { ResourceScopeSchema } from './resources';

/**
 * Global search (Ctrl/Cmd+K): what the families can name on their targets (containers, pods,
 * releases, repositories) and the runs of the journal, read once when the palette opens and
 * filtered in the window as a person types. Each family answers within its own time limit.
 */
export const SearchTargetSchema = z.discriminatedUnion('pane', [
  /** A row of a Resources view, in the scope it is listed in. */
  z.object({ pane: z.literal('resources'), view: z.string(), scope: ResourceScopeSchema.optional(), row: z.string() }),
  /** A run in History. */
  z.object({ pane: z.literal('history'), run: z.string() }),
]);
export type SearchTarget = z.infer<typeof SearchTargetSchema>;

export const SearchItemSchema = z.object({
  /** What it is, one word a person searches by: `container`, `pod`, `release`, `repository`, `run`. */
  kind: z.string(),
  /** What it is called; what the fuzzy match reads first. */
  name: z.string(),
  /** One short line: where it is and its state ("reign-test/default · Running"). */
  detail: z.string(),
  target: SearchTargetSchema,
});
export type SearchItem = z.infer<typeof SearchItemSchema>;

export const SearchSourceSchema = z.object({
  /** The family id, or `runs` for the journal. */
  id: z.string(),
  title: z.string(),
  count: z.number(),
  /** Why it gave nothing (no time left, an engine unreachable); null when it answered. */
  problem: z.string().nullable(),
});

export const searchCommands = {
  'search.sources': defineCommand({
    description: 'Where global search looks (the families with something to find, and the runs), so a window can ask each one on its own and show answers as they come.',
    request: z.object({}).strict(),
    response: z.object({ sources: z.array(z.object({ id: z.string(), title: z.string() })) }),
  }),
  'search.items': defineCommand({
    description: 'What global search can find: each family\'s searchable resources (within a time limit per family, so one slow cluster does not hide the others) and recent runs, or only those of `source`; cached for a few seconds unless `fresh`.',
    request: z.object({ fresh: z.boolean().optional(), source: z.string().min(1).max(100).optional() }).strict(),
    response: z.object({ items: z.array(SearchItemSchema), sources: z.array(SearchSourceSchema), readAt: z.string() }),
  }),
} as const;
