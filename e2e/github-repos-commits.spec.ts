import { createServer, request as forward } from 'node:http';
import { delimiter, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubKey } from '../main/core/families/github/github-access';
import { githubCommitCreate, githubCommitTools } from '../main/core/families/github/github-commit-tools';
import { CI_WORKFLOW_PATH, renderRepoTemplate, repoTemplateIds } from '../main/core/families/github/github-repo-templates';
import { githubRepoCreate, githubRepoFork } from '../main/core/families/github/github-repo-write-create';
import { githubRepoArchive, githubRepoDelete, githubRepoUpdate } from '../main/core/families/github/github-repo-write-settings';
import { githubRepoWriteTools } from '../main/core/families/github/github-repo-write-tools';
import { renderWorkflow } from '../main/core/families/github/github-workflow-compose';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { noSecrets } from '../main/core/tools/access';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { actionlintPeer } from './fixtures/actionlint';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';

// The GitHub family's repository tools (create from a template, fork, update, archive, delete)
// and commits through the git data API against the GitHub mock (.ci/peers/github-mock.sh): Prism
// serving GitHub's own OpenAPI description, which checks every request against GitHub's contract
// and answers with the description's examples. Every request a tool sends is observed on the
// step's own Octokit (a hook added by the test) and must have met the contract. The examples are
// fixed (a created repository is always octocat/Hello-World, default branch master; any branch
// reads as head 7fd1a60 with tree b4eecaf; a created commit is 7638417); where a test needs another
// answer (a protected branch, a branch that moved, a 404), a loopback front before the mock changes
// that one answer and passes the rest through, Prism's validation headers included.

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const token = `ghp_${'M0ck'.repeat(9)}`;
const repo = 'octocat/Hello-World';
const policy = new PolicyEngine();

// Shas of the description's examples.
const branchSha = '7fd1a60b01f91b314f59955a4e4d4e80d8edf11d'; // GET /branches/{branch}: the head
const branchTree = 'b4eecafa9be2f2006ce1b709d6857b07069b4608'; // …and its tree
const blobSha = '3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15'; // POST /git/blobs (files too large to go inline)
const treeSha = 'cd8274d15fa3ae2ab983129fb037999f264ba9a7'; // POST /git/trees
const commitSha = '7638417db6d59f3c431d3e1f261cc637155684cd'; // POST /git/commits
const olderSha = '553c2077f0edc3d5dc5d17262f6aa498e69d6f8e';

interface Sent {
  readonly request: string;
  readonly body: unknown;
  readonly status: number;
  readonly violations: PrismViolation[];
}

/** A tool context reaching the mock (or a front before it) with a token, and every request its GitHub connection sends. */
async function observed(apiUrl = url!): Promise<{ ctx: ToolContext; sent: Sent[] }> {
  const ctx = toolContext('/tmp', { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token }, {} as never, noSecrets);
  const sent: Sent[] = [];
  const octokit = await ctx.access(githubKey).client();
  octokit.hook.wrap('request', async (request, options) => {
    const { method, url: address, body } = octokit.request.endpoint(options as never) as { method: string; url: string; body?: unknown };
    const line = `${method} ${address.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')}`;
    try {
      const response = await request(options);
      sent.push({ request: line, body: body ?? null, status: response.status, violations: requestViolations(response.headers) });
      return response;
    } catch (error) {
      const failed = error as { status?: number; response?: { headers: Record<string, unknown> } };
      sent.push({ request: line, body: body ?? null, status: failed.status ?? 0, violations: failed.response ? requestViolations(failed.response.headers) : [] });
      throw error;
    }
  });
  return { ctx, sent };
}

