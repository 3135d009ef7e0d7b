import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';

export class OutsideWorkspaceError extends Error {
  readonly code = 'OUTSIDE_WORKSPACE';
  constructor(path: string, workspace: string) {
    super(`"${path}" is outside the workspace ${workspace}; Reign only touches files inside it.`);
    this.name = 'OutsideWorkspaceError';
  }
}

/**
 * Resolves a workspace-relative path to an absolute one inside the workspace. Symlinks on the way
 * (and the file itself, if it is one) are followed and the real path checked, so a link pointing
 * outside is refused like `../` is.
 */
export function resolveInWorkspace(workspace: string, path: string): string {
  if (!path || isAbsolute(path)) throw new OutsideWorkspaceError(path, workspace);
  const root = realpathSync(workspace);
  const wanted = resolve(root, path);
  const real = realPathOfLongestExisting(wanted);
  if (real !== root && !real.startsWith(root + sep)) throw new OutsideWorkspaceError(path, workspace);
  if (real === root) throw new OutsideWorkspaceError(path, workspace); // the workspace itself is not a file
  return real;
}

function realPathOfLongestExisting(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      // A link whose target does not exist yet would be followed by a write: where it points is unknown.
      if (isSymlink(current)) throw new Error(`"${current}" is a symbolic link to a path that does not exist; Reign will not write through it.`);
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Whether `path` is an existing folder (a workspace must be one). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
