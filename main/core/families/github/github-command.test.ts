import { describe, expect, it } from 'vitest';
import { githubCall } from './github-command';

const call = (line: string, values: Record<string, unknown> = {}) => githubCall(line.split(' ').filter(Boolean), values);

describe('reign github as tool calls', () => {
  it('maps each command line to its read tool with the options it names', () => {
    expect(call('repo get octocat/Hello-World')).toMatchObject({ tool: 'github.repo.get', input: { repo: 'octocat/Hello-World' }, read: true });
    expect(call('repo list octocat', { limit: '20' })).toMatchObject({ tool: 'github.repo.list', input: { owner: 'octocat', limit: 20 } });
    expect(call('repo list')).toMatchObject({ tool: 'github.repo.list', input: {} });
    expect(call('pr list', { repo: 'o/r', state: 'all', base: 'main' })).toMatchObject({ tool: 'github.pr.list', input: { repo: 'o/r', state: 'all', base: 'main' } });
    expect(call('run list', { repo: 'o/r', workflow: 'ci.yml', status: 'failure' })).toMatchObject({ tool: 'github.run.list', input: { repo: 'o/r', workflow: 'ci.yml', status: 'failure' } });
  });

  it('says what is missing or wrong', () => {
    expect(call('repo get')).toMatch(/name the repository \(reign github repo get OWNER\/REPO\)/);
    expect(call('pr list')).toBe('reign github pr list: name the repository (--repo OWNER/REPO).');
    expect(call('run list', { repo: 'o/r', limit: 'lots' })).toBe('--limit takes a whole number from 1 to 1000, not "lots"');
    expect(call('pr frobnicate 3')).toMatch(/^reign github: use repo get\|list\|create.*, pr list\|.*merge.*, run list/);
  });

  it('makes every other tool a command line from its own input schema', () => {
    expect(call('pr merge 3', { repo: 'o/r', method: 'squash' })).toEqual({ tool: 'github.pr.merge', input: { repo: 'o/r', number: 3, method: 'squash' }, read: false });
    expect(call('pr create', { repo: 'o/r', title: 'Fix', head: 'fix', draft: true })).toEqual({ tool: 'github.pr.create', input: { repo: 'o/r', title: 'Fix', head: 'fix', draft: true }, read: false });
    expect(call('release create v1.4.0', { repo: 'o/r', 'generate-notes': true })).toMatchObject({ tool: 'github.release.create', input: { repo: 'o/r', tag: 'v1.4.0', generateNotes: true } });
    expect(call('issue label 12', { repo: 'o/r', add: ['bug,ui', 'p1'] })).toMatchObject({ input: { number: 12, add: ['bug', 'ui', 'p1'] } });
    expect(call('branch delete old', { repo: 'o/r' })).toMatchObject({ tool: 'github.branch.delete', input: { branch: 'old' }, read: false });
    expect(call('issue list', { repo: 'o/r' })).toMatchObject({ tool: 'github.issue.list', read: true });
  });

  it('takes a secret value only from where it is, never on the command line', () => {
    expect(call('secret set REGISTRY_TOKEN', { repo: 'o/r', environment: 'staging', 'from-env': 'REGISTRY_TOKEN' })).toMatchObject({ input: { name: 'REGISTRY_TOKEN', repo: 'o/r', environment: 'staging', value: { from: 'env', variable: 'REGISTRY_TOKEN' } } });
    expect(call('secret set NPM', { org: 'acme', 'from-keychain': 'github-token' })).toMatchObject({ input: { value: { from: 'keychain', name: 'github-token' } } });
    expect(call('secret set NPM', { org: 'acme', value: 'hunter2' })).toMatch(/reign github secret set: --value takes JSON here/);
  });

  it('names options a tool does not have and arguments it cannot take', () => {
    expect(call('pr close 4', { repo: 'o/r', title: 'x' })).toMatch(/^reign github pr close: has no --title \(it takes --repo, --number\)/);
    expect(call('pr create extra', { repo: 'o/r' })).toMatch(/takes no argument \(extra\)/);
    expect(call('pr close 4 5', { repo: 'o/r' })).toMatch(/one argument at most/);
  });

  it('prints pull requests as a table a person reads, drafts marked', () => {
    const pulls = call('pr list', { repo: 'o/r' });
    if (typeof pulls === 'string') throw new Error(pulls);
    const text = pulls.print!({ pullRequests: [{ number: 7, title: 'Fix the probe', state: 'open', draft: true, author: 'ana', base: 'main', head: 'fix-probe' }], count: 1, more: true });
    expect(text).toMatch(/^#\s+TITLE\s+STATE\s+AUTHOR\s+BASE ← HEAD\n7\s+Fix the probe\s+open \(draft\)\s+ana\s+main ← fix-probe\n\(GitHub has more pull requests: raise --limit\)\n$/);
  });
});

describe('reign github for Actions', () => {
  it('reads a run, its logs, dispatches a workflow with inputs', () => {
    expect(call('run get 30433642', { repo: 'o/r' })).toMatchObject({ tool: 'github.run.get', input: { repo: 'o/r', run: 30433642 }, read: true });
    expect(call('run rerun 30433642', { repo: 'o/r' })).toMatchObject({ tool: 'github.run.rerun', input: { run: 30433642 }, read: false });
    expect(call('workflow dispatch deploy.yml', { repo: 'o/r', ref: 'main', inputs: '{"environment":"staging"}' })).toMatchObject({ tool: 'github.workflow.dispatch', input: { workflow: 'deploy.yml', ref: 'main', inputs: { environment: 'staging' } } });
  });
});
