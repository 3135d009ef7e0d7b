import { z } from 'zod';
import type { Octokit } from './github-client';
import { statusOf } from './github-facts';
import { splitRepo } from './github-target';

// A commit made through GitHub's git data API, with no clone: each file becomes a blob, the blobs
// a tree on top of the parent's tree (so files not named stay as they are), the tree a commit
// whose parent is the branch head, and the branch is moved to it. Without force, GitHub itself
// refuses to move a branch that is no longer at the parent (not a fast-forward).
//
// Small text files go inside the tree request (`content`: GitHub writes the blob itself), larger
// ones are uploaded as blobs first. Octokit's throttling sends at most one write a second (GitHub's
// advice against its secondary rate limits), so a blob per file would make a 15-file template
// take 15 s; inline, a whole commit is three writes (tree, commit, ref).

/** A file to write (text, as UTF-8) or to delete, at a path of the repository. */
export type FileChange = { readonly path: string; readonly content: string; readonly executable?: boolean } | { readonly path: string; readonly delete: true };

export const isDeletion = (change: FileChange): change is Extract<FileChange, { delete: true }> => 'delete' in change && change.delete === true;

/** What is wrong with a path in a repository, or null. */
export function repoPathProblem(path: string): string | null {
  if (!path) return 'the path is empty';
  if (path.startsWith('/')) return `"${path}" starts with "/": give it relative to the repository root (${path.replace(/^\/+/, '')})`;
  if (path.includes('\\')) return `"${path}" has a backslash: paths in a repository use "/"`;
  if (path.endsWith('/')) return `"${path}" ends with "/": name a file, not a folder`;
  if (/[\x00-\x1f\x7f]/.test(path)) return `"${path}" has a control character`;
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return `"${path}" has an empty, "." or ".." part`;
  if (parts.some((part) => part.toLowerCase() === '.git')) return `"${path}" is inside .git, which is git's own and cannot be written`;
  if (Buffer.byteLength(path) > 4096) return 'the path is longer than 4096 bytes';
  return null;
}

