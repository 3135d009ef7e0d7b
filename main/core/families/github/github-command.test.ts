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
    expect(call('pr merge 3')).toMatch(/^reign github: use repo get\|list, pr list, run list/);
  });

  it('prints pull requests as a table a person reads, drafts marked', () => {
    const pulls = call('pr list', { repo: 'o/r' });
    if (typeof pulls === 'string') throw new Error(pulls);
    const text = pulls.print!({ pullRequests: [{ number: 7, title: 'Fix the probe', state: 'open', draft: true, author: 'ana', base: 'main', head: 'fix-probe' }], count: 1, more: true });
    expect(text).toMatch(/^#\s+TITLE\s+STATE\s+AUTHOR\s+BASE ← HEAD\n7\s+Fix the probe\s+open \(draft\)\s+ana\s+main ← fix-probe\n\(GitHub has more pull requests: raise --limit\)\n$/);
  });
});
