import { describe, expect, it } from 'vitest';
import { trimPull, trimRepo, trimRun } from './github-shapes';

// GitHub's objects carry dozens of API URLs and nested owners; the tools keep what a person reads.
const owner = { login: 'octocat', id: 1, avatar_url: 'https://github.com/images/error/octocat_happy.gif', url: 'https://api.github.com/users/octocat' };
const repository = {
  id: 1296269,
  name: 'Hello-World',
  full_name: 'octocat/Hello-World',
  owner,
  private: false,
  description: 'This your first repo!',
  fork: false,
  html_url: 'https://github.com/octocat/Hello-World',
  hooks_url: 'https://api.github.com/repos/octocat/Hello-World/hooks',
  default_branch: 'master',
  visibility: 'public',
  stargazers_count: 80,
  open_issues_count: 3,
  pushed_at: '2011-01-26T19:06:43Z',
  archived: false,
  permissions: { admin: false, push: false, pull: true },
  license: { key: 'mit', name: 'MIT License' },
};

describe('trimmed GitHub objects', () => {
  it('a repository: the facts a person asks about, none of the API URLs', () => {
    const trimmed = trimRepo(repository);
    expect(trimmed).toEqual({ fullName: 'octocat/Hello-World', description: 'This your first repo!', defaultBranch: 'master', visibility: 'public', stars: 80, openIssues: 3, pushedAt: '2011-01-26T19:06:43Z', archived: false, fork: false, htmlUrl: 'https://github.com/octocat/Hello-World' });
    expect(JSON.stringify(trimmed)).not.toContain('api.github.com');
  });

  it('a repository without `visibility` (older Enterprise Servers) is private or public from `private`; an empty description is none', () => {
    const { visibility: _visibility, ...old } = repository;
    expect(trimRepo({ ...old, private: true, description: '' })).toMatchObject({ visibility: 'private', description: null });
  });

  it('a pull request: merged when it has merged_at, its head as OWNER:BRANCH only when from a fork, label names', () => {
    const base = { ref: 'main', repo: { full_name: 'octocat/Hello-World' } };
    const pull = { number: 1347, title: 'Amazing new feature', state: 'closed', draft: false, merged_at: '2011-01-26T19:01:12Z', user: owner, base, head: { ref: 'new-topic', label: 'octocat:new-topic', repo: { full_name: 'octocat/Hello-World' } }, labels: [{ id: 208045946, name: 'bug', color: 'f29513' }], updated_at: '2011-01-26T19:01:12Z', html_url: 'https://github.com/octocat/Hello-World/pull/1347', body: 'x'.repeat(10_000) };
    expect(trimPull(pull)).toEqual({ number: 1347, title: 'Amazing new feature', state: 'merged', draft: false, author: 'octocat', base: 'main', head: 'new-topic', labels: ['bug'], updatedAt: '2011-01-26T19:01:12Z', htmlUrl: 'https://github.com/octocat/Hello-World/pull/1347' });
    expect(trimPull({ ...pull, state: 'closed', merged_at: null }).state).toBe('closed');
    // GitHub's own example: an open pull request with merged_at set. Open is what it is.
    expect(trimPull({ ...pull, state: 'open' }).state).toBe('open');
    expect(trimPull({ ...pull, state: 'open', merged_at: null, head: { ref: 'patch-1', label: 'someone:patch-1', repo: { full_name: 'someone/Hello-World' } } })).toMatchObject({ state: 'open', head: 'someone:patch-1' });
    // A fork since deleted: GitHub gives its head repository as null.
    expect(trimPull({ ...pull, user: null, head: { ref: 'gone', label: 'ghost:gone', repo: null } })).toMatchObject({ author: null, head: 'gone' });
  });

  it('a workflow run: its id and number, workflow, title, status and conclusion, branch, event', () => {
    const run = { id: 30433642, run_number: 562, name: 'Build', display_title: 'Update README.md', status: 'completed', conclusion: 'failure', head_branch: 'master', event: 'push', created_at: '2020-01-22T19:33:08Z', html_url: 'https://github.com/octo-org/octo-repo/actions/runs/30433642', head_commit: { message: 'Update README.md' }, repository };
    expect(trimRun(run)).toEqual({ id: 30433642, number: 562, workflow: 'Build', title: 'Update README.md', status: 'completed', conclusion: 'failure', branch: 'master', event: 'push', createdAt: '2020-01-22T19:33:08Z', htmlUrl: 'https://github.com/octo-org/octo-repo/actions/runs/30433642' });
  });
});
