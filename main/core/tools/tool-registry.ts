import { z } from 'zod';
import type { ToolDefinition } from './tool-definition';

/** Every tool there is. The agent, the plan engine, the policy and the UI read the same definitions. */
export class ToolRegistry {
  private readonly tools = new Map<string, ToolDefinition>();

  register(...tools: ToolDefinition[]): this {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`Tool ${tool.name} is registered twice`);
      this.tools.set(tool.name, tool);
    }
    return this;
  }

  /**
   * Drops some tools and adds others in one step, for a source whose tools change while Reign runs
   * (an MCP server's `tools/list_changed`). Checked before anything changes: a name to drop that is
   * not registered, or one to add that is (and is not being dropped), changes nothing and throws.
   */
  replace(removed: readonly string[], added: readonly ToolDefinition[]): void {
    const unknown = removed.filter((name) => !this.tools.has(name));
    if (unknown.length) throw new Error(`Tool ${unknown[0]} cannot be removed: it is not registered`);
    const dropping = new Set(removed);
    const names = added.map((tool) => tool.name);
    const clash = names.find((name, index) => (this.tools.has(name) && !dropping.has(name)) || names.indexOf(name) !== index);
    if (clash) throw new Error(`Tool ${clash} is registered twice`);
    for (const name of removed) this.tools.delete(name);
    for (const tool of added) this.tools.set(tool.name, tool);
  }

  get(name: string): ToolDefinition | undefined {
    return this.tools.get(name);
  }

  names(): string[] {
    return [...this.tools.keys()].sort();
  }

  /** Each tool as a JSON Schema description, for model tool lists and MCP. */
  jsonSchemas(): { name: string; description: string; inputSchema: Record<string, unknown> }[] {
    return this.names().map((name) => {
      const tool = this.tools.get(name)!;
      return { name, description: tool.description, inputSchema: z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown> };
    });
  }
}
