import type { Preview } from '../../tools/tool-definition';
import { boundedMap } from './github-bounded-map';
import type { Octokit } from './github-client';
import { statusOf } from './github-facts';
import { type FileChange, isDeletion } from './github-git-data';
import { splitRepo } from './github-target';

// A commit's preview as a file diff: what the branch holds now on the left, what the commit makes
// of it on the right. One file is shown as itself; several as one document with a header line per
// file, so the diff view shows every change in one place.

/** What a file holds at a ref: its text, null when it does not exist there, or a note when it cannot be shown as text. */
export type FileAtRef = string | null;

const PREVIEW_CONCURRENCY = 4;

/** The files' contents at `ref` (one GET /contents each, a few at a time). */
export async function readFilesAt(octokit: Octokit, repo: string, ref: string, paths: readonly string[], signal?: AbortSignal): Promise<Map<string, FileAtRef>> {
  const contents = await boundedMap(paths, PREVIEW_CONCURRENCY, (path) => readFileAt(octokit, repo, ref, path, signal));
  return new Map(paths.map((path, index) => [path, contents[index] ?? null]));
}

async function readFileAt(octokit: Octokit, repo: string, ref: string, path: string, signal?: AbortSignal): Promise<FileAtRef> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...splitRepo(repo), path, ref, request: { signal } });
    if (Array.isArray(data)) return `(${path} is a folder on ${ref}: the commit would put a file in its place)`;
    if (data.type !== 'file') return `(${path} is a ${data.type} on ${ref})`;
    if (data.encoding !== 'base64' || typeof data.content !== 'string') return `(${path} is too large to show: ${data.size} bytes)`;
    return textOf(Buffer.from(data.content, 'base64')) ?? `(${path} is not text: ${data.size} bytes)`;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** The bytes as UTF-8 text, or null for a binary file (a NUL byte, or not valid UTF-8). */
function textOf(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The diff of the changes against what the branch holds (`before` by path). */
export function commitDiff(title: string, changes: readonly FileChange[], before: ReadonlyMap<string, FileAtRef>): Preview {
  const after = (change: FileChange): string | null => (isDeletion(change) ? null : change.content);
  if (changes.length === 1) {
    const [change] = changes as [FileChange];
    return { kind: 'file', path: `${change.path} (${title})`, before: before.get(change.path) ?? null, after: after(change) };
  }
  // The same header line on both sides, so the diff shows only the files' own lines as changed.
  const section = (path: string, text: string | null) => `=== ${path}\n${text ?? ''}${text && !text.endsWith('\n') ? '\n' : ''}`;
  const left = changes.map((change) => section(change.path, before.get(change.path) ?? null));
  const right = changes.map((change) => section(change.path, after(change)));
  const counted = { new: 0, changed: 0, deleted: 0 };
  for (const change of changes) counted[isDeletion(change) ? 'deleted' : before.get(change.path) == null ? 'new' : 'changed'] += 1;
  const counts = Object.entries(counted).flatMap(([what, count]) => (count ? [`${count} ${what}`] : [])).join(', ');
  return { kind: 'file', path: `${changes.length} files, ${counts} (${title})`, before: left.join('\n'), after: right.join('\n') };
}
