import { describe, expect, it } from 'vitest';
import { noSecrets } from '../../tools/access';
import { type ToolDefinition, toolContext } from '../../tools/tool-definition';
import { branchDeleteRefusal, githubBranchCreate, githubBranchDelete } from './github-branch-tools';
import { githubIssueAssign, githubIssueLabel, inverseChange } from './github-issue-change-tools';
import { githubIssueClose, githubIssueComment, githubIssueCreate, githubIssueList } from './github-issue-tools';
import { githubPrMerge } from './github-pr-merge-tools';
import { githubPrRequestReview, githubPrReview } from './github-pr-review-tools';
import { githubPrClose, githubPrCreate, githubPrUpdate } from './github-pr-write-tools';

// The parts of the write tools that need no GitHub: input refused before approval, risk and the
// previews made from the input alone. Against GitHub's contract: e2e/github-pr-flow.spec.ts.

const ctx = toolContext('/tmp', { GITHUB_API_URL: 'https://ghe.example.com/api/v3' }, {} as never, noSecrets);
const repo = 'octocat/Hello-World';

function refusal(tool: ToolDefinition, input: Record<string, unknown>): string | undefined {
  const parsed = tool.input.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join('; ');
}
const preview = async (tool: ToolDefinition, input: Record<string, unknown>): Promise<string> => {
  const made = await tool.preview({ input: tool.input.parse(input), ctx });
  return made.kind === 'text' ? made.text : JSON.stringify(made);
};

describe('input refused before approval, saying what to give instead', () => {
  it('branches', () => {
    expect(refusal(githubBranchCreate, { repo, branch: 'feature/login', from: 'master' })).toBeUndefined();
    expect(refusal(githubBranchCreate, { repo, branch: 'feature/login', from: '6dcb09b5b57875f334f61aebed695e2e4193db5e' })).toBeUndefined();
    expect(refusal(githubBranchCreate, { repo, branch: 'bad name' })).toMatch(/^Not a branch: "bad name" has a character git refuses/);
    expect(refusal(githubBranchCreate, { repo, branch: 'x', from: 'a..b' })).toMatch(/^Not a branch or a full commit sha: "a\.\.b" has "\.\."/);
    expect(refusal(githubBranchDelete, { repo, branch: 'refs/heads/old' })).toMatch(/give the branch without refs\/heads\/: old/);
  });

  it('pull requests', () => {
    expect(refusal(githubPrCreate, { repo, head: 'main', base: 'main', title: 'x' })).toBe('head and base are the same branch: a pull request merges one branch into another');
    expect(refusal(githubPrCreate, { repo, head: 'feature', title: '  ' })).toMatch(/the title is empty/);
    expect(refusal(githubPrUpdate, { repo, number: 1347 })).toBe('nothing to change: give a title, body, base or state');
    expect(refusal(githubPrUpdate, { repo, number: 0, title: 'x' })).toBeDefined();
    expect(refusal(githubPrRequestReview, { repo, number: 1 })).toBe('nobody to ask: give reviewers (logins) or teams (slugs)');
    expect(refusal(githubPrRequestReview, { repo, number: 1, teams: ['Justice League'] })).toMatch(/a team slug as in its URL/);
    expect(refusal(githubPrReview, { repo, number: 1, event: 'request_changes' })).toBe('a changes request or a comment review needs a body saying what it is about');
    expect(refusal(githubPrReview, { repo, number: 1, event: 'comment', body: ' ' })).toBeDefined();
    expect(refusal(githubPrReview, { repo, number: 1, event: 'approve' })).toBeUndefined();
    expect(refusal(githubPrMerge, { repo, number: 1, method: 'fast-forward' })).toBeDefined();
    expect(refusal(githubPrMerge, { repo, number: 1, method: 'rebase', title: 'x' })).toBe('a rebase makes no merge commit, so it takes no title or message');
    expect(refusal(githubPrMerge, { repo, number: 1, sha: '6dcb09b' })).toMatch(/full 40-character commit sha/);
  });

  it('issues', () => {
    expect(refusal(githubIssueLabel, { repo, number: 1 })).toBe('nothing to change: give labels to add or to remove');
    expect(refusal(githubIssueLabel, { repo, number: 1, add: ['bug'], remove: ['bug'] })).toBe('the same label is both added and removed');
    expect(refusal(githubIssueAssign, { repo, number: 1, add: Array.from({ length: 11 }, (_, index) => `user${index}`) })).toBeDefined();
    expect(refusal(githubIssueComment, { repo, number: 1, body: '' })).toMatch(/the comment is empty/);
    expect(refusal(githubIssueCreate, { repo, title: 'x'.repeat(257) })).toMatch(/at most 256 characters/);
    expect(refusal(githubIssueList, { repo, assignee: 'no body' })).toMatch(/^Not an assignee filter: .*give a login, none or \*/);
    expect(refusal(githubIssueClose, { repo, number: 1, reason: 'wontfix' })).toBeDefined();
  });
});

