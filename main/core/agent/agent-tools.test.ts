import { describe, expect, it } from 'vitest';
import { builtinTools } from '../../../e2e/fixtures/family-tools';
import { ToolRegistry } from '../tools/tool-registry';
import { agentToolSpecs } from './agent-tools';
import { estimateTokens } from './context-window';
import { loadSystemPrompt } from './system-prompt';
import { ToolNameMap } from './tool-names';

describe('what the model is given', () => {
  const specs = agentToolSpecs(new ToolRegistry().register(...builtinTools));

  it('offers every registry tool plus propose_plan and ask_user, each with a JSON schema', () => {
    expect(specs.map((spec) => spec.name)).toEqual(['files.delete', 'files.read', 'files.write', 'http.check', 'shell.exec', 'propose_plan', 'ask_user']);
    expect(specs.find((spec) => spec.name === 'propose_plan')!.inputSchema).toMatchObject({ type: 'object', required: ['summary', 'steps'] });
  });

  it('maps dotted tool names to provider-safe names and back, refusing collisions', () => {
    const names = new ToolNameMap(specs.map((spec) => spec.name));
    expect(names.wire('shell.exec')).toBe('shell_exec');
    expect(names.reign('shell_exec')).toBe('shell.exec');
    expect(names.reign('shell.exec')).toBe('shell.exec');
    expect(names.reign('rm_rf')).toBeNull();
    expect(() => new ToolNameMap(['a.b', 'a_b'])).toThrow(/same provider name/);
  });

  it('keeps the system prompt and tool definitions small (printed: the cached prefix of every request)', () => {
    const prompt = loadSystemPrompt({ workspace: '/work', platform: 'linux-x64', date: '2026-11-21' });
    expect(prompt.version).toMatch(/^system-v\d+$/);
    expect(prompt.text).not.toMatch(/\{\{\w+\}\}/);
    const promptTokens = estimateTokens(prompt.text.length);
    const toolTokens = estimateTokens(JSON.stringify(specs).length);
    console.log(`system prompt ${prompt.version}: ~${promptTokens} tokens; tool definitions: ~${toolTokens} tokens; together ~${promptTokens + toolTokens} tokens (estimated at 4 characters a token)`);
    expect(promptTokens + toolTokens).toBeLessThan(8000);
  });
});
