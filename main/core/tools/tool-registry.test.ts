import { describe, expect, it } from 'vitest';
import { builtinTools } from '../../../e2e/fixtures/family-tools';
import { ToolRegistry } from './tool-registry';

describe('ToolRegistry', () => {
  it('exports every tool as a JSON Schema, with the input field names plans use', () => {
    const schemas = new ToolRegistry().register(...builtinTools).jsonSchemas();
    expect(schemas.map((schema) => schema.name)).toEqual(['files.delete', 'files.read', 'files.write', 'http.check', 'shell.exec']);
    const shell = schemas.find((schema) => schema.name === 'shell.exec')!;
    expect(shell.inputSchema).toMatchObject({ type: 'object', required: ['command'], properties: { command: { type: 'string' }, cwd: { type: 'string' }, timeoutMs: { type: 'integer' } } });
    expect(schemas.find((schema) => schema.name === 'http.check')!.inputSchema).toMatchObject({ required: ['url'], properties: { expectStatus: { default: 200 } } });
    expect(shell.description).toMatch(/cannot be undone/);
  });

  it('refuses two tools with one name', () => {
    expect(() => new ToolRegistry().register(...builtinTools, builtinTools[0]!)).toThrow(/registered twice/);
  });
});
