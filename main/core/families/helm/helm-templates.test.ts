import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartFromTemplate, helmTemplateNames } from './helm-templates';

describe('Helm chart templates', () => {
  it('ships the charts people start from', () => {
    expect(helmTemplateNames()).toEqual(['database', 'ingress', 'microservice', 'monitoring']);
  });

  it.each(helmTemplateNames())('%s is renamed throughout: Chart.yaml and every named template', (template) => {
    const files = chartFromTemplate(template, 'shop-api');
    const chart = parse(files.find((file) => file.path === 'Chart.yaml')!.content) as { name: string; apiVersion: string; version: string };
    expect(chart).toMatchObject({ name: 'shop-api', apiVersion: 'v2', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['.helmignore', 'values.yaml', 'templates/_helpers.tpl', 'templates/NOTES.txt']));
    const templates = files.filter((file) => file.path.startsWith('templates/')).map((file) => file.content).join('\n');
    expect(templates).toContain('define "shop-api.fullname"');
    expect(templates).not.toContain(`"${template}.`);
  });

  it('refuses a template it does not have', () => {
    expect(() => chartFromTemplate('kafka', 'x')).toThrow(/no Helm chart template "kafka"; templates: database, ingress, microservice, monitoring/);
  });
});
