import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure, type UndoArgs } from '../../tools/tool-definition';
import { githubFacts, statusOf } from './github-facts';
import { readBranch } from './github-git-data';
import { gitText, refSha, repoFacts, type RemoteFacts, type RepoFacts, repoFolderTarget, shortSha } from './github-git-local-facts';
import { folderField, orFailure } from './github-git-local-paths';
import { runGit } from './github-git-local-run';
import { branchField } from './github-fields';
import { defaultBranchOf, forceRefusal } from './github-refs';
import { splitRepo } from './github-target';

/** A remote of the repository by name (its address comes from the repository's config, never from the input). */
const remoteField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a remote name such as origin (git remote -v lists them)')
  .describe('The remote, by name (default origin)');

interface PushInput {
  dir: string;
  remote: string;
  branch?: string;
  setUpstream: boolean;
  force: boolean;
}

/** What a push acts on, read before it is classified, previewed and run. */
export interface PushFacts {
  readonly repo: RepoFacts;
  readonly remote: RemoteFacts;
  readonly branch: string;
  /** The local branch's commit: what is pushed. */
  readonly local: string;
  /** The remote branch's commit now; null when the remote has no such branch (the push creates it). */
  readonly remoteSha: string | null;
  /** The branch the remote's HEAD points at (its default branch); null when it does not say. */
  readonly remoteHead: string | null;
  /** Read from GitHub for a force push to a GitHub remote: its default branch and whether this branch is protected. */
  readonly github: { readonly defaultBranch: string; readonly protected: boolean } | null;
}

/** `git ls-remote --symref`: the remote's HEAD branch and the commit of one branch. */
async function remoteBranch(ctx: ToolContext, repo: RepoFacts, remote: string, branch: string, signal?: AbortSignal): Promise<{ sha: string | null; head: string | null }> {
  const listed = (await gitText(ctx, repo.dir, ['ls-remote', '--symref', '--', remote, 'HEAD', `refs/heads/${branch}`], [], { network: true, signal, timeoutMs: 60_000 })) ?? '';
  let sha: string | null = null;
  let head: string | null = null;
  for (const line of listed.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line);
    if (symref) head = symref[1]!;
    const ref = /^([0-9a-f]{40,64})\trefs\/heads\/(.+)$/.exec(line);
    if (ref && ref[2] === branch) sha = ref[1]!;
  }
  return { sha, head };
}

async function githubBranchFacts(ctx: ToolContext, repo: string, branch: string, signal?: AbortSignal): Promise<{ defaultBranch: string; protected: boolean }> {
  return githubFacts(ctx, `Reading the default branch and the protection of ${branch} in ${repo}`, async (octokit) => {
    const [defaultBranch, isProtected] = await Promise.all([
      defaultBranchOf(octokit, repo, signal),
      // A branch GitHub does not have yet is not protected by a rule on itself; a rule set may still refuse the push, and GitHub then says so.
      readBranch(octokit, repo, branch, signal).then((found) => found?.protected ?? false),
    ]);
    return { defaultBranch, protected: isProtected };
  });
}

export async function pushFacts(ctx: ToolContext, input: PushInput, signal?: AbortSignal): Promise<PushFacts> {
  const repo = await repoFacts(ctx, input.dir, input.remote);
  if (!repo.remote) throw Object.assign(new Error(`${input.dir} has no remote called ${input.remote} (git remote -v lists them).`), { code: 'NO_REMOTE' });
  const branch = input.branch ?? repo.branch;
  if (!branch) throw Object.assign(new Error(`${input.dir} has a detached HEAD: name the branch to push.`), { code: 'BAD_INPUT' });
  const local = await refSha(ctx, repo.dir, `refs/heads/${branch}`);
  if (!local) throw Object.assign(new Error(`There is no branch ${branch} in ${input.dir} to push${repo.head ? '' : ' (the repository has no commit yet)'}.`), { code: 'NOT_FOUND' });
  const [found, github] = await Promise.all([remoteBranch(ctx, repo, input.remote, branch, signal), input.force && repo.remote.github ? githubBranchFacts(ctx, repo.remote.github, branch, signal) : Promise.resolve(null)]);
  return { repo, remote: repo.remote, branch, local, remoteSha: found.sha, remoteHead: found.head, github };
}

