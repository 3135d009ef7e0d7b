import { describe, expect, it } from 'vitest';
import { mcpToolName } from './mcp-tool';

describe("an MCP tool's Reign name", () => {
  it('is mcp.<server>.<tool> in Reign\'s shape, whatever the server calls it', () => {
    expect(mcpToolName('everything', 'echo')).toBe('mcp.everything.echo');
    expect(mcpToolName('everything', 'get-sum')).toBe('mcp.everything.get-sum');
    expect(mcpToolName('s', 'Get_Sum')).toBe('mcp.s.get-sum');
    expect(mcpToolName('s', 'files.read_file')).toBe('mcp.s.files.read-file');
    expect(mcpToolName('s', '2fa')).toBe('mcp.s.t2fa');
    for (const name of ['echo', 'Get_Sum', 'files.read_file', '2fa', '-x']) expect(mcpToolName('s', name)).toMatch(/^mcp\.s\.[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/);
  });
});
