import { afterEach, describe, expect, it } from 'vitest';
import { githubBranchCreate, githubBranchDelete, githubBranchList } from '../main/core/families/github/github-branch-tools';
import { githubIssueAssign, githubIssueLabel } from '../main/core/families/github/github-issue-change-tools';
import { githubIssueClose, githubIssueComment, githubIssueCreate, githubIssueList } from '../main/core/families/github/github-issue-tools';
import { githubPrGet, githubPrMerge } from '../main/core/families/github/github-pr-merge-tools';
import { githubPrRequestReview, githubPrReview } from '../main/core/families/github/github-pr-review-tools';
import { githubPrClose, githubPrCreate, githubPrUpdate } from '../main/core/families/github/github-pr-write-tools';
import { gateStep } from '../main/core/plan/step-gate';
import type { ToolContext, ToolDefinition } from '../main/core/tools/tool-definition';
import { githubMock } from './fixtures/github-mock';
import { asked, bodyOf, classify, json, observed, previewOf, rewritingFront, step } from './fixtures/github-steps';
import { requireInfrastructure } from './fixtures/infrastructure';

// The GitHub family's branch, pull request and issue tools against the GitHub mock
// (.ci/peers/github-mock.sh): Prism serving GitHub's own OpenAPI description, which checks every
// request against GitHub's contract and answers with the description's examples. Every request a
// tool sends is observed on the step's own Octokit (a hook added by the test, not by the product)
// and must have met the contract. The examples are fixed (a created pull request is always #1347,
// based on master, the default branch of the example repository); where a test needs another
// answer, a loopback front before the mock changes that one answer and passes the rest through.

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const token = `ghp_${'M0ck'.repeat(9)}`;
const repo = 'octocat/Hello-World';

// Shas of the description's examples.
const refSha = 'aa218f56b14c9653891f9e74264a383fa43fefbd'; // git refs
const headSha = '6dcb09b5b57875f334f61aebed695e2e4193db5e'; // pull request #1347's head
const pushedSha = 'f'.repeat(40);

const observe = (apiUrl = url!) => observed(apiUrl, token);
const previewText = async (tool: ToolDefinition, ctx: ToolContext, raw: Record<string, unknown>) => {
  const made = await previewOf(tool, ctx, raw);
  return made.kind === 'text' ? made.text : JSON.stringify(made);
};

let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((made) => made.close()));
  fronts = [];
});
/** A front before the mock that changes one JSON answer (see rewritingFront). */
async function front(rewrite: Parameters<typeof rewritingFront>[0]): Promise<string> {
  const made = await rewritingFront(rewrite);
  fronts.push(made);
  return made.url;
}

/** Pull request #1347 as GitHub might answer it after a push or a retarget: another base, head commit or mergeability. */
const pullAnswer = (change: { base?: string; headSha?: string; mergeable?: boolean; mergeableState?: string }) => (method: string, path: string, body: Record<string, unknown>) => {
  if (method !== 'GET' || path !== `/repos/${repo}/pulls/1347`) return undefined;
  const pull = body as { base: Record<string, unknown>; head: Record<string, unknown> };
  return { ...body, base: { ...pull.base, ref: change.base ?? pull.base.ref }, head: { ...pull.head, sha: change.headSha ?? pull.head.sha }, mergeable: change.mergeable ?? body.mergeable, mergeable_state: change.mergeableState ?? body.mergeable_state };
};

