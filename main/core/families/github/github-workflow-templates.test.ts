import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkWorkflowOffline } from './github-workflow-check';
import { renderWorkflow } from './github-workflow-compose';
import { workflowLanguages, workflowStages, workflowTemplates } from './github-workflow-templates';

const root = resolve(import.meta.dirname, '../../../../templates/workflows');
const templates = workflowTemplates(root);
type Job = { needs?: string[]; if?: string; permissions?: Record<string, string>; environment?: { name: string } };
const jobsOf = (content: string): Record<string, Job> => (parse(content) as { jobs: Record<string, Job> }).jobs;

describe('workflow templates', () => {
  it('has every stage for every language', () => {
    expect(templates.map((template) => template.id)).toEqual(workflowLanguages.flatMap((language) => workflowStages.map((stage) => `${language}-${stage}`)));
  });

  it.each(templates.map((template) => template.id))('%s passes the schema and the risk checks with nothing to say, and pins every action to a commit', (id) => {
    const template = templates.find((candidate) => candidate.id === id)!;
    const text = readFileSync(template.file, 'utf8');
    expect(checkWorkflowOffline(text)).toEqual([]);
    for (const [, action, ref, comment] of text.matchAll(/uses: ([^@\s]+)@(\S+)(.*)/g)) {
      expect(ref, action).toMatch(/^[0-9a-f]{40}$/);
      expect(comment, `${action} has its version in a comment`).toMatch(/^ # v\d/);
    }
    // Least privilege: read-only at the top; a job that writes says so itself.
    expect(parse(text).permissions).toEqual({ contents: 'read' });
  });

  it('reads variables, secrets and jobs from the files', () => {
    const release = templates.find((template) => template.id === 'python-release')!;
    expect(release.variables).toEqual([{ name: 'PYTHON_VERSION', default: '3.13', description: 'Python version for actions/setup-python.' }]);
    expect(release.secrets).toEqual(['PYPI_TOKEN']);
    expect(release.jobs).toEqual(['release']);
    expect(templates.find((template) => template.id === 'java-deploy-production')!.environment).toEqual({ name: 'production', requiredReviewers: true });
  });

  it('deploys to production only through the production environment, by hand, from the default branch', () => {
    for (const language of workflowLanguages) {
      const [job] = Object.values(jobsOf(readFileSync(resolve(root, language, 'deploy-production.yml'), 'utf8')));
      expect(job!.environment!.name).toBe('production');
      expect(job!.if).toContain("github.event_name == 'workflow_dispatch'");
      expect(job!.if).toContain('github.event.repository.default_branch');
    }
  });
});

describe('composing workflow templates', () => {
  it('makes one CI/CD workflow whose deliveries wait for the checks', () => {
    const rendered = renderWorkflow({ root, templates: ['node-release', 'node-deploy-production', 'node-build', 'node-test', 'node-security-scan', 'node-deploy-staging'] });
    expect(rendered.path).toBe('.github/workflows/node-ci-cd.yml');
    expect(rendered.templates).toEqual(['node-build', 'node-test', 'node-security-scan', 'node-deploy-staging', 'node-deploy-production', 'node-release']);
    expect(checkWorkflowOffline(rendered.content)).toEqual([]);
    const parsed = parse(rendered.content) as { name: string; on: Record<string, unknown>; permissions: unknown; env: Record<string, string> };
    expect(parsed.name).toBe('Node.js CI/CD');
    expect(parsed.on).toEqual({ push: { branches: ['main'], tags: ['v*'] }, pull_request: { branches: ['main'] }, schedule: [{ cron: '17 4 * * 1' }], workflow_dispatch: null });
    expect(parsed.permissions).toEqual({ contents: 'read' });
    const jobs = jobsOf(rendered.content);
    expect(Object.keys(jobs)).toEqual(['build', 'test', 'codeql', 'dependency-review', 'deploy-staging', 'deploy-production', 'release']);
    // Dependency review runs on pull requests only: a deploy needing it would always be skipped.
    for (const delivery of ['deploy-staging', 'deploy-production', 'release']) expect(jobs[delivery]!.needs, delivery).toEqual(['build', 'test', 'codeql']);
    expect(jobs.build!.needs).toBeUndefined();
    expect(rendered.environments).toEqual([
      { name: 'staging', requiredReviewers: false },
      { name: 'production', requiredReviewers: true },
    ]);
    expect(rendered.secrets).toEqual(['DEPLOY_TOKEN', 'NPM_TOKEN']);
    // The templates' comments come along: they say why a job has the permissions it has.
    expect(rendered.content).toContain("# npm's provenance statement is signed with the run's OIDC token.");
    expect(rendered.content).toContain('# Node.js version for actions/setup-node');
  });

  it('takes values for variables and the default branch, in one template or several', () => {
    const single = renderWorkflow({ root, templates: ['go-test'], defaultBranch: 'trunk', values: { GO_VERSION_FILE: 'cmd/go.mod' } });
    expect(single.path).toBe('.github/workflows/go-test.yml');
    expect(parse(single.content)).toMatchObject({ on: { push: { branches: ['trunk'] }, pull_request: { branches: ['trunk'] } }, env: { GO_VERSION_FILE: 'cmd/go.mod' } });
    expect(single.content).toContain('# Reign workflow template go-test');
    const several = renderWorkflow({ root, templates: ['node-build', 'docker-image-build', 'docker-image-release'], defaultBranch: 'develop', values: { NODE_VERSION: '20' }, name: 'CI' });
    expect(parse(several.content)).toMatchObject({ name: 'CI', on: { push: { branches: ['develop'], tags: ['v*'] } }, env: { NODE_VERSION: '20', REGISTRY: 'ghcr.io' } });
    expect(jobsOf(several.content)['image-release']!.needs).toEqual(['build', 'image-build']);
    expect(checkWorkflowOffline(several.content)).toEqual([]);
  });

  it('keeps a job its own permissions when composed', () => {
    const jobs = jobsOf(renderWorkflow({ root, templates: ['docker-image-build', 'docker-image-deploy-staging'] }).content);
    expect(jobs['image-deploy-staging']!.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(jobs['image-build']!.permissions).toBeUndefined();
  });

  it('gives two templates with the same job name distinct jobs', () => {
    const jobs = jobsOf(renderWorkflow({ root, templates: ['node-build', 'python-build'] }).content);
    expect(Object.keys(jobs)).toEqual(['build', 'python-build']);
  });

  it('refuses what it cannot render, saying what to write instead', () => {
    expect(() => renderWorkflow({ root, templates: [] })).toThrow(/Name at least one workflow template; templates: node-build/);
    expect(() => renderWorkflow({ root, templates: ['node-lint'] })).toThrow(/no workflow template "node-lint"/);
    expect(() => renderWorkflow({ root, templates: ['node-build', 'node-build'] })).toThrow(/named twice/);
    expect(() => renderWorkflow({ root, templates: ['node-build'], values: { PYTHON_VERSION: '3.12' } })).toThrow(/no variable PYTHON_VERSION; their variables are NODE_VERSION/);
    expect(() => renderWorkflow({ root, templates: ['node-build'], values: { NODE_VERSION: '20\nrun: evil' } })).toThrow(/one-line value/);
    expect(() => renderWorkflow({ root, templates: ['node-build'], defaultBranch: 'a..b' })).toThrow(/not a branch name/);
  });
});