/** Why a force push is refused: the default branch (GitHub's, or the remote HEAD's for another remote), a branch GitHub protects; else null. */
export function forcePushRefusal(facts: PushFacts): string | null {
  const { branch } = facts;
  if (facts.remote.github) {
    if (!facts.github) return `whether ${branch} is the default or a protected branch of ${facts.remote.github} could not be read from GitHub`;
    return forceRefusal(branch, facts.remote.github, facts.github);
  }
  if (facts.remoteHead && branch === facts.remoteHead) return `${branch} is the branch the remote's HEAD points at (its default branch): its history is never replaced by force`;
  return null;
}

/** What the commits pushed are, as `git log --oneline`: remote..local, or those no branch of the remote has when the branch is new. */
async function pushedCommits(ctx: ToolContext, facts: PushFacts): Promise<{ lines: string[]; count: number; remoteUnknown: boolean }> {
  const remoteKnown = facts.remoteSha ? (await refSha(ctx, facts.repo.dir, facts.remoteSha)) !== null : true;
  if (!remoteKnown) return { lines: [], count: 0, remoteUnknown: true };
  // Only full shas and a remote name read from the repository go in here: nothing from the input can be an option.
  const range = facts.remoteSha ? [`${facts.remoteSha}..${facts.local}`] : [facts.local, '--not', `--remotes=${facts.remote.name}`];
  const log = (await gitText(ctx, facts.repo.dir, ['log', '--oneline', '--no-decorate', '--max-count=50', ...range])) ?? '';
  const count = Number((await gitText(ctx, facts.repo.dir, ['rev-list', '--count', ...range])) ?? '0');
  return { lines: log ? log.split('\n') : [], count, remoteUnknown: false };
}

interface PushOutput {
  branch: string;
  remote: string;
  url: string;
  pushed: string;
  before: string | null;
  created: boolean;
  commits: number;
}

const pushWhat = (input: PushInput, facts: PushFacts | undefined): string => `${input.force ? 'force-pushes' : 'pushes'} ${facts?.branch ?? input.branch ?? 'the branch checked out'} to ${input.remote}${facts ? ` (${facts.remote.url})` : ''}`;

