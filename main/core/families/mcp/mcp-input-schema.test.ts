import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compactSchema } from '../../agent/agent-tools';
import { inputSchemaFromServer } from './mcp-input-schema';

const echoSchema = { type: 'object', properties: { message: { type: 'string', description: 'Message to echo' } }, required: ['message'], additionalProperties: false, $schema: 'http://json-schema.org/draft-07/schema#' };

describe("an MCP tool's input schema", () => {
  it('accepts what the server schema accepts', () => {
    expect(inputSchemaFromServer(echoSchema, 'mcp.s.echo').parse({ message: 'hi' })).toEqual({ message: 'hi' });
  });

  it('refuses what it does not, naming the field and the tool', () => {
    const result = inputSchemaFromServer(echoSchema, 'mcp.s.echo').safeParse({ message: 3, extra: true });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => issue.message).join('\n');
    expect(messages).toMatch(/\/message must be string \(the server's schema for mcp\.s\.echo\)/);
    expect(messages).toMatch(/must NOT have additional properties: extra/);
    expect(inputSchemaFromServer(echoSchema, 'mcp.s.echo').safeParse({}).error!.issues[0]!.message).toMatch(/must have required property 'message'/);
  });

  it('supports 2020-12 schemas', () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] };
    expect(inputSchemaFromServer(schema, 't').safeParse({ n: 0 }).success).toBe(false);
    expect(inputSchemaFromServer(schema, 't').safeParse({ n: 2 }).success).toBe(true);
  });

  it('is shown to the model as the server wrote it', () => {
    const shown = compactSchema(inputSchemaFromServer(echoSchema, 'mcp.s.echo'));
    expect(shown).toMatchObject({ type: 'object', properties: { message: { type: 'string', description: 'Message to echo' } }, required: ['message'] });
  });

  it('refuses every call when the server schema does not compile, saying why', () => {
    const schema = inputSchemaFromServer({ type: 'object', properties: { a: { type: 'no-such-type' } } }, 'mcp.s.bad');
    expect(schema.safeParse({}).error!.issues[0]!.message).toMatch(/not a valid JSON Schema/);
    expect(z.toJSONSchema(schema)).toBeDefined();
  });
});
