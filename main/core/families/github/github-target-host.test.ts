import { describe, expect, it } from 'vitest';
import { PolicyEngine } from '../../policy/policy-engine';
import { toolContext } from '../../tools/tool-definition';
import { githubRepoGet } from './github-repo-tools';
import { onServerHost } from './github-target-host';

const targetOn = (env: NodeJS.ProcessEnv) => onServerHost(githubRepoGet).target({ input: githubRepoGet.input.parse({ repo: 'Acme/API' }), ctx: toolContext('/tmp', env, {} as never), facts: undefined });

describe('GitHub targets per server', () => {
  it('names github.com repositories as github:OWNER/REPO', () => {
    expect(targetOn({})).toEqual({ kind: 'github', id: 'github:acme/api', label: 'Acme/API' });
    expect(targetOn({ GITHUB_API_URL: 'https://api.github.com' })).toEqual({ kind: 'github', id: 'github:acme/api', label: 'Acme/API' });
  });

  it('names an Enterprise Server repository with its host, so a rule or mark for github.com never holds for it', () => {
    expect(targetOn({ GITHUB_API_URL: 'https://GHE.acme.com/api/v3' })).toEqual({ kind: 'github', id: 'github:ghe.acme.com/acme/api', label: 'Acme/API' });
  });

  it('a repository or account marked production needs the typed name for any change, and no allow rule skips a person for destructive ones', () => {
    const policy = new PolicyEngine({ rules: [{ tool: 'github.*', decision: 'allow' }], production: ['github:acme/*'] } as never);
    const target = targetOn({});
    expect(policy.decide('github.issue.comment', 'write', target)).toMatchObject({ decision: 'ask', confirmation: 'Acme/API' });
    expect(policy.decide('github.pr.merge', 'destructive', target)).toMatchObject({ decision: 'ask', confirmation: 'Acme/API' });
    expect(policy.decide('github.repo.get', 'read', target)).toMatchObject({ decision: 'allow', confirmation: null });
    // The mark is github.com's: the same name on an Enterprise Server is another repository.
    expect(policy.decide('github.pr.merge', 'destructive', targetOn({ GITHUB_API_URL: 'https://ghe.acme.com/api/v3' }))).toMatchObject({ confirmation: null });
  });
});
