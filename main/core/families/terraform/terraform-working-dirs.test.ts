import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workingDirsKept } from './terraform-health';
import { terraformWorkingDirs } from './terraform-working-dirs';

function workspaceWith(...files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'reign-tf-walk-'));
  for (const path of files) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
  }
  return root;
}

describe('walking the workspace for Terraform working directories', () => {
  it('stops at the next directory once its signal is aborted (a dashboard past its time limit)', async () => {
    const root = workspaceWith('main.tf', 'a/main.tf', 'b/main.tf', 'c/d/main.tf');
    const stop = new AbortController();
    const walk = terraformWorkingDirs(root, stop.signal);
    // Aborted while the first folder is being read: the walk does not go on to a/, b/, c/.
    stop.abort(new Error('the dashboard stopped waiting'));
    await expect(walk).rejects.toThrow('the dashboard stopped waiting');
    await expect(terraformWorkingDirs(root, AbortSignal.abort(new Error('already stopped')))).rejects.toThrow('already stopped');
  });

  it('keeps the list for a short time, then walks again', async () => {
    const root = workspaceWith('main.tf');
    const signal = AbortSignal.timeout(10_000);
    const start = Date.now();
    expect(await workingDirsKept(root, signal, start)).toEqual([{ dir: '.', initialized: false }]);
    mkdirSync(join(root, 'envs'));
    writeFileSync(join(root, 'envs', 'main.tf'), '');
    expect((await workingDirsKept(root, signal, start + 5_000)).map((found) => found.dir)).toEqual(['.']);
    expect((await workingDirsKept(root, signal, start + 60_000)).map((found) => found.dir)).toEqual(['.', 'envs']);
  });
});
