import { describe, expect, it } from 'vitest';
import { builtinTools } from '../../../../e2e/fixtures/family-tools';
import { ToolRegistry } from '../../tools/tool-registry';
import type { Family } from '../family';
import type { McpToolsChange } from './mcp-families';
import { followMcpToolChanges } from './mcp-live-tools';

/** A family that hears its server like an MCP family does: `change` plays the server's tools/list_changed. */
function serverFamily() {
  const listeners = new Set<(change: McpToolsChange) => void>();
  const family = { id: 'mcp.toy', title: 'toy', description: 'toy', tools: [], onToolsChanged: (listener: (change: McpToolsChange) => void) => (listeners.add(listener), () => listeners.delete(listener)) };
  return { family: family as unknown as Family, change: (change: McpToolsChange) => listeners.forEach((listener) => listener(change)) };
}

describe('followMcpToolChanges', () => {
  const [kept, added] = builtinTools;

  it('registers the tools a server added, drops the ones it removed, and journals both', () => {
    const toy = serverFamily();
    const registry = new ToolRegistry().register(kept!);
    const journal: unknown[] = [];
    followMcpToolChanges([toy.family], { registry, journal: (kind, payload) => journal.push({ kind, payload }) });
    toy.change({ family: 'mcp.toy', added: [added!], removed: [] });
    expect(registry.get(added!.name)).toBe(added);
    toy.change({ family: 'mcp.toy', added: [], removed: [kept!.name] });
    expect(registry.names()).toEqual([added!.name]);
    expect(journal).toEqual([
      { kind: 'mcp.tools.changed', payload: { family: 'mcp.toy', added: [added!.name], removed: [] } },
      { kind: 'mcp.tools.changed', payload: { family: 'mcp.toy', added: [], removed: [kept!.name] } },
    ]);
  });

  it('journals a change the registry refuses, keeps the registry as it was, and throws it back to the family (which then keeps its tools)', () => {
    const toy = serverFamily();
    const registry = new ToolRegistry().register(kept!);
    const journal: { kind: string; payload: unknown }[] = [];
    followMcpToolChanges([toy.family], { registry, journal: (kind, payload) => journal.push({ kind, payload }) });
    expect(() => toy.change({ family: 'mcp.toy', added: [kept!], removed: [] })).toThrow(/registered twice/);
    expect(registry.names()).toEqual([kept!.name]);
    expect(journal[0]!.payload).toMatchObject({ problem: expect.stringMatching(/the registry kept its tools: .*registered twice/) });
  });

  it('stops following when told to', () => {
    const toy = serverFamily();
    const registry = new ToolRegistry();
    const stop = followMcpToolChanges([toy.family], { registry, journal: () => undefined });
    stop();
    toy.change({ family: 'mcp.toy', added: [added!], removed: [] });
    expect(registry.names()).toEqual([]);
  });
});
