import { describe, expect, it } from 'vitest';
import { JsonSchemaRegistry } from './json-schemas';

function fakeJsonDefaults() {
  const target = { diagnosticsOptions: { allowComments: true } as Record<string, unknown>, setDiagnosticsOptions: (options: object) => (target.diagnosticsOptions = options as Record<string, unknown>) };
  return target;
}
const schemaFiles = (target: ReturnType<typeof fakeJsonDefaults>) => (target.diagnosticsOptions.schemas as { fileMatch: string[] }[]).map((entry) => entry.fileMatch[0]);

describe('JsonSchemaRegistry', () => {
  it('validates each model against its own schema, without dropping other options', () => {
    const json = fakeJsonDefaults();
    const registry = new JsonSchemaRegistry(json);
    registry.register('/reign/schema-none/a/input.json', { type: 'object' });
    registry.register('/reign/schema-none/b/input.json', { type: 'array' });
    expect(schemaFiles(json)).toEqual(['/reign/schema-none/a/input.json', '/reign/schema-none/b/input.json']);
    expect(json.diagnosticsOptions).toMatchObject({ allowComments: true, validate: true, enableSchemaRequest: false });
  });

  it('stops validating a model when its editor closes', () => {
    const json = fakeJsonDefaults();
    const registry = new JsonSchemaRegistry(json);
    const close = registry.register('/reign/schema-none/a/input.json', { type: 'object' });
    registry.register('/reign/schema-none/b/input.json', { type: 'array' });
    close();
    expect(schemaFiles(json)).toEqual(['/reign/schema-none/b/input.json']);
  });

  it('keeps a newer schema for the same model when an older registration is disposed', () => {
    const json = fakeJsonDefaults();
    const registry = new JsonSchemaRegistry(json);
    const old = registry.register('/reign/schema-none/a/input.json', { type: 'object' });
    registry.register('/reign/schema-none/a/input.json', { type: 'string' });
    old();
    expect((json.diagnosticsOptions.schemas as { schema: object }[]).map((entry) => entry.schema)).toEqual([{ type: 'string' }]);
  });
});
