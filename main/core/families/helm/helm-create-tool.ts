import { mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';
import { chartFromTemplate, helmTemplateNames } from './helm-templates';

type CreateInput = { template: string; name: string; path?: string };

const folderOf = (input: CreateInput): string => (input.path ?? `charts/${input.name}`).replace(/\/+$/, '');

/** The chart's files at their workspace paths. */
const chartFiles = (input: CreateInput) => chartFromTemplate(input.template, input.name).map((file) => ({ path: `${folderOf(input)}/${file.path}`, content: file.content }));

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

async function guarded<O>(work: () => Promise<ToolResult<O>>): Promise<ToolResult<O>> {
  try {
    return await work();
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return toolFailure(code ?? 'FILE_ERROR', message);
  }
}

export const helmCreate = defineTool<CreateInput, { path: string; files: string[] }, { createdDirs: string[] }, undefined>({
  name: 'helm.create',
  description: `Create a chart folder in the workspace from one of Reign's chart templates (${helmTemplateNames().join(', ')}), named as given (default folder charts/NAME). Lint it with helm.lint and install it with helm.install. Undo removes the files it wrote.`,
  input: z
    .object({
      template: z.enum(helmTemplateNames() as [string, ...string[]]).describe('Which chart template to start from'),
      name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a chart name is lower-case letters, digits and dashes').max(53).describe('The chart\'s name'),
      path: z.string().min(1).optional().describe('The chart folder, relative to the workspace (default charts/NAME); it must not exist or be empty'),
    })
    .strict(),
  output: z.object({ path: z.string(), files: z.array(z.string()) }),
  risk: ({ input }) => assess('write', `writes chart ${input.name} (${input.template} template) into ${folderOf(input)}/ in the workspace`),
  target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
  preview: async ({ input }) => ({ kind: 'text', text: `Creates chart ${input.name} from the ${input.template} template in ${folderOf(input)}/:\n${chartFiles(input).map((file) => `  ${file.path}`).join('\n')}\nUndo removes these files.` }),
  writesFiles: (input) => chartFiles(input),
  snapshot: async ({ input, ctx }) => {
    // The folders the step creates, outermost first, so undo removes only those.
    const createdDirs: string[] = [];
    for (let dir = resolveInWorkspace(ctx.workspace, folderOf(input)); dir.startsWith(ctx.workspace) && dir !== ctx.workspace; dir = dirname(dir)) {
      if (await exists(dir)) break;
      createdDirs.unshift(dir);
    }
    return { createdDirs };
  },
  run: ({ input, ctx }) =>
    guarded(async () => {
      const folder = resolveInWorkspace(ctx.workspace, folderOf(input));
      if ((await exists(folder)) && (await readdir(folder)).length) return toolFailure('EXISTS', `${folderOf(input)}/ already exists and is not empty; pick another path, or remove it first.`);
      const files = chartFiles(input);
      for (const file of files) {
        const absolute = resolveInWorkspace(ctx.workspace, file.path);
        await mkdir(dirname(absolute), { recursive: true });
        await writeFile(absolute, file.content, { flag: 'wx' });
      }
      return { ok: true, output: { path: folderOf(input), files: files.map((file) => file.path) } };
    }),
  undo: ({ input, snapshot, ctx }) => guarded(() => removeChart(ctx, input, snapshot.createdDirs)),
  idempotent: false,
  describeChange: (input) => `created chart ${input.name} in ${folderOf(input)}/`,
  examples: [{ template: 'microservice', name: 'web' }, { template: 'database', name: 'orders-db', path: 'deploy/orders-db' }],
});

/** Removes the files the step wrote, unless someone changed them since; then the folders it made, if empty. */
async function removeChart(ctx: ToolContext, input: CreateInput, createdDirs: readonly string[]): Promise<ToolResult<{ kept: string[] }>> {
  const kept: string[] = [];
  const folder = resolveInWorkspace(ctx.workspace, folderOf(input));
  for (const file of chartFiles(input)) {
    const absolute = resolveInWorkspace(ctx.workspace, file.path);
    const now = await readFile(absolute, 'utf8').catch(() => null);
    if (now === null) continue;
    if (now !== file.content) kept.push(file.path);
    else await rm(absolute);
  }
  const dirs = [...new Set(chartFiles(input).map((file) => dirname(resolveInWorkspace(ctx.workspace, file.path))))].sort((a, b) => b.length - a.length);
  // The chart's subfolders, deepest first, then the folders the step made (the chart folder among them unless it was there, empty, before).
  for (const dir of [...dirs.filter((dir) => dir !== folder), ...[...createdDirs].reverse()]) await rmdir(dir).catch(() => undefined); // only if empty
  return { ok: true, output: { kept } };
}

