import type { Target, ToolContext } from '../../tools/tool-definition';
import { existingFolder, folderLabel, folderTarget, repositoryInWorkspace } from './github-git-local-paths';
import { displayUrl, githubRepoOf } from './github-git-local-remote';
import { type GitRunOptions, runGit } from './github-git-local-run';
import { repoTarget } from './github-target';

/** A remote of a repository: its name, its address without credentials, and OWNER/REPO when it is on the configured GitHub. */
export interface RemoteFacts {
  readonly name: string;
  readonly url: string;
  readonly github: string | null;
}

/** What the tools on a repository folder know before they act. */
export interface RepoFacts {
  /** The repository's top folder (real path, inside the workspace). */
  readonly dir: string;
  /** The branch checked out; null when HEAD is detached. */
  readonly branch: string | null;
  /** The commit checked out; null before the first commit. */
  readonly head: string | null;
  /** The remote of the branch's upstream, else `origin`; null when there is none. */
  readonly remote: RemoteFacts | null;
}

/** git's stdout, trimmed; null when it exits with one of `absent` (the thing asked for is not there); throws on any other failure. */
export async function gitText(ctx: ToolContext, dir: string, args: readonly string[], absent: readonly number[] = [], options: GitRunOptions = {}): Promise<string | null> {
  const result = await runGit(ctx, dir, args, { ...options, answerExitCodes: absent });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.output.exitCode === 0 ? result.output.stdout.trim() : null;
}

/** The remote called `name` of the repository, or null when there is none. */
export async function remoteFacts(ctx: ToolContext, dir: string, name: string): Promise<RemoteFacts | null> {
  // `remote get-url` exits 2 for a remote that does not exist.
  const url = await gitText(ctx, dir, ['remote', 'get-url', '--', name], [2]);
  return url === null ? null : { name, url: displayUrl(url), github: githubRepoOf(url, ctx.env) };
}

/** The repository in a workspace folder; throws when the folder is outside the workspace, missing or not a repository. */
export async function repoFacts(ctx: ToolContext, dir: string, remoteName?: string): Promise<RepoFacts> {
  const folder = existingFolder(ctx, dir);
  const top = await gitText(ctx, folder, ['rev-parse', '--show-toplevel'], [128]);
  if (top === null) throw Object.assign(new Error(`${folderLabel(ctx, folder)} is not in a git repository of the workspace: clone one there (github.git.clone) or name the folder of one.`), { code: 'NOT_A_REPOSITORY' });
  const repo = repositoryInWorkspace(ctx, top);
  const [branch, head] = await Promise.all([gitText(ctx, repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], [1]), gitText(ctx, repo, ['rev-parse', '--verify', '--quiet', 'HEAD'], [1])]);
  const upstreamRemote = branch ? await gitText(ctx, repo, ['config', '--get', `branch.${branch}.remote`], [1]) : null;
  const remote = await remoteFacts(ctx, repo, remoteName ?? upstreamRemote ?? 'origin');
  return { dir: repo, branch, head, remote };
}

/** The GitHub repository when the remote is on the configured GitHub, else the workspace folder. */
export function repoFolderTarget(ctx: ToolContext, dir: string, facts: Pick<RepoFacts, 'remote'> | undefined): Target {
  return facts?.remote?.github ? repoTarget(facts.remote.github) : folderTarget(ctx, dir);
}

/** The commit a ref points at, or null when there is none. */
export const refSha = (ctx: ToolContext, dir: string, ref: string): Promise<string | null> => gitText(ctx, dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], [1]);

/** `abc1234`, as git shows a commit. */
export const shortSha = (sha: string | null): string => (sha ? sha.slice(0, 7) : 'none');
