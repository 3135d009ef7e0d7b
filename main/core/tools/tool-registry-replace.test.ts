import { describe, expect, it } from 'vitest';
import { builtinTools } from '../../../e2e/fixtures/family-tools';
import { ToolRegistry } from './tool-registry';

// The seam an MCP server's tools/list_changed goes through: tools dropped and added while Reign runs.
describe('ToolRegistry.replace', () => {
  const [first, second, third] = builtinTools;

  it('drops and adds tools in one step', () => {
    const registry = new ToolRegistry().register(first!, second!);
    registry.replace([first!.name], [third!]);
    expect(registry.names()).toEqual([second!.name, third!.name].sort());
    expect(registry.get(first!.name)).toBeUndefined();
    expect(registry.get(third!.name)).toBe(third);
  });

  it('changes nothing when a tool to add is already there or one to drop is not', () => {
    const registry = new ToolRegistry().register(first!, second!);
    expect(() => registry.replace([first!.name], [second!])).toThrow(`Tool ${second!.name} is registered twice`);
    expect(() => registry.replace(['mcp.gone.tool'], [third!])).toThrow(/mcp\.gone\.tool cannot be removed: it is not registered/);
    expect(() => registry.replace([], [third!, third!])).toThrow(/registered twice/);
    expect(registry.names()).toEqual([first!.name, second!.name].sort());
  });

  it('lets a tool be swapped for a new definition of the same name', () => {
    const registry = new ToolRegistry().register(first!);
    const renewed = { ...first!, description: 'a newer definition' };
    registry.replace([first!.name], [renewed]);
    expect(registry.get(first!.name)?.description).toBe('a newer definition');
  });
});
