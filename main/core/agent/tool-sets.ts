import { z } from 'zod';
import type { ToolDefinition } from '../tools/tool-definition';

/**
 * A family seen as a set of tools for the model. The model is offered the sets relevant to this
 * machine at once and finds the others with `find_tools`, so ~150 tools never all go into the
 * context of a small local model.
 */
export interface ToolSet {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly tools: readonly ToolDefinition[];
  /**
   * The tools loaded at once when the set is relevant (the ones most requests need); the others
   * are found with `find_tools`. Absent: all of them.
   */
  readonly essential?: readonly string[];
}

/** The sets an agent session may use, and those loaded at once. */
export interface AgentToolSets {
  readonly sets: readonly ToolSet[];
  readonly initial: readonly string[];
}

export const FIND_TOOLS = 'find_tools';

export const FindToolsSchema = z
  .object({
    query: z.string().min(1).max(200).describe('Words for what you want to do, e.g. "restart container" or "kubernetes rollout"'),
    family: z.string().max(100).optional().describe('Only this family (tool set)'),
  })
  .strict();

/** How many definitions one search loads: enough to choose from, few enough to stay cheap. */
const MAX_RESULTS = 8;

const stopWords = new Set(['the', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'my', 'it', 'is', 'with', 'from', 'a', 'all', 'this', 'that']);
const words = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 1 && !stopWords.has(word));

/**
 * Tools matching the words, best first: a word in the tool's name counts most, then in its
 * description, then in its family's title and description. A tool matches when a word is in its
 * name or description; words may be stems ("restart" finds "restarts").
 */
export function searchTools(sets: readonly ToolSet[], query: string, family?: string): ToolDefinition[] {
  const wanted = words(query);
  if (!wanted.length) return [];
  const scored: { tool: ToolDefinition; score: number }[] = [];
  for (const set of sets) {
    if (family && set.id !== family) continue;
    const setWords = new Set(words(`${set.id} ${set.title} ${set.description}`));
    for (const tool of set.tools) {
      const nameWords = new Set(words(tool.name));
      const descriptionWords = new Set(words(tool.description));
      let score = 0;
      let own = false;
      for (const word of wanted) {
        const stem = (candidates: Set<string>) => word.length > 2 && [...candidates].some((candidate) => candidate.length > 2 && (candidate.startsWith(word) || word.startsWith(candidate)));
        const points = nameWords.has(word) ? 5 : stem(nameWords) ? 4 : descriptionWords.has(word) ? 2 : stem(descriptionWords) ? 1.5 : setWords.has(word) || stem(setWords) ? 1 : 0;
        if (points > 1) own = true;
        score += points;
      }
      if (own) scored.push({ tool, score });
    }
  }
  return scored.sort((a, b) => b.score - a.score || a.tool.name.localeCompare(b.tool.name)).slice(0, MAX_RESULTS).map(({ tool }) => tool);
}

/** One line per family for the prompt: what can be found with `find_tools`. */
export function describeSets(sets: readonly ToolSet[], loaded: ReadonlySet<string>): string {
  return sets
    .filter((set) => set.tools.length)
    .map((set) => {
      const count = set.tools.filter((tool) => loaded.has(tool.name)).length;
      return `${set.id} (${set.tools.length} tools${count === set.tools.length ? ', loaded' : count ? `, ${count} loaded` : ''}): ${set.title}`;
    })
    .join('; ');
}
