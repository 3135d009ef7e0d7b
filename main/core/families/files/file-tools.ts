import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { credentialStore, maskCredentialContent, protectedFile } from '../../policy/sensitive-files';
import { defineTool, type Target, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** What was at a path before a step changed it: enough to put it back exactly. */
interface FileSnapshot {
  readonly existed: boolean;
  readonly contentBase64: string | null;
  readonly mode: number | null;
  /** Folders the step will create, outermost first; undo removes them again if empty. */
  readonly createdDirs: string[];
}

const workspaceTarget = (ctx: ToolContext): Target => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace });

/** Runs a file operation, turning a refused path or an I/O error into a result. */
async function guarded<O>(operation: () => Promise<O>): Promise<ToolResult<O>> {
  try {
    return { ok: true, output: await operation() };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return toolFailure(code ?? 'FILE_ERROR', message);
  }
}

async function snapshotOf(ctx: ToolContext, path: string): Promise<FileSnapshot> {
  const absolute = resolveInWorkspace(ctx.workspace, path);
  const createdDirs: string[] = [];
  for (let dir = dirname(absolute); dir.startsWith(ctx.workspace) && dir !== ctx.workspace; dir = dirname(dir)) {
    if (await exists(dir)) break;
    createdDirs.unshift(dir);
  }
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw Object.assign(new Error(`"${path}" is not a regular file`), { code: 'NOT_A_FILE' });
    if (info.size > MAX_FILE_BYTES) throw Object.assign(new Error(`"${path}" is larger than ${MAX_FILE_BYTES} bytes; Reign does not snapshot it`), { code: 'FILE_TOO_LARGE' });
    return { existed: true, contentBase64: (await readFile(absolute)).toString('base64'), mode: info.mode & 0o7777, createdDirs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { existed: false, contentBase64: null, mode: null, createdDirs };
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Puts a path back as the snapshot found it: the same bytes and mode, or absent with its new folders gone. */
async function restore(ctx: ToolContext, path: string, snapshot: FileSnapshot): Promise<void> {
  const absolute = resolveInWorkspace(ctx.workspace, path);
  if (snapshot.existed) {
    await atomicWrite(absolute, Buffer.from(snapshot.contentBase64!, 'base64'), snapshot.mode ?? undefined);
    return;
  }
  await rm(absolute, { force: true });
  for (const dir of [...snapshot.createdDirs].reverse()) await rmdir(dir).catch(() => undefined); // only if empty
}

async function atomicWrite(absolute: string, content: Buffer | string, mode?: number): Promise<void> {
  const temporary = `${absolute}.reign-${process.pid}-${Date.now()}.tmp`;
  await writeFile(temporary, content, mode === undefined ? {} : { mode });
  await rename(temporary, absolute);
}

const pathField = z.string().min(1).describe('Path relative to the workspace folder');

export const filesWrite = defineTool({
  name: 'files.write',
  description: 'Create or replace a text file inside the workspace. Undo restores the previous content, or removes the file if it did not exist.',
  input: z.object({ path: pathField, content: z.string().max(MAX_FILE_BYTES) }).strict(),
  output: z.object({ path: z.string(), bytes: z.number(), created: z.boolean() }),
  // A file that decides what runs later (.git/config, a Makefile, a workflow) makes this write run code.
  risk: ({ input }) => {
    const runsLater = protectedFile(input.path);
    return runsLater ? assess('destructive', `writes ${input.path}: ${runsLater}`) : assess('write', `writes ${input.path} in the workspace`);
  },
  target: ({ ctx }) => workspaceTarget(ctx),
  preview: async ({ input, ctx }) => {
    const before = await snapshotOf(ctx, input.path);
    return { kind: 'file', path: input.path, before: before.existed ? Buffer.from(before.contentBase64!, 'base64').toString('utf8') : null, after: input.content };
  },
  snapshot: ({ input, ctx }) => snapshotOf(ctx, input.path),
  writesFiles: (input) => [{ path: input.path, content: input.content }],
  run: ({ input, ctx }) =>
    guarded(async () => {
      const absolute = resolveInWorkspace(ctx.workspace, input.path);
      const created = !(await exists(absolute));
      await mkdir(dirname(absolute), { recursive: true });
      await atomicWrite(absolute, input.content, created ? undefined : (await stat(absolute)).mode & 0o7777);
      return { path: input.path, bytes: Buffer.byteLength(input.content), created };
    }),
  undo: ({ input, snapshot, ctx }) => guarded(() => restore(ctx, input.path, snapshot)),
  idempotent: true,
  describeChange: (input) => `wrote ${input.path}`,
});

export const filesRead = defineTool({
  name: 'files.read',
  description: 'Read a text file inside the workspace.',
  input: z.object({ path: pathField }).strict(),
  output: z.object({ path: z.string(), content: z.string(), bytes: z.number() }),
  risk: ({ input }) => {
    const secret = credentialStore(input.path);
    return secret ? assess('write', `reads ${input.path}, which holds ${secret} (its values are masked in what the agent sees)`) : assess('read', `reads ${input.path}`);
  },
  target: ({ ctx }) => workspaceTarget(ctx),
  preview: async ({ input }) => ({ kind: 'text', text: `Read ${input.path}` }),
  run: ({ input, ctx }) =>
    guarded(async () => {
      const absolute = resolveInWorkspace(ctx.workspace, input.path);
      const info = await stat(absolute);
      if (info.size > MAX_FILE_BYTES) throw Object.assign(new Error(`"${input.path}" is larger than ${MAX_FILE_BYTES} bytes`), { code: 'FILE_TOO_LARGE' });
      const content = await readFile(absolute, 'utf8');
      return { path: input.path, content: credentialStore(input.path) || credentialStore(absolute) ? maskCredentialContent(content) : content, bytes: info.size };
    }),
  idempotent: true,
  describeChange: () => 'nothing (read only)',
});

export const filesDelete = defineTool({
  name: 'files.delete',
  description: 'Delete a file inside the workspace. Undo puts it back with the same content and mode.',
  input: z.object({ path: pathField }).strict(),
  output: z.object({ path: z.string(), bytes: z.number() }),
  risk: ({ input }) => assess('destructive', `deletes ${input.path} (undo restores it from a snapshot)`),
  target: ({ ctx }) => workspaceTarget(ctx),
  preview: async ({ input, ctx }) => {
    const before = await snapshotOf(ctx, input.path);
    return { kind: 'file', path: input.path, before: before.existed ? Buffer.from(before.contentBase64!, 'base64').toString('utf8') : null, after: null };
  },
  snapshot: ({ input, ctx }) => snapshotOf(ctx, input.path),
  run: ({ input, ctx }) =>
    guarded(async () => {
      const absolute = resolveInWorkspace(ctx.workspace, input.path);
      const info = await stat(absolute);
      if (!info.isFile()) throw Object.assign(new Error(`"${input.path}" is not a regular file`), { code: 'NOT_A_FILE' });
      await rm(absolute);
      return { path: input.path, bytes: info.size };
    }),
  undo: ({ input, snapshot, ctx }) => guarded(() => restore(ctx, input.path, snapshot)),
  idempotent: false,
  describeChange: (input) => `deleted ${input.path}`,
});