/** Every request met GitHub's contract and was answered 2xx (or the 404 a test made on purpose); then what was asked, cleared for the next part. */
function asked(sent: Sent[], expected404: readonly string[] = []): string[] {
  for (const entry of sent) {
    expect(entry.violations, `${entry.request} met GitHub's contract`).toEqual([]);
    if (expected404.includes(entry.request)) expect(entry.status, entry.request).toBe(404);
    else expect(entry.status, entry.request).toBeLessThan(300);
  }
  return sent.splice(0).map((entry) => entry.request);
}
const json = (body: unknown): unknown => (typeof body === 'string' ? JSON.parse(body) : body);
const bodiesOf = (sent: readonly Sent[], request: string): unknown[] => sent.filter((entry) => entry.request === request).map((entry) => json(entry.body));
const bodyOf = (sent: readonly Sent[], request: string): unknown => bodiesOf(sent, request)[0];

const signal = () => new AbortController().signal;
const parseInput = <I>(tool: ToolDefinition<I>, input: Record<string, unknown>): I => tool.input.parse(input);

async function step<I, O>(tool: ToolDefinition<I, O>, ctx: ToolContext, raw: Record<string, unknown>) {
  const input = parseInput(tool, raw);
  const snapshot = tool.snapshot ? await tool.snapshot({ input, ctx }) : undefined;
  const result = await tool.run({ input, ctx, signal: signal(), log: () => {}, progress: () => {} });
  return { result, snapshot, undo: () => tool.undo!({ input, snapshot, output: result.ok ? result.output : null, ctx, signal: signal() }) };
}
const classify = (tool: ToolDefinition, ctx: ToolContext, raw: Record<string, unknown>) => classifyStep(tool, parseInput(tool, raw), ctx, policy);
const preview = (tool: ToolDefinition, ctx: ToolContext, raw: Record<string, unknown>) => tool.preview({ input: parseInput(tool, raw), ctx });
const previewText = async (tool: ToolDefinition, ctx: ToolContext, raw: Record<string, unknown>) => {
  const made = await preview(tool, ctx, raw);
  return made.kind === 'text' ? made.text : JSON.stringify(made);
};

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };

/**
 * A front to the mock: every request is forwarded (so Prism validates it and its sl-violations
 * header comes back), and `rewrite` may change the answer's status, JSON body or headers.
 */
async function front(rewrite: (method: string, path: string, body: unknown) => Answer | undefined) {
  const target = new URL(url!);
  const server = createServer((incoming, reply) => {
    const outgoing = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const parsed = /json/.test(String(answer.headers['content-type'])) && text ? (JSON.parse(text) as unknown) : null;
        const changed = rewrite(incoming.method!, incoming.url!, parsed);
        const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = answer.headers;
        reply.writeHead(changed?.status ?? answer.statusCode ?? 502, { ...headers, ...changed?.headers });
        reply.end(changed?.body === undefined ? text : JSON.stringify(changed.body));
      });
    });
    incoming.pipe(outgoing);
  });
  const made = await listenOnLoopback(server);
  fronts.push(made);
  return made.url;
}
let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((made) => made.close()));
  fronts = [];
});

/** A branch answer (GET /repos/o/r/branches/B) with another head or protection. */
const branchAnswer = (change: { sha?: string; protected?: boolean }) => (method: string, path: string, body: unknown): Answer | undefined => {
  if (method !== 'GET' || !/^\/repos\/octocat\/Hello-World\/branches\/[^/?]+/.test(path)) return undefined;
  const branch = body as { commit: Record<string, unknown>; protected: boolean };
  return { body: { ...branch, commit: { ...branch.commit, sha: change.sha ?? branch.commit.sha }, protected: change.protected ?? branch.protected } };
};

const goodWorkflow = () => renderWorkflow({ templates: ['node-build', 'node-test'], defaultBranch: 'master', name: 'CI' }).content;
// `timeout-minutes` must be a number and `shell` a string: two schema errors, on lines 6 and 9.
const brokenWorkflow = 'name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: soon\n    steps:\n      - run: npm test\n        shell: 42\n';
// Past the inline limit: uploaded as a blob before the tree.
const bigFile = `${'0123456789abcdef'.repeat(4 * 1024 + 1)}\n`;

