import { copyFileSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { githubBranchCreate } from '../main/core/families/github/github-branch-tools';
import { githubIssueLabel } from '../main/core/families/github/github-issue-change-tools';
import { githubIssueCreate } from '../main/core/families/github/github-issue-tools';
import { githubBranchProtect } from '../main/core/families/github/github-protection-tools';
import { githubReleaseUploadAsset } from '../main/core/families/github/github-release-tools';
import { githubRepoGet } from '../main/core/families/github/github-repo-tools';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { loadScenario, type Replay, type ReplayedRequest, replayScenario } from './fixtures/octokit-fixtures-replay';

// Reign's GitHub tools in whole flows against answers recorded from the real GitHub
// (@octokit/fixtures, replayed by e2e/fixtures/octokit-fixtures-replay.ts): each request must be
// one GitHub was really sent — method, path, query and body — and is answered as GitHub answered
// it. Each flow then says which recorded requests Reign's tools never make, and every request that
// matched is sent once more to the GitHub mock (Prism, GitHub's OpenAPI description) to check it
// met GitHub's contract too. The replayer lays GitHub out as an Enterprise Server does (/api/v3,
// /api/uploads), so an upload only matches when it goes to the upload root Reign derives.
//
// Scenarios not replayed: `labels` (a repository's labels: list, create, get, rename, delete — no
// Reign tool manages repository labels).

const { url: mockUrl, problem } = githubMock();
const need = 'The GitHub mock (to check the replayed requests against GitHub’s contract)';
const token = `ghp_${'F1xt'.repeat(9)}`;
const scenarios = (name: string) => join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules/@octokit/fixtures/scenarios/api.github.com', name);

let open: Replay[] = [];
afterEach(async () => {
  await Promise.all(open.map((replay) => replay.close()));
  open = [];
});

async function replay(name: string): Promise<Replay> {
  const started = await replayScenario(name);
  open.push(started);
  return started;
}

const context = (replayed: Replay, workspace = '/tmp'): ToolContext => toolContext(workspace, { GITHUB_API_URL: replayed.apiUrl, GITHUB_TOKEN: token }, {} as never);
const noLog = { log: () => {}, progress: () => {} };
const signal = () => new AbortController().signal;

/** `METHOD url` of each request, as the replayer received it. */
const lines = (requests: readonly ReplayedRequest[]): string[] => requests.map((request) => `${request.method} ${request.url}`);

/** Each request sent again to the GitHub mock, which names whatever breaks GitHub's contract. */
async function contractViolations(requests: readonly ReplayedRequest[]): Promise<Record<string, PrismViolation[]>> {
  const found: Record<string, PrismViolation[]> = {};
  for (const request of requests) {
    const path = request.url.replace(/^\/api\/(v3|uploads)/, '');
    // The description lists only application/octet-stream for an asset upload, where GitHub takes
    // any media type (the recording is GitHub accepting text/plain): the rest of the upload is
    // checked as octet-stream.
    const contentType = request.url.startsWith('/api/uploads/') ? 'application/octet-stream' : request.contentType;
    const answer = await fetch(`${mockUrl}${path}`, {
      method: request.method,
      headers: { authorization: `token ${token}`, accept: 'application/vnd.github.v3+json', ...(contentType ? { 'content-type': contentType } : {}) },
      body: request.body || undefined,
    });
    const text = await answer.text();
    const problems = answer.headers.get('content-type')?.includes('problem+json') ? ((JSON.parse(text) as { validation?: PrismViolation[] }).validation ?? []).map((violation) => ({ ...violation, location: ['request', ...violation.location] })) : [];
    found[`${request.method} ${path}`] = [...requestViolations(Object.fromEntries(answer.headers)), ...problems];
    expect(answer.status, `${request.method} ${path}: the mock took it`).toBeLessThan(300);
  }
  return found;
}

/** Every matched request met GitHub's contract (Prism found nothing wrong with any). */
async function expectContract(requests: readonly ReplayedRequest[]) {
  const violations = await contractViolations(requests);
  for (const [request, found] of Object.entries(violations)) expect(found, `${request} met GitHub's contract`).toEqual([]);
  expect(Object.keys(violations)).toHaveLength(new Set(requests.map((request) => `${request.method} ${request.url}`)).size);
}

const run = <I, O>(tool: ToolDefinition<I, O>, ctx: ToolContext, input: I) => tool.run({ input, ctx, signal: signal(), ...noLog });

describe('Reign’s GitHub tools replaying recorded GitHub answers (@octokit/fixtures)', () => {
  it('release-assets: upload-asset finds v1.0.0 by its tag and uploads to the upload root of the API in use, and undo deletes the asset', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const replayed = await replay('release-assets');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-fixtures-')));
    copyFileSync(join(scenarios('release-assets'), 'test-upload.txt'), join(workspace, 'test-upload.txt'));
    const ctx = context(replayed, workspace);
    const input = githubReleaseUploadAsset.input.parse({ repo: 'octokit-fixture-org/release-assets', release: 'v1.0.0', path: 'test-upload.txt', label: 'test', contentType: 'text/plain' });

    const facts = await githubReleaseUploadAsset.inspect!({ input, ctx, signal: signal() });
    expect(githubReleaseUploadAsset.risk({ input, ctx, facts })).toEqual({ risk: 'write', reasons: ['uploads test-upload.txt (14 bytes) as test-upload.txt to the release v1.0.0 of octokit-fixture-org/release-assets'] });
    const preview = await githubReleaseUploadAsset.preview({ input, ctx });
    expect(preview).toMatchObject({ text: expect.stringContaining(`POST ${replayed.uploadsUrl}/repos/octokit-fixture-org/release-assets/releases/{id}/assets?name=test-upload.txt`) });

    const result = await run(githubReleaseUploadAsset, ctx, input);
    // GitHub's own answer: the asset it stored, with its download address.
    expect(result).toEqual({ ok: true, output: { id: 1000, name: 'test-upload.txt', size: 14, downloadUrl: 'https://github.com/octokit-fixture-org/release-assets/releases/download/v1.0.0/test-upload.txt', releaseId: 1000 } });
    const undone = await githubReleaseUploadAsset.undo!({ input, output: result.ok ? result.output : null, snapshot: undefined, ctx, signal: signal() });
    expect(undone).toEqual({ ok: true, output: { deletedAsset: 1000 } });

    expect(replayed.unmatched).toEqual([]);
    // The upload went to /api/uploads (uploads.github.com's recording), never to the release's upload_url on uploads.github.com.
    expect(lines(replayed.matched)).toEqual([
      'GET /api/v3/repos/octokit-fixture-org/release-assets/releases/tags/v1.0.0',
      'POST /api/uploads/repos/octokit-fixture-org/release-assets/releases/1000/assets?name=test-upload.txt&label=test',
      'DELETE /api/v3/repos/octokit-fixture-org/release-assets/releases/assets/1000',
    ]);
    // Listing, reading and renaming a release's assets: no Reign tool does these.
    expect(replayed.unused()).toEqual([
      'GET /repos/octokit-fixture-org/release-assets/releases/1000/assets',
      'GET /repos/octokit-fixture-org/release-assets/releases/assets/1000',
      'PATCH /repos/octokit-fixture-org/release-assets/releases/assets/1000',
    ]);
    await expectContract(replayed.matched);
  });

  it('branch-protection: the snapshot finds main unprotected (GitHub’s 404), protect sends the recorded PUT; undo first reads the protection (not recorded) and, unable to, leaves it', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const replayed = await replay('branch-protection');
    const ctx = context(replayed);
    const input = githubBranchProtect.input.parse({ repo: 'octokit-fixture-org/branch-protection', branch: 'main' });

    const snapshot = await githubBranchProtect.snapshot!({ input, ctx });
    expect(snapshot).toEqual({ current: null });
    const result = await run(githubBranchProtect, ctx, input);
    // The protection GitHub answered with: every rule off.
    expect(result).toEqual({
      ok: true,
      output: {
        branch: 'main',
        rules: [
          'Pull request before merging: not required',
          'Required status checks: none',
          'Rules apply to administrators: no',
          'Linear history required: no',
          'Conversations must be resolved: no',
          'Force pushes allowed: no',
          'Deleting the branch allowed: no',
          'Who may push: anyone with write access',
          'Branch locked (read-only): no',
        ],
      },
    });
    // Undo takes back only the protection the step set, so it reads it first; the recording has no
    // second GET, and an undo that cannot read the protection removes nothing (the DELETE is
    // covered against the mock in github-protection-tags.spec.ts).
    const undone = await githubBranchProtect.undo!({ input, output: result.ok ? result.output : null, snapshot, ctx, signal: signal() });
    expect(undone).toMatchObject({ ok: false });

    expect(replayed.unmatched.map((request) => `${request.method} ${request.url}`)).toContain('GET /api/v3/repos/octokit-fixture-org/branch-protection/branches/main/protection');
    expect(lines(replayed.matched)).toEqual([
      'GET /api/v3/repos/octokit-fixture-org/branch-protection/branches/main/protection',
      'PUT /api/v3/repos/octokit-fixture-org/branch-protection/branches/main/protection',
    ]);
    // The second recorded PUT restricts who may push and who may dismiss reviews to named users
    // and teams: Reign's protect never sets those (it sends restrictions: null).
    expect(replayed.unused()).toEqual(['PUT /repos/octokit-fixture-org/branch-protection/branches/main/protection', 'DELETE /repos/octokit-fixture-org/branch-protection/branches/main/protection']);
    const [, , second] = loadScenario('branch-protection');
    expect(second!.body).toMatchObject({ restrictions: { users: ['octokit-fixture-user-a'], teams: ['a-team'] } });
    await expectContract(replayed.matched);
  });

  it('git-refs: github.branch.create at a commit sends the recorded POST and reports the ref GitHub made', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const replayed = await replay('git-refs');
    const ctx = context(replayed);
    const result = await run(githubBranchCreate, ctx, githubBranchCreate.input.parse({ repo: 'octokit-fixture-org/git-refs', branch: 'test', from: '0000000000000000000000000000000000000002' }));
    expect(result).toEqual({ ok: true, output: { branch: 'test', sha: '0000000000000000000000000000000000000002', from: '0000000' } });
    expect(replayed.unmatched).toEqual([]);
    expect(lines(replayed.matched)).toEqual(['POST /api/v3/repos/octokit-fixture-org/git-refs/git/refs']);
    // Listing every ref and moving one (PATCH) are no Reign tool; Reign deletes a branch only after
    // reading it (undo: its head) or the repository (delete: the default branch), which were not recorded.
    expect(replayed.unused()).toEqual([
      'GET /repos/octokit-fixture-org/git-refs/git/refs/',
      'PATCH /repos/octokit-fixture-org/git-refs/git/refs/heads/test',
      'GET /repos/octokit-fixture-org/git-refs/git/refs/',
      'DELETE /repos/octokit-fixture-org/git-refs/git/refs/heads/test',
    ]);
    await expectContract(replayed.matched);
  });

  it('add-labels-to-issue: github.issue.label sends the recorded POST; github.issue.create sends more than the recorded body, and the replayer says so', { timeout: 30_000 }, async (context_) => {
    requireInfrastructure(context_, problem, need);
    const replayed = await replay('add-labels-to-issue');
    const ctx = context(replayed);
    const labelled = await run(githubIssueLabel, ctx, githubIssueLabel.input.parse({ repo: 'octokit-fixture-org/add-labels-to-issue', number: 1, add: ['Foo', 'bAr', 'baZ'] }));
    expect(labelled).toEqual({ ok: true, output: { number: 1, labels: ['Foo', 'bAr', 'baZ'] } });
    expect(lines(replayed.matched)).toEqual(['POST /api/v3/repos/octokit-fixture-org/add-labels-to-issue/issues/1/labels']);
    await expectContract(replayed.matched);

    // github.issue.create always sends its (empty) labels and assignees: not the recorded body
    // {"title":"Issue without a label"}, so the replayer refuses it (the retry plugin tries a 501 twice more).
    const created = await run(githubIssueCreate, ctx, githubIssueCreate.input.parse({ repo: 'octokit-fixture-org/add-labels-to-issue', title: 'Issue without a label' }));
    expect(created.ok).toBe(false);
    expect(replayed.unmatched.map((request) => JSON.parse(request.body) as unknown)[0]).toEqual({ title: 'Issue without a label', labels: [], assignees: [] });
    expect(replayed.unused()).toEqual(['POST /repos/octokit-fixture-org/add-labels-to-issue/issues']);
  });

  it('get-repository: github.repo.get trims the recorded repository', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const replayed = await replay('get-repository');
    const result = await run(githubRepoGet, context(replayed), { repo: 'octokit-fixture-org/hello-world' });
    expect(result).toEqual({
      ok: true,
      output: { fullName: 'octokit-fixture-org/hello-world', description: null, defaultBranch: 'master', visibility: 'public', stars: 42, openIssues: 42, pushedAt: '2017-10-10T16:00:00Z', archived: false, fork: false, htmlUrl: 'https://github.com/octokit-fixture-org/hello-world' },
    });
    expect(replayed.unused()).toEqual([]);
    expect(replayed.unmatched).toEqual([]);
    await expectContract(replayed.matched);
  });

  it('the replayer answers 501 naming a request it has no unused recording of: another body, another query, a second time, outside the API root', async () => {
    const replayed = await replay('get-repository');
    const send = (path: string, init: RequestInit = {}) => fetch(`${replayed.apiUrl.replace(/\/api\/v3$/, '')}${path}`, { ...init, headers: { authorization: `token ${token}`, ...init.headers } });
    expect((await send('/api/v3/repos/octokit-fixture-org/hello-world?per_page=1')).status).toBe(501);
    expect((await send('/api/v3/repos/octokit-fixture-org/hello-world', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(501);
    expect((await send('/repos/octokit-fixture-org/hello-world')).status).toBe(501);
    // No token: GitHub would not have answered as recorded.
    expect((await fetch(`${replayed.apiUrl}/repos/octokit-fixture-org/hello-world`)).status).toBe(501);
    const first = await send('/api/v3/repos/octokit-fixture-org/hello-world');
    expect(first.status).toBe(200);
    expect(((await first.json()) as { full_name: string }).full_name).toBe('octokit-fixture-org/hello-world');
    const again = await send('/api/v3/repos/octokit-fixture-org/hello-world');
    expect(again.status).toBe(501);
    expect(((await again.json()) as { message: string }).message).toBe('The get-repository scenario has no unused recording of GET /api/v3/repos/octokit-fixture-org/hello-world');
    expect(replayed.unmatched).toHaveLength(5);
    expect(replayed.unused()).toEqual([]);
  });
});
