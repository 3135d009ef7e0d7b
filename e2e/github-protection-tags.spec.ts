import { createServer, request as forward } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { githubBranchProtect, githubBranchUnprotect } from '../main/core/families/github/github-protection-tools';
import { githubTagCreate, githubTagDelete, githubTagList } from '../main/core/families/github/github-tag-tools';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';

// Branch protection and tags against the GitHub mock (Prism serving GitHub's own OpenAPI
// description: it checks every request against GitHub's contract and answers with the
// description's examples). Every request passes through a loopback front that forwards it to the
// mock — so each is checked — and records it with its body; where a test needs an answer the
// examples cannot give (a branch without protection, a tag that does not exist yet), the front
// gives it after the mock has checked the request.
//
// The mock's examples: octocat/Hello-World's default branch is master; a protected branch has 2
// required reviews (stale ones dismissed, code owners, last push), the check
// continuous-integration/travis-ci, rules for administrators, linear history, resolved
// conversations, force pushes and deletion allowed, the branch locked, pushes restricted to
// octocat, justice-league and octoapp; every ref is at aa218f56b14c9653891f9e74264a383fa43fefbd.

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const token = `ghp_${'Pr0t'.repeat(9)}`;
const repo = 'octocat/Hello-World';
const refSha = 'aa218f56b14c9653891f9e74264a383fa43fefbd';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly body: Buffer;
  readonly mockStatus: number;
  readonly violations: PrismViolation[];
}

type Answer = { status: number; body?: unknown } | null;

function problemViolations(contentType: string | undefined, data: Buffer): PrismViolation[] {
  if (!contentType?.includes('problem+json')) return [];
  const body = JSON.parse(data.toString('utf8')) as { validation?: PrismViolation[] };
  return (body.validation ?? []).map((violation) => ({ ...violation, location: ['request', ...violation.location] }));
}

let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((front) => front.close()));
  fronts = [];
});

/**
 * A front to the mock; `answer` sees what was sent before (for answers that change as the steps go).
 * A branch's protection keeps what was last written, as GitHub does: after a PUT its GET answers
 * what the PUT answered, after a DELETE it is not protected.
 */
async function githubFront(answer: (method: string, path: string, seen: readonly Seen[]) => Answer = () => null) {
  const target = new URL(url!);
  const seen: Seen[] = [];
  const written = new Map<string, Answer>();
  const server = createServer((incoming, reply) => {
    const sent: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => sent.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(sent);
      const method = incoming.method!;
      const path = incoming.url!;
      const outgoing = forward({ host: target.hostname, port: target.port, method, path, headers: { ...incoming.headers, host: target.host } }, (mock) => {
        const received: Buffer[] = [];
        mock.on('data', (chunk: Buffer) => received.push(chunk));
        mock.on('end', () => {
          let data = Buffer.concat(received);
          const before = [...seen];
          seen.push({ method, path, body, mockStatus: mock.statusCode ?? 0, violations: [...requestViolations(mock.headers), ...problemViolations(mock.headers['content-type'], data)] });
          const at = path.replace(/\?.*$/, '');
          if (at.endsWith('/protection') && (mock.statusCode ?? 0) < 300 && method === 'PUT') written.set(at, { status: 200, body: JSON.parse(data.toString('utf8')) });
          if (at.endsWith('/protection') && (mock.statusCode ?? 0) < 300 && method === 'DELETE') written.set(at, notProtected);
          const changed = (method === 'GET' ? written.get(at) : undefined) ?? answer(method, at, before);
          let status = mock.statusCode ?? 502;
          let headers: Record<string, string | string[] | number | undefined> = { ...mock.headers };
          if (changed) {
            status = changed.status;
            data = changed.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(changed.body));
            headers = changed.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' };
          }
          delete headers['transfer-encoding'];
          headers['content-length'] = data.length;
          reply.writeHead(status, headers);
          reply.end(data);
        });
      });
      outgoing.end(body);
    });
  });
  const front = await listenOnLoopback(server);
  fronts.push(front);
  return { url: front.url, host: new URL(front.url).host, seen };
}

/** Every request met GitHub's contract and the mock took it (2xx); `METHOD path` of each, in order. */
function requests(seen: readonly Seen[]): string[] {
  for (const request of seen) {
    expect(request.violations, `${request.method} ${request.path} met GitHub's contract`).toEqual([]);
    expect(request.mockStatus, `${request.method} ${request.path}`).toBeLessThan(300);
  }
  return seen.map((request) => `${request.method} ${request.path}`);
}

