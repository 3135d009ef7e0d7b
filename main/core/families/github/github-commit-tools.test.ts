import { describe, expect, it } from 'vitest';
import { checkWorkflowFiles } from './github-commit-checks';
import { type CommitFacts, type CommitInput, commitRefusal, commitRisk, githubCommitCreate } from './github-commit-tools';
import { commitDiff } from './github-commit-diff';

// The commit tool's decisions that need no GitHub: input refused, risk, refusals from the facts,
// workflow files checked before anything is sent, and the diff the preview shows.

const repo = 'octocat/Hello-World';
const head = 'a'.repeat(40);
const older = 'b'.repeat(40);
const input = (change: Partial<CommitInput> = {}): CommitInput => ({ repo, branch: 'feature', message: 'Change', files: [{ path: 'a.txt', content: 'a\n' }], force: false, ...change });
const facts = (change: Partial<CommitFacts> = {}): CommitFacts => ({ defaultBranch: 'main', branch: { sha: head, tree: 'c'.repeat(40), protected: false }, workflows: [], ...change });

const badWorkflow = 'name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n        shell: 42\n    timeout-minutes: soon\n';

describe('input', () => {
  it('force and parent go together', () => {
    const parse = (extra: Record<string, unknown>) => githubCommitCreate.input.safeParse({ repo, branch: 'main', message: 'x', files: [{ path: 'a', content: '' }], ...extra });
    expect(parse({}).success).toBe(true);
    expect(parse({ force: true }).error?.issues[0]?.message).toMatch(/^force and parent go together/);
    expect(parse({ parent: older }).error?.issues[0]?.message).toMatch(/^force and parent go together/);
    expect(parse({ force: true, parent: older }).success).toBe(true);
    expect(parse({ files: [{ path: '.git/config', content: '' }] }).error?.issues[0]?.message).toMatch(/inside \.git/);
  });
});

describe('risk and refusals', () => {
  it('a commit is write; with force critical, and refused on the default or a protected branch', () => {
    expect(commitRisk(input(), facts())).toEqual({ risk: 'write', reasons: [`commits a.txt to feature of ${repo}`] });
    expect(commitRisk(input({ force: true, parent: older }), facts())).toEqual({ risk: 'critical', reasons: [`commits a.txt to feature of ${repo} on top of bbbbbbb with force, replacing the branch's history after it`] });
    expect(commitRefusal(input({ branch: 'main', force: true, parent: older }), facts())).toBe(`main is the default branch of ${repo}: its history is never replaced by force`);
    expect(commitRefusal(input({ force: true, parent: older }), facts({ branch: { sha: head, tree: 'c'.repeat(40), protected: true } }))).toBe(`feature is a protected branch of ${repo}: its history is never replaced by force`);
    expect(commitRisk(input({ branch: 'main', force: true, parent: older }), facts()).reasons[0]).toMatch(/: refused, main is the default branch/);
  });

  it('a branch that moved from the expected head, or does not exist, is refused', () => {
    expect(commitRefusal(input({ expectedHead: older }), facts())).toMatch(/^feature moved: it is at aaaaaaa, not at bbbbbbb as expected/);
    expect(commitRefusal(input({ expectedHead: head }), facts())).toBeNull();
    expect(commitRefusal(input(), facts({ branch: null }))).toBe(`there is no branch feature in ${repo} (create it first with github.branch.create)`);
  });

  it('a workflow with schema errors is refused with the file, lines and rules; a deleted workflow is not checked', async () => {
    const files = [{ path: '.github/workflows/ci.yml', content: badWorkflow }, { path: '.github/workflows/old.yml', delete: true as const }, { path: 'docs/example.yml', content: badWorkflow }];
    const workflows = await checkWorkflowFiles(files, { actionlint: false });
    expect(workflows.map((check) => check.path)).toEqual(['.github/workflows/ci.yml']);
    const refusal = commitRefusal(input({ files }), facts({ workflows }))!;
    expect(refusal).toMatch(/^a workflow file has errors, so nothing is committed:\n\.github\/workflows\/ci\.yml:\n/);
    expect(refusal).toMatch(/\n {2}8:\d+ error \[schema\] /);
    expect(refusal).toMatch(/\n {2}9:\d+ error \[schema\] /);
  });
});

describe('the preview diff', () => {
  it('one file is shown as itself; several as one document with the same header on both sides', () => {
    expect(commitDiff('t', [{ path: 'a.txt', content: 'new\n' }], new Map([['a.txt', 'old\n']]))).toEqual({ kind: 'file', path: 'a.txt (t)', before: 'old\n', after: 'new\n' });
    const many = commitDiff('t', [{ path: 'a.txt', content: 'new' }, { path: 'b.txt', delete: true }, { path: 'c.txt', content: 'c\n' }], new Map([['a.txt', 'old\n'], ['b.txt', 'gone\n'], ['c.txt', null]]));
    expect(many).toEqual({ kind: 'file', path: '3 files, 1 new, 1 changed, 1 deleted (t)', before: '=== a.txt\nold\n\n=== b.txt\ngone\n\n=== c.txt\n', after: '=== a.txt\nnew\n\n=== b.txt\n\n=== c.txt\nc\n' });
  });
});
