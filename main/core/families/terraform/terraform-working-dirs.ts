import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

// The Terraform working directories of a Reign workspace, for the Resources view's first choice:
// every folder (a few levels down) holding *.tf files, initialized ones first, since those are the
// ones with state to show.

const SKIPPED = new Set(['node_modules', 'vendor', 'dist', 'build']);
const DEPTH = 4;
const LIMIT = 200;

export interface WorkingDir {
  /** Relative to the workspace, `.` for the workspace itself: what the tools take as `dir`. */
  readonly dir: string;
  /** `terraform init` ran there (a .terraform folder). */
  readonly initialized: boolean;
}

/**
 * Walks the workspace a directory at a time without blocking (it may be the home folder), checking
 * the signal between directories: a dashboard past its time limit stops the walk.
 */
export async function terraformWorkingDirs(root: string, signal?: AbortSignal): Promise<WorkingDir[]> {
  const found: WorkingDir[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    signal?.throwIfAborted();
    if (found.length >= LIMIT) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable: not ours to show
    }
    if (entries.some((entry) => entry.isFile() && (entry.name.endsWith('.tf') || entry.name.endsWith('.tf.json')))) {
      found.push({ dir: relative(root, dir) || '.', initialized: entries.some((entry) => entry.isDirectory() && entry.name === '.terraform') });
    }
    if (depth >= DEPTH) return;
    // Hidden folders hold .terraform, .reign and .git, none of them configuration of the person's.
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED.has(entry.name)) await visit(join(dir, entry.name), depth + 1);
  };
  await visit(root, 0);
  return found.sort((a, b) => Number(b.initialized) - Number(a.initialized) || a.dir.localeCompare(b.dir));
}
