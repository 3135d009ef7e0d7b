import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CI_WORKFLOW_PATH, fill, npmName, renderRepoTemplate, repoTemplates, repoTemplateIds } from './github-repo-templates';
import { checkWorkflowOffline } from './github-workflow-check';

// The repository templates rendered as github.repo.create commits them: every placeholder filled,
// the JSON and YAML still valid whatever the description holds, a CI workflow that passes the
// workflow checks, and Node projects whose `npm ci` and `npm test` pass as they stand.

const base = { owner: 'Acme-Corp', name: 'Payments.API', description: 'Takes "card" payments \\ refunds' };
const byPath = (files: readonly { path: string; content: string }[]) => new Map(files.map((file) => [file.path, file.content]));
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('the catalogue', () => {
  it('lists the four templates, each with files and described variables', () => {
    const templates = repoTemplates();
    expect(templates.map((template) => template.id)).toEqual([...repoTemplateIds]);
    for (const template of templates) {
      expect(template.files, template.id).toEqual(expect.arrayContaining(['README.md', '.gitignore']));
      for (const variable of template.variables) expect(variable.description.length, `${template.id}.${variable.name}`).toBeGreaterThan(0);
    }
  });
});

describe('rendering', () => {
  it.each(repoTemplateIds)('%s: every placeholder filled, JSON and YAML valid with a description holding quotes and a backslash', (id) => {
    const files = renderRepoTemplate(id, { ...base, license: 'mit', defaultBranch: 'trunk' });
    for (const file of files) {
      // `${{ … }}` are GitHub Actions expressions of the workflow, not placeholders.
      expect(file.content.replace(/\$\{\{[^}]*\}\}/g, ''), file.path).not.toMatch(/\{\{/);
      if (file.path.endsWith('.json')) expect(() => JSON.parse(file.content), file.path).not.toThrow();
      if (/\.ya?ml$/.test(file.path)) expect(() => parse(file.content), file.path).not.toThrow();
    }
    const readme = byPath(files).get('README.md')!;
    expect(readme).toMatch(/^# Payments\.API\n\nTakes "card" payments \\ refunds\n/);
    const pkg = byPath(files).get('package.json');
    if (pkg) expect(JSON.parse(pkg)).toMatchObject({ name: 'payments.api', description: base.description, license: 'MIT' });
  });

  it('microservice: the port and Node version reach the Dockerfile, the server and CI', () => {
    const files = byPath(renderRepoTemplate('microservice', { ...base, values: { port: '8080', nodeVersion: '24' } }));
    expect(files.get('Dockerfile')).toMatch(/^FROM node:24-alpine$/m);
    expect(files.get('Dockerfile')).toMatch(/^EXPOSE 8080$/m);
    expect(files.get('src/index.js')).toContain('process.env.PORT ?? 8080');
    expect(parse(files.get(CI_WORKFLOW_PATH)!).env.NODE_VERSION).toBe('24');
    // Without a licence the package says so (npm's word for it).
    expect(JSON.parse(files.get('package.json')!).license).toBe('UNLICENSED');
  });

  it('monorepo: the workspaces are scoped by the owner in lower case', () => {
    const files = byPath(renderRepoTemplate('monorepo', base));
    expect(JSON.parse(files.get('packages/core/package.json')!).name).toBe('@acme-corp/core');
    expect(JSON.parse(files.get('packages/app/package.json')!).dependencies).toEqual({ '@acme-corp/core': '0.1.0' });
    expect(Object.keys(JSON.parse(files.get('package-lock.json')!).packages)).toContain('node_modules/@acme-corp/core');
  });

  it('documentation: the site links back to the repository and its default branch; no CI workflow', () => {
    const files = byPath(renderRepoTemplate('documentation', { ...base, defaultBranch: 'trunk' }));
    const site = parse(files.get('mkdocs.yml')!);
    expect(site).toMatchObject({ site_name: 'Payments.API documentation', site_description: base.description, repo_url: 'https://github.com/Acme-Corp/Payments.API', edit_uri: 'edit/trunk/docs/' });
    expect(files.has(CI_WORKFLOW_PATH)).toBe(false);
  });

  it.each(['microservice', 'library', 'monorepo'] as const)('%s: CI is composed from the workflow templates, follows the default branch and passes the workflow checks', (id) => {
    const workflow = byPath(renderRepoTemplate(id, { ...base, defaultBranch: 'trunk' })).get(CI_WORKFLOW_PATH)!;
    const parsed = parse(workflow);
    expect(parsed.name).toBe('CI');
    expect(parsed.on.push.branches).toEqual(['trunk']);
    expect(Object.keys(parsed.jobs)).toEqual(expect.arrayContaining(['build', 'test']));
    expect(checkWorkflowOffline(workflow).filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('refuses a variable the template does not have, and a value on two lines', () => {
    expect(() => renderRepoTemplate('library', { ...base, values: { port: '80' } })).toThrow('The library template has no variable port; its variables are nodeVersion.');
    expect(() => renderRepoTemplate('library', { ...base, values: { nodeVersion: '22\n23' } })).toThrow(/nodeVersion must be a one-line value/);
  });

  it('never leaves a placeholder nothing fills', () => {
    expect(() => fill('hello {{nobody}}', { name: 'x' }, 'README.md')).toThrow('README.md has the placeholder {{nobody}}, which no value fills (known: name).');
    expect(fill('run: echo ${{ github.sha }} for {{name}}', { name: 'x' }, 'ci.yml')).toBe('run: echo ${{ github.sha }} for x');
  });

  it('turns a repository name into an npm name', () => {
    expect(npmName('Payments.API')).toBe('payments.api');
    expect(npmName('_My Repo')).toBe('my-repo');
  });
});

describe('the rendered Node projects work as they stand', () => {
  const npm = (folder: string, ...args: string[]) => execFileSync('npm', args, { cwd: folder, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, timeout: 60_000 });

  it.each(['microservice', 'library', 'monorepo'] as const)('%s: npm ci (offline: nothing to download) then npm test pass', (id) => {
    const folder = mkdtempSync(join(tmpdir(), `reign-repo-${id}-`));
    folders.push(folder);
    for (const file of renderRepoTemplate(id, { owner: 'acme', name: `demo-${id}` })) {
      mkdirSync(dirname(join(folder, file.path)), { recursive: true });
      writeFileSync(join(folder, file.path), file.content);
    }
    // npm ci fails when the lock file and package.json disagree: the lock files are right.
    npm(folder, 'ci', '--offline');
    // npm test exits non-zero (and execFileSync throws) when a test fails; tests did run.
    const report = npm(folder, 'test');
    expect(report).toMatch(/ℹ pass [1-9]/);
    expect(report).not.toMatch(/ℹ fail [1-9]/);
  });
});
