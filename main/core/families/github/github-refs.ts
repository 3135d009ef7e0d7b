import type { Octokit } from './github-client';
import { splitRepo } from './github-target';
import { statusOf } from './github-facts';

/** What `read` answers, or null when GitHub answers 404: the thing asked for is not there. Any other failure is thrown. */
export async function unlessMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** The commit a branch points at, or null when there is no such branch (the exact ref, never a prefix match). */
export const branchHead = (octokit: Octokit, repo: string, branch: string, signal?: AbortSignal): Promise<string | null> =>
  unlessMissing(async () => (await octokit.rest.git.getRef({ ...splitRepo(repo), ref: `heads/${branch}`, request: { signal } })).data.object.sha);

export interface TagRef {
  /** What the ref points at: a commit, or the tag object of an annotated tag. */
  readonly sha: string;
  readonly type: string;
}

/** The tag's ref, or null when the repository has no such tag (the exact ref, never a prefix match). */
export const tagRef = (octokit: Octokit, repo: string, tag: string, signal?: AbortSignal): Promise<TagRef | null> =>
  unlessMissing(async () => {
    const { data } = await octokit.rest.git.getRef({ ...splitRepo(repo), ref: `tags/${tag}`, request: { signal } });
    return { sha: data.object.sha, type: data.object.type };
  });

/** The repository's default branch, which merges into and deletions of are rated higher. */
export async function defaultBranchOf(octokit: Octokit, repo: string, signal?: AbortSignal): Promise<string> {
  const { data } = await octokit.rest.repos.get({ ...splitRepo(repo), request: { signal } });
  return data.default_branch;
}

/** Makes `refs/heads/BRANCH` point at `sha`; GitHub refuses (422) when the branch exists. */
export async function createBranch(octokit: Octokit, repo: string, branch: string, sha: string, signal?: AbortSignal): Promise<string> {
  const { data } = await octokit.rest.git.createRef({ ...splitRepo(repo), ref: `refs/heads/${branch}`, sha, request: { signal } });
  return data.object.sha;
}

export async function deleteBranch(octokit: Octokit, repo: string, branch: string, signal?: AbortSignal): Promise<void> {
  await octokit.rest.git.deleteRef({ ...splitRepo(repo), ref: `heads/${branch}`, request: { signal } });
}

/** Why a branch's history may not be replaced by force, whoever asks (a forced commit, a force push): it is the default branch, or a protected one; else null. */
export function forceRefusal(branch: string, repo: string, where: { readonly defaultBranch: string; readonly protected: boolean }): string | null {
  if (branch === where.defaultBranch) return `${branch} is the default branch of ${repo}: its history is never replaced by force`;
  if (where.protected) return `${branch} is a protected branch of ${repo}: its history is never replaced by force`;
  return null;
}
