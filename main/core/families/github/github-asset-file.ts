import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, normalize } from 'node:path';
import type { ToolContext } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';

/** GitHub's limit for one release asset (docs: "each file included in a release must be under 2 GiB"). */
export const MAX_ASSET_BYTES = 2 * 1024 ** 3 - 1;

/** A workspace file to upload, as classifying knows it: its size and content hash (what an approval binds to). */
export interface AssetFileFacts {
  readonly size: number;
  readonly sha256: string;
  /** The file is written by an earlier step of the plan: its content is that step's. */
  readonly planned: boolean;
}

/** What is wrong with an asset name, or null. GitHub would rename characters it does not take; Reign asks for a clean name instead. */
export function assetNameProblem(name: string): string | null {
  if (!name || name === '.' || name === '..') return 'the asset name is empty';
  if (/[/\\]/.test(name)) return `"${name}" has a / or \\: an asset name is a file name, without folders`;
  if (/[\u0000-\u001f]/.test(name)) return `"${name}" has control characters`;
  return null;
}

/** The asset's name on GitHub: the one given, else the file's own name. */
export const assetName = (path: string, name: string | undefined): string => name ?? basename(path);

/** Size and SHA-256 of the file (or of the content an earlier step of the plan writes there); streams, so a large file is not held in memory. */
export async function assetFileFacts(ctx: ToolContext, path: string): Promise<AssetFileFacts> {
  const planned = ctx.plannedFiles?.get(normalize(path));
  if (planned !== undefined) return { size: Buffer.byteLength(planned), sha256: createHash('sha256').update(planned).digest('hex'), planned: true };
  const absolute = resolveInWorkspace(ctx.workspace, path);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `${path} does not exist in the workspace` : `cannot read ${path}: ${error.message}`);
  });
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > MAX_ASSET_BYTES) throw new Error(`${path} is ${info.size} bytes: GitHub takes release assets under 2 GiB`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(absolute)) hash.update(chunk as Buffer);
  return { size: info.size, sha256: hash.digest('hex'), planned: false };
}

/** The file's bytes, for the upload (GitHub needs the length first, and a retried request sends them again). */
export async function readAssetFile(ctx: ToolContext, path: string): Promise<Buffer> {
  const absolute = resolveInWorkspace(ctx.workspace, path);
  const info = await stat(absolute);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > MAX_ASSET_BYTES) throw new Error(`${path} is ${info.size} bytes: GitHub takes release assets under 2 GiB`);
  return readFile(absolute);
}
