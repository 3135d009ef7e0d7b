import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolContext } from '../../tools/tool-definition';
import { assetFileFacts, assetName, assetNameProblem } from './github-asset-file';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the workspace file an upload sends', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'reign-asset-'));
  mkdirSync(join(workspace, 'dist'));
  writeFileSync(join(workspace, 'dist', 'app.tar.gz'), 'archive bytes');
  symlinkSync('/etc/hostname', join(workspace, 'dist', 'escape'));
  const ctx = toolContext(workspace, {}, {} as never);

  it('is known by size and content hash, what the approval binds to', async () => {
    expect(await assetFileFacts(ctx, 'dist/app.tar.gz')).toEqual({ size: 13, sha256: sha('archive bytes'), planned: false });
    expect(assetName('dist/app.tar.gz', undefined)).toBe('app.tar.gz');
    expect(assetName('dist/app.tar.gz', 'app-linux.tar.gz')).toBe('app-linux.tar.gz');
  });

  it('is the content an earlier step of the plan writes, before it exists', async () => {
    const planned = { ...ctx, plannedFiles: new Map([['dist/notes.txt', 'planned']]) };
    expect(await assetFileFacts(planned, './dist/notes.txt')).toEqual({ size: 7, sha256: sha('planned'), planned: true });
  });

  it('must be a file inside the workspace', async () => {
    await expect(assetFileFacts(ctx, 'dist/missing.zip')).rejects.toThrow('dist/missing.zip does not exist in the workspace');
    await expect(assetFileFacts(ctx, 'dist')).rejects.toThrow('dist is not a file');
    await expect(assetFileFacts(ctx, '../outside.zip')).rejects.toThrow(/outside the workspace/);
    await expect(assetFileFacts(ctx, 'dist/escape')).rejects.toThrow(/outside the workspace/);
  });

  it('goes up under a plain file name', () => {
    expect(assetNameProblem('app.zip')).toBeNull();
    expect(assetNameProblem('dist/app.zip')).toMatch(/without folders/);
  });
});
