import { describe, expect, it } from 'vitest';
import { classifyStep } from '../../plan/classify-step';
import { PolicyEngine } from '../../policy/policy-engine';
import { noSecrets } from '../../tools/access';
import { type ToolDefinition, toolContext } from '../../tools/tool-definition';
import { githubCommitTools } from './github-commit-tools';
import { githubRepoCreate } from './github-repo-write-create';
import { deleteSummary, type RepoSettings, settingChanges, settingsOf, updateRisk } from './github-repo-write-settings';
import { githubRepoWriteTools } from './github-repo-write-tools';

// The repository tools' decisions that need no GitHub: input refused with the reason, risk from
// the input and the settings read, and previews made without a token. Against GitHub's contract:
// e2e/github-repos-commits.spec.ts.

const repo = 'octocat/Hello-World';
// No token and an API nothing answers: every read fails, as it does before one is stored.
const ctx = toolContext('/tmp', { GITHUB_API_URL: 'http://127.0.0.1:9' }, {} as never, noSecrets);
const policy = new PolicyEngine();
const refusal = (tool: ToolDefinition, input: Record<string, unknown>): string | undefined => {
  const parsed = tool.input.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join('; ');
};
const now: RepoSettings = settingsOf({ private: true, visibility: 'private', description: 'Old', homepage: null, default_branch: 'main', has_issues: true, has_wiki: false, has_projects: true, allow_merge_commit: true, allow_squash_merge: false, allow_rebase_merge: false, delete_branch_on_merge: false });

describe('every tool', () => {
  it.each(([...githubRepoWriteTools, ...githubCommitTools] as ToolDefinition[]).map((tool) => [tool.name, tool] as const))('%s: its examples parse, are rated by code with a canonical target, and preview without a token', async (_name, tool) => {
    for (const example of tool.examples ?? []) {
      const input = tool.input.parse(example);
      const { risk, reasons, target } = await classifyStep(tool, input, ctx, policy);
      expect(['write', 'destructive', 'critical']).toContain(risk);
      expect(reasons.length).toBeGreaterThan(0);
      expect(target.id).toMatch(/^github:[a-z0-9-]+\/[a-z0-9._-]+$/);
      const preview = await tool.preview({ input, ctx });
      expect(['text', 'file']).toContain(preview.kind);
      if (!tool.undo && preview.kind === 'text') expect(preview.text).toMatch(/no undo/i);
    }
  });
});

describe('github.repo.create input', () => {
  it('refuses a name with an owner, a variable the template does not have, and values without a template', () => {
    expect(refusal(githubRepoCreate, { owner: 'acme', name: 'acme/api' })).toBe('Not a repository name: give the name alone (the owner goes in owner): api.');
    expect(refusal(githubRepoCreate, { owner: 'acme', name: '..' })).toMatch(/^Not a repository name: "\.\." is not a GitHub repository name/);
    expect(refusal(githubRepoCreate, { owner: 'acme', name: 'api', template: 'library', values: { port: '80' } })).toBe('The library template has no variable port; its variables are nodeVersion.');
    expect(refusal(githubRepoCreate, { owner: 'acme', name: 'api', values: { port: '80' } })).toBe('values are for a template: give template too, or leave values out');
    expect(githubRepoCreate.input.parse({ owner: 'acme', name: 'api' })).toMatchObject({ private: true, template: 'none', license: 'none' });
  });

  it('an empty repository is previewed as its request; a public one says so', async () => {
    const made = await githubRepoCreate.preview({ input: githubRepoCreate.input.parse({ owner: 'acme', name: 'api', private: false }), ctx });
    expect(made).toEqual({ kind: 'text', text: 'Create the PUBLIC (anyone can read it) repository acme/api, empty on 127.0.0.1:9\nNo licence.\nUndo deletes it again while nothing else was pushed to it.\nPOST /user/repos (or /orgs/acme/repos when acme is an organisation)' });
  });
});

describe('github.repo.update', () => {
  it('making a private repository public is destructive; other settings are write; turning every merge method off is refused', () => {
    expect(updateRisk({ repo, visibility: 'public' }, now)).toEqual({ risk: 'destructive', reasons: [`makes ${repo} public (it is private): its code, history and issues become readable by anyone, and copies made then cannot be taken back`] });
    expect(updateRisk({ repo, description: 'New', hasWiki: true }, now)).toEqual({ risk: 'write', reasons: [`changes the settings of ${repo}: description and hasWiki`] });
    expect(updateRisk({ repo, allowMergeCommit: false }, now).reasons).toContain('refused: it would turn off every merge method (merge commit, squash and rebase): GitHub needs at least one');
    // Without the current settings, a visibility change is rated as the worse case.
    expect(updateRisk({ repo, visibility: 'private' }, undefined).risk).toBe('destructive');
  });

  it('changes only what differs from now', () => {
    expect(settingChanges({ repo, description: 'Old', hasWiki: true, homepage: null }, now)).toEqual([{ name: 'hasWiki', before: false, after: true }]);
  });
});

describe('github.repo.delete', () => {
  it('sums up what goes: stars, open pull requests and the last push', () => {
    expect(deleteSummary({ fullName: repo, visibility: 'public', stars: 1, forks: 0, openPulls: 2, pushedAt: null, archived: false })).toBe('1 star, 2 open pull requests, last push never');
  });
});
