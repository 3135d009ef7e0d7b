import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';

// Writing a new chart folder into the workspace and undoing it, shared by the tools that make
// charts (helm.create, helm.chart.from-compose), so both refuse and clean up the same way.

/** A file of a chart, at its workspace path. */
export interface ChartFile {
  readonly path: string;
  readonly content: string;
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Runs file work, turning a file system error into a failure that names it. */
export async function guarded<O>(work: () => Promise<ToolResult<O>>): Promise<ToolResult<O>> {
  try {
    return await work();
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return toolFailure(code ?? 'FILE_ERROR', message);
  }
}

/** The folders writing into `folder` would create, outermost first, so undo removes only those. */
export async function foldersToCreate(ctx: ToolContext, folder: string): Promise<string[]> {
  const createdDirs: string[] = [];
  for (let dir = resolveInWorkspace(ctx.workspace, folder); dir.startsWith(ctx.workspace) && dir !== ctx.workspace; dir = dirname(dir)) {
    if (await exists(dir)) break;
    createdDirs.unshift(dir);
  }
  return createdDirs;
}

/** The folders from `first` (the outermost one mkdir made) down to `deepest`, outermost first. */
function foldersBetween(first: string | undefined, deepest: string): string[] {
  if (!first) return [];
  const made: string[] = [];
  for (let dir = deepest; dir.startsWith(first); dir = dirname(dir)) made.unshift(dir);
  return made;
}

/**
 * Writes the files of a new chart; refuses a folder that exists and is not empty, and never overwrites a file.
 * A write that fails part way removes what this call wrote before failing: the plan runner's rollback
 * undoes only steps that succeeded, so a half-written chart would otherwise stay behind.
 */
export async function writeNewChart(ctx: ToolContext, folder: string, files: readonly ChartFile[]): Promise<ToolResult<{ path: string; files: string[] }>> {
  const absoluteFolder = resolveInWorkspace(ctx.workspace, folder);
  if ((await exists(absoluteFolder)) && (await readdir(absoluteFolder)).length) return toolFailure('EXISTS', `${folder}/ already exists and is not empty; pick another path, or remove it first.`);
  const writtenFiles: string[] = [];
  const madeFolders: string[] = [];
  try {
    for (const file of files) {
      const absolute = resolveInWorkspace(ctx.workspace, file.path);
      madeFolders.push(...foldersBetween(await mkdir(dirname(absolute), { recursive: true }), dirname(absolute)));
      await writeFile(absolute, file.content, { flag: 'wx' });
      writtenFiles.push(absolute);
    }
  } catch (error) {
    for (const file of writtenFiles) await rm(file, { force: true }).catch(() => undefined);
    for (const dir of [...madeFolders].reverse()) await rmdir(dir).catch(() => undefined); // only if empty
    const { code, message } = error as NodeJS.ErrnoException;
    return toolFailure(code ?? 'FILE_ERROR', `${message}; nothing of ${folder}/ was kept (the files written before the failure were removed).`);
  }
  return { ok: true, output: { path: folder, files: files.map((file) => file.path) } };
}

/** Removes the files a step wrote, unless someone changed them since; then the folders it made, if empty. */
export async function removeWrittenChart(ctx: ToolContext, folder: string, files: readonly ChartFile[], createdDirs: readonly string[]): Promise<ToolResult<{ kept: string[] }>> {
  const kept: string[] = [];
  const absoluteFolder = resolveInWorkspace(ctx.workspace, folder);
  for (const file of files) {
    const absolute = resolveInWorkspace(ctx.workspace, file.path);
    const now = await readFile(absolute, 'utf8').catch(() => null);
    if (now === null) continue;
    if (now !== file.content) kept.push(file.path);
    else await rm(absolute);
  }
  const dirs = [...new Set(files.map((file) => dirname(resolveInWorkspace(ctx.workspace, file.path))))].sort((a, b) => b.length - a.length);
  // The chart's subfolders, deepest first, then the folders the step made (the chart folder among them unless it was there, empty, before).
  for (const dir of [...dirs.filter((dir) => dir !== absoluteFolder), ...[...createdDirs].reverse()]) await rmdir(dir).catch(() => undefined); // only if empty
  return { ok: true, output: { kept } };
}
