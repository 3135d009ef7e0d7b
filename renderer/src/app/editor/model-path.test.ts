import { describe, expect, it } from 'vitest';
import { modelPath, schemaFolder } from './model-path';

describe('modelPath', () => {
  it('files a document under its schema kind, keeping its file name last', () => {
    expect(modelPath('scratch-1', 'compose.yaml', 'compose')).toBe('/reign/schema-compose/scratch-1/compose.yaml');
    expect(modelPath('step/7', '.github/workflows/ci.yml', 'github-workflow')).toBe('/reign/schema-github-workflow/step%2F7/ci.yml');
    expect(modelPath('a', 'notes.yaml', null)).toBe('/reign/schema-none/a/notes.yaml');
  });

  it('cannot be steered into another schema by a document id', () => {
    expect(modelPath('reign/schema-compose', 'x.yaml', null).startsWith(`/${schemaFolder(null)}/`)).toBe(true);
  });
});
