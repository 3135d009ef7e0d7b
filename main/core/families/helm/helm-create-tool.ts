import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool } from '../../tools/tool-definition';
import { foldersToCreate, guarded, removeWrittenChart, writeNewChart } from './helm-chart-files';
import { chartFromTemplate, helmTemplateNames } from './helm-templates';

type CreateInput = { template: string; name: string; path?: string };

const folderOf = (input: CreateInput): string => (input.path ?? `charts/${input.name}`).replace(/\/+$/, '');

/** The chart's files at their workspace paths. */
const chartFiles = (input: CreateInput) => chartFromTemplate(input.template, input.name).map((file) => ({ path: `${folderOf(input)}/${file.path}`, content: file.content }));

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
  // The folders the step creates, so undo removes only those.
  snapshot: async ({ input, ctx }) => ({ createdDirs: await foldersToCreate(ctx, folderOf(input)) }),
  run: ({ input, ctx }) => guarded(() => writeNewChart(ctx, folderOf(input), chartFiles(input))),
  undo: ({ input, snapshot, ctx }) => guarded(() => removeWrittenChart(ctx, folderOf(input), chartFiles(input), snapshot.createdDirs)),
  idempotent: false,
  describeChange: (input) => `created chart ${input.name} in ${folderOf(input)}/`,
  examples: [{ template: 'microservice', name: 'web' }, { template: 'database', name: 'orders-db', path: 'deploy/orders-db' }],
});