describe('github.repo.create from each template', () => {
  it.for(repoTemplateIds)('%s: the repository, then its files in one tree request and one commit on GitHub\'s first commit, placeholders filled', async (template, context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    const input = { owner: 'octocat', name: `demo-${template}`, template, description: 'Made by the e2e test', license: 'mit' };
    expect(await classify(githubRepoCreate, ctx, input)).toMatchObject({ risk: 'write', reasons: [`creates the private repository octocat/demo-${template} from the ${template} template`], target: { id: `github:octocat/demo-${template}` } });
    // Rated from the input alone, and previewed without GitHub: the files as a diff against nothing.
    const shown = await preview(githubRepoCreate, ctx, input);
    expect(shown).toMatchObject({ kind: 'file', path: expect.stringContaining(`Create the private repository octocat/demo-${template} from the ${template} template`), before: expect.stringContaining('=== README.md\n') });
    expect(asked(sent)).toEqual([]);

    const made = await step(githubRepoCreate, ctx, input);
    // The mock answers its example repository for any creation.
    const expected = renderRepoTemplate(template, { owner: 'octocat', name: `demo-${template}`, description: 'Made by the e2e test', license: 'mit', defaultBranch: 'master' });
    expect(made.result).toEqual({ ok: true, output: { fullName: repo, htmlUrl: `https://github.com/${repo}`, defaultBranch: 'master', private: false, template, head: commitSha, files: expected.map((file) => file.path) } });
    expect(bodyOf(sent, 'POST /user/repos')).toEqual({ name: `demo-${template}`, description: 'Made by the e2e test', private: true, auto_init: true, license_template: 'mit' });
    // Every file reached the one tree request, placeholders filled, on GitHub's first commit's tree (its LICENSE stays).
    const tree = bodyOf(sent, `POST /repos/${repo}/git/trees`) as { base_tree: string; tree: { path: string; mode: string; type: string; content: string }[] };
    expect(tree).toEqual({ base_tree: branchTree, tree: expected.map((file) => ({ path: file.path, mode: '100644', type: 'blob', content: file.content })) });
    expect(tree.tree.every((entry) => !/(?<!\$)\{\{/.test(entry.content))).toBe(true);
    expect(tree.tree.find((entry) => entry.path === 'README.md')!.content).toMatch(new RegExp(`^# demo-${template}\n\nMade by the e2e test\n`));
    expect(bodyOf(sent, `POST /repos/${repo}/git/commits`)).toEqual({ message: `Start from Reign's ${template} template`, tree: treeSha, parents: [branchSha] });
    expect(bodyOf(sent, `PATCH /repos/${repo}/git/refs/heads%2Fmaster`)).toEqual({ sha: commitSha, force: false });
    if (template !== 'documentation') {
      // The CI workflow follows the default branch GitHub gave the repository (master here, main in the templates).
      const workflow = tree.tree.find((entry) => entry.path === CI_WORKFLOW_PATH)!.content;
      expect(parse(workflow).on.push.branches).toEqual(['master']);
    }
    // No blob request: every file is small enough to go inside the tree request.
    expect(asked(sent)).toEqual(['GET /user', 'POST /user/repos', `GET /repos/${repo}/branches/master`, `POST /repos/${repo}/git/trees`, `POST /repos/${repo}/git/commits`, `PATCH /repos/${repo}/git/refs/heads%2Fmaster`]);
  });

  it('for an organisation, empty: POST /orgs/ORG/repos without a first commit; undo deletes it while nothing was pushed, and otherwise says what remains', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    const made = await step(githubRepoCreate, ctx, { owner: 'acme', name: 'scratch', private: false });
    expect(made.result).toMatchObject({ ok: true, output: { fullName: repo, head: null, files: [] } });
    expect(bodyOf(sent, 'POST /orgs/acme/repos')).toEqual({ name: 'scratch', private: false, auto_init: false });
    expect(asked(sent)).toEqual(['GET /user', 'POST /orgs/acme/repos']);
    // The example repository has branches: something was pushed, so undo leaves it.
    const kept = await made.undo();
    expect(kept).toMatchObject({ ok: false, error: { code: 'REPO_CHANGED', message: expect.stringMatching(/^octocat\/Hello-World was left in place: it has changed since it was created \(branches now: master at c5b97d5.*; tags: v0\.1; Reign left no commit\)/) } });
    expect(asked(sent).sort()).toEqual([`GET /repos/${repo}/branches?per_page=100`, `GET /repos/${repo}/tags?per_page=10`]);

    // From a template, then undone while its only branch is still at Reign's commit: deleted.
    const untouched = await front((method, path) => {
      if (method === 'GET' && path.startsWith(`/repos/${repo}/branches?`)) return { body: [{ name: 'master', commit: { sha: commitSha, url: 'https://api.github.com/x' }, protected: false }] };
      if (method === 'GET' && path.startsWith(`/repos/${repo}/tags?`)) return { body: [] };
      return undefined;
    });
    const fronted = await observed(untouched);
    const fromTemplate = await step(githubRepoCreate, fronted.ctx, { owner: 'octocat', name: 'svc', template: 'library' });
    expect(fromTemplate.result.ok).toBe(true);
    fronted.sent.splice(0);
    expect(await fromTemplate.undo()).toEqual({ ok: true, output: { deleted: repo } });
    expect(asked(fronted.sent).sort()).toEqual([`DELETE /repos/${repo}`, `GET /repos/${repo}/branches?per_page=100`, `GET /repos/${repo}/tags?per_page=10`]);
  });
});

describe('github.commit.create through the git data API', () => {
  it('refuses a workflow with schema errors before anything is sent, showing the problems with their lines; commits a good one; undo moves the branch back with force', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    const broken = { repo, branch: 'feature', message: 'Add CI', files: [{ path: '.github/workflows/ci.yml', content: brokenWorkflow }, { path: 'README.md', content: '# Hello\n' }] };
    const rated = await classify(githubCommitCreate, ctx, broken);
    expect(rated).toMatchObject({ risk: 'write', reasons: [`commits 2 files to feature of ${repo}: refused, a workflow file has errors, so nothing is committed:`] });
    const shown = await previewText(githubCommitCreate, ctx, broken);
    expect(shown).toMatch(/Refused: a workflow file has errors, so nothing is committed:\n\.github\/workflows\/ci\.yml:\n {2}6:\d+ error \[schema\] .*\n {2}9:\d+ error \[schema\] /);
    sent.splice(0);
    const refused = await step(githubCommitCreate, ctx, broken);
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'WORKFLOW_INVALID', message: expect.stringContaining('.github/workflows/ci.yml:\n  6:') } });
    // Only the snapshot's read: no blob, tree, commit or ref update.
    expect(asked(sent)).toEqual([`GET /repos/${repo}/branches/feature`]);

    const good = { repo, branch: 'feature', message: 'Add CI', files: [{ path: '.github/workflows/ci.yml', content: goodWorkflow() }, { path: 'old.txt', delete: true }, { path: 'assets/data.txt', content: bigFile }], expectedHead: branchSha };
    expect(await classify(githubCommitCreate, ctx, good)).toMatchObject({ risk: 'write', reasons: [`commits 3 files to feature of ${repo}`], contentHash: `head:${branchSha}` });
    expect(asked(sent).sort()).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}/branches/feature`]);
    const diff = await preview(githubCommitCreate, ctx, good);
    expect(diff).toMatchObject({ kind: 'file', path: expect.stringMatching(/^3 files, .*Commit "Add CI" to feature of octocat\/Hello-World, on top of 7fd1a60\. \.github\/workflows\/ci\.yml passes the workflow checks.*Undo moves the branch back/), before: expect.stringContaining('=== old.txt\n') });
    expect((diff as { after: string }).after).toContain(`=== .github/workflows/ci.yml\n${goodWorkflow()}`);
    expect(asked(sent)).toEqual(expect.arrayContaining([`GET /repos/${repo}/contents/.github%2Fworkflows%2Fci.yml?ref=${branchSha}`, `GET /repos/${repo}/contents/old.txt?ref=${branchSha}`]));

    const committed = await step(githubCommitCreate, ctx, good);
    expect(committed.result).toEqual({ ok: true, output: { branch: 'feature', sha: commitSha, parent: branchSha, previousHead: branchSha, files: ['.github/workflows/ci.yml', 'old.txt', 'assets/data.txt'], forced: false } });
    expect(committed.snapshot).toEqual({ previousHead: branchSha });
    expect(bodiesOf(sent, `POST /repos/${repo}/git/blobs`)).toEqual([{ content: bigFile, encoding: 'utf-8' }]);
    expect(bodyOf(sent, `POST /repos/${repo}/git/trees`)).toEqual({ base_tree: branchTree, tree: [{ path: '.github/workflows/ci.yml', mode: '100644', type: 'blob', content: goodWorkflow() }, { path: 'old.txt', mode: '100644', type: 'blob', sha: null }, { path: 'assets/data.txt', mode: '100644', type: 'blob', sha: blobSha }] });
    expect(bodyOf(sent, `POST /repos/${repo}/git/commits`)).toEqual({ message: 'Add CI', tree: treeSha, parents: [branchSha] });
    expect(bodyOf(sent, `PATCH /repos/${repo}/git/refs/heads%2Ffeature`)).toEqual({ sha: commitSha, force: false });
    expect(asked(sent).filter((line) => !line.startsWith('GET '))).toEqual([`POST /repos/${repo}/git/blobs`, `POST /repos/${repo}/git/trees`, `POST /repos/${repo}/git/commits`, `PATCH /repos/${repo}/git/refs/heads%2Ffeature`]);

    // The mock's branch is not at the new commit: someone pushed since, so undo leaves it.
    expect(await committed.undo()).toMatchObject({ ok: false, error: { code: 'BRANCH_MOVED', message: expect.stringMatching(/^feature was left in place: it is at 7fd1a60, not at the commit 7638417/) } });
    asked(sent);
    // Still at the commit it made: moved back to the previous head, a forced update.
    const still = await observed(await front(branchAnswer({ sha: commitSha })));
    const undone = await githubCommitCreate.undo!({ input: parseInput(githubCommitCreate, good), output: committed.result.ok ? committed.result.output : null, snapshot: { previousHead: branchSha }, ctx: still.ctx, signal: signal() });
    expect(undone).toEqual({ ok: true, output: { branch: 'feature', movedBackTo: branchSha } });
    expect(bodyOf(still.sent, `PATCH /repos/${repo}/git/refs/heads%2Ffeature`)).toEqual({ sha: branchSha, force: true });
    expect(asked(still.sent)).toEqual([`GET /repos/${repo}/branches/feature`, `PATCH /repos/${repo}/git/refs/heads%2Ffeature`]);
  });

  it('with actionlint on PATH (as the product looks for it), a workflow only actionlint finds wrong is refused with its line', async (context) => {
    requireInfrastructure(context, problem, need);
    const lint = actionlintPeer();
    requireInfrastructure(context, lint.problem, 'actionlint');
    // Valid for GitHub's schema and Reign's risk checks; actionlint knows the job has no matrix.
    const workflow = goodWorkflow().replace('      - run: npm test', '      - run: npm test -- --grep "${{ matrix.suite }}"');
    const line = workflow.split('\n').findIndex((text) => text.includes('matrix.suite')) + 1;
    const saved = process.env.PATH;
    process.env.PATH = `${dirname(lint.binary!)}${delimiter}${saved ?? ''}`;
    try {
      const { ctx, sent } = await observed();
      const refused = await step(githubCommitCreate, ctx, { repo, branch: 'feature', message: 'CI', files: [{ path: '.github/workflows/ci.yml', content: workflow }] });
      expect(refused.result).toMatchObject({ ok: false, error: { code: 'WORKFLOW_INVALID', message: expect.stringMatching(new RegExp(`\\n  ${line}:\\d+ error \\[actionlint:expression\\] property "suite" is not defined`)) } });
      expect(asked(sent)).toEqual([`GET /repos/${repo}/branches/feature`]);
      // The good one passes actionlint too, and is committed.
      const committed = await step(githubCommitCreate, ctx, { repo, branch: 'feature', message: 'CI', files: [{ path: '.github/workflows/ci.yml', content: goodWorkflow() }] });
      expect(committed.result).toMatchObject({ ok: true, output: { sha: commitSha } });
      asked(sent);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('a branch whose head moved from the expected one fails clearly and commits nothing', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed(await front(branchAnswer({ sha: olderSha })));
    const moved = await step(githubCommitCreate, ctx, { repo, branch: 'feature', message: 'x', files: [{ path: 'a.txt', content: 'a\n' }], expectedHead: branchSha });
    expect(moved.result).toEqual({ ok: false, error: { code: 'BRANCH_MOVED', message: `Nothing was committed to feature of ${repo}: feature moved: it is at 553c207, not at 7fd1a60 as expected (someone pushed to it); read it again and commit on top of the new head.`, permanent: true } });
    expect(asked(sent).sort()).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}/branches/feature`, `GET /repos/${repo}/branches/feature`]);
  });

  it('force is critical; refused outright on the default branch and on a protected branch; on another branch it goes on top of the parent', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    const onDefault = { repo, branch: 'master', message: 'Rewrite', files: [{ path: 'a.txt', content: 'a\n' }], force: true, parent: olderSha };
    expect(await classify(githubCommitCreate, ctx, onDefault)).toMatchObject({ risk: 'critical', reasons: [`commits a.txt to master of ${repo} on top of 553c207 with force, replacing the branch's history after it: refused, master is the default branch of ${repo}: its history is never replaced by force`] });
    sent.splice(0);
    const refused = await step(githubCommitCreate, ctx, onDefault);
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'FORCE_REFUSED', message: expect.stringContaining('master is the default branch') } });
    expect(asked(sent).filter((line) => !line.startsWith('GET '))).toEqual([]);

    const guarded = await observed(await front(branchAnswer({ protected: true })));
    const onProtected = { ...onDefault, branch: 'release' };
    expect(await previewText(githubCommitCreate, guarded.ctx, onProtected)).toContain(`Refused: release is a protected branch of ${repo}: its history is never replaced by force`);
    const refusedProtected = await step(githubCommitCreate, guarded.ctx, onProtected);
    expect(refusedProtected.result).toMatchObject({ ok: false, error: { code: 'FORCE_REFUSED', message: expect.stringContaining('release is a protected branch') } });
    expect(asked(guarded.sent).filter((line) => !line.startsWith('GET '))).toEqual([]);

    const forced = await step(githubCommitCreate, ctx, { ...onDefault, branch: 'scratch' });
    expect(forced.result).toEqual({ ok: true, output: { branch: 'scratch', sha: commitSha, parent: olderSha, previousHead: branchSha, files: ['a.txt'], forced: true } });
    expect(bodyOf(sent, `POST /repos/${repo}/git/commits`)).toEqual({ message: 'Rewrite', tree: treeSha, parents: [olderSha] });
    expect(bodyOf(sent, `PATCH /repos/${repo}/git/refs/heads%2Fscratch`)).toEqual({ sha: commitSha, force: true });
    expect(asked(sent)).toContain(`GET /repos/${repo}/git/commits/${olderSha}`);
  });
});