describe('a pull request flow against GitHub’s contract', () => {
  it('branch → pull request → review requested → approved → merged into the default branch (destructive, no undo); then the undos there are', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe();

    const branch = await step(githubBranchCreate, ctx, { repo, branch: 'feature/login', from: 'master' });
    expect(branch.result).toEqual({ ok: true, output: { branch: 'feature/login', sha: refSha, from: 'master' } });
    expect(bodyOf(sent, `POST /repos/${repo}/git/refs`)).toEqual({ ref: 'refs/heads/feature/login', sha: refSha });
    expect(asked(sent)).toEqual([`GET /repos/${repo}/git/ref/heads%2Fmaster`, `POST /repos/${repo}/git/refs`]);

    const pull = await step(githubPrCreate, ctx, { repo, head: 'feature/login', base: 'master', title: 'Add login', body: 'Adds the login page.' });
    expect(pull.result).toEqual({ ok: true, output: { number: 1347, htmlUrl: `https://github.com/${repo}/pull/1347`, base: 'master', head: 'new-topic', draft: false } });
    expect(bodyOf(sent, `POST /repos/${repo}/pulls`)).toEqual({ head: 'feature/login', base: 'master', title: 'Add login', body: 'Adds the login page.', draft: false });
    expect(asked(sent)).toEqual([`POST /repos/${repo}/pulls`]);

    // The example already asks octocat and the team justice-league; only hubot is new, so only hubot is withdrawn by undo.
    const review = await step(githubPrRequestReview, ctx, { repo, number: 1347, reviewers: ['hubot'], teams: ['justice-league'] });
    expect(review.result).toEqual({ ok: true, output: { number: 1347, requested: ['hubot', 'team justice-league'] } });
    expect(review.snapshot).toEqual({ reviewers: ['octocat'], teams: ['justice-league'] });
    expect(asked(sent)).toEqual([`GET /repos/${repo}/pulls/1347/requested_reviewers`, `POST /repos/${repo}/pulls/1347/requested_reviewers`]);

    const approval = await step(githubPrReview, ctx, { repo, number: 1347, event: 'approve', commit: headSha });
    expect(approval.result).toMatchObject({ ok: true, output: { id: 80, htmlUrl: expect.stringContaining('pullrequestreview-80') } });
    expect(bodyOf(sent, `POST /repos/${repo}/pulls/1347/reviews`)).toEqual({ event: 'APPROVE', commit_id: headSha });
    expect(asked(sent)).toEqual([`POST /repos/${repo}/pulls/1347/reviews`]);

    // The merge is rated from what inspect read: the pull request's base is the repository's default branch.
    const merge = { repo, number: 1347, method: 'squash' };
    const rated = await classify(githubPrMerge, ctx, merge);
    expect(rated).toMatchObject({ risk: 'destructive', reasons: [`merges #1347 (new-topic → master) by squash into master, the default branch of ${repo}, with no undo`], contentHash: `head:${headSha}` });
    expect(asked(sent).sort()).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}/commits/${headSha}/check-runs?per_page=100`, `GET /repos/${repo}/commits/${headSha}/status?per_page=100`, `GET /repos/${repo}/pulls/1347`]);
    const preview = await previewText(githubPrMerge, ctx, merge);
    expect(preview.split('\n')).toEqual([
      `Merge pull request #1347 "Amazing new feature" of ${repo} on ${new URL(url!).host}`,
      'master ← new-topic (head 6dcb09b), into the default branch',
      'Method: squash: the commits below become one commit on master',
      'Mergeable: yes (clean)',
      'Checks on 6dcb09b: 3 passed',
      'Commits (3), 5 files changed:',
      '  6dcb09b Fix all the bugs (octocat)',
      '  … and 2 more',
      'The approval holds for head 6dcb09b only: if the branch is pushed to before the step runs, the merge is approved again.',
      'A merge cannot be undone: there is no undo (revert it with a new pull request).',
    ]);
    expect(asked(sent)).toContain(`GET /repos/${repo}/pulls/1347/commits?per_page=50`);
    const merged = await step(githubPrMerge, ctx, merge);
    expect(merged.result).toEqual({ ok: true, output: { merged: true, sha: headSha, method: 'squash', base: 'master', head: 'new-topic' } });
    // Bound to the head it read: GitHub itself refuses the merge if the branch moves in between.
    expect(bodyOf(sent, `PUT /repos/${repo}/pulls/1347/merge`)).toEqual({ merge_method: 'squash', sha: headSha });
    expect(asked(sent)).toEqual([`GET /repos/${repo}/pulls/1347`, `PUT /repos/${repo}/pulls/1347/merge`]);
    expect(githubPrMerge.undo).toBeUndefined();

    // Undone in reverse: the review dismissed, the added request withdrawn, the pull request closed, the branch deleted.
    expect(await approval.undo()).toEqual({ ok: true, output: { dismissed: 80 } });
    expect(await review.undo()).toEqual({ ok: true, output: { withdrawn: ['hubot'] } });
    expect(await pull.undo()).toEqual({ ok: true, output: { closed: 1347 } });
    expect(await branch.undo()).toEqual({ ok: true, output: { deleted: 'feature/login' } });
    expect(bodyOf(sent, `PUT /repos/${repo}/pulls/1347/reviews/80/dismissals`)).toEqual({ message: 'Dismissed by Reign: the step that submitted this review was undone.' });
    expect(bodyOf(sent, `DELETE /repos/${repo}/pulls/1347/requested_reviewers`)).toEqual({ reviewers: ['hubot'], team_reviewers: [] });
    expect(bodyOf(sent, `PATCH /repos/${repo}/pulls/1347`)).toEqual({ state: 'closed' });
    expect(asked(sent)).toEqual([
      `PUT /repos/${repo}/pulls/1347/reviews/80/dismissals`,
      `DELETE /repos/${repo}/pulls/1347/requested_reviewers`,
      `PATCH /repos/${repo}/pulls/1347`,
      `GET /repos/${repo}/git/ref/heads%2Ffeature%2Flogin`,
      `DELETE /repos/${repo}/git/refs/heads%2Ffeature%2Flogin`,
    ]);
  });

  it('into another branch a merge is a write; a push after approval changes the head it is bound to, and the approval no longer counts', async (context) => {
    requireInfrastructure(context, problem, need);
    const answer = { base: 'develop', headSha };
    // Read on every answer: the test moves the head by changing `answer`.
    const { ctx, sent } = await observe(await front(pullAnswer(answer)));
    const merge = { repo, number: 1347, method: 'merge' };

    const approved = await classify(githubPrMerge, ctx, merge);
    expect(approved).toMatchObject({ risk: 'write', reasons: [`merges #1347 (new-topic → develop) by merge into develop (not the default branch, master), with no undo`], contentHash: `head:${headSha}` });
    const decision = { decision: 'approve' as const, source: 'test', targetId: approved.target.id, risk: approved.risk, contentHash: approved.contentHash ?? null };
    expect(gateStep('merge', approved, decision, { approveUpTo: null })).toEqual({ status: 'approved', source: 'test' });

    // Someone pushes to the branch after the approval: classified again before it runs, the step needs a new one.
    answer.headSha = pushedSha;
    const before = await classify(githubPrMerge, ctx, merge);
    expect(before.contentHash).toBe(`head:${pushedSha}`);
    expect(gateStep('merge', before, decision, { approveUpTo: null })).toMatchObject({ status: 'needs-approval' });
    // Merging only the head that was reviewed: refused without a merge request.
    expect((await step(githubPrMerge, ctx, { ...merge, sha: headSha })).result).toEqual({ ok: false, error: { code: 'NOT_MERGEABLE', message: 'Pull request #1347 of octocat/Hello-World was not merged: its head is now fffffff, not 6dcb09b: it was pushed to; review the new commits.', permanent: true } });
    expect(asked(sent).filter((request) => request.startsWith('PUT'))).toEqual([]);
    // Approved again, it merges the head it read (the sha GitHub checks).
    expect((await step(githubPrMerge, ctx, merge)).result).toMatchObject({ ok: true, output: { base: 'develop' } });
    expect(bodyOf(sent, `PUT /repos/${repo}/pulls/1347/merge`)).toEqual({ merge_method: 'merge', sha: pushedSha });
    asked(sent);
  });

  it('a pull request that does not merge is refused in its risk reasons, its preview and its run, and nothing is merged', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe(await front(pullAnswer({ mergeable: false, mergeableState: 'dirty' })));
    const merge = { repo, number: 1347, method: 'rebase' };
    expect((await classify(githubPrMerge, ctx, merge)).reasons).toEqual([`merges #1347 (new-topic → master) by rebase into master, the default branch of ${repo}, with no undo`, 'refused: it is not mergeable (it conflicts with master): resolve the conflicts first']);
    expect((await previewText(githubPrMerge, ctx, merge)).split('\n')[1]).toBe('Refused: it is not mergeable (it conflicts with master): resolve the conflicts first. The step would fail and nothing would be merged.');
    expect((await step(githubPrMerge, ctx, merge)).result).toMatchObject({ ok: false, error: { code: 'NOT_MERGEABLE' } });
    expect(asked(sent).filter((request) => request.startsWith('PUT'))).toEqual([]);
  });

  it('github.pr.get: state, base ← head, head commit, mergeability, the checks of its head, commits and files', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe();
    const read = await step(githubPrGet, ctx, { repo, number: 1347 });
    expect(read.result).toEqual({
      ok: true,
      output: {
        number: 1347, title: 'Amazing new feature', state: 'open', draft: false, author: 'octocat', base: 'master', head: 'new-topic', labels: ['bug'], updatedAt: '2011-01-26T19:01:12Z', htmlUrl: `https://github.com/${repo}/pull/1347`,
        headSha, mergeable: true, mergeableState: 'clean', commits: 3, changedFiles: 5,
        // Two commit statuses (continuous-integration/jenkins, security/brakeman) and one neutral check run (mighty_readme).
        checks: { state: 'success', passed: 3, failed: 0, pending: 0, failing: [], running: [] },
      },
    });
    // The pull request first (its head names the commit), then its statuses and check runs at once.
    const requests = asked(sent);
    expect(requests[0]).toBe(`GET /repos/${repo}/pulls/1347`);
    expect(requests.slice(1).sort()).toEqual([`GET /repos/${repo}/commits/${headSha}/check-runs?per_page=100`, `GET /repos/${repo}/commits/${headSha}/status?per_page=100`]);
  });

  it('github.pr.update puts the old values back on undo; github.pr.close reopens', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe();
    const change = { repo, number: 1347, title: 'Add the login page', base: 'develop' };
    expect(await previewOf(githubPrUpdate, ctx, change)).toEqual({
      kind: 'file',
      path: `pull request #1347 of ${repo} (undo puts these values back)`,
      before: 'title: Amazing new feature\nbase: master\nstate: open\nbody:\n  Please pull these awesome changes in!\n',
      after: 'title: Add the login page\nbase: develop\nstate: open\nbody:\n  Please pull these awesome changes in!\n',
    });
    const updated = await step(githubPrUpdate, ctx, change);
    expect(updated.snapshot).toEqual({ title: 'Amazing new feature', base: 'master', merged: false });
    expect(updated.result).toEqual({ ok: true, output: { number: 1347, changed: ['title', 'base'] } });
    expect(await updated.undo()).toMatchObject({ ok: true });
    const patches = sent.filter((entry) => entry.request === `PATCH /repos/${repo}/pulls/1347`).map((entry) => json(entry.body));
    expect(patches).toEqual([{ title: 'Add the login page', base: 'develop' }, { title: 'Amazing new feature', base: 'master' }]);
    asked(sent);

    const closed = await step(githubPrClose, ctx, { repo, number: 1347 });
    expect(closed.result).toEqual({ ok: true, output: { number: 1347, state: 'closed' } });
    expect(await closed.undo()).toEqual({ ok: true, output: { reopened: 1347 } });
    expect(sent.filter((entry) => entry.request.startsWith('PATCH')).map((entry) => json(entry.body))).toEqual([{ state: 'closed' }, { state: 'open' }]);
    expect(asked(sent)).toEqual([`GET /repos/${repo}/pulls/1347`, `PATCH /repos/${repo}/pulls/1347`, `PATCH /repos/${repo}/pulls/1347`]);
  });
});