export const githubGitPush = defineTool<PushInput, PushOutput, undefined, PushFacts>({
  name: 'github.git.push',
  description:
    'Push a branch (default: the one checked out) of a repository folder of the workspace to a remote (default origin), setting it as upstream. force: true uses --force-with-lease and is critical; it is refused on the default branch (and on branches GitHub protects when the remote is GitHub). The GitHub token reaches git through Reign’s credential helper. Undo deletes a branch the push created, while it still points at the pushed commit.',
  input: z
    .object({
      dir: folderField.default('.'),
      remote: remoteField.default('origin'),
      branch: branchField.optional(),
      setUpstream: z.boolean().default(true).describe('Make the remote branch the upstream of the local one (--set-upstream)'),
      force: z.boolean().default(false).describe('Overwrite the remote branch (--force-with-lease): commits there that are not in yours are lost'),
    })
    .strict(),
  output: z.object({ branch: z.string(), remote: z.string(), url: z.string(), pushed: z.string(), before: z.string().nullable(), created: z.boolean(), commits: z.number() }),
  inspect: ({ input, ctx, signal }) => pushFacts(ctx, input, signal),
  inspectTimeoutMs: 30_000,
  // Approved for these two commits: if either branch moves before the step runs, it is approved again.
  contentHash: (facts) => (facts ? `push:${facts.local}:${facts.remoteSha ?? 'new'}` : null),
  risk: ({ input, facts }) => {
    if (!input.force) return assess('write', `${pushWhat(input, facts)}${facts && !facts.remoteSha ? ', creating the branch there' : ''}`);
    const lost = `${pushWhat(input, facts)} with --force-with-lease: commits on the remote branch that are not in yours are lost`;
    const refusal = facts ? forcePushRefusal(facts) : null;
    return refusal ? assess('critical', lost, `refused: ${refusal}`) : assess('critical', lost);
  },
  target: ({ input, ctx, facts }) => repoFolderTarget(ctx, input.dir, facts?.repo),
  preview: async ({ input, ctx }) => {
    const facts = await pushFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return { kind: 'text', text: `Push ${input.branch ?? 'the branch checked out'} of ${input.dir} to ${input.remote}\nCannot read it: ${facts.message}` };
    const title = `${input.force ? 'Force-push' : 'Push'} ${facts.branch} of ${input.dir} to ${facts.remote.name} (${facts.remote.url})`;
    const refusal = input.force ? forcePushRefusal(facts) : null;
    if (refusal) return { kind: 'text', text: `${title}\nRefused: ${refusal}. The step would fail and nothing would be pushed.` };
    const commits = await pushedCommits(ctx, facts);
    const lines = [title, facts.remoteSha ? `${facts.remote.name}/${facts.branch}: ${shortSha(facts.remoteSha)} → ${shortSha(facts.local)}` : `A new branch on ${facts.remote.name}, at ${shortSha(facts.local)}`];
    if (commits.remoteUnknown) lines.push(input.force ? `The remote branch is at ${shortSha(facts.remoteSha)}, which is not in this repository: the commits it has that yours does not would be lost (fetch to see them).` : `The remote branch is at ${shortSha(facts.remoteSha)}, which is not in this repository: git will refuse the push until you pull.`);
    else if (facts.local === facts.remoteSha) lines.push('Nothing to push: the remote branch is already at this commit.');
    else lines.push(`Commits pushed (${commits.count}), git log ${facts.remoteSha ? `${facts.remote.name}/${facts.branch}..${facts.branch}` : `${facts.branch} --not --remotes=${facts.remote.name}`} --oneline:`, ...commits.lines.map((line) => `  ${line}`), ...(commits.count > commits.lines.length ? [`  … and ${commits.count - commits.lines.length} more`] : []));
    if (input.force && facts.remoteSha && !commits.remoteUnknown) {
      const dropped = (await gitText(ctx, facts.repo.dir, ['log', '--oneline', '--no-decorate', '--max-count=20', '--end-of-options', `${facts.local}..${facts.remoteSha}`])) ?? '';
      lines.push(dropped ? `Commits on the remote that would be lost:\n${dropped.split('\n').map((line) => `  ${line}`).join('\n')}` : 'No commit on the remote would be lost (the push only adds commits).');
    }
    if (input.setUpstream) lines.push(`Sets ${facts.remote.name}/${facts.branch} as the upstream of ${facts.branch}.`);
    if (facts.remote.github) lines.push(`Credentials: the GitHub token, given to git by Reign’s credential helper for this push only.`);
    lines.push(facts.remoteSha ? 'Undo: none (a push to an existing branch is not taken back).' : `Undo: deletes ${facts.branch} on ${facts.remote.name} while it still points at ${shortSha(facts.local)}.`);
    return { kind: 'text', text: lines.join('\n') };
  },
  run: orFailure(async ({ input, ctx, signal, log }) => {
    const facts = await pushFacts(ctx, input, signal)
    // Checked again here: an approval or a rule may let the step run, the default branch's history is never rewritten.
    const refusal = input.force ? forcePushRefusal(facts) : null;
    if (refusal) return { ok: false, error: { code: 'FORCE_PUSH_REFUSED', message: `Refused: ${refusal}. Nothing was pushed.`, permanent: true } };
    const commits = await pushedCommits(ctx, facts);
    const refspec = `refs/heads/${facts.branch}:refs/heads/${facts.branch}`;
    // The lease is the remote commit just read: if someone pushes in between, git refuses instead of overwriting their work.
    const lease = input.force ? [`--force-with-lease=refs/heads/${facts.branch}:${facts.remoteSha ?? ''}`] : [];
    const pushed = await runGit(ctx, facts.repo.dir, ['push', ...(input.setUpstream ? ['--set-upstream'] : []), ...lease, '--', facts.remote.name, refspec], { network: true, signal, log });
    if (!pushed.ok) return pushed;
    return { ok: true, output: { branch: facts.branch, remote: facts.remote.name, url: facts.remote.url, pushed: facts.local, before: facts.remoteSha, created: facts.remoteSha === null, commits: commits.count } };
  }),
  undo: orFailure<UndoArgs<PushInput, PushOutput, undefined>, unknown>(async ({ input, output, ctx, signal }) => {
    if (!output) return { ok: true, output: null };
    if (!output.created) return toolFailure('NO_UNDO', `The push of ${output.branch} to ${output.remote} updated a branch that was there before: it is not taken back (push the old commit ${shortSha(output.before)} yourself if that is what you want).`);
    const repo = await repoFacts(ctx, input.dir, output.remote);
    // Deleted only while it points at the commit pushed: commits someone added since stay.
    const deleted = await runGit(ctx, repo.dir, ['push', `--force-with-lease=refs/heads/${output.branch}:${output.pushed}`, '--', output.remote, `:refs/heads/${output.branch}`], { network: true, signal });
    if (!deleted.ok) return deleted.error.message.includes('stale info') ? toolFailure('BRANCH_MOVED', `The branch ${output.branch} on ${output.remote} was left in place: it no longer points at ${shortSha(output.pushed)}, so commits were pushed to it since.`) : deleted;
    if (input.setUpstream) await runGit(ctx, repo.dir, ['branch', '--unset-upstream', '--', output.branch], { signal });
    return { ok: true, output: { deleted: `${output.remote}/${output.branch}` } };
  }),
  idempotent: false,
  describeChange: (input) => `${input.force ? 'force-pushed' : 'pushed'} ${input.branch ?? 'the branch checked out'} of ${input.dir} to ${input.remote}`,
  examples: [{ dir: 'hello-world', branch: 'feature/login' }, { dir: 'hello-world', branch: 'feature/login', force: true }],
});

