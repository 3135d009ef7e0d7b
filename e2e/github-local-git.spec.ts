import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { githubGitBranch, githubGitClone } from '../main/core/families/github/github-git-local-branch-tools';
import { githubGitCommit, githubGitTag } from '../main/core/families/github/github-git-local-commit-tools';
import { githubGitPull, githubGitPush } from '../main/core/families/github/github-git-local-push-tools';
import { type GitSpawn, watchGitSpawns } from '../main/core/families/github/github-git-local-run';
import { githubLocalGitTools } from '../main/core/families/github/github-git-local-tools';
import { NO_TOKEN_MESSAGE } from '../main/core/families/github/github-token';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { noSecrets } from '../main/core/tools/access';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { gitHttpBackend, type GitHttpServer } from './fixtures/git-http-backend';
import { githubMock } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';

// The GitHub family's local git tools against real git and local bare repositories: file:// for
// clone, branch, commit, tag, push, pull and their undos; and `git http-backend` behind a loopback
// HTTP server (e2e/fixtures/git-http-backend.ts) that demands the token, for pushes authenticated
// through Reign's credential helper. That server also passes /api/v3 to the GitHub mock (Prism
// serving GitHub's OpenAPI description), so it is a whole GitHub Enterprise-like host: the force
// push checks ask the mock, and every such request must meet GitHub's contract.

const { url: mockUrl, problem: mockProblem } = githubMock();
const gitProblem = spawnSync('git', ['--version']).status === 0 ? null : 'git is not on PATH';
const policy = new PolicyEngine();
const token = `ghp_${'L0calGit'.repeat(5)}`;

const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: { PATH: process.env.PATH, HOME: cwd, GIT_AUTHOR_NAME: 'Seed', GIT_AUTHOR_EMAIL: 'seed@example.com', GIT_COMMITTER_NAME: 'Seed', GIT_COMMITTER_EMAIL: 'seed@example.com' } }).toString().trim();

/** The branches of a repository, one per line. */
const branches = (dir: string): string => git(dir, 'for-each-ref', '--format=%(refname:short)', 'refs/heads');

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A workspace, a home without any git config, and a bare repository outside the workspace with one commit on `branch` (its HEAD). */
function place(bareAt = 'app.git', branch = 'main') {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'reign-local-git-')));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const workspace = join(root, 'workspace');
  const remotes = join(root, 'remotes');
  const home = join(root, 'home');
  for (const dir of [workspace, remotes, home]) mkdirSync(dir, { recursive: true });
  const bare = join(remotes, bareAt);
  mkdirSync(bare, { recursive: true });
  git(bare, 'init', '--quiet', '--bare', `--initial-branch=${branch}`);
  const seed = join(root, 'seed');
  mkdirSync(seed);
  git(seed, 'init', '--quiet', `--initial-branch=${branch}`);
  writeFileSync(join(seed, 'README.md'), '# app\n');
  git(seed, 'add', 'README.md');
  git(seed, 'commit', '--quiet', '-m', 'Initial commit');
  git(seed, 'push', '--quiet', bare, branch);
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: home, GIT_AUTHOR_NAME: 'Reign Test', GIT_AUTHOR_EMAIL: 'reign@example.com', GIT_COMMITTER_NAME: 'Reign Test', GIT_COMMITTER_EMAIL: 'reign@example.com', ...extra });
  return { root, workspace, remotes, bare, seed, env };
}

