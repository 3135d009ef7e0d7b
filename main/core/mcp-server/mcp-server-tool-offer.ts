import type { ToolSet } from '../agent/tool-sets';
import type { ToolDefinition } from '../tools/tool-definition';

/**
 * Which of Reign's tools an MCP client is offered, the way the chat offers them: the families
 * relevant on this machine at once (their essential tools), the others found with `find_tools`,
 * which adds what it found to the list (the server then says the list changed). Families turned
 * off in settings are not offered and cannot be called.
 */
export class McpToolOffer {
  /** Loaded tools by name, in the order they were loaded; only ever grows. */
  private readonly loaded = new Map<string, ToolDefinition>();
  /** Told when `find_tools` added tools to the list. */
  onLoaded: () => void = () => undefined;

  constructor(
    readonly sets: readonly ToolSet[],
    initial: readonly string[],
  ) {
    const first = new Set(initial);
    for (const set of sets.filter((candidate) => first.has(candidate.id))) {
      for (const tool of set.essential ? set.tools.filter((candidate) => set.essential!.includes(candidate.name)) : set.tools) this.loaded.set(tool.name, tool);
    }
  }

  listed(): ToolDefinition[] {
    return [...this.loaded.values()];
  }

  /** Any tool of an offered family, listed or not: a client that does not re-list can call what `find_tools` returned. */
  usable(name: string): ToolDefinition | undefined {
    return this.sets.flatMap((set) => set.tools).find((tool) => tool.name === name);
  }

  /** Adds tools to the list; how many were new. */
  load(tools: readonly ToolDefinition[]): number {
    const added = tools.filter((tool) => !this.loaded.has(tool.name));
    for (const tool of added) this.loaded.set(tool.name, tool);
    if (added.length) this.onLoaded();
    return added.length;
  }
}