const bodyOf = (seen: readonly Seen[], method: string, path: string, which = 0): Record<string, unknown> => {
  const request = seen.filter((entry) => entry.method === method && entry.path === path)[which];
  expect(request, `${method} ${path} was sent`).toBeDefined();
  return JSON.parse(request!.body.toString('utf8')) as Record<string, unknown>;
};

const context = (frontUrl: string): ToolContext => toolContext('/tmp', { GITHUB_API_URL: frontUrl, GITHUB_TOKEN: token }, {} as never);

/** A step as the plan engine takes it: inspected, classified, previewed, snapshotted, run; and its undo. */
async function step<I, O, S, F>(tool: ToolDefinition<I, O, S, F>, ctx: ToolContext, raw: Record<string, unknown>) {
  const input = tool.input.parse(raw);
  const signal = new AbortController().signal;
  const facts = tool.inspect ? await tool.inspect({ input, ctx, signal }) : undefined;
  const classification = { risk: tool.risk({ input, ctx, facts }), target: tool.target({ input, ctx, facts }), contentHash: tool.contentHash?.(facts) ?? null };
  const preview = await tool.preview({ input, ctx });
  const snapshot = tool.snapshot ? await tool.snapshot({ input, ctx }) : undefined;
  const result = await tool.run({ input, ctx, signal, log: () => {}, progress: () => {} });
  const undo = () => tool.undo!({ input, output: result.ok ? result.output : null, snapshot: snapshot as S, ctx, signal });
  return { input, facts, classification, preview, snapshot, result, undo };
}