const signal = () => new AbortController().signal;
const parse = <I>(tool: ToolDefinition<I>, input: Record<string, unknown>): I => tool.input.parse(input);
const logged: string[] = [];
async function step<I, O>(tool: ToolDefinition<I, O>, ctx: ToolContext, raw: Record<string, unknown>) {
  const input = parse(tool, raw);
  const snapshot = tool.snapshot ? await tool.snapshot({ input, ctx }) : undefined;
  const result = await tool.run({ input, ctx, signal: signal(), log: (_stream, text) => logged.push(text), progress: () => {} });
  return { result, snapshot, undo: () => tool.undo!({ input, snapshot, output: result.ok ? result.output : null, ctx, signal: signal() }) };
}
const classify = (tool: ToolDefinition, ctx: ToolContext, raw: Record<string, unknown>) => classifyStep(tool, parse(tool, raw), ctx, policy);
const previewText = async (tool: ToolDefinition, ctx: ToolContext, raw: Record<string, unknown>) => {
  const made = await tool.preview({ input: parse(tool, raw), ctx });
  return made.kind === 'text' ? made.text : JSON.stringify(made);
};

describe('local git against a file:// bare repository', () => {
  it('clone → branch → commit (an empty one refused) → tag → push a new branch → pull, and the undos', async (context) => {
    requireInfrastructure(context, gitProblem, 'git');
    const { workspace, bare, seed, env } = place();
    const ctx = toolContext(workspace, env(), {} as never, noSecrets);
    const source = `file://${bare}`;

    expect(githubLocalGitTools.map((tool) => tool.name)).toEqual(['github.git.clone', 'github.git.branch', 'github.git.commit', 'github.git.tag', 'github.git.push', 'github.git.pull']);
    expect(await classify(githubGitClone, ctx, { source, dir: 'app' })).toMatchObject({ risk: 'write', target: { kind: 'workspace', id: `workspace:${join(workspace, 'app')}` } });
    const cloned = await step(githubGitClone, ctx, { source, dir: 'app' });
    expect(cloned.result).toMatchObject({ ok: true, output: { dir: 'app', url: source, branch: 'main' } });
    const app = join(workspace, 'app');
    expect(readFileSync(join(app, 'README.md'), 'utf8')).toBe('# app\n');
    expect((await step(githubGitClone, ctx, { source, dir: 'app' })).result).toMatchObject({ ok: false, error: { code: 'FOLDER_NOT_EMPTY' } });

    const branch = await step(githubGitBranch, ctx, { dir: 'app', branch: 'feature/login', create: true });
    expect(branch.result).toMatchObject({ ok: true, output: { branch: 'feature/login', created: true, previous: 'main' } });
    expect(git(app, 'branch', '--show-current')).toBe('feature/login');
    expect((await classify(githubGitBranch, ctx, { dir: 'app', branch: 'feature/login', create: true })).reasons).toContain('refused: the branch feature/login already exists (at ' + git(app, 'rev-parse', '--short', 'HEAD') + '): switch to it with create: false, or name a new branch');

    // Nothing changed yet: refused clearly, in the preview and the run, and the index is untouched.
    expect(await previewText(githubGitCommit, ctx, { dir: 'app', message: 'Nothing', all: true })).toMatch(/Refused: nothing to commit in app: there are no changes\. Write the files first; an empty commit is never made\./);
    expect((await step(githubGitCommit, ctx, { dir: 'app', message: 'Nothing', all: true })).result).toEqual({ ok: false, error: { code: 'NOTHING_TO_COMMIT', message: 'Refused: nothing to commit in app: there are no changes. Write the files first; an empty commit is never made.', permanent: true } });

    mkdirSync(join(app, 'src'));
    writeFileSync(join(app, 'src', 'login.ts'), 'export const login = () => true;\n');
    writeFileSync(join(app, 'notes.txt'), 'not committed\n');
    // The preview is the staged diff stat of the named paths, computed on a scratch index.
    const preview = await previewText(githubGitCommit, ctx, { dir: 'app', message: 'Add login', paths: ['src/login.ts'] });
    expect(preview.split('\n')).toEqual(['Commit in app: "Add login" on feature/login', ' src/login.ts | 1 +', ' 1 file changed, 1 insertion(+)', 'Undo: git reset --soft HEAD~1 while this is still the commit checked out (the changes stay staged).']);
    expect(git(app, 'status', '--porcelain')).toBe('?? notes.txt\n?? src/');
    const commit = await step(githubGitCommit, ctx, { dir: 'app', message: 'Add login', paths: ['src/login.ts'] });
    expect(commit.result).toMatchObject({ ok: true, output: { branch: 'feature/login', files: 1 } });
    const commitSha = (commit.result as { output: { sha: string } }).output.sha;
    expect(git(app, 'log', '-1', '--format=%H %s')).toBe(`${commitSha} Add login`);
    expect(git(app, 'status', '--porcelain')).toBe('?? notes.txt');

    const tag = await step(githubGitTag, ctx, { dir: 'app', tag: 'v1.0.0', message: 'First release' });
    expect(tag.result).toMatchObject({ ok: true, output: { tag: 'v1.0.0', commit: commitSha, annotated: true } });
    expect(git(app, 'tag', '--list')).toBe('v1.0.0');
    expect(await tag.undo()).toEqual({ ok: true, output: { deleted: 'v1.0.0' } });
    expect(git(app, 'tag', '--list')).toBe('');

    // A new branch on the remote: a write, its commits previewed, and undo deletes it there again.
    const push = { dir: 'app', branch: 'feature/login' };
    expect(await classify(githubGitPush, ctx, push)).toMatchObject({ risk: 'write', reasons: [`pushes feature/login to origin (${source}), creating the branch there`], contentHash: `push:${commitSha}:new` });
    expect((await previewText(githubGitPush, ctx, push)).split('\n')).toEqual([
      `Push feature/login of app to origin (${source})`,
      `A new branch on origin, at ${commitSha.slice(0, 7)}`,
      'Commits pushed (1), git log feature/login --not --remotes=origin --oneline:',
      `  ${commitSha.slice(0, 7)} Add login`,
      'Sets origin/feature/login as the upstream of feature/login.',
      `Undo: deletes feature/login on origin while it still points at ${commitSha.slice(0, 7)}.`,
    ]);
    const pushed = await step(githubGitPush, ctx, push);
    expect(pushed.result).toEqual({ ok: true, output: { branch: 'feature/login', remote: 'origin', url: source, pushed: commitSha, before: null, created: true, commits: 1 } });
    expect(git(bare, 'rev-parse', 'refs/heads/feature/login')).toBe(commitSha);
    expect(git(app, 'rev-parse', '--abbrev-ref', 'feature/login@{upstream}')).toBe('origin/feature/login');
    expect(await pushed.undo()).toEqual({ ok: true, output: { deleted: 'origin/feature/login' } });
    expect(branches(bare)).toBe('main');

    // Someone else pushes to main; switching back and pulling fast-forwards to their commit.
    writeFileSync(join(seed, 'CHANGELOG.md'), '1.0\n');
    git(seed, 'add', 'CHANGELOG.md');
    git(seed, 'commit', '--quiet', '-m', 'Add a changelog');
    git(seed, 'push', '--quiet', bare, 'main');
    const theirs = git(seed, 'rev-parse', 'HEAD');
    const back = await step(githubGitBranch, ctx, { dir: 'app', branch: 'main' });
    expect(back.result).toMatchObject({ ok: true, output: { branch: 'main', created: false, previous: 'feature/login' } });
    expect(await classify(githubGitPull, ctx, { dir: 'app' })).toMatchObject({ risk: 'write', reasons: ['pulls origin into app (fast-forward only)'] });
    const pulled = await step(githubGitPull, ctx, { dir: 'app' });
    expect(pulled.result).toMatchObject({ ok: true, output: { branch: 'main', after: theirs, changed: true } });
    expect(existsSync(join(app, 'CHANGELOG.md'))).toBe(true);
    expect(githubGitPull.undo).toBeUndefined();

    // Undone in reverse: back on feature/login; the commit taken back (its change staged again); the branch deleted.
    expect(await back.undo()).toMatchObject({ ok: true, output: { switchedBack: 'feature/login' } });
    expect(await commit.undo()).toMatchObject({ ok: true, output: { undone: commitSha } });
    expect(git(app, 'rev-parse', 'HEAD')).toBe(git(bare, 'rev-parse', 'main~1'));
    expect(git(app, 'diff', '--cached', '--name-only')).toBe('src/login.ts');
    git(app, 'stash', '--quiet', '--include-untracked');
    expect(await branch.undo()).toEqual({ ok: true, output: { switchedBack: 'main', deleted: 'feature/login' } });
    expect(git(app, 'branch', '--list')).toBe('* main');
  });

  it('a commit undo leaves the commit when another was made on top; a branch undo leaves a branch with new commits', async (context) => {
    requireInfrastructure(context, gitProblem, 'git');
    const { workspace, bare, env } = place();
    const ctx = toolContext(workspace, env(), {} as never, noSecrets);
    await step(githubGitClone, ctx, { source: `file://${bare}`, dir: 'app' });
    const app = join(workspace, 'app');
    const branch = await step(githubGitBranch, ctx, { dir: 'app', branch: 'topic', create: true });
    writeFileSync(join(app, 'a.txt'), 'a\n');
    const first = await step(githubGitCommit, ctx, { dir: 'app', message: 'A', all: true });
    writeFileSync(join(app, 'b.txt'), 'b\n');
    await step(githubGitCommit, ctx, { dir: 'app', message: 'B', all: true });
    expect(await first.undo()).toMatchObject({ ok: false, error: { code: 'HEAD_MOVED' } });
    expect(git(app, 'log', '--format=%s', '-2')).toBe('B\nA');
    expect(await branch.undo()).toMatchObject({ ok: false, error: { code: 'BRANCH_MOVED' } });
    expect(git(app, 'branch', '--list', 'topic')).toContain('topic');
  });

  it('a force push is critical and uses --force-with-lease; on the branch the remote’s HEAD names it is refused in risk, preview and run', async (context) => {
    requireInfrastructure(context, gitProblem, 'git');
    const { workspace, bare, env } = place();
    const ctx = toolContext(workspace, env(), {} as never, noSecrets);
    await step(githubGitClone, ctx, { source: `file://${bare}`, dir: 'app' });
    const app = join(workspace, 'app');
    const main = git(bare, 'rev-parse', 'main');
    writeFileSync(join(app, 'x.txt'), 'x\n');
    await step(githubGitCommit, ctx, { dir: 'app', message: 'Rewrite', all: true });
    git(app, 'commit', '--quiet', '--amend', '-m', 'Rewritten');

    const refusal = "main is the branch the remote's HEAD points at (its default branch): its history is never replaced by force";
    expect(await classify(githubGitPush, ctx, { dir: 'app', branch: 'main', force: true })).toMatchObject({ risk: 'critical', reasons: [`force-pushes main to origin (file://${bare}) with --force-with-lease: commits on the remote branch that are not in yours are lost`, `refused: ${refusal}`] });
    expect(await previewText(githubGitPush, ctx, { dir: 'app', branch: 'main', force: true })).toBe(`Force-push main of app to origin (file://${bare})\nRefused: ${refusal}. The step would fail and nothing would be pushed.`);
    expect((await step(githubGitPush, ctx, { dir: 'app', branch: 'main', force: true })).result).toEqual({ ok: false, error: { code: 'FORCE_PUSH_REFUSED', message: `Refused: ${refusal}. Nothing was pushed.`, permanent: true } });
    expect(git(bare, 'rev-parse', 'main')).toBe(main);

    // Another branch: pushed, then rewritten and force-pushed over what the remote had.
    git(app, 'switch', '--quiet', '-c', 'topic');
    expect((await step(githubGitPush, ctx, { dir: 'app', branch: 'topic' })).result).toMatchObject({ ok: true, output: { created: true } });
    const old = git(app, 'rev-parse', 'HEAD');
    git(app, 'commit', '--quiet', '--amend', '-m', 'Rewritten again');
    const rewritten = git(app, 'rev-parse', 'HEAD');
    const plain = await step(githubGitPush, ctx, { dir: 'app', branch: 'topic' });
    expect(plain.result).toMatchObject({ ok: false, error: { code: 'GIT_FAILED', message: expect.stringContaining('[rejected]') } });
    const rated = await classify(githubGitPush, ctx, { dir: 'app', branch: 'topic', force: true });
    expect(rated).toMatchObject({ risk: 'critical', contentHash: `push:${rewritten}:${old}` });
    expect(await previewText(githubGitPush, ctx, { dir: 'app', branch: 'topic', force: true })).toContain(`Commits on the remote that would be lost:\n  ${old.slice(0, 7)} Rewritten`);
    const forced = await step(githubGitPush, ctx, { dir: 'app', branch: 'topic', force: true });
    expect(forced.result).toMatchObject({ ok: true, output: { pushed: rewritten, before: old, created: false } });
    expect(git(bare, 'rev-parse', 'topic')).toBe(rewritten);
    expect(await forced.undo()).toMatchObject({ ok: false, error: { code: 'NO_UNDO' } });
  });

  it('a folder or path outside the workspace is refused, and so is an address with credentials in it', async (context) => {
    requireInfrastructure(context, gitProblem, 'git');
    const { root, workspace, bare, env } = place();
    const ctx = toolContext(workspace, env(), {} as never, noSecrets);
    // A repository next to the workspace: git must not be pointed at it.
    const outside = join(root, 'outside');
    mkdirSync(outside);
    git(outside, 'init', '--quiet');
    writeFileSync(join(outside, 'f.txt'), 'f\n');
    const escape = await step(githubGitCommit, ctx, { dir: '../outside', message: 'x', all: true });
    expect(escape.result).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKSPACE', message: expect.stringContaining('is outside the workspace') } });
    expect((await step(githubGitClone, ctx, { source: `file://${bare}`, dir: '../stolen' })).result).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKSPACE' } });
    expect(existsSync(join(root, 'stolen'))).toBe(false);
    expect(() => parse(githubGitClone, { source: '/abs', dir: '/tmp/x' })).toThrow(/relative to the workspace/);
    expect(() => parse(githubGitClone, { source: 'https://user:ghp_x@github.com/o/r.git', dir: 'r' })).toThrow(/carries a user name or password/);

    await step(githubGitClone, ctx, { source: `file://${bare}`, dir: 'app' });
    const paths = await step(githubGitCommit, ctx, { dir: 'app', message: 'x', paths: ['../../outside/f.txt'] });
    expect(paths.result).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKSPACE' } });
    // A folder of the workspace that is not a repository is refused rather than found in a repository above it.
    mkdirSync(join(workspace, 'plain'));
    expect((await step(githubGitCommit, ctx, { dir: 'plain', message: 'x', all: true })).result).toMatchObject({ ok: false, error: { code: 'NOT_A_REPOSITORY' } });
    expect(git(outside, 'status', '--porcelain')).toBe('?? f.txt');
  });
});

