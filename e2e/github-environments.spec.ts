import { afterEach, describe, expect, it } from 'vitest';
import { githubEnvironmentDelete, githubEnvironmentSet } from '../main/core/families/github/github-environment-write-tools';
import { githubMock } from './fixtures/github-mock';
import { Answer, asked, bodyOf, classify, observed, previewOf, rewritingFront, step } from './fixtures/github-steps';
import { requireInfrastructure } from './fixtures/infrastructure';

// Deployment environments and their protection rules against the GitHub mock (Prism serving
// GitHub's own description, checking every request). The description's `staging` environment
// waits 30 minutes, needs octocat and the team justice-league, and deploys from `release/*` and
// `main`; a front answers 404 where a test needs an environment that does not exist yet.

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const token = `ghp_${'Env1'.repeat(9)}`;
const repo = 'octocat/Hello-World';
const base = '/repos/octocat/Hello-World/environments';

let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((front) => front.close()));
  fronts = [];
});
/** A front where the environment `name` does not exist (GitHub's 404), and has no secrets unless `secrets` (the mock's two). */
async function withoutEnvironment(name: string, secrets = false): Promise<string> {
  const front = await rewritingFront((method, path) => {
    if (method === 'GET' && path === `${base}/${name}`) return new Answer(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    if (method === 'GET' && path.startsWith(`${base}/${name}/secrets?`) && !secrets) return { total_count: 0, secrets: [] };
    return undefined;
  });
  fronts.push(front);
  return front.url;
}

describe('GitHub deployment environments', () => {
  it('changes one rule and keeps the rest: the diff shows it, the PUT carries every rule with reviewer ids, undo puts the old rules back', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed(url!, token);
    const input = { repo, name: 'staging', waitTimerMinutes: 60 };

    expect(await classify(githubEnvironmentSet, ctx, input)).toMatchObject({ risk: 'write', target: { id: 'github:octocat/hello-world' } });
    const preview = await previewOf(githubEnvironmentSet, ctx, input);
    expect(preview).toMatchObject({ kind: 'file', path: 'environment staging of octocat/Hello-World' });
    const diff = preview as { before: string; after: string };
    expect(diff.before).toBe('required reviewers: user octocat, team justice-league\nprevent self-review: no\nwait timer: 30 minutes\ndeploys from: branches and tags matching release/*, main\n');
    expect(diff.after).toBe(diff.before.replace('30 minutes', '60 minutes'));
    asked(sent);

    const made = await step(githubEnvironmentSet, ctx, input);
    expect(made.result).toEqual({ ok: true, output: { name: 'staging', created: false } });
    const requests = asked(sent.slice());
    expect(requests).toContain(`PUT ${base}/staging`);
    // The patterns it has are kept: nothing is deleted or posted for them.
    expect(requests.filter((request) => request.includes('deployment-branch-policies') && !request.startsWith('GET'))).toEqual([]);
    expect(bodyOf(sent, `PUT ${base}/staging`)).toEqual({ wait_timer: 60, prevent_self_review: false, reviewers: [{ type: 'User', id: 1 }, { type: 'Team', id: 1 }], deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } });
    sent.splice(0);

    expect((await made.undo()).ok).toBe(true);
    expect(asked(sent.slice())).toContain(`PUT ${base}/staging`);
    expect(bodyOf(sent, `PUT ${base}/staging`)).toMatchObject({ wait_timer: 30 });
  });

  it('weakening a protection is destructive, by code: reviewers dropped, self-review allowed, any branch', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed(url!, token);
    const weaker = await classify(githubEnvironmentSet, ctx, { repo, name: 'staging', reviewers: [], teams: ['justice-league'], waitTimerMinutes: 0, branches: 'any' });
    expect(weaker.risk).toBe('destructive');
    expect(weaker.reasons.join('\n')).toMatch(/no longer requires octocat to approve/);
    expect(weaker.reasons.join('\n')).toMatch(/shortens the wait timer from 30 to 0 minutes/);
    expect(weaker.reasons.join('\n')).toMatch(/lets any branch deploy \(was named patterns only\)/);
    expect((await classify(githubEnvironmentSet, ctx, { repo, name: 'staging', branches: 'custom', branchPatterns: ['main', 'release/*', 'feature/*'] })).reasons.join('\n')).toMatch(/lets feature\/\* deploy too/);
    // Stronger is a write.
    expect((await classify(githubEnvironmentSet, ctx, { repo, name: 'staging', preventSelfReview: true, branches: 'protected' })).risk).toBe('write');
    asked(sent);
  });

  it('creates an environment with its rules (branch patterns posted, tags too); undo deletes it', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed(await withoutEnvironment('production'), token);
    const input = { repo, name: 'production', reviewers: ['octocat'], preventSelfReview: true, waitTimerMinutes: 10, branches: 'custom', branchPatterns: ['main', 'tag v*'] };
    expect(await classify(githubEnvironmentSet, ctx, input)).toMatchObject({ risk: 'write', reasons: ['creates the environment production of octocat/Hello-World (undo deletes it)'] });
    expect(await previewOf(githubEnvironmentSet, ctx, input)).toMatchObject({ path: 'environment production of octocat/Hello-World (new)', before: null, after: 'required reviewers: user octocat\nprevent self-review: yes\nwait timer: 10 minutes\ndeploys from: branches and tags matching main, tag v*\n' });
    sent.splice(0);

    const made = await step(githubEnvironmentSet, ctx, input);
    expect(made.result).toEqual({ ok: true, output: { name: 'production', created: true } });
    expect(sent.filter((entry) => entry.request !== `GET ${base}/production`).map((entry) => [entry.request, entry.status, entry.violations])).toEqual([
      ['GET /users/octocat', 200, []],
      [`PUT ${base}/production`, 200, []],
      [`POST ${base}/production/deployment-branch-policies`, 200, []],
      [`POST ${base}/production/deployment-branch-policies`, 200, []],
    ]);
    const posted = sent.filter((entry) => entry.request.startsWith('POST')).map((entry) => (typeof entry.body === 'string' ? JSON.parse(entry.body) : entry.body));
    expect(posted).toEqual([
      { name: 'main', type: 'branch' },
      { name: 'v*', type: 'tag' },
    ]);
    sent.splice(0);
    expect((await made.undo()).ok).toBe(true);
    expect(asked(sent)).toEqual([`GET ${base}/production/secrets?per_page=1`, `DELETE ${base}/production`]);

    // Secrets put in it since it was made are someone's: undo leaves the environment.
    const later = await observed(await withoutEnvironment('production', true), token);
    const used = await step(githubEnvironmentSet, later.ctx, input);
    later.sent.splice(0);
    expect(await used.undo()).toMatchObject({ ok: false, error: { code: 'ENVIRONMENT_IN_USE', message: expect.stringMatching(/has 2 secrets now/) } });
    expect(asked(later.sent)).toEqual([`GET ${base}/production/secrets?per_page=1`]);
  });

  it('delete is destructive and says its secrets are lost; undo recreates its rules', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed(url!, token);
    expect(await classify(githubEnvironmentDelete, ctx, { repo, name: 'staging' })).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/with its secrets and variables, which cannot be restored/)] });
    expect(await previewOf(githubEnvironmentDelete, ctx, { repo, name: 'staging' })).toMatchObject({ path: expect.stringContaining('deleted with its secrets and variables'), after: null });
    sent.splice(0);
    const made = await step(githubEnvironmentDelete, ctx, { repo, name: 'staging' });
    expect(made.result).toEqual({ ok: true, output: { deleted: 'staging' } });
    expect(asked(sent.slice())).toContain(`DELETE ${base}/staging`);
    sent.splice(0);
    expect(await made.undo()).toMatchObject({ ok: true, output: { recreated: 'staging', lost: 'its secrets and variables' } });
    const recreated = asked(sent.slice());
    expect(recreated).toEqual([`PUT ${base}/staging`, `POST ${base}/staging/deployment-branch-policies`, `POST ${base}/staging/deployment-branch-policies`]);
    expect(bodyOf(sent, `PUT ${base}/staging`)).toMatchObject({ wait_timer: 30, reviewers: [{ type: 'User', id: 1 }, { type: 'Team', id: 1 }] });
  });
});