describe('risk by code', () => {
  it('branch deletion is destructive; the default branch and a missing one are refused', () => {
    const input = { repo, branch: 'master' };
    expect(branchDeleteRefusal(input, { defaultBranch: 'master', sha: 'a'.repeat(40), openPulls: [] })).toBe(`master is the default branch of ${repo}: it is never deleted (make another branch the default first)`);
    expect(branchDeleteRefusal({ repo, branch: 'gone' }, { defaultBranch: 'master', sha: null, openPulls: [] })).toBe(`there is no branch gone in ${repo}`);
    expect(githubBranchDelete.risk({ input, ctx, facts: { defaultBranch: 'master', sha: 'a'.repeat(40), openPulls: [] } })).toEqual({ risk: 'destructive', reasons: [`deletes the branch master of ${repo}: refused, master is the default branch of ${repo}: it is never deleted (make another branch the default first)`] });
    expect(githubBranchDelete.risk({ input: { repo, branch: 'topic' }, ctx, facts: { defaultBranch: 'master', sha: 'a'.repeat(40), openPulls: [1347, 1348] } })).toEqual({ risk: 'destructive', reasons: [`deletes the branch topic of ${repo} (at aaaaaaa); GitHub closes the 2 open pull requests from it (#1347 and #1348)`] });
  });

  it('the other changes are writes', () => {
    expect(githubPrCreate.risk({ input: githubPrCreate.input.parse({ repo, head: 'x', title: 't' }), ctx, facts: undefined })).toEqual({ risk: 'write', reasons: [`opens a pull request in ${repo} from x into the default branch`] });
    expect(githubIssueLabel.risk({ input: githubIssueLabel.input.parse({ repo, number: 7, add: ['bug', 'p1'], remove: ['triage'] }), ctx, facts: undefined })).toEqual({ risk: 'write', reasons: [`add labels bug and p1; remove labels triage on #7 of ${repo}`] });
  });
});

describe('previews made from the input, naming the GitHub and the undo', () => {
  it('a pull request names base ← head, its title and body', async () => {
    expect(await preview(githubPrCreate, { repo, head: 'feature/login', base: 'master', title: 'Add login', body: 'Adds the page.\nAnd a test.', draft: true })).toBe(
      ['Open a draft pull request in octocat/Hello-World on ghe.example.com', 'master ← feature/login', 'Title: Add login', 'Description:', '  Adds the page.', '  And a test.', 'Undo closes it (GitHub keeps closed pull requests: they cannot be deleted).'].join('\n'),
    );
    expect(await preview(githubPrCreate, { repo, head: 'octocat:fix', title: 'Fix' })).toMatch(/^the default branch ← octocat:fix$/m);
  });

  it('reviews say what undo can take back', async () => {
    expect(await preview(githubPrReview, { repo, number: 1347, event: 'approve', commit: '6dcb09b5b57875f334f61aebed695e2e4193db5e' })).toBe(`Approve pull request #1347 of ${repo} at 6dcb09b on ghe.example.com\nUndo dismisses the review (it stays in the timeline, marked dismissed).`);
    expect(await preview(githubPrReview, { repo, number: 1347, event: 'comment', body: 'Looks fine' })).toMatch(/Review:\n {2}Looks fine\nA comment review cannot be undone/);
  });

  it('branches, issues and closing', async () => {
    expect(await preview(githubBranchCreate, { repo, branch: 'feature/login' })).toMatch(/^Create the branch feature\/login in octocat\/Hello-World on ghe\.example\.com\nStarting at the head of the default branch \(read when it runs\)\./);
    expect(await preview(githubIssueCreate, { repo, title: 'Bug', labels: ['bug'], assignees: ['hubot', 'octocat'] })).toBe(`Open an issue in ${repo} on ghe.example.com\nTitle: Bug\nLabels: bug\nAssigned to: hubot and octocat\nUndo closes it as not planned.`);
    expect(await preview(githubPrClose, { repo, number: 3 })).toMatch(/Undo reopens it\.$/);
    expect(await preview(githubIssueClose, { repo, number: 3, reason: 'not_planned' })).toMatch(/^Close issue #3 of octocat\/Hello-World as not planned/);
  });
});

describe('undo of labels and assignees takes back only what the step changed', () => {
  it('removes what it added that was not there, and puts back what it removed that was', () => {
    expect(inverseChange(['bug', 'Triage'], { add: ['bug', 'p1'], remove: ['triage', 'wontfix'] })).toEqual({ add: ['triage'], remove: ['p1'] });
    expect(inverseChange([], { add: ['hubot'], remove: [] })).toEqual({ add: [], remove: ['hubot'] });
  });
});