describe('repository settings, archive, fork and delete', () => {
  it('delete: critical, no undo; the preview names the repository, its stars, open pull requests and last push from two requests', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    expect((await previewText(githubRepoDelete, ctx, { repo })).split('\n')).toEqual([
      `Delete the repository ${repo} for good on ${new URL(url!).host}`,
      'public: 80 stars, 9 forks, 1 open pull request',
      'Last push: 2011-01-26T19:06:43Z',
      'Its code, issues, pull requests, releases, wiki and settings go with it; forks stay.',
      "There is no undo (GitHub may restore it for 90 days from the account's settings).",
    ]);
    expect(asked(sent).sort()).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}/pulls?state=open&per_page=1`]);
    // The count of open pull requests is the last page of a one-per-page list.
    const paged = await observed(await front((method, path) => (method === 'GET' && path.startsWith(`/repos/${repo}/pulls?`) ? { headers: { link: `<https://api.github.com/repositories/1/pulls?state=open&per_page=1&page=2>; rel="next", <https://api.github.com/repositories/1/pulls?state=open&per_page=1&page=57>; rel="last"` } } : undefined)));
    expect(await classify(githubRepoDelete, paged.ctx, { repo })).toMatchObject({ risk: 'critical', reasons: [`deletes the repository ${repo} for good (80 stars, 57 open pull requests, last push 2011-01-26T19:06:43Z), with no undo`], contentHash: 'pushed:2011-01-26T19:06:43Z;pulls:57;stars:80' });
    asked(paged.sent);
    expect(githubRepoDelete.undo).toBeUndefined();
    const deleted = await step(githubRepoDelete, ctx, { repo });
    expect(deleted.result).toEqual({ ok: true, output: { deleted: repo } });
    expect(asked(sent)).toEqual([`DELETE /repos/${repo}`]);
  });

  it('archive: destructive; undo unarchives', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    expect(await classify(githubRepoArchive, ctx, { repo })).toMatchObject({ risk: 'destructive', reasons: [`archives ${repo}: read-only for everyone (no pushes, issues, pull requests or comments) until it is unarchived`] });
    asked(sent);
    const archived = await step(githubRepoArchive, ctx, { repo });
    expect(archived.result).toEqual({ ok: true, output: { repo, archived: true, already: false } });
    expect(bodyOf(sent, `PATCH /repos/${repo}`)).toEqual({ archived: true });
    expect(asked(sent)).toEqual([`GET /repos/${repo}`, `GET /repos/${repo}`, `PATCH /repos/${repo}`]);
    expect(await archived.undo()).toEqual({ ok: true, output: { unarchived: repo } });
    expect(bodyOf(sent, `PATCH /repos/${repo}`)).toEqual({ archived: false });
    expect(asked(sent)).toEqual([`PATCH /repos/${repo}`]);
  });

  it('update: a diff of old → new; public → private is destructive; undo restores the snapshot', async (context) => {
    requireInfrastructure(context, problem, need);
    const { ctx, sent } = await observed();
    const change = { repo, description: 'Hello, again', deleteBranchOnMerge: false, hasWiki: true };
    expect(await classify(githubRepoUpdate, ctx, change)).toMatchObject({ risk: 'write' });
    expect(await preview(githubRepoUpdate, ctx, change)).toEqual({ kind: 'file', path: `settings of ${repo} (undo puts the old values back)`, before: 'description: "This your first repo!"\ndeleteBranchOnMerge: true\n', after: 'description: "Hello, again"\ndeleteBranchOnMerge: false\n' });
    asked(sent);
    const updated = await step(githubRepoUpdate, ctx, change);
    // has_wiki is already true: only what changes is sent.
    expect(updated.result).toEqual({ ok: true, output: { repo, changed: ['description', 'deleteBranchOnMerge'] } });
    expect(bodyOf(sent, `PATCH /repos/${repo}`)).toEqual({ description: 'Hello, again', delete_branch_on_merge: false });
    asked(sent);
    expect(await updated.undo()).toEqual({ ok: true, output: { restored: ['description', 'deleteBranchOnMerge'] } });
    expect(bodyOf(sent, `PATCH /repos/${repo}`)).toEqual({ description: 'This your first repo!', delete_branch_on_merge: true });
    asked(sent);

    expect(await classify(githubRepoUpdate, ctx, { repo, visibility: 'private' })).toMatchObject({ risk: 'destructive', reasons: [`makes the public ${repo} private: GitHub erases its stars and watchers and splits its public forks off, which making it public again does not bring back`] });
    const hidden = await step(githubRepoUpdate, ctx, { repo, visibility: 'private' });
    expect(bodyOf(sent, `PATCH /repos/${repo}`)).toEqual({ visibility: 'private' });
    expect(hidden.result).toEqual({ ok: true, output: { repo, changed: ['visibility'] } });
    asked(sent);
    const everyMergeOff = await step(githubRepoUpdate, ctx, { repo, allowMergeCommit: false, allowSquashMerge: false, allowRebaseMerge: false });
    expect(everyMergeOff.result).toMatchObject({ ok: false, error: { code: 'REFUSED', message: expect.stringContaining('every merge method') } });
    expect(asked(sent).filter((line) => !line.startsWith('GET '))).toEqual([]);
  });

  it('fork: into an organisation; undo deletes the fork, never a repository that was there before', async (context) => {
    requireInfrastructure(context, problem, need);
    // acme/Hello-World does not exist until the fork makes it; then it reads as a fork of octocat/Hello-World.
    let forkedYet = false;
    const fresh = await front((method, path, body) => {
      if (method === 'POST' && path === `/repos/${repo}/forks`) {
        forkedYet = true;
        return { body: { ...(body as object), full_name: 'acme/Hello-World', html_url: 'https://github.com/acme/Hello-World' } };
      }
      if (method === 'GET' && path === '/repos/acme/Hello-World') return forkedYet ? { body: { ...(body as object), full_name: 'acme/Hello-World', fork: true, parent: { ...(body as { parent: object }).parent, full_name: repo } } } : { status: 404, body: { message: 'Not Found' } };
      return undefined;
    });
    const { ctx, sent } = await observed(fresh);
    expect(await classify(githubRepoFork, ctx, { repo, organization: 'acme' })).toMatchObject({ risk: 'write', target: { id: 'github:acme/hello-world' } });
    const forked = await step(githubRepoFork, ctx, { repo, organization: 'acme' });
    expect(forked.snapshot).toEqual({ existed: false, destination: 'acme/Hello-World' });
    expect(forked.result).toEqual({ ok: true, output: { fullName: 'acme/Hello-World', htmlUrl: 'https://github.com/acme/Hello-World', parent: repo } });
    expect(bodyOf(sent, `POST /repos/${repo}/forks`)).toEqual({ organization: 'acme', default_branch_only: false });
    expect(asked(sent, ['GET /repos/acme/Hello-World'])).toEqual(['GET /repos/acme/Hello-World', `POST /repos/${repo}/forks`]);
    expect(await forked.undo()).toEqual({ ok: true, output: { deleted: 'acme/Hello-World' } });
    expect(asked(sent)).toEqual(['GET /repos/acme/Hello-World', 'DELETE /repos/acme/Hello-World']);

    // Without the front, acme/Hello-World answers: it was there, so undo leaves it.
    const plain = await observed();
    const again = await step(githubRepoFork, plain.ctx, { repo, organization: 'acme' });
    expect(await again.undo()).toMatchObject({ ok: false, error: { code: 'FORK_EXISTED' } });
    expect(asked(plain.sent)).toEqual(['GET /repos/acme/Hello-World', `POST /repos/${repo}/forks`]);

    // GitHub answers with the fork the account already had under another name (the mock's octocat/Hello-World): undo leaves it.
    const elsewhere = await front((method, path) => (method === 'GET' && path === '/repos/acme/Hello-World' ? { status: 404, body: { message: 'Not Found' } } : undefined));
    const other = await observed(elsewhere);
    const existing = await step(githubRepoFork, other.ctx, { repo, organization: 'acme' });
    expect(await existing.undo()).toMatchObject({ ok: false, error: { code: 'FORK_EXISTED', message: expect.stringContaining('a fork the account already had') } });
    expect(asked(other.sent, ['GET /repos/acme/Hello-World'])).toEqual(['GET /repos/acme/Hello-World', `POST /repos/${repo}/forks`]);
  });
});

describe('the exported arrays', () => {
  it('name the tools', () => {
    expect(githubRepoWriteTools.map((tool) => tool.name)).toEqual(['github.repo.create', 'github.repo.fork', 'github.repo.update', 'github.repo.archive', 'github.repo.delete']);
    expect(githubCommitTools.map((tool) => tool.name)).toEqual(['github.commit.create']);
  });
});
