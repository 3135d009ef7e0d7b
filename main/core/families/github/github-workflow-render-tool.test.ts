import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toolContext } from '../../tools/tool-definition';
import { githubWorkflowRender } from './github-workflow-render-tool';

// Rendering needs no shell: the analyzer is never reached.
const ctx = toolContext(mkdtempSync(`${tmpdir()}/reign-wf-render-`), { PATH: process.env.PATH ?? '' }, undefined as never);
const render = (input: Record<string, unknown>) => githubWorkflowRender.run({ input: githubWorkflowRender.input.parse(input), ctx, signal: new AbortController().signal, log: () => {} } as never);

describe('github.workflow.render', () => {
  it('generates one checked workflow that builds, then deploys on a push to the default branch', async () => {
    const result = await render({ templates: ['docker-image-deploy-staging', 'docker-image-build'], defaultBranch: 'trunk' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.output.path).toMatch(/^\.github\/workflows\/[a-z-]+\.yml$/);
    const workflow = parse(result.output.content) as { on: { push: { branches: string[] } }; jobs: Record<string, { needs?: string[] }> };
    expect(workflow.on.push.branches).toEqual(['trunk']);
    const deploy = Object.values(workflow.jobs).find((job) => job.needs?.length);
    expect(deploy?.needs).toEqual(expect.arrayContaining([expect.stringMatching(/build/)]));
    expect(result.output.environments).toEqual(['staging']);
    expect(result.output.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });

  it('refuses an unknown template, naming the ones there are', async () => {
    const result = await render({ templates: ['cobol-build'] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/docker-image-build/);
  });

  it('is a read of the workspace', () => {
    expect(githubWorkflowRender.risk({ input: githubWorkflowRender.input.parse({ templates: ['node-build'] }), ctx } as never).risk).toBe('read');
  });
});
