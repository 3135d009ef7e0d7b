import { describe, expect, it } from 'vitest';
import { builtinTools } from '../../../e2e/fixtures/family-tools';
import { agentToolSpecs } from './agent-tools';
import { ToolNameMap, wireNameOf } from './tool-names';

describe('what the model is given', () => {
  const sets = [{ id: 'builtin', title: 'Shell, files, HTTP', description: '', tools: builtinTools }];
  const specs = agentToolSpecs(builtinTools, sets);

  it('offers the loaded tools plus propose_plan, find_tools and ask_user, each with a compact JSON schema', () => {
    expect(specs.map((spec) => spec.name)).toEqual(['shell.exec', 'files.write', 'files.read', 'files.delete', 'http.check', 'propose_plan', 'find_tools', 'ask_user']);
    expect(specs.find((spec) => spec.name === 'propose_plan')!.inputSchema).toMatchObject({ type: 'object', required: ['summary', 'steps'] });
    for (const spec of specs) expect(spec.inputSchema).not.toHaveProperty('$schema');
  });

  it('names families in propose_plan and points to find_tools instead of listing every tool', () => {
    const propose = specs.find((spec) => spec.name === 'propose_plan')!.description;
    expect(propose).toMatch(/Families: builtin \(5 tools, loaded\): Shell, files, HTTP/);
    expect(propose).toMatch(/Use find_tools/);
    expect(propose).not.toContain('files.delete');
    const notLoaded = agentToolSpecs([], sets).find((spec) => spec.name === 'propose_plan')!.description;
    expect(notLoaded).toMatch(/builtin \(5 tools\)/);
  });

  it('gives the same bytes for the same loaded set (the cached prefix)', () => {
    expect(JSON.stringify(agentToolSpecs(builtinTools, sets))).toBe(JSON.stringify(specs));
  });

  it('maps dotted tool names to provider-safe names and back; a collision gets a stable suffix instead of breaking the session', () => {
    const names = new ToolNameMap(specs.map((spec) => spec.name));
    expect(names.wire('shell.exec')).toBe('shell_exec');
    expect(names.wire('propose_plan')).toBe('propose_plan');
    expect(names.reign('shell_exec')).toBe('shell.exec');
    expect(names.reign('shell.exec')).toBe('shell.exec');
    expect(names.reign('rm_rf')).toBeNull();
    // A name that is a wire name already (find_tools) keeps it, whatever order the tools come in.
    const colliding = new ToolNameMap(['find.tools', 'find_tools']);
    expect(colliding.wire('find_tools')).toBe('find_tools');
    expect(colliding.wire('find.tools')).toMatch(/^find_tools_[0-9a-f]{6}$/);
    expect(colliding.reign(colliding.wire('find.tools'))).toBe('find.tools');
    expect(new ToolNameMap(['find_tools', 'find.tools']).wire('find.tools')).toBe(colliding.wire('find.tools'));
    const long = `family.${'very-long-tool-name-'.repeat(5)}`;
    expect(wireNameOf(long)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(wireNameOf(long)).toBe(wireNameOf(long));
    expect(wireNameOf('mcp.server.tool_with_underscore')).toMatch(/^mcp_server_tool_with_underscore_[0-9a-f]{6}$/);
  });
});