export const repoPathField = z
  .string()
  .superRefine((value, context) => {
    const problem = repoPathProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a file path: ${problem}.` });
  })
  .describe('A file path in the repository, from its root (e.g. src/index.js or .github/workflows/ci.yml)');

/** GitHub's blob limit through the API is 100 MB; text written from a plan is far smaller. */
export const MAX_FILE_BYTES = 1024 * 1024;

export const fileChangeField = z.union([
  z
    .object({
      path: repoPathField,
      content: z.string().refine((text) => Buffer.byteLength(text) <= MAX_FILE_BYTES, 'a file is at most 1 MiB of text here'),
      executable: z.boolean().optional().describe('Mode 100755 (a script), else 100644'),
    })
    .strict(),
  z.object({ path: repoPathField, delete: z.literal(true).describe('Remove the file') }).strict(),
]);

export const fileChangesField = z
  .array(fileChangeField)
  .min(1, 'no files: give at least one file to write or delete')
  .max(300, 'at most 300 files in one commit')
  .superRefine((files, context) => {
    const seen = new Set<string>();
    for (const file of files) {
      if (seen.has(file.path)) context.addIssue({ code: 'custom', message: `${file.path} is named twice: give each file once` });
      seen.add(file.path);
    }
  });

/** Files up to this size go inline in the tree request, while the inline total stays under INLINE_TOTAL_BYTES. */
export const INLINE_FILE_BYTES = 64 * 1024;
export const INLINE_TOTAL_BYTES = 1024 * 1024;

export type TreeEntry = {
  readonly path: string;
  readonly mode: '100644' | '100755';
  readonly type: 'blob';
} & (
  | {
      /** The blob uploaded first; null deletes the path from the base tree. */
      readonly sha: string | null;
    }
  | {
      /** The file's text, which GitHub writes as a blob itself. */
      readonly content: string;
    }
);

/** The files uploaded as blobs before the tree: those too large to go inline, and any past the inline total. */
export function filesNeedingBlobs(changes: readonly FileChange[]): string[] {
  let inline = 0;
  const upload: string[] = [];
  for (const change of changes) {
    if (isDeletion(change)) continue;
    const size = Buffer.byteLength(change.content);
    if (size <= INLINE_FILE_BYTES && inline + size <= INLINE_TOTAL_BYTES) inline += size;
    else upload.push(change.path);
  }
  return upload;
}

/**
 * The tree entries of a commit: one per file, in the order given, with its uploaded blob's sha
 * when `blobs` has one, else its text inline; a deletion as sha null. Refuses what GitHub would
 * take wrongly: a path named twice, a path that is also a folder of another.
 */
export function treeEntries(changes: readonly FileChange[], blobs: ReadonlyMap<string, string>): TreeEntry[] {
  const paths = new Set<string>();
  for (const change of changes) {
    const problem = repoPathProblem(change.path);
    if (problem) throw new Error(`Not a file path: ${problem}.`);
    if (paths.has(change.path)) throw new Error(`${change.path} is named twice in one commit.`);
    paths.add(change.path);
  }
  for (const path of paths) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (paths.has(folder)) throw new Error(`${folder} is both a file and the folder of ${path}.`);
    }
  }
  return changes.map((change) => {
    if (isDeletion(change)) return { path: change.path, mode: '100644', type: 'blob', sha: null };
    const mode = change.executable ? '100755' : '100644';
    const sha = blobs.get(change.path);
    return sha ? { path: change.path, mode, type: 'blob', sha } : { path: change.path, mode, type: 'blob', content: change.content };
  });
}

/** A branch as the git data API needs it: its head, the head's tree, and whether it is protected. */
export interface BranchState {
  readonly sha: string;
  readonly tree: string;
  readonly protected: boolean;
}

/** One request (GET /repos/o/r/branches/B) for the head, its tree and the protected flag; null when there is no such branch. */
export async function readBranch(octokit: Octokit, repo: string, branch: string, signal?: AbortSignal): Promise<BranchState | null> {
  try {
    const { data } = await octokit.rest.repos.getBranch({ ...splitRepo(repo), branch, request: { signal } });
    return { sha: data.commit.sha, tree: data.commit.commit.tree.sha, protected: data.protected };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** The tree of a commit (for a commit on top of one that is not the head). */
export async function treeOfCommit(octokit: Octokit, repo: string, sha: string, signal?: AbortSignal): Promise<string> {
  const { data } = await octokit.rest.git.getCommit({ ...splitRepo(repo), commit_sha: sha, request: { signal } });
  return data.tree.sha;
}

/** Uploads the blobs of the files named (those too large for the tree request): their shas by path. */
export async function uploadBlobs(octokit: Octokit, repo: string, changes: readonly FileChange[], paths: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  for (const change of changes) {
    if (isDeletion(change) || !paths.includes(change.path)) continue;
    // One after another: Octokit's throttling sends one write a second whatever is asked at once.
    const { data } = await octokit.rest.git.createBlob({ ...splitRepo(repo), content: change.content, encoding: 'utf-8', request: { signal } });
    blobs.set(change.path, data.sha);
  }
  return blobs;
}

export interface CommitRequest {
  readonly repo: string;
  readonly message: string;
  readonly changes: readonly FileChange[];
  /** The parent commit and its tree (files not named stay as they are there); null for a first commit. */
  readonly parent: { readonly sha: string; readonly tree: string } | null;
}

/** Blobs (of large files), tree and commit: the new commit's sha and tree. The branch is not moved (`moveBranch`). */
export async function createCommit(octokit: Octokit, request: CommitRequest, signal?: AbortSignal): Promise<{ sha: string; tree: string }> {
  const owner = splitRepo(request.repo);
  const blobs = await uploadBlobs(octokit, request.repo, request.changes, filesNeedingBlobs(request.changes), signal);
  const tree = treeEntries(request.changes, blobs);
  const { data: made } = await octokit.rest.git.createTree({ ...owner, ...(request.parent ? { base_tree: request.parent.tree } : {}), tree: tree as never, request: { signal } });
  const { data: commit } = await octokit.rest.git.createCommit({ ...owner, message: request.message, tree: made.sha, parents: request.parent ? [request.parent.sha] : [], request: { signal } });
  return { sha: commit.sha, tree: made.sha };
}

/** Points `refs/heads/BRANCH` at `sha`; without force GitHub refuses (422) unless it is a fast-forward. */
export async function moveBranch(octokit: Octokit, repo: string, branch: string, sha: string, force: boolean, signal?: AbortSignal): Promise<void> {
  await octokit.rest.git.updateRef({ ...splitRepo(repo), ref: `heads/${branch}`, sha, force, request: { signal } });
}