const textOf = (preview: unknown): string => (preview as { text: string }).text;
const notProtected = { status: 404, body: { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection', status: '404' } };
const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git/refs#get-a-reference', status: '404' } };

// The mock's protection, as undo sends it back: every rule explicit, the restrictions included.
const mockProtectionRestored = {
  required_status_checks: { strict: false, contexts: ['continuous-integration/travis-ci'] },
  required_pull_request_reviews: {
    dismiss_stale_reviews: true,
    require_code_owner_reviews: true,
    required_approving_review_count: 2,
    require_last_push_approval: true,
    dismissal_restrictions: { users: ['octocat'], teams: ['justice-league'], apps: ['octoapp'] },
  },
  restrictions: { users: ['octocat'], teams: ['justice-league'], apps: ['octoapp'] },
  enforce_admins: true,
  required_linear_history: true,
  allow_force_pushes: true,
  allow_deletions: true,
  block_creations: false,
  required_conversation_resolution: true,
  lock_branch: true,
  allow_fork_syncing: true,
};

describe('GitHub branch protection', () => {
  it('github.branch.protect over the current protection: the preview diffs the rules, the risk names each weakening, and undo puts the old protection back', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const protect = await step(githubBranchProtect, context(front.url), { repo, branch: 'release', reviews: { required: 1, dismissStale: true }, checks: { contexts: ['ci/test'], strict: true }, enforceAdmins: true, linearHistory: true });

    expect(protect.classification.risk).toEqual({
      risk: 'destructive',
      reasons: [
        'weakens the protection of release of octocat/Hello-World: requires fewer approving reviews (2 → 1); no longer requires code owner reviews; no longer requires approval of the last push; lets anyone with write access dismiss reviews; drops the required status check continuous-integration/travis-ci; no longer requires conversations to be resolved; lets anyone with write access push (it is restricted now); unlocks the branch (it is read-only now)',
      ],
    });
    expect(protect.classification.target).toEqual({ kind: 'github', id: 'github:octocat/hello-world', label: repo });
    expect(protect.classification.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(textOf(protect.preview).split('\n')).toEqual([
      `Protect the branch release of ${repo} on ${front.host}`,
      'It is protected now. Its rules, now (-) and after this step (+):',
      '- Pull request before merging: required, 2 approving reviews',
      '+ Pull request before merging: required, 1 approving review',
      '  Dismiss stale approvals on new commits: yes',
      '- Code owners must review: yes',
      '+ Code owners must review: no',
      '- The last push must be approved by someone else: yes',
      '+ The last push must be approved by someone else: no',
      '- Who may dismiss reviews: only users octocat; teams justice-league; apps octoapp',
      '+ Who may dismiss reviews: anyone with write access',
      '  Who may merge without the reviews: nobody',
      '- Required status checks: continuous-integration/travis-ci',
      '+ Required status checks: ci/test',
      '- Branch must be up to date before merging: no',
      '+ Branch must be up to date before merging: yes',
      '  Rules apply to administrators: yes',
      '  Linear history required: yes',
      '- Conversations must be resolved: yes',
      '+ Conversations must be resolved: no',
      '- Force pushes allowed: yes',
      '+ Force pushes allowed: no',
      '- Deleting the branch allowed: yes',
      '+ Deleting the branch allowed: no',
      '- Who may push: only users octocat; teams justice-league; apps octoapp',
      '+ Who may push: anyone with write access',
      '- Branch locked (read-only): yes',
      '+ Branch locked (read-only): no',
      '- Fork syncing allowed while locked: yes',
      expect.stringMatching(/^This weakens its protection: requires fewer approving reviews \(2 → 1\);/),
      `PUT /repos/${repo}/branches/release/protection`,
      'Undo puts the current protection back.',
    ]);
    expect(protect.result).toMatchObject({ ok: true, output: { branch: 'release', rules: expect.arrayContaining(['Required status checks: continuous-integration/travis-ci']) } });
    const path = `/repos/${repo}/branches/release/protection`;
    // What the person asked for, GitHub's required rules, and nothing else.
    expect(bodyOf(front.seen, 'PUT', path)).toEqual({
      required_status_checks: { strict: true, contexts: ['ci/test'] },
      required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: false, required_approving_review_count: 1 },
      restrictions: null,
      enforce_admins: true,
      required_linear_history: true,
    });

    const undone = await protect.undo();
    expect(undone).toMatchObject({ ok: true, output: { branch: 'release', restored: expect.any(Array) } });
    expect(bodyOf(front.seen, 'PUT', path, 1)).toEqual(mockProtectionRestored);
    const sent = requests(front.seen);
    expect(sent.slice(0, 2).sort()).toEqual([`GET /repos/${repo}`, `GET ${path}`]);
    expect(sent.slice(2)).toEqual([`GET ${path}`, `GET ${path}`, `PUT ${path}`, `GET ${path}`, `PUT ${path}`]);
  });

  it('github.branch.protect of an unprotected branch is a write, every rule shown as added, and undo removes the protection', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const path = `/repos/${repo}/branches/feature%2Flogin/protection`;
    const front = await githubFront((method, at) => (method === 'GET' && at === path ? notProtected : null));
    const protect = await step(githubBranchProtect, context(front.url), { repo, branch: 'feature/login', reviews: { required: 1 } });
    expect(protect.facts).toEqual({ defaultBranch: 'master', current: null });
    expect(protect.classification.risk).toEqual({ risk: 'write', reasons: ['adds the protection of feature/login of octocat/Hello-World'] });
    const preview = textOf(protect.preview).split('\n');
    expect(preview.slice(1, 4)).toEqual(['It is not protected now. Its rules after this step (+):', '- Protection: none (anyone with write access can push, force-push or delete it)', '+ Pull request before merging: required, 1 approving review']);
    expect(preview.filter((line) => line.startsWith('  '))).toEqual([]);
    expect(preview.at(-1)).toBe('Undo removes the protection again.');
    expect(protect.snapshot).toEqual({ current: null });
    expect(protect.result).toMatchObject({ ok: true });
    expect(await protect.undo()).toEqual({ ok: true, output: { branch: 'feature/login', removed: true } });
    expect(requests(front.seen).slice(2)).toEqual([`GET ${path}`, `GET ${path}`, `PUT ${path}`, `GET ${path}`, `DELETE ${path}`]);
    // Undo takes back only what the step set: the protection is not that any more, so a second undo leaves it.
    expect(await protect.undo()).toMatchObject({ ok: false, error: { code: 'PROTECTION_CHANGED' } });
  });

  it('github.branch.unprotect of the default branch is destructive, lists the rules it removes, and undo puts them back', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const ctx = context(front.url);
    const unprotect = await step(githubBranchUnprotect, ctx, { repo, branch: 'master' });
    expect(unprotect.classification.risk).toEqual({ risk: 'destructive', reasons: ['removes every protection rule of master (the default branch) of octocat/Hello-World: anyone with write access can then push to it, force-push and delete it'] });
    const preview = textOf(unprotect.preview).split('\n');
    expect(preview[0]).toBe(`Remove the protection of the branch master of ${repo} on ${front.host}`);
    expect(preview).toContain('- Required status checks: continuous-integration/travis-ci');
    expect(preview).toContain('+ Protection: none (anyone with write access can push, force-push or delete it)');
    expect(preview.slice(-2)).toEqual([`DELETE /repos/${repo}/branches/master/protection`, 'Undo puts these rules back.']);
    expect(unprotect.result).toEqual({ ok: true, output: { branch: 'master', removed: true } });
    expect(await unprotect.undo()).toMatchObject({ ok: true, output: { branch: 'master', restored: expect.any(Array) } });
    expect(bodyOf(front.seen, 'PUT', `/repos/${repo}/branches/master/protection`)).toEqual(mockProtectionRestored);
    expect(requests(front.seen).slice(2)).toEqual([`GET /repos/${repo}/branches/master/protection`, `GET /repos/${repo}/branches/master/protection`, `DELETE /repos/${repo}/branches/master/protection`, `GET /repos/${repo}/branches/master/protection`, `PUT /repos/${repo}/branches/master/protection`]);
    // Without its facts (GitHub could not be read), a removal is still destructive.
    expect(githubBranchUnprotect.risk({ input: unprotect.input, ctx, facts: undefined }).risk).toBe('destructive');
  });
});

