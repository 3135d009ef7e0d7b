import { describe, expect, it } from 'vitest';
import { type MergeFacts, type MergeInput, mergeContentHash, mergePreviewLines, mergeRefusal, mergeRisk } from './github-merge-plan';

const head = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const facts = (change: Partial<MergeFacts> = {}): MergeFacts => ({
  number: 1347,
  title: 'Amazing new feature',
  state: 'open',
  draft: false,
  author: 'octocat',
  base: 'main',
  head: 'new-topic',
  labels: [],
  updatedAt: '2011-01-26T19:01:12Z',
  htmlUrl: 'https://github.com/octocat/Hello-World/pull/1347',
  headSha: head,
  mergeable: true,
  mergeableState: 'clean',
  checks: { state: 'success', passed: 3, failed: 0, pending: 0, failing: [], running: [] },
  commits: 3,
  changedFiles: 5,
  defaultBranch: 'main',
  ...change,
});
const input: MergeInput = { repo: 'octocat/Hello-World', number: 1347, method: 'squash' };

describe('the risk of a merge, from what inspect read', () => {
  it('into the default branch is destructive; into another branch write', () => {
    expect(mergeRisk(input, facts())).toEqual({ risk: 'destructive', reasons: ['merges #1347 (new-topic → main) by squash into main, the default branch of octocat/Hello-World, with no undo'] });
    expect(mergeRisk(input, facts({ base: 'develop' }))).toEqual({ risk: 'write', reasons: ['merges #1347 (new-topic → develop) by squash into develop (not the default branch, main), with no undo'] });
  });

  it('without facts it is rated as the worse case, never lower', () => {
    expect(mergeRisk(input, undefined)).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/perhaps into the default branch \(the pull request could not be read\)/)] });
  });

  it('names failing and unfinished checks, a blocked or behind branch, and unknown mergeability', () => {
    const checks = { state: 'failure' as const, passed: 1, failed: 1, pending: 1, failing: ['lint'], running: ['e2e'] };
    expect(mergeRisk(input, facts({ checks, mergeableState: 'blocked' })).reasons.slice(1)).toEqual([
      'checks on 6dcb09b: 1 failing (lint), 1 not finished (e2e), 1 passed',
      'GitHub reports it blocked (required reviews or checks are missing): only an administrator can merge it now',
    ]);
    expect(mergeRisk(input, facts({ mergeableState: 'behind' })).reasons).toContain('its branch is behind main');
    expect(mergeRisk(input, facts({ mergeable: null, mergeableState: 'unknown' })).reasons).toContain('GitHub has not yet worked out whether it merges cleanly');
  });

  it('is refused, saying why, when it cannot be merged', () => {
    expect(mergeRefusal(input, facts({ mergeable: false, mergeableState: 'dirty' }))).toBe('it is not mergeable (it conflicts with main): resolve the conflicts first');
    expect(mergeRefusal(input, facts({ state: 'merged' }))).toBe('#1347 is already merged');
    expect(mergeRefusal(input, facts({ state: 'closed' }))).toBe('#1347 is closed: reopen it first');
    expect(mergeRefusal(input, facts({ draft: true }))).toBe('#1347 is a draft: mark it ready for review first');
    expect(mergeRefusal({ ...input, sha: 'a'.repeat(40) }, facts())).toBe('its head is now 6dcb09b, not aaaaaaa: it was pushed to; review the new commits');
    expect(mergeRefusal({ ...input, sha: head }, facts())).toBeNull();
    expect(mergeRisk(input, facts({ mergeable: false, mergeableState: 'dirty' })).reasons[1]).toBe('refused: it is not mergeable (it conflicts with main): resolve the conflicts first');
  });

  it('binds an approval to the head commit', () => {
    expect(mergeContentHash(facts())).toBe(`head:${head}`);
    expect(mergeContentHash(facts({ headSha: 'b'.repeat(40) }))).not.toBe(mergeContentHash(facts()));
    expect(mergeContentHash(undefined)).toBeNull();
  });
});

describe('the merge preview', () => {
  const commits = [
    { sha: head, message: 'Fix all the bugs\n\nand more', author: 'octocat' },
    { sha: 'c'.repeat(40), message: 'Add tests', author: null },
  ];

  it('shows base ← head, the method, mergeability, checks and the commits, and that there is no undo', () => {
    expect(mergePreviewLines(input, facts(), commits)).toEqual([
      'Merge pull request #1347 "Amazing new feature" of octocat/Hello-World',
      'main ← new-topic (head 6dcb09b), into the default branch',
      'Method: squash: the commits below become one commit on main',
      'Mergeable: yes (clean)',
      'Checks on 6dcb09b: 3 passed',
      'Commits (3), 5 files changed:',
      '  6dcb09b Fix all the bugs (octocat)',
      '  ccccccc Add tests',
      '  … and 1 more',
      'The approval holds for head 6dcb09b only: if the branch is pushed to before the step runs, the merge is approved again.',
      'A merge cannot be undone: there is no undo (revert it with a new pull request).',
    ]);
  });

  it('leads with the refusal when it cannot be merged', () => {
    const lines = mergePreviewLines({ ...input, method: 'rebase' }, facts({ base: 'develop', mergeable: false, mergeableState: 'dirty', commits: 2 }), commits);
    expect(lines[1]).toBe('Refused: it is not mergeable (it conflicts with develop): resolve the conflicts first. The step would fail and nothing would be merged.');
    expect(lines).toContain('develop ← new-topic (head 6dcb09b)');
    expect(lines).toContain('Method: rebase: the commits below are replayed onto develop, one by one');
    expect(lines).toContain('Mergeable: no (dirty)');
    expect(lines.join('\n')).not.toContain('more');
  });
});
