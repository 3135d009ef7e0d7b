import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typeText } from './terraform-views';
import { terraformWorkingDirs } from './terraform-working-dirs';

describe('the working directories the Terraform views offer', () => {
  it('lists folders with configuration, initialized ones first, and never looks into hidden folders or node_modules', async () => {
    const root = mkdtempSync(join(tmpdir(), 'reign-tf-dirs-'));
    const file = (path: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), '');
    };
    file('main.tf');
    file('envs/prod/main.tf');
    mkdirSync(join(root, 'envs/prod/.terraform'));
    file('envs/dev/main.tf.json');
    file('envs/prod/.terraform/modules/vpc/main.tf');
    file('node_modules/pkg/main.tf');
    file('.git/x/main.tf');
    file('docs/README.md');
    file('a/b/c/d/main.tf'); // four levels down: still found
    file('a/b/c/d/e/main.tf'); // five: too deep
    expect(await terraformWorkingDirs(root)).toEqual([
      { dir: 'envs/prod', initialized: true },
      { dir: '.', initialized: false },
      { dir: 'a/b/c/d', initialized: false },
      { dir: 'envs/dev', initialized: false },
    ]);
  });
});

describe('output types', () => {
  it('reads terraform\'s type constraint JSON as HCL words', () => {
    expect(typeText('string')).toBe('string');
    expect(typeText(['list', 'string'])).toBe('list(string)');
    expect(typeText(['map', ['list', 'number']])).toBe('map(list(number))');
    expect(typeText(['object', { host: 'string', port: 'number' }])).toBe('object({host, port})');
    expect(typeText(undefined)).toBe('any');
  });
});