describe('GitHub tags', () => {
  const tagPath = `/repos/${repo}/git/ref/tags%2Fv9.9.9`;
  /** The tag does not exist until the step made its ref. */
  const untilCreated = (method: string, path: string, seen: readonly Seen[]): Answer => (method === 'GET' && path === tagPath && !seen.some((request) => request.method === 'POST' && request.path.endsWith('/git/refs')) ? notFound : null);

  it('github.tag.create makes a lightweight tag at the head of the default branch, and undo deletes it while it points where it was made', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront(untilCreated);
    const create = await step(githubTagCreate, context(front.url), { repo, tag: 'v9.9.9' });
    expect(create.facts).toEqual({ existing: null });
    expect(create.classification.risk).toEqual({ risk: 'write', reasons: ['creates the lightweight tag v9.9.9 in octocat/Hello-World at the head of the default branch: workflows that run on tags start'] });
    expect(textOf(create.preview).split('\n')).toEqual([
      `Create the lightweight tag v9.9.9 in ${repo} on ${front.host}`,
      'At the head of the default branch (read when it runs).',
      `POST /repos/${repo}/git/refs (refs/tags/v9.9.9)`,
      'Undo deletes it, while it still points where it was made.',
    ]);
    expect(create.result).toEqual({ ok: true, output: { tag: 'v9.9.9', sha: refSha, commit: refSha, annotated: false } });
    expect(bodyOf(front.seen, 'POST', `/repos/${repo}/git/refs`)).toEqual({ ref: 'refs/tags/v9.9.9', sha: refSha });
    expect(await create.undo()).toEqual({ ok: true, output: { deleted: 'v9.9.9' } });
    expect(requests(front.seen)).toEqual([`GET ${tagPath}`, `GET ${tagPath}`, `GET ${tagPath}`, `GET /repos/${repo}`, `GET /repos/${repo}/git/ref/heads%2Fmaster`, `POST /repos/${repo}/git/refs`, `GET ${tagPath}`, `DELETE /repos/${repo}/git/refs/tags%2Fv9.9.9`]);
  });

  it('an annotated tag at a commit is a tag object and a ref to it; undo leaves a tag that was moved since; an existing tag is refused', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const commit = 'c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c';
    // After the create, the tag points elsewhere (someone moved it).
    const front = await githubFront((method, path, seen) => untilCreated(method, path, seen) ?? (method === 'GET' && path === tagPath ? { status: 200, body: { ref: 'refs/tags/v9.9.9', node_id: 'MDM6UmVmcmVmcy90YWdzL3Y5LjkuOQ==', url: `https://api.github.com/repos/${repo}/git/refs/tags/v9.9.9`, object: { type: 'commit', sha: '1111111111111111111111111111111111111111', url: 'https://api.github.com/x' } } } : null));
    const create = await step(githubTagCreate, context(front.url), { repo, tag: 'v9.9.9', at: commit.toUpperCase(), message: 'Release 9.9.9\n\nFixes the login.' });
    expect(create.classification.risk.reasons).toEqual([`creates the annotated tag v9.9.9 in octocat/Hello-World at commit ${commit}: workflows that run on tags start`]);
    expect(textOf(create.preview)).toContain(`At commit ${commit}.\nMessage:\n  Release 9.9.9\n  \n  Fixes the login.\nPOST /repos/${repo}/git/tags, then POST /repos/${repo}/git/refs (refs/tags/v9.9.9)`);
    expect(create.result).toMatchObject({ ok: true, output: { tag: 'v9.9.9', commit, annotated: true } });
    expect(bodyOf(front.seen, 'POST', `/repos/${repo}/git/tags`)).toEqual({ tag: 'v9.9.9', message: 'Release 9.9.9\n\nFixes the login.', object: commit, type: 'commit' });
    // The ref points at the tag object the mock made (its example's sha).
    expect(bodyOf(front.seen, 'POST', `/repos/${repo}/git/refs`)).toEqual({ ref: 'refs/tags/v9.9.9', sha: '940bd336248efae0f9ee5bc7b2d5c985887b16ac' });
    expect(await create.undo()).toEqual({ ok: false, error: { code: 'TAG_MOVED', message: expect.stringMatching(/^The tag v9\.9\.9 was left in place: it now points at 1111111, not at aa218f5 where it was made/) } });
    expect(requests(front.seen).filter((request) => !request.startsWith('GET'))).toEqual([`POST /repos/${repo}/git/tags`, `POST /repos/${repo}/git/refs`]);

    // The mock has every tag: creating one is refused, before and when the step runs, and nothing is sent.
    const existing = await githubFront();
    const refused = await step(githubTagCreate, context(existing.url), { repo, tag: 'v1.0.0' });
    expect(refused.classification.risk.reasons[0]).toMatch(/^creates the tag v1\.0\.0 in octocat\/Hello-World: refused, the tag v1\.0\.0 already exists in octocat\/Hello-World \(at aa218f5\): a tag is never moved/);
    expect(textOf(refused.preview)).toContain('Refused: the tag v1.0.0 already exists');
    expect(refused.result).toEqual({ ok: false, error: { code: 'TAG_EXISTS', permanent: true, message: expect.stringContaining('Refused: the tag v1.0.0 already exists') } });
    expect(requests(existing.seen).every((request) => request.startsWith('GET '))).toBe(true);
    expect(githubTagCreate.input.safeParse({ repo, tag: 'refs/tags/v1' }).error?.issues[0]?.message).toBe('Not a tag: give the tag without refs/tags/: v1.');
  });

  it('github.tag.delete is destructive, names the release made from the tag, and undo creates the tag again at the snapshot sha', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront();
    const remove = await step(githubTagDelete, context(front.url), { repo, tag: 'v1.0.0' });
    expect(remove.facts).toEqual({ ref: { sha: refSha, type: 'commit' }, release: { id: 1, name: 'v1.0.0', draft: false } });
    expect(remove.classification.risk).toEqual({
      risk: 'destructive',
      reasons: ['deletes the tag v1.0.0 of octocat/Hello-World (at aa218f5): the release "v1.0.0" (id 1) is made from it; GitHub turns a published release whose tag is deleted into a draft, and undo does not publish it again'],
    });
    expect(textOf(remove.preview).split('\n')).toEqual([
      `Delete the tag v1.0.0 of ${repo}, at ${refSha} (a lightweight tag) on ${front.host}`,
      'It is used by the release "v1.0.0" (id 1): GitHub turns a published release whose tag is deleted into a draft.',
      `DELETE /repos/${repo}/git/refs/tags/v1.0.0`,
      'Undo creates it again at aa218f5; the release stays a draft until it is published again (github.release.edit).',
    ]);
    expect(remove.snapshot).toEqual({ ref: { sha: refSha, type: 'commit' } });
    expect(remove.result).toEqual({ ok: true, output: { deleted: 'v1.0.0' } });
    expect(await remove.undo()).toEqual({ ok: true, output: { tag: 'v1.0.0', sha: refSha } });
    expect(bodyOf(front.seen, 'POST', `/repos/${repo}/git/refs`)).toEqual({ ref: 'refs/tags/v1.0.0', sha: refSha });
    expect(requests(front.seen).filter((request) => !request.startsWith('GET'))).toEqual([`DELETE /repos/${repo}/git/refs/tags%2Fv1.0.0`, `POST /repos/${repo}/git/refs`]);
  });

  it('github.tag.list pages through the tags; github.tag.delete of a tag no release uses says so', async (context_) => {
    requireInfrastructure(context_, problem, need);
    const front = await githubFront((method, path) => (method === 'GET' && path.includes('/releases/tags/') ? notFound : null));
    const ctx = context(front.url);
    const listed = await githubTagList.run({ input: githubTagList.input.parse({ repo, limit: 5 }), ctx, signal: new AbortController().signal, log: () => {}, progress: () => {} });
    expect(listed).toEqual({ ok: true, output: { tags: [{ name: 'v0.1', commit: 'c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc' }], count: 1, more: false } });
    const input = githubTagDelete.input.parse({ repo, tag: 'v0.1' });
    expect(textOf(await githubTagDelete.preview({ input, ctx }))).toContain('\nNo release is made from it.\n');
    expect(requests(front.seen).sort()).toEqual([`GET /repos/${repo}/git/ref/tags%2Fv0.1`, `GET /repos/${repo}/releases/tags/v0.1`, `GET /repos/${repo}/tags?per_page=5`]);
  });
});