/** Every token-bearing place a process shows: /proc/PID/cmdline and /proc/PID/environ of every process, and the git programs among them. */
function scanProcesses(secret: string): { leaks: string[]; git: string[] } {
  const leaks: string[] = [];
  const seen: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    for (const file of ['cmdline', 'environ']) {
      let text: string;
      try {
        text = readFileSync(`/proc/${pid}/${file}`, 'latin1');
      } catch {
        continue;
      }
      if (text.includes(secret)) leaks.push(`/proc/${pid}/${file}: ${text.replace(/\0/g, ' ').slice(0, 200)}`);
      if (file === 'cmdline' && /(^|\/)git(-remote-https?)?\0/.test(text) && /\0(push|clone|ls-remote)\0|remote-http/.test(text)) seen.push(text.replace(/\0/g, ' ').trim());
    }
  }
  return { leaks, git: seen };
}

/** Runs `work` while scanning the processes, until it is done. */
async function whileScanning<T>(secret: string, work: () => Promise<T>): Promise<{ result: T; leaks: string[]; git: string[] }> {
  let done = false;
  const leaks = new Set<string>();
  const git = new Set<string>();
  const scanning = (async () => {
    while (!done) {
      const found = scanProcesses(secret);
      found.leaks.forEach((leak) => leaks.add(leak));
      found.git.forEach((line) => git.add(line));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    return { result: await work(), leaks: [...leaks], git: [...git] };
  } finally {
    done = true;
    await scanning;
  }
}

describe('pushes over HTTPS-like http to a loopback GitHub host, authenticated through the credential helper', () => {
  async function githubHost(context: Parameters<typeof requireInfrastructure>[0], rewriteApi?: Parameters<typeof gitHttpBackend>[0]['rewriteApi']) {
    requireInfrastructure(context, gitProblem, 'git');
    requireInfrastructure(context, mockProblem, 'The GitHub mock');
    // The mock's example repository, whose default branch is master.
    const where = place('octocat/Hello-World.git', 'master');
    const server: GitHttpServer = await gitHttpBackend({ root: where.remotes, token, api: mockUrl!, delayMs: 300, rewriteApi });
    cleanups.push(() => server.close());
    const spawns: GitSpawn[] = [];
    cleanups.push(watchGitSpawns((spawned) => spawns.push(spawned)));
    const env = where.env({ GITHUB_API_URL: `${server.url}/api/v3`, GITHUB_TOKEN: token });
    const ctx = toolContext(where.workspace, env, {} as never, noSecrets);
    return { ...where, server, spawns, ctx, env };
  }

  /** Every request to the API met GitHub's contract and was answered 2xx; the requests, cleared. */
  function asked(server: GitHttpServer): string[] {
    for (const entry of server.apiRequests) {
      expect(entry.violations, `${entry.request} met GitHub's contract`).toEqual([]);
      expect(entry.status, entry.request).toBeLessThan(300);
    }
    return server.apiRequests.splice(0).map((entry) => entry.request);
  }

  it('clone by OWNER/REPO, commit and push a new branch: the push lands, and the token is in no argv, environment, output, preview, config or remote URL', async (context) => {
    const { workspace, bare, server, spawns, ctx } = await githubHost(context);
    logged.length = 0;
    const clone = { source: 'octocat/Hello-World', dir: 'hello' };
    expect((await classify(githubGitClone, ctx, clone)).target).toEqual({ kind: 'github', id: 'github:octocat/hello-world', label: 'octocat/Hello-World' });
    const cloneScan = await whileScanning(token, () => step(githubGitClone, ctx, clone));
    expect(cloneScan.result.result).toMatchObject({ ok: true, output: { dir: 'hello', url: `${server.url}/octocat/Hello-World.git`, branch: 'master' } });
    const hello = join(workspace, 'hello');

    await step(githubGitBranch, ctx, { dir: 'hello', branch: 'feature/login', create: true });
    writeFileSync(join(hello, 'login.md'), 'login\n');
    const commit = await step(githubGitCommit, ctx, { dir: 'hello', message: 'Add login notes', all: true });
    const sha = (commit.result as { output: { sha: string } }).output.sha;

    const push = { dir: 'hello', branch: 'feature/login' };
    const rated = await classify(githubGitPush, ctx, push);
    expect(rated).toMatchObject({ risk: 'write', target: { kind: 'github', id: 'github:octocat/hello-world' } });
    const preview = await previewText(githubGitPush, ctx, push);
    expect(preview).toContain(`Push feature/login of hello to origin (${server.url}/octocat/Hello-World.git)`);
    expect(preview).toContain(`  ${sha.slice(0, 7)} Add login notes`);
    expect(preview).toContain('Credentials: the GitHub token, given to git by Reign’s credential helper for this push only.');
    const pushScan = await whileScanning(token, () => step(githubGitPush, ctx, push));
    const pushed = pushScan.result;
    expect(pushed.result).toEqual({ ok: true, output: { branch: 'feature/login', remote: 'origin', url: `${server.url}/octocat/Hello-World.git`, pushed: sha, before: null, created: true, commits: 1 } });
    // The push landed in the bare repository behind git http-backend.
    expect(git(bare, 'rev-parse', 'refs/heads/feature/login')).toBe(sha);
    // Every request git sent with credentials carried the token; none with another; receive-pack (the push) among them.
    expect(server.requests.filter((request) => request.auth === 'wrong')).toEqual([]);
    expect(server.requests.some((request) => request.auth === 'token' && request.path.endsWith('/git-receive-pack'))).toBe(true);
    expect(server.requests.some((request) => request.auth === 'none')).toBe(true); // git's first try, answered 401: the helper then gave the token

    // Not on any command line or in any environment while git ran (the scan saw git's processes), ...
    expect(pushScan.git.length, 'the scan saw the git push processes').toBeGreaterThan(0);
    expect([...cloneScan.leaks, ...pushScan.leaks]).toEqual([]);
    // ... nor in what Reign started git with, ...
    expect(spawns.length).toBeGreaterThan(0);
    for (const spawned of spawns) {
      expect(spawned.args.join('\0')).not.toContain(token);
      expect(Object.values(spawned.env).join('\0')).not.toContain(token);
      expect(spawned.env.GIT_TERMINAL_PROMPT).toBe('0');
    }
    // ... nor in the step's output, log or preview, the clone's config or its remote URL.
    expect(JSON.stringify([cloneScan.result.result, pushed.result, logged, preview, rated])).not.toContain(token);
    const config = readFileSync(join(hello, '.git', 'config'), 'utf8');
    expect(config).not.toContain(token);
    expect(config).not.toMatch(/credential/);
    expect(git(hello, 'remote', 'get-url', 'origin')).toBe(`${server.url}/octocat/Hello-World.git`);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('reign-git-credential-'))).toEqual([]);
    // A non-force push asks GitHub nothing.
    expect(asked(server)).toEqual([]);

    // Undo deletes the new branch on the server, through the helper again.
    expect(await pushed.undo()).toEqual({ ok: true, output: { deleted: 'origin/feature/login' } });
    expect(branches(bare)).toBe('master');
  });

  it('a force push to the default branch GitHub reports is refused (the API asked met GitHub’s contract); without a token, or with one the server refuses, the push fails saying what to do', async (context) => {
    const { workspace, bare, server, ctx, env } = await githubHost(context);
    await step(githubGitClone, ctx, { source: 'octocat/Hello-World', dir: 'hello' });
    const hello = join(workspace, 'hello');
    const master = git(bare, 'rev-parse', 'master');
    git(hello, 'commit', '--quiet', '--amend', '-m', 'Rewritten history');
    const force = { dir: 'hello', branch: 'master', force: true };
    const refusal = 'master is the default branch of octocat/Hello-World: its history is never replaced by force';
    expect(await classify(githubGitPush, ctx, force)).toMatchObject({ risk: 'critical', reasons: [expect.stringContaining('force-pushes master to origin'), `refused: ${refusal}`], target: { id: 'github:octocat/hello-world' } });
    expect(asked(server).sort()).toEqual(['GET /repos/octocat/Hello-World', 'GET /repos/octocat/Hello-World/branches/master']);
    expect((await step(githubGitPush, ctx, force)).result).toEqual({ ok: false, error: { code: 'FORCE_PUSH_REFUSED', message: `Refused: ${refusal}. Nothing was pushed.`, permanent: true } });
    asked(server);
    expect(git(bare, 'rev-parse', 'master')).toBe(master);
    expect(server.requests.some((request) => request.path.endsWith('/git-receive-pack') && request.method === 'POST')).toBe(false);

    // No token: git is told nothing, never prompts, and the step says what to do.
    const { GITHUB_TOKEN: _token, ...without } = env;
    const tokenless = toolContext(workspace, without, {} as never, noSecrets);
    git(hello, 'switch', '--quiet', '-c', 'topic');
    const failed = await step(githubGitPush, tokenless, { dir: 'hello', branch: 'topic' });
    expect(failed.result).toMatchObject({ ok: false, error: { code: 'GIT_CREDENTIALS', message: expect.stringContaining(NO_TOKEN_MESSAGE) } });
    // A token the server refuses: git tells the helper (erase), and the step names where the token came from.
    const wrong = `ghp_${'Wr0ngT0ken'.repeat(4)}`;
    const refused = await step(githubGitPush, toolContext(workspace, { ...without, GITHUB_TOKEN: wrong }, {} as never, noSecrets), { dir: 'hello', branch: 'topic' });
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'GIT_CREDENTIALS', message: expect.stringContaining(`${new URL(server.url).host} refused the token in GITHUB_TOKEN`) } });
    expect(JSON.stringify(refused.result)).not.toContain(wrong);
    expect(server.requests.some((request) => request.auth === 'wrong')).toBe(true);
    expect(branches(bare)).toBe('master');
  });

  it('a force push to a branch GitHub reports protected is refused; to an unprotected one it is critical and lands, with the lease', async (context) => {
    // The description's example branch is unprotected: the front says `release` is protected, as GitHub would for a protected branch.
    const protect = (method: string, path: string, body: Record<string, unknown>) => (method === 'GET' && path === '/repos/octocat/Hello-World/branches/release' ? { ...body, name: 'release', protected: true } : undefined);
    const { workspace, bare, server, ctx } = await githubHost(context, protect);
    await step(githubGitClone, ctx, { source: 'octocat/Hello-World', dir: 'hello' });
    const hello = join(workspace, 'hello');
    for (const name of ['release', 'topic']) {
      git(hello, 'switch', '--quiet', '-c', name, 'master');
      expect((await step(githubGitPush, ctx, { dir: 'hello', branch: name })).result).toMatchObject({ ok: true, output: { created: true } });
      git(hello, 'commit', '--quiet', '--amend', '-m', `Rewritten ${name}`);
    }
    asked(server);
    const refusal = 'release is a protected branch of octocat/Hello-World: its history is never replaced by force';
    expect((await classify(githubGitPush, ctx, { dir: 'hello', branch: 'release', force: true })).reasons).toContain(`refused: ${refusal}`);
    expect((await step(githubGitPush, ctx, { dir: 'hello', branch: 'release', force: true })).result).toMatchObject({ ok: false, error: { code: 'FORCE_PUSH_REFUSED', message: `Refused: ${refusal}. Nothing was pushed.` } });
    expect(git(bare, 'rev-parse', 'release')).toBe(git(bare, 'rev-parse', 'master'));

    const rated = await classify(githubGitPush, ctx, { dir: 'hello', branch: 'topic', force: true });
    expect(rated).toMatchObject({ risk: 'critical', reasons: [expect.stringContaining('force-pushes topic to origin')] });
    const forced = await step(githubGitPush, ctx, { dir: 'hello', branch: 'topic', force: true });
    expect(forced.result).toMatchObject({ ok: true, output: { pushed: git(hello, 'rev-parse', 'topic'), created: false } });
    expect(git(bare, 'rev-parse', 'topic')).toBe(git(hello, 'rev-parse', 'topic'));
    // Each force push asked GitHub twice (classified, then checked again as it ran): the repository's default branch, and the branch's protection.
    expect(asked(server).sort()).toEqual([...Array(4).fill('GET /repos/octocat/Hello-World'), ...Array(2).fill('GET /repos/octocat/Hello-World/branches/release'), ...Array(2).fill('GET /repos/octocat/Hello-World/branches/topic')]);
  });
});
