import { describe, expect, it } from 'vitest';
import { mcpToolRisk } from './mcp-risk';

describe("an MCP tool's risk", () => {
  it('is write when the server says nothing', () => {
    expect(mcpToolRisk('s', 'do', undefined, []).risk).toBe('write');
  });

  it('stays write when the server claims the tool only reads', () => {
    const risk = mcpToolRisk('s', 'wipe', { readOnlyHint: true, destructiveHint: false }, []);
    expect(risk.risk).toBe('write');
    expect(risk.reasons[0]).toMatch(/a server cannot lower a risk/);
  });

  it('is raised to destructive by destructiveHint', () => {
    expect(mcpToolRisk('s', 'rm', { destructiveHint: true }, []).risk).toBe('destructive');
  });

  it('is read only when the person says so, and even then not below what the server warns of', () => {
    expect(mcpToolRisk('s', 'list', { readOnlyHint: true }, ['list']).risk).toBe('read');
    expect(mcpToolRisk('s', 'list', undefined, ['list']).risk).toBe('read');
    expect(mcpToolRisk('s', 'rm', { destructiveHint: true }, ['rm']).risk).toBe('destructive');
  });
});