describe('branches against GitHub’s contract', () => {
  it('github.branch.list: name, sha and protection', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe();
    expect((await step(githubBranchList, ctx, { repo, protected: true, limit: 20 })).result).toEqual({ ok: true, output: { branches: [{ name: 'master', sha: 'c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc', protected: true }], count: 1, more: false } });
    expect(asked(sent)).toEqual([`GET /repos/${repo}/branches?protected=true&per_page=20`]);
  });

  it('deleting the default branch is refused in its risk, its preview and its run; another is deleted and undo recreates it at its snapshot sha', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe();
    const refusal = `master is the default branch of ${repo}: it is never deleted (make another branch the default first)`;
    expect(await classify(githubBranchDelete, ctx, { repo, branch: 'master' })).toMatchObject({ risk: 'destructive', reasons: [`deletes the branch master of ${repo}: refused, ${refusal}`] });
    expect(await previewText(githubBranchDelete, ctx, { repo, branch: 'master' })).toMatch(`Refused: ${refusal}. The step would fail and nothing would be deleted.`);
    expect((await step(githubBranchDelete, ctx, { repo, branch: 'master' })).result).toEqual({ ok: false, error: { code: 'DEFAULT_BRANCH', message: `Refused: master is the default branch of ${repo}, which is never deleted. Make another branch the default first.`, permanent: true } });
    expect(asked(sent).filter((request) => request.startsWith('DELETE'))).toEqual([]);

    // The example's open pull request #1347 comes up for any head asked for: GitHub would close it with the branch.
    expect(await classify(githubBranchDelete, ctx, { repo, branch: 'feature/login' })).toMatchObject({ risk: 'destructive', reasons: [`deletes the branch feature/login of ${repo} (at aa218f5); GitHub closes the open pull request from it (#1347)`] });
    expect(asked(sent).sort()).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}/git/ref/heads%2Ffeature%2Flogin`, `GET /repos/${repo}/pulls?head=octocat%3Afeature%2Flogin&state=open&per_page=100`]);
    const deleted = await step(githubBranchDelete, ctx, { repo, branch: 'feature/login' });
    expect(deleted.snapshot).toEqual({ sha: refSha });
    expect(deleted.result).toEqual({ ok: true, output: { deleted: 'feature/login' } });
    expect(await deleted.undo()).toEqual({ ok: true, output: { branch: 'feature/login', sha: refSha } });
    expect(bodyOf(sent, `POST /repos/${repo}/git/refs`)).toEqual({ ref: 'refs/heads/feature/login', sha: refSha });
    expect(asked(sent)).toEqual([`GET /repos/${repo}/git/ref/heads%2Ffeature%2Flogin`, `GET /repos/${repo}`, `DELETE /repos/${repo}/git/refs/heads%2Ffeature%2Flogin`, `POST /repos/${repo}/git/refs`]);
  });

  it('undoing a branch creation leaves the branch in place when commits were pushed to it', async (context) => {
    requireInfrastructure(context, problem, need);
    let pushed = false;
    const moved = (method: string, path: string, body: Record<string, unknown>) => (pushed && method === 'GET' && path.includes('/git/ref/heads') ? { ...body, object: { ...(body.object as object), sha: pushedSha } } : undefined);
    const { ctx, sent } = await observe(await front(moved));
    const created = await step(githubBranchCreate, ctx, { repo, branch: 'feature/login' });
    expect(created.result).toEqual({ ok: true, output: { branch: 'feature/login', sha: refSha, from: 'master' } });
    pushed = true;
    expect(await created.undo()).toEqual({ ok: false, error: { code: 'BRANCH_MOVED', message: 'The branch feature/login was left in place: it now points at fffffff, not at aa218f5 where it was created, so commits were added to it. Delete it with github.branch.delete if they are not wanted.', detail: undefined } });
    expect(asked(sent)).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}/git/ref/heads%2Fmaster`, `POST /repos/${repo}/git/refs`, `GET /repos/${repo}/git/ref/heads%2Ffeature%2Flogin`]);
  });
});