const pullModes = { 'ff-only': '--ff-only', merge: '--no-rebase', rebase: '--rebase' } as const;

interface PullInput {
  dir: string;
  remote?: string;
  branch?: string;
  mode: keyof typeof pullModes;
}

export const githubGitPull = defineTool<PullInput, { branch: string | null; before: string | null; after: string | null; changed: boolean }, undefined, RepoFacts>({
  name: 'github.git.pull',
  description: 'Pull into a repository folder of the workspace from its upstream (or a named remote and branch). Fast-forward only by default: when the branches diverged it fails and changes nothing (mode merge or rebase to combine them). No undo.',
  input: z
    .object({
      dir: folderField.default('.'),
      remote: remoteField.optional(),
      branch: branchField.optional().describe('The remote branch to pull (default: the upstream of the branch checked out)'),
      mode: z.enum(['ff-only', 'merge', 'rebase']).default('ff-only').describe('ff-only (default): only when no merge is needed; merge; rebase'),
    })
    .strict(),
  output: z.object({ branch: z.string().nullable(), before: z.string().nullable(), after: z.string().nullable(), changed: z.boolean() }),
  inspect: ({ input, ctx }) => repoFacts(ctx, input.dir, input.remote),
  risk: ({ input, facts }) => assess('write', `pulls ${input.remote ?? facts?.remote?.name ?? 'the upstream'}${input.branch ? `/${input.branch}` : ''} into ${input.dir} (${input.mode === 'ff-only' ? 'fast-forward only' : input.mode})`),
  target: ({ input, ctx, facts }) => repoFolderTarget(ctx, input.dir, facts),
  preview: async ({ input, ctx }) => {
    const facts = await repoFacts(ctx, input.dir, input.remote).catch((error: Error) => error);
    if (facts instanceof Error) return { kind: 'text', text: `Pull into ${input.dir}\nCannot read the repository: ${facts.message}\nNo undo.` };
    return {
      kind: 'text',
      text: [
        `Pull into ${input.dir} (${facts.branch ?? 'detached HEAD'}, at ${shortSha(facts.head)}) from ${facts.remote ? `${facts.remote.name} (${facts.remote.url})` : 'its upstream'}${input.branch ? `, branch ${input.branch}` : ''}`,
        input.mode === 'ff-only' ? 'Fast-forward only: if your branch and the remote’s diverged, the pull fails and nothing changes.' : input.mode === 'merge' ? 'Merges the remote branch into yours when they diverged (a merge commit).' : 'Rebases your commits onto the remote branch when they diverged.',
        `git pull ${pullModes[input.mode]}${input.remote || input.branch ? ` ${input.remote ?? 'origin'}` : ''}${input.branch ? ` ${input.branch}` : ''}`,
        'No undo: a pull is not taken back (git reset --keep to the commit before it, if needed).',
      ].join('\n'),
    };
  },
  run: orFailure(async ({ input, ctx, signal, log }) => {
    const facts = await repoFacts(ctx, input.dir, input.remote)
    const from = input.remote || input.branch ? [input.remote ?? 'origin', ...(input.branch ? [input.branch] : [])] : [];
    // --no-edit: a merge commit takes git's message, no editor is opened.
    const pulled = await runGit(ctx, facts.dir, ['pull', pullModes[input.mode], ...(input.mode === 'merge' ? ['--no-edit'] : []), ...(from.length ? ['--', ...from] : [])], { network: true, signal, log });
    if (!pulled.ok) return pulled;
    const after = await refSha(ctx, facts.dir, 'HEAD');
    return { ok: true, output: { branch: facts.branch, before: facts.head, after, changed: after !== facts.head } };
  }),
  idempotent: true,
  describeChange: (input) => `pulled into ${input.dir}`,
  examples: [{ dir: 'hello-world' }, { dir: 'hello-world', remote: 'origin', branch: 'main', mode: 'rebase' }],
});
