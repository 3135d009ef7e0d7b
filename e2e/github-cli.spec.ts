import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubMock } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';
import { storedText } from './fixtures/stored-text';

// `reign github …` as a person types it, the built CLI against the GitHub mock (GitHub's own
// OpenAPI description, answering with its examples): tables of repositories, pull requests and
// runs, `--json` for scripts, clear words for what is missing, and the token nowhere it should not be.

const { url, problem } = githubMock();
const TOKEN = `ghp_${'Zq81cli'.repeat(6)}`; // the shape of a classic token, so nothing rejects it for its form

describe('reign github', () => {
  it('prints repositories, pull requests and runs as tables, JSON with --json, and keeps the token out of every output and of its data folder', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The GitHub mock');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-gh-cli-')));
    const env = isolatedEnv({ GITHUB_API_URL: url!, GITHUB_TOKEN: TOKEN });
    const gh = (...words: string[]) => runReignAsync(['github', ...words], env, { cwd: workspace });

    const repo = await gh('repo', 'get', 'octocat/Hello-World');
    expect(repo.stderr).toBe('');
    expect(repo.status).toBe(0);
    expect(repo.stdout).toMatch(/^REPOSITORY\s+VISIBILITY\s+DEFAULT BRANCH\s+STARS\s+LAST PUSH\noctocat\/Hello-World\s+public\s+master\s+80\s+2011-01-26T19:06:43Z\n$/);

    const json = await gh('repo', 'get', 'octocat/Hello-World', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ fullName: 'octocat/Hello-World', defaultBranch: 'master', visibility: 'public' });

    const pulls = await gh('pr', 'list', '--repo', 'octocat/Hello-World', '--state', 'all');
    expect(pulls.status).toBe(0);
    expect(pulls.stdout).toMatch(/^#\s+TITLE\s+STATE\s+AUTHOR\s+BASE ← HEAD\n1347\s+Amazing new feature\s+open\s+octocat\s+master ← new-topic\n/);

    const runs = await gh('run', 'list', '--repo', 'octocat/Hello-World', '--limit', '5');
    expect(runs.status).toBe(0);
    expect(runs.stdout).toMatch(/^RUN\s+WORKFLOW\s+STATUS\s+BRANCH\s+EVENT\s+STARTED\n30433642\s+Build\s+queued\s+master\s+push\s+/);

    for (const output of [repo, json, pulls, runs]) expect(output.stdout + output.stderr).not.toContain(TOKEN);
    // The reads were journaled through the policy like a chat's: the audit log has them, never the token.
    expect(storedText(env.REIGN_HOME!)).not.toContain(TOKEN);
  }, 60_000);

  it('makes changes as one-step plans: held for approval without --approve, run with it, the merge into the default branch held as destructive', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The GitHub mock');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-gh-cli-')));
    const env = isolatedEnv({ GITHUB_API_URL: url!, GITHUB_TOKEN: TOKEN });
    const gh = (...words: string[]) => runReignAsync(['github', ...words], env, { cwd: workspace });
    const create = ['pr', 'create', '--repo', 'octocat/Hello-World', '--title', 'Fix the probe', '--head', 'new-topic', '--base', 'master'];

    const held = await gh(...create);
    expect(held.status).toBe(3);
    expect(held.stdout).toMatch(/pr-create: github\.pr\.create — write on octocat\/Hello-World \(ask\): opens a pull request in octocat\/Hello-World from new-topic into master/);
    expect(held.stdout).toMatch(/needs approval/);

    const opened = await gh(...create, '--approve', 'write');
    expect(opened.stderr).toBe('');
    expect(opened.status).toBe(0);
    expect(opened.stdout).toMatch(/opened #1347: https:\/\/github\.com\/octocat\/Hello-World\/pull\/1347/);

    // --approve write does not reach a merge into the default branch: it is destructive, by code.
    const merge = await gh('pr', 'merge', '1347', '--repo', 'octocat/Hello-World', '--method', 'squash', '--approve', 'write', '--json');
    const events = merge.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.find((event) => event.type === 'step.classified')).toMatchObject({ tool: 'github.pr.merge', risk: 'destructive', target: { id: expect.stringMatching(/^github:127\.0\.0\.1:\d+\/octocat\/hello-world$/) } });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'incomplete', summary: { 'needs-approval': 1 } });

    const wrong = await gh('pr', 'close', '3', '--repo', 'octocat/Hello-World', '--title', 'x');
    expect([wrong.status, wrong.stderr]).toEqual([2, 'reign github pr close: has no --title (it takes --repo, --number).\n']);
    for (const output of [held, opened, merge]) expect(output.stdout + output.stderr).not.toContain(TOKEN);
  }, 90_000);

  it('says what is missing: a repository, a token, a sane limit', async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    requireInfrastructure(context, problem, 'The GitHub mock');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-gh-cli-')));
    const withToken = isolatedEnv({ GITHUB_API_URL: url!, GITHUB_TOKEN: TOKEN });
    const noRepo = await runReignAsync(['github', 'pr', 'list'], withToken, { cwd: workspace });
    expect([noRepo.status, noRepo.stderr]).toEqual([2, 'reign github pr list: name the repository (--repo OWNER/REPO).\n']);
    const badLimit = await runReignAsync(['github', 'run', 'list', '--repo', 'o/r', '--limit', '0'], withToken, { cwd: workspace });
    expect([badLimit.status, badLimit.stderr]).toEqual([2, '--limit takes a whole number from 1 to 1000, not "0"\n']);
    // No token anywhere (an isolated HOME has no keychain entry): nothing is sent, and the words say how to give one.
    const noToken = await runReignAsync(['github', 'repo', 'get', 'octocat/Hello-World'], isolatedEnv({ GITHUB_API_URL: url! }), { cwd: workspace });
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toMatch(/GitHub token/i);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN/);
  }, 60_000);
});