describe('issues against GitHub’s contract', () => {
  // The description's example of GET /issues/{n} is wrapped ({ value, x-github-breaking-changes }),
  // unlike GitHub's answer and the other issue examples: the front answers with the issue itself.
  const unwrapIssue = (method: string, path: string, body: Record<string, unknown>) => (method === 'GET' && /\/issues\/\d+$/.test(path) && 'value' in body ? body.value : undefined);

  it('github.issue.list leaves pull requests out unless asked', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe();
    // The example's only issue is a pull request.
    expect((await step(githubIssueList, ctx, { repo })).result).toEqual({ ok: true, output: { issues: [], count: 0, more: false } });
    expect((await step(githubIssueList, ctx, { repo, pullRequests: true, labels: ['bug', 'p1'], assignee: 'none', state: 'all', limit: 10 })).result).toEqual({
      ok: true,
      output: { issues: [{ number: 1347, title: 'Found a bug', state: 'open', stateReason: 'completed', author: 'octocat', labels: ['bug'], assignees: ['octocat'], comments: 0, pullRequest: true, updatedAt: '2011-04-22T13:33:48Z', htmlUrl: `https://github.com/${repo}/issues/1347` }], count: 1, more: false },
    });
    expect(asked(sent)).toEqual([`GET /repos/${repo}/issues?state=open&sort=updated&direction=desc&per_page=100`, `GET /repos/${repo}/issues?state=all&labels=bug%2Cp1&assignee=none&sort=updated&direction=desc&per_page=10`]);
  });

  it('create, comment, label, assign and close, each undone', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observe(await front(unwrapIssue));
    const bodies = (request: string) => sent.filter((entry) => entry.request === request).map((entry) => json(entry.body));

    const created = await step(githubIssueCreate, ctx, { repo, title: 'Login fails on Safari', body: 'Steps…', labels: ['bug'], assignees: ['octocat'] });
    expect(created.result).toEqual({ ok: true, output: { number: 1347, htmlUrl: `https://github.com/${repo}/issues/1347` } });
    expect(await created.undo()).toEqual({ ok: true, output: { closed: 1347 } });
    expect(bodies(`POST /repos/${repo}/issues`)).toEqual([{ title: 'Login fails on Safari', body: 'Steps…', labels: ['bug'], assignees: ['octocat'] }]);
    expect(bodies(`PATCH /repos/${repo}/issues/1347`)).toEqual([{ state: 'closed', state_reason: 'not_planned' }]);
    expect(asked(sent)).toEqual([`POST /repos/${repo}/issues`, `PATCH /repos/${repo}/issues/1347`]);

    const comment = await step(githubIssueComment, ctx, { repo, number: 1347, body: 'Fixed in #1350.' });
    expect(comment.result).toEqual({ ok: true, output: { id: 1, htmlUrl: `https://github.com/${repo}/issues/1347#issuecomment-1` } });
    expect(await comment.undo()).toEqual({ ok: true, output: { deleted: 1 } });
    expect(asked(sent)).toEqual([`POST /repos/${repo}/issues/1347/comments`, `DELETE /repos/${repo}/issues/comments/1`]);

    // It has bug and enhancement (the example): p1 is new, enhancement removed, wontfix was never there (GitHub's 404 would be taken as done).
    const labelled = await step(githubIssueLabel, ctx, { repo, number: 1347, add: ['bug', 'p1'], remove: ['enhancement', 'wontfix'] });
    expect(labelled.snapshot).toEqual({ labels: ['bug', 'enhancement'] });
    expect(labelled.result).toEqual({ ok: true, output: { number: 1347, labels: ['bug'] } });
    expect(await labelled.undo()).toMatchObject({ ok: true, output: { add: ['enhancement'], remove: ['p1'] } });
    expect(bodies(`POST /repos/${repo}/issues/1347/labels`)).toEqual([{ labels: ['bug', 'p1'] }, { labels: ['enhancement'] }]);
    expect(asked(sent)).toEqual([
      `GET /repos/${repo}/issues/1347/labels?per_page=100`,
      `POST /repos/${repo}/issues/1347/labels`,
      `DELETE /repos/${repo}/issues/1347/labels/enhancement`,
      `DELETE /repos/${repo}/issues/1347/labels/wontfix`,
      `POST /repos/${repo}/issues/1347/labels`,
      `DELETE /repos/${repo}/issues/1347/labels/p1`,
    ]);

    // The example answers every assignment with octocat alone: hubot is reported as skipped, as GitHub skips logins it cannot assign.
    const assigned = await step(githubIssueAssign, ctx, { repo, number: 1347, add: ['hubot'], remove: ['octocat'] });
    expect(assigned.snapshot).toEqual({ assignees: ['octocat'] });
    expect(assigned.result).toEqual({ ok: true, output: { number: 1347, assignees: ['octocat'], notAssigned: ['hubot'] } });
    expect(await assigned.undo()).toMatchObject({ ok: true, output: { add: ['octocat'], remove: ['hubot'] } });
    expect(bodies(`POST /repos/${repo}/issues/1347/assignees`)).toEqual([{ assignees: ['hubot'] }, { assignees: ['octocat'] }]);
    expect(bodies(`DELETE /repos/${repo}/issues/1347/assignees`)).toEqual([{ assignees: ['octocat'] }, { assignees: ['hubot'] }]);
    expect(asked(sent)).toEqual([`GET /repos/${repo}/issues/1347`, `POST /repos/${repo}/issues/1347/assignees`, `DELETE /repos/${repo}/issues/1347/assignees`, `POST /repos/${repo}/issues/1347/assignees`, `DELETE /repos/${repo}/issues/1347/assignees`]);

    const closed = await step(githubIssueClose, ctx, { repo, number: 1347 });
    expect(closed.snapshot).toEqual({ state: 'open' });
    expect(closed.result).toEqual({ ok: true, output: { number: 1347, state: 'closed' } });
    expect(await closed.undo()).toEqual({ ok: true, output: { reopened: 1347 } });
    expect(bodies(`PATCH /repos/${repo}/issues/1347`)).toEqual([{ state: 'closed', state_reason: 'completed' }, { state: 'open', state_reason: 'reopened' }]);
    expect(asked(sent)).toEqual([`GET /repos/${repo}/issues/1347`, `PATCH /repos/${repo}/issues/1347`, `PATCH /repos/${repo}/issues/1347`]);
  });
});
