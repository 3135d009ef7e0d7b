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
