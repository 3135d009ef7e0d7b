import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { loadCompose } from './compose-loader';
import { listTemplates, renderTemplate } from './compose-templates';

const officialSchema = resolve(import.meta.dirname, '../../../../../shared/corpora/workflows/schemas/compose-spec.json');
const names = Object.keys(listTemplates());

describe('compose templates', () => {
  it('has the templates users expect', () => {
    expect(names).toEqual(['postgres', 'mysql', 'mongodb', 'redis', 'rabbitmq', 'kafka', 'nginx', 'prometheus', 'grafana', 'node-app', 'python-app']);
  });

  it.each(names)('%s renders to a project Reign loads, with generated secrets only in .env', (name) => {
    const rendered = renderTemplate(name, {});
    const dir = mkdtempSync(join(tmpdir(), `reign-template-${name}-`));
    writeFileSync(join(dir, 'compose.yaml'), rendered.compose);
    writeFileSync(join(dir, '.env'), rendered.env);
    const loaded = loadCompose({ files: [join(dir, 'compose.yaml')], env: {} });
    expect(loaded.ok, JSON.stringify(!loaded.ok && loaded.problems)).toBe(true);
    for (const key of rendered.generatedSecrets) {
      const value = new RegExp(`^${key}=(.+)$`, 'm').exec(rendered.env)![1]!;
      expect(value.length).toBeGreaterThanOrEqual(20);
      expect(rendered.compose).not.toContain(value);
    }
    // Without its .env, a template with secrets refuses to start rather than running with none.
    if (rendered.generatedSecrets.length) {
      const bare = mkdtempSync(join(tmpdir(), `reign-template-bare-${name}-`));
      writeFileSync(join(bare, 'compose.yaml'), rendered.compose);
      expect(loadCompose({ files: [join(bare, 'compose.yaml')], env: {} })).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/required variable .* is not set/) }] });
    }
  });

  it('takes values for its variables and refuses unknown ones', () => {
    expect(renderTemplate('postgres', { POSTGRES_PORT: '6543' }).env).toMatch(/^POSTGRES_PORT=6543$/m);
    expect(() => renderTemplate('postgres', { NOPE: '1' })).toThrow(/has no variable NOPE/);
    expect(() => renderTemplate('oracle')).toThrow(/no compose template "oracle"/);
  });

  it('every template validates against the official Compose schema', (context) => {
    requireInfrastructure(context, existsSync(officialSchema) ? null : `${officialSchema} is not there`, 'The shared corpora (compose-spec.json)');
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema names draft-07 by an https URL Ajv does not know; the content is draft-07.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(officialSchema, 'utf8')) as Record<string, unknown>;
    const validate = ajv.compile(schema);
    for (const name of names) {
      const valid = validate(parse(renderTemplate(name).compose));
      expect(valid, `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});
