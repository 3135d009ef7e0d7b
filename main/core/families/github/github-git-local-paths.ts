import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Target, ToolContext, ToolResult } from '../../tools/tool-definition';
import { OutsideWorkspaceError, resolveInWorkspace } from '../../tools/workspace-paths';

/** A folder of the workspace, relative to it; `.` is the workspace itself. */
export const folderField = z
  .string()
  .trim()
  .min(1, 'the folder is empty: give a folder of the workspace, or "." for the workspace itself')
  .refine((value) => !isAbsolute(value), 'give the folder relative to the workspace, not as an absolute path')
  .describe('A folder of the workspace (relative to it; "." is the workspace itself)');

const isRoot = (path: string): boolean => path === '.' || path === './' || path === '';

/** The real path of a workspace folder; throws OutsideWorkspaceError for one that escapes it (`..`, a link pointing out). */
export function workspaceFolder(ctx: ToolContext, dir: string): string {
  if (isRoot(dir.trim())) return realpathSync(ctx.workspace);
  return resolveInWorkspace(ctx.workspace, dir.trim());
}

/** Same, for the folder of a repository: it must exist and be a folder. */
export function existingFolder(ctx: ToolContext, dir: string): string {
  const path = workspaceFolder(ctx, dir);
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // Missing: said below.
  }
  if (!folder) throw Object.assign(new Error(`There is no folder ${dir} in the workspace ${ctx.workspace}: clone the repository there first (github.git.clone), or name the folder it is in.`), { code: 'NOT_A_REPOSITORY' });
  return path;
}

/** Whether the folder is missing or empty (git clones only into those). */
export function isMissingOrEmpty(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Paths given relative to the repository folder, checked to stay inside the workspace; relative to that folder again, for git. */
export function pathsInRepository(ctx: ToolContext, repoDir: string, paths: readonly string[]): string[] {
  const root = realpathSync(ctx.workspace);
  return paths.map((path) => {
    if (!path || isAbsolute(path)) throw new OutsideWorkspaceError(path, ctx.workspace);
    const inWorkspace = relative(root, resolve(repoDir, path));
    // Checked through links (one pointing out is refused), but given to git as named: a tracked
    // link is staged as the link, not as what it points at.
    if (!isRoot(inWorkspace)) resolveInWorkspace(root, inWorkspace);
    return relative(repoDir, resolve(repoDir, path)) || '.';
  });
}

/** The real path of a repository's top folder, refused when it is outside the workspace (a `core.worktree` pointing elsewhere). */
export function repositoryInWorkspace(ctx: ToolContext, top: string): string {
  const real = realpathSync(top);
  const fromRoot = relative(realpathSync(ctx.workspace), real);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) throw new OutsideWorkspaceError(top, ctx.workspace);
  return real;
}

/** A folder as the person reads it: relative to the workspace. */
export function folderLabel(ctx: ToolContext, path: string): string {
  let root = ctx.workspace;
  try {
    root = realpathSync(ctx.workspace);
  } catch {
    // The workspace as given.
  }
  const inside = relative(root, path);
  return !inside ? '. (the workspace)' : inside.split(sep).join('/');
}

/** The workspace folder as a target, `workspace:/abs/path`: from the input alone when the folder could not be checked. */
export function folderTarget(ctx: ToolContext, dir: string): Target {
  let path: string;
  try {
    path = workspaceFolder(ctx, dir);
  } catch {
    path = join(ctx.workspace, dir);
  }
  return { kind: 'workspace', id: `workspace:${path}`, label: folderLabel(ctx, path) };
}

/** An OutsideWorkspaceError or a missing folder as a step's failure. */
export function folderFailure(error: unknown): { ok: false; error: { code: string; message: string; permanent: true } } {
  const code = (error as { code?: string }).code ?? 'BAD_FOLDER';
  return { ok: false, error: { code, message: (error as Error).message, permanent: true } };
}

/**
 * A run or undo whose failures to read the repository (outside the workspace, not a repository,
 * git refusing) come back as the step's failure with the reason, never as a thrown error.
 */
export function orFailure<A, R>(work: (args: A) => Promise<ToolResult<R>>): (args: A) => Promise<ToolResult<R>> {
  return async (args) => {
    try {
      return await work(args);
    } catch (error) {
      return folderFailure(error);
    }
  };
}
