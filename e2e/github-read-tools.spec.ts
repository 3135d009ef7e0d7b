import { createServer, request as forward } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { githubFamily } from '../main/core/families/github';
import { githubKey } from '../main/core/families/github/github-access';
import { githubPrList } from '../main/core/families/github/github-pr-tools';
import { probeGithub } from '../main/core/families/github/github-probe';
import { githubRepoGet, githubRepoList } from '../main/core/families/github/github-repo-tools';
import { githubRunList } from '../main/core/families/github/github-run-tools';
import { githubTokenSecret } from '../main/core/families/github/github-secret';
import { noSecrets } from '../main/core/tools/access';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';

// The GitHub family's read tools and doctor check against the GitHub mock (.ci/peers/github-mock.sh):
// Prism serving GitHub's own OpenAPI description, which checks every request Octokit sends against
// GitHub's contract and answers with the description's examples. Every request a test makes is
// observed on the step's own Octokit (a hook added by the test, not by the product), and must
// have met the contract. The outputs expected below are those examples, trimmed.

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const classicToken = `ghp_${'M0ck'.repeat(9)}`;
const fineGrainedToken = `github_pat_${'A'.repeat(22)}_${'m0ck'.repeat(14)}abc`;

interface Sent {
  readonly url: string;
  readonly status: number;
  readonly violations: PrismViolation[];
}

/** A tool context reaching the mock with a token, and every request its GitHub connection sends. */
async function observed(env: NodeJS.ProcessEnv = {}): Promise<{ ctx: ToolContext; sent: Sent[] }> {
  const ctx = toolContext('/tmp', { GITHUB_API_URL: url!, GITHUB_TOKEN: classicToken, ...env }, {} as never, noSecrets);
  const sent: Sent[] = [];
  const octokit = await ctx.access(githubKey).client();
  octokit.hook.after('request', (response) => {
    sent.push({ url: response.url, status: response.status, violations: requestViolations(response.headers) });
  });
  octokit.hook.error('request', (error) => {
    const failed = error as { status?: number; response?: { url: string; headers: Record<string, unknown>; data: unknown } };
    if (failed.response) sent.push({ url: failed.response.url, status: failed.status ?? 0, violations: [...requestViolations(failed.response.headers), ...problemViolations(failed.response.data)] });
    throw error;
  });
  return { ctx, sent };
}

/**
 * Where the description has no 4xx answer for an endpoint, Prism names the violations in an
 * application/problem+json body (`validation`) instead of the header; Octokit leaves that body as bytes.
 */
function problemViolations(data: unknown): PrismViolation[] {
  if (!(data instanceof ArrayBuffer)) return [];
  const problem = JSON.parse(Buffer.from(data).toString('utf8')) as { validation?: PrismViolation[] };
  return (problem.validation ?? []).map((violation) => ({ ...violation, location: ['request', ...violation.location] }));
}

const run = <I, O>(tool: ToolDefinition<I, O>, ctx: ToolContext, input: Record<string, unknown>) => tool.run({ input: tool.input.parse(input), ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });

/** Every request met GitHub's contract and was answered 2xx; the paths it asked for, without the mock's address. */
function asked(sent: readonly Sent[]): string[] {
  for (const request of sent) {
    expect(request.violations, `${request.url} met GitHub's contract`).toEqual([]);
    expect(request.status, request.url).toBeLessThan(300);
  }
  return sent.map((request) => request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''));
}

// The description's examples, as the tools trim them.
const helloWorld = { fullName: 'octocat/Hello-World', description: 'This your first repo!', defaultBranch: 'master', visibility: 'public', stars: 80, openIssues: 0, pushedAt: '2011-01-26T19:06:43Z', archived: false, fork: false, htmlUrl: 'https://github.com/octocat/Hello-World' };
const pull1347 = { number: 1347, title: 'Amazing new feature', state: 'open', draft: false, author: 'octocat', base: 'master', head: 'new-topic', labels: ['bug'], updatedAt: '2011-01-26T19:01:12Z', htmlUrl: 'https://github.com/octocat/Hello-World/pull/1347' };
const buildRun = { id: 30433642, number: 562, workflow: 'Build', title: 'Update README.md', status: 'queued', conclusion: null, branch: 'master', event: 'push', createdAt: '2020-01-22T19:33:08Z', htmlUrl: 'https://github.com/octo-org/octo-repo/actions/runs/30433642' };

/**
 * A front to the mock that pages the way GitHub does when there is always one more page: each
 * list answer (Prism's, unchanged) gets a Link to the next page. A static mock has one page; this
 * shows that a list stops asking at its limit. It records what passes through, and may add headers
 * GitHub sends that the description does not model (a classic token's `x-oauth-scopes`).
 */
