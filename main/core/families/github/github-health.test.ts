import { describe, expect, it } from 'vitest';
import { githubMock } from '../../../../e2e/fixtures/github-mock';
import { requireInfrastructure } from '../../../../e2e/fixtures/infrastructure';
import { refusedRead } from '../../dashboard/health-read-policy';
import { PolicyEngine } from '../../policy/policy-engine';
import { githubHealth } from './github-health';

const { url, problem } = githubMock();
const where = (env: NodeJS.ProcessEnv) => ({ env, secret: () => null, workspace: '/nowhere', signal: AbortSignal.timeout(20_000), readRefusal: () => null });

describe('the GitHub cards of the dashboard', () => {
  it('without a token: one account card saying so and what to do, with nothing to open', async () => {
    const cards = await githubHealth(where({ GITHUB_API_URL: 'http://127.0.0.1:9' }));
    expect(cards).toEqual([expect.objectContaining({ kind: 'GitHub account', state: 'not configured', tone: 'idle', open: null, fix: expect.stringMatching(/Settings.*GITHUB_TOKEN/) })]);
  });

  it('signed in (the GitHub mock): the account, then recently pushed repositories with their failed workflow runs, never the token', async (context) => {
    requireInfrastructure(context, problem, 'the GitHub REST mock (REIGN_TEST_GITHUB_API_URL)');
    const token = `ghp_${'HealthTok'.repeat(4)}`;
    const cards = await githubHealth(where({ GITHUB_API_URL: url!, GITHUB_TOKEN: token }));
    expect(cards[0]).toMatchObject({ kind: 'GitHub account', state: 'signed in', open: { view: 'github.repositories' } });
    const repos = cards.slice(1);
    expect(repos.length).toBeGreaterThan(0);
    for (const repo of repos) {
      expect(repo.kind).toBe('GitHub repository');
      expect(repo.open).toEqual({ view: 'github.runs', scope: { repo: repo.label } });
      expect(['runs failed', 'runs passing', 'no runs', 'runs unknown']).toContain(repo.state);
    }
    expect(JSON.stringify(cards)).not.toContain(token);
  });

  it('asks the policy before reading: a rule denying the account reads nothing, one denying a repository\'s runs shows it as not read', async (context) => {
    const denying = (rule: { tool: string; target: string }) => {
      const policy = new PolicyEngine({ rules: [{ ...rule, decision: 'deny' }], production: [] });
      return (env: NodeJS.ProcessEnv) => ({ ...where(env), readRefusal: (id: string, tool: string) => refusedRead(policy, id, tool) });
    };
    // Nothing listens there: had it been read, the card would say the API did not answer.
    const account = await githubHealth(denying({ tool: 'github.*', target: 'github:*' })({ GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_TOKEN: `ghp_${'DenyTok00'.repeat(4)}` }));
    expect(account).toEqual([expect.objectContaining({ kind: 'GitHub account', state: 'not read', open: null, summary: expect.stringContaining('policy rule “deny github.* on github:*”') })]);
    requireInfrastructure(context, problem, 'the GitHub REST mock (REIGN_TEST_GITHUB_API_URL)');
    const cards = await githubHealth(denying({ tool: 'github.run.list', target: 'github:*/*' })({ GITHUB_API_URL: url!, GITHUB_TOKEN: `ghp_${'DenyRuns0'.repeat(4)}` }));
    expect(cards[0]).toMatchObject({ kind: 'GitHub account', state: 'signed in' });
    expect(cards.length).toBeGreaterThan(1);
    for (const repo of cards.slice(1)) expect(repo).toMatchObject({ kind: 'GitHub repository', state: 'not read', counts: [], open: null });
  });
});
