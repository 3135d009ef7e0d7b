import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { ToolRegistry } from '../../tools/tool-registry';
import type { McpConnection } from './mcp-connection';
import { MAX_TOOL_NAMES_PER_SERVER, mcpServerFamily } from './mcp-families';
import { followMcpToolChanges } from './mcp-live-tools';
import { parseMcpServerConfigs } from './mcp-server-config';

const config = parseMcpServerConfigs([{ name: 'toy', command: 'toy-server' }], 'the test')[0]!;

/** What a family reads of its connection; `list` plays the server listing `names` after tools/list_changed. */
function fakeConnection(names: string[]) {
  let tools = new Map(names.map((name) => [name, { name, inputSchema: { type: 'object' } } as Tool]));
  const listeners = new Set<() => void>();
  const connection = { config, tools: () => tools, unavailable: null, secretValues: [], mask: (text: string) => text, onToolsChanged: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)) };
  return {
    connection: connection as unknown as McpConnection,
    list: (next: string[]) => {
      tools = new Map(next.map((name) => [name, { name, inputSchema: { type: 'object' } } as Tool]));
      for (const listener of listeners) {
        try {
          listener();
        } catch {
          // The real connection catches a listener's error too.
        }
      }
    },
  };
}

const toolNames = (family: { tools: readonly { name: string }[] }) => family.tools.map((tool) => tool.name);

describe('an MCP family whose server changes its tools', () => {
  it('commits a change only when the registry took it, so the two stay in step and the next change still applies', () => {
    const server = fakeConnection(['a']);
    const family = mcpServerFamily(config, server.connection, null);
    const registry = new ToolRegistry();
    for (const tool of family.tools) registry.register(tool);
    const journal: Record<string, unknown>[] = [];
    followMcpToolChanges([family], { registry, journal: (_kind, payload) => journal.push(payload as Record<string, unknown>) });

    // Something else holds the name of the tool the server adds: the registry refuses the change.
    const squatter = { ...family.tools[0]!, name: 'mcp.toy.b' };
    registry.register(squatter);
    server.list(['a', 'b']);
    expect(journal[0]).toMatchObject({ added: ['mcp.toy.b'], problem: expect.stringMatching(/the registry kept its tools/) });
    expect(toolNames(family)).toEqual(['mcp.toy.a']);
    expect(registry.get('mcp.toy.b')).toBe(squatter);

    // Once the name is free, the same change (computed from what was committed) goes through.
    registry.replace(['mcp.toy.b'], []);
    server.list(['a', 'b']);
    expect(toolNames(family)).toEqual(['mcp.toy.a', 'mcp.toy.b']);
    expect(registry.names().filter((name) => name.startsWith('mcp.toy.'))).toEqual(['mcp.toy.a', 'mcp.toy.b']);
    expect(journal[1]).toEqual({ family: 'mcp.toy', added: ['mcp.toy.b'], removed: [] });
  });

  it(`keeps at most ${MAX_TOOL_NAMES_PER_SERVER} tool names per server, journals the refusal once, and lists at most 50 names in an entry`, async () => {
    const many = (from: number, count: number) => Array.from({ length: count }, (_, index) => `t${from + index}`);
    const server = fakeConnection(many(0, 450));
    const family = mcpServerFamily(config, server.connection, null);
    const registry = new ToolRegistry();
    for (const tool of family.tools) registry.register(tool);
    const journal: Record<string, unknown>[] = [];
    followMcpToolChanges([family], { registry, journal: (_kind, payload) => journal.push(payload as Record<string, unknown>) });

    server.list(many(0, 600));
    expect(family.tools).toHaveLength(MAX_TOOL_NAMES_PER_SERVER);
    expect(registry.names().filter((name) => name.startsWith('mcp.toy.'))).toHaveLength(MAX_TOOL_NAMES_PER_SERVER);
    expect(journal[0]).toMatchObject({ added: many(450, 50).map((name) => `mcp.toy.${name}`), refused: expect.any(Array), refusedCount: 100 });
    expect(journal[0]!.added).toHaveLength(50);
    expect(journal[0]!.refused).toHaveLength(50);

    // Dropping names does not make room: a name seen once counts, so a server cannot cycle through new ones.
    server.list([...many(0, 10), ...many(1000, 700)]);
    expect(toolNames(family)).toEqual(many(0, 10).map((name) => `mcp.toy.${name}`));
    expect(journal[1]).toMatchObject({ added: [], removed: expect.any(Array), removedCount: 490 });
    expect(journal[1]).not.toHaveProperty('refused');
    expect(await family.probes![0]!.run({} as never)).toMatchObject({ status: 'warning', summary: expect.stringMatching(/700 more left out: a server may have at most 500 tool names/) });
  });
});