async function pagingFront(extraHeaders: Record<string, string> = {}) {
  const target = new URL(url!);
  const passed: Sent[] = [];
  const server = createServer((incoming, reply) => {
    const outgoing = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
      passed.push({ url: incoming.url!, status: answer.statusCode ?? 0, violations: requestViolations(answer.headers) });
      const headers: Record<string, string | string[] | undefined> = { ...answer.headers, ...extraHeaders };
      const self = new URL(incoming.url!, front.url);
      if (answer.statusCode === 200 && self.searchParams.has('per_page')) {
        self.searchParams.set('page', String(Number(self.searchParams.get('page') ?? '1') + 1));
        headers.link = `<${self.href}>; rel="next"`;
      }
      reply.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(reply);
    });
    incoming.pipe(outgoing);
  });
  const front = await listenOnLoopback(server);
  /** What reached it: for requests the test cannot hook (the doctor's and a token test's own clients). */
  return { url: front.url, close: front.close, requests: () => passed.length, passed: () => passed };
}

let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((front) => front.close()));
  fronts = [];
});
async function front(extraHeaders?: Record<string, string>) {
  const made = await pagingFront(extraHeaders);
  fronts.push(made);
  return made;
}

describe('GitHub read tools against GitHub’s own contract', () => {
  it('github.repo.get: the repository, trimmed to what a person reads', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    expect(await run(githubRepoGet, ctx, { repo: 'octocat/Hello-World' })).toEqual({ ok: true, output: helloWorld });
    expect(asked(sent)).toEqual(['/repos/octocat/Hello-World']);
  });

  it("github.repo.list: the token's repositories, or an organisation's", async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    expect(await run(githubRepoList, ctx, {})).toEqual({ ok: true, output: { repositories: [helloWorld], count: 1, more: false } });
    expect(await run(githubRepoList, ctx, { owner: 'octocat', sort: 'updated', limit: 20 })).toEqual({ ok: true, output: { repositories: [helloWorld], count: 1, more: false } });
    expect(asked(sent)).toEqual(['/user/repos?sort=pushed&per_page=100', '/orgs/octocat/repos?sort=updated&per_page=20']);
  });

  it('github.pr.list: state, base, head, author, draft, labels and last update, filters sent as GitHub names them', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    expect(await run(githubPrList, ctx, { repo: 'octocat/Hello-World' })).toEqual({ ok: true, output: { pullRequests: [pull1347], count: 1, more: false } });
    expect(await run(githubPrList, ctx, { repo: 'octocat/Hello-World', state: 'all', base: 'master', head: 'new-topic', sort: 'created', limit: 10 })).toMatchObject({ ok: true, output: { count: 1 } });
    expect(asked(sent)).toEqual(['/repos/octocat/Hello-World/pulls?state=open&sort=updated&direction=desc&per_page=100', '/repos/octocat/Hello-World/pulls?state=all&base=master&head=octocat%3Anew-topic&sort=created&direction=desc&per_page=10']);
  });

  it('github.run.list: runs of the repository, of a workflow by file, id or name, by branch, status and event', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    const runs = { ok: true, output: { runs: [buildRun], count: 1, more: false } };
    expect(await run(githubRunList, ctx, { repo: 'octocat/Hello-World' })).toEqual(runs);
    expect(await run(githubRunList, ctx, { repo: 'octocat/Hello-World', workflow: '.github/workflows/deploy.yml', branch: 'main', status: 'failure', event: 'push', limit: 5 })).toEqual(runs);
    // The description's workflows are "CI" (.github/workflows/blank.yaml) and "Linter": a name is looked up, and its file asked for.
    expect(await run(githubRunList, ctx, { repo: 'octocat/Hello-World', workflow: 'ci' })).toEqual(runs);
    expect(await run(githubRunList, ctx, { repo: 'octocat/Hello-World', workflow: 'Deploy' })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'octocat/Hello-World has no workflow named "Deploy": it has CI (blank.yaml), Linter (linter.yaml). Give its name, file or id.' } });
    expect(asked(sent)).toEqual([
      '/repos/octocat/Hello-World/actions/runs?per_page=100',
      '/repos/octocat/Hello-World/actions/workflows/deploy.yml/runs?branch=main&status=failure&event=push&per_page=5',
      '/repos/octocat/Hello-World/actions/workflows?per_page=100',
      '/repos/octocat/Hello-World/actions/workflows/blank.yaml/runs?per_page=100',
      '/repos/octocat/Hello-World/actions/workflows?per_page=100',
    ]);
  });

  it('github.run.list by numeric workflow id: the request GitHub takes, which its description makes ambiguous', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    // The description types workflow_id as oneOf integer | string, and an id in a path is both, so
    // Prism refuses every numeric id; GitHub takes ids (REST docs: "the ID of the workflow. You can
    // also pass the workflow file name"). The one violation must be that, and nothing the tool chose.
    expect(await run(githubRunList, ctx, { repo: 'octocat/Hello-World', workflow: 161335 })).toMatchObject({ ok: false, error: { code: 'GITHUB_INVALID' } });
    expect(sent.map((request) => [request.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), request.status, request.violations.map((violation) => `${violation.location.join('.')}: ${violation.code}`)])).toEqual([
      ['/repos/octocat/Hello-World/actions/workflows/161335/runs?per_page=100', 422, ['request.path.workflow_id: oneOf']],
    ]);
  });

  it('a list stops asking for pages once it has limit items, each page a valid request', async (context) => {
    requireInfrastructure(context, problem, need);
    const paging = await front();
    const { ctx, sent } = await observed({ GITHUB_API_URL: paging.url });
    // The mock's pages hold one example each, and the front always offers another.
    expect(await run(githubPrList, ctx, { repo: 'octocat/Hello-World', limit: 3 })).toEqual({ ok: true, output: { pullRequests: [pull1347, pull1347, pull1347], count: 3, more: true } });
    expect(asked(sent)).toEqual([1, 2, 3].map((page) => `/repos/octocat/Hello-World/pulls?state=open&sort=updated&direction=desc&per_page=3${page > 1 ? `&page=${page}` : ''}`));
    const runs = await run(githubRunList, ctx, { repo: 'octocat/Hello-World', limit: 2 });
    expect(runs).toMatchObject({ ok: true, output: { count: 2, more: true } });
    const repos = await run(githubRepoList, ctx, { limit: 4 });
    expect(repos).toMatchObject({ ok: true, output: { count: 4, more: true } });
    expect(asked(sent)).toHaveLength(3 + 2 + 4);
    expect(paging.requests()).toBe(3 + 2 + 4);
  });

  it('without a token every tool fails saying how to store one, and nothing reaches GitHub', async (context) => {
    requireInfrastructure(context, problem, need);
    const paging = await front();
    const ctx = toolContext('/tmp', { GITHUB_API_URL: paging.url }, {} as never, noSecrets);
    const inputs: [ToolDefinition, Record<string, unknown>][] = [[githubRepoGet, { repo: 'octocat/Hello-World' }], [githubRepoList, {}], [githubPrList, { repo: 'octocat/Hello-World' }], [githubRunList, { repo: 'octocat/Hello-World' }]];
    for (const [tool, input] of inputs) {
      const result = await run(tool, ctx, input);
      expect(result, tool.name).toMatchObject({ ok: false, error: { code: 'GITHUB_TOKEN_MISSING', permanent: true, message: expect.stringMatching(/No GitHub token was found .*Store a GitHub token in Settings.*`gh auth token`.*GITHUB_TOKEN/) } });
    }
    expect(paging.requests()).toBe(0);
  });
});

