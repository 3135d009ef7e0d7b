import { describe, expect, it } from 'vitest';
import { languageForFile, yamlSchemaKind } from './document-kind';

describe('languageForFile', () => {
  it.each([
    ['compose.yaml', 'yaml'],
    ['.github/workflows/ci.yml', 'yaml'],
    ['main.tf', 'hcl'],
    ['prod.tfvars', 'hcl'],
    ['Dockerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['deploy.sh', 'shell'],
    ['.env', 'ini'],
    ['.env.production', 'ini'],
    ['input.json', 'json'],
    ['README.md', 'markdown'],
    ['notes.txt', 'plaintext'],
  ])('%s → %s', (fileName, language) => {
    expect(languageForFile(fileName)).toBe(language);
  });
});

describe('yamlSchemaKind', () => {
  it.each([
    ['compose.yaml', 'compose'],
    ['compose.override.yml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.prod.yaml', 'compose'],
    ['.github/workflows/release.yaml', 'github-workflow'],
    ['repo/.github/workflows/ci.yml', 'github-workflow'],
    ['web.k8s.yaml', 'kubernetes'],
    ['k8s/deployment.yaml', 'kubernetes'],
    ['deploy/manifests/service.yml', 'kubernetes'],
  ])('%s → %s by name', (fileName, kind) => {
    expect(yamlSchemaKind(fileName)).toBe(kind);
  });

  it('recognises a manifest by its apiVersion and kind', () => {
    expect(yamlSchemaKind('web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n')).toBe('kubernetes');
    expect(yamlSchemaKind('web.yaml', '# a comment\nkind: Service\napiVersion: v1\n')).toBe('kubernetes');
  });

  it('leaves other YAML alone, including Helm values that mention a kind', () => {
    expect(yamlSchemaKind('config.yaml', 'name: x\n')).toBeNull();
    expect(yamlSchemaKind('values.yaml', 'apiVersion: v1\nkind: Secret\n')).toBeNull();
    expect(yamlSchemaKind('chart/templates/deploy.yaml', 'apiVersion: v1\nkind: Pod\n')).toBeNull();
    expect(yamlSchemaKind('nested.yaml', 'spec:\n  apiVersion: v1\n  kind: Pod\n')).toBeNull();
    expect(yamlSchemaKind('main.tf', 'apiVersion: v1\nkind: Pod\n')).toBeNull();
  });
});