describe('the GitHub doctor check and the stored token’s test, against the mock', () => {
  it('reports the account, a classic token’s scopes and the rate limit left, and offers the tools', async (context) => {
    requireInfrastructure(context, problem, need);
    // GitHub sends x-oauth-scopes for classic tokens; the description does not model it.
    const scoped = await front({ 'x-oauth-scopes': 'repo, workflow' });
    const check = await probeGithub({ env: { GITHUB_API_URL: scoped.url, GH_TOKEN: classicToken } });
    // The description's /rate_limit example: core 4999 of 5000, resetting at 1691591363.
    expect(check).toMatchObject({
      status: 'ok',
      fix: null,
      account: 'octocat',
      tokenSource: 'GH_TOKEN',
      tokenKind: 'classic',
      scopes: ['repo', 'workflow'],
      rateLimit: { limit: 5000, remaining: 4999, resetAt: new Date(1691591363 * 1000).toISOString() },
      summary: `Signed in to ${new URL(scoped.url).host} as octocat (classic token, scopes repo, workflow; 4999 of 5000 requests left this hour)`,
      statusBar: { id: 'github', label: 'GitHub: octocat', tone: 'ok' },
    });
    expect(JSON.stringify(check)).not.toContain(classicToken);
    expect(githubFamily.presentWhen!({ github: check })).toBe(true);
    expect(asked(scoped.passed()).sort()).toEqual(['/rate_limit', '/user']);
  });

  it('says a fine-grained token has no scopes, its permissions being per repository', async (context) => {
    requireInfrastructure(context, problem, need);
    const plain = await front();
    const [check] = await Promise.all(githubFamily.probes!.map((probe) => probe.run({ env: { GITHUB_API_URL: plain.url, GITHUB_TOKEN: fineGrainedToken }, secret: () => null })));
    expect(check).toMatchObject({ status: 'ok', account: 'octocat', tokenKind: 'fine-grained', scopes: null, summary: expect.stringContaining('fine-grained token: no scopes, its permissions are set per repository') });
    expect(asked(plain.passed()).sort()).toEqual(['/rate_limit', '/user']);
  });

  it('tests a token before it is trusted: the account GitHub knows it as', async (context) => {
    requireInfrastructure(context, problem, need);
    expect(githubTokenSecret.check!(classicToken)).toBeNull();
    const plain = await front();
    expect(await githubTokenSecret.test!(classicToken, { env: { GITHUB_API_URL: plain.url }, signal: new AbortController().signal })).toEqual({ ok: true, message: `The token works: GitHub (${new URL(plain.url).host}) knows it as octocat.` });
    expect(asked(plain.passed())).toEqual(['/user']);
  });
});
