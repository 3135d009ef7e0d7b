import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';
import { loadProject } from '../compose/compose-project';
import { type ChartFile, foldersToCreate, guarded, removeWrittenChart, writeNewChart } from './helm-chart-files';
import { chartFromCompose, type ComposeChart, kubeName } from './helm-from-compose-chart';
import { composeSourceFacts } from './helm-from-compose-source';

const chartName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a chart name is lower-case letters, digits and dashes').max(53);

const input = z
  .object({
    dir: z.string().min(1).default('.').describe('The compose project\'s folder in the workspace (default: the workspace itself)'),
    files: z.array(z.string().min(1)).default([]).describe('Compose files in the workspace, merged in order (default: compose.yaml of dir and its .override)'),
    project: z.string().min(1).max(100).optional().describe('Project name (default: from the file or the folder)'),
    profiles: z.array(z.string()).default([]).describe('Compose profiles whose services are converted too'),
    name: chartName.optional().describe('The chart\'s name (default: the project name)'),
    path: z.string().min(1).optional().describe('The chart folder in the workspace (default charts/NAME); it must not exist or be empty'),
  })
  .strict();
type Input = z.infer<typeof input>;

type Conversion = { chart: ComposeChart; folder: string; files: ChartFile[] };

/** Loads the compose project through the compose family's loader and converts it; the failure names what is wrong. */
function convert(ctx: ToolContext, request: Input): ToolResult<Conversion> {
  let loaded: ReturnType<typeof loadProject>;
  try {
    const dir = request.dir === '.' ? ctx.workspace : resolveInWorkspace(ctx.workspace, request.dir);
    loaded = loadProject({ files: request.files.map((file) => resolveInWorkspace(ctx.workspace, file)), dir, project: request.project, profiles: request.profiles, env: ctx.env });
  } catch (error) {
    return toolFailure('COMPOSE_INVALID', (error as Error).message);
  }
  if (!loaded.ok) return toolFailure('COMPOSE_INVALID', loaded.message);
  try {
    const chart = chartFromCompose(loaded.project, composeSourceFacts(loaded.project), request.name ?? kubeName(loaded.project.name));
    const folder = (request.path ?? `charts/${chart.chart}`).replace(/\/+$/, '');
    return { ok: true, output: { chart, folder, files: chart.files.map((file) => ({ path: `${folder}/${file.path}`, content: file.content })) } };
  } catch (error) {
    return toolFailure('COMPOSE_UNCONVERTIBLE', (error as Error).message);
  }
}

const fillInLines = (chart: ComposeChart): string[] => chart.fillIn.map((entry) => `${entry.path} (${entry.from})`);
const unconvertedLines = (chart: ComposeChart): string[] => chart.unconverted.map((entry) => `${entry.service ? `${entry.service}: ` : ''}${entry.feature} ${entry.why}`);

function previewText({ chart, folder, files }: Conversion): string {
  return [
    `Writes chart ${chart.chart}, converted from the compose project, into ${folder}/:`,
    ...files.map((file) => `  ${file.path}`),
    chart.fillIn.length ? 'Left empty in values.yaml, to fill at install (helm.install set) — no value from .env or env files is copied:' : 'No secrets to fill in.',
    ...fillInLines(chart).map((line) => `  ${line}`),
    chart.unconverted.length ? 'Not converted:' : 'Every compose feature of the project was converted.',
    ...unconvertedLines(chart).map((line) => `  ${line}`),
    'Undo removes the files it wrote.',
  ].join('\n');
}

export const helmChartFromCompose = defineTool<Input, { path: string; chart: string; files: string[]; fillIn: string[]; unconverted: string[] }, { folder: string | null; createdDirs: string[]; files: ChartFile[] }, undefined>({
  name: 'helm.chart.from-compose',
  description:
    'Convert a compose project of the workspace into a Helm chart folder (default charts/PROJECT): per service a Deployment (image, command, env, probes from healthchecks, replicas, limits) and a Service for its ports, named volumes as PersistentVolumeClaims, env_file/secret/variable values as Secrets left empty to fill at install. ' +
    'The preview lists every file and every compose feature that does not convert, with why. Then helm.lint and helm.install it (with set for the secrets to fill). Undo removes the files it wrote.',
  input,
  output: z.object({ path: z.string(), chart: z.string(), files: z.array(z.string()), fillIn: z.array(z.string()), unconverted: z.array(z.string()) }),
  risk: ({ input: request }) => assess('write', `writes a chart converted from the compose project in ${request.dir} into ${request.path ?? `charts/${request.name ?? '(the project name)'}`}/ in the workspace`),
  target: ({ ctx }) => ({ kind: 'workspace', id: `workspace:${ctx.workspace}`, label: ctx.workspace }),
  preview: async ({ input: request, ctx }) => {
    const conversion = convert(ctx, request);
    return { kind: 'text', text: conversion.ok ? previewText(conversion.output) : `Cannot convert the compose project: ${conversion.error.message}` };
  },
  snapshot: async ({ input: request, ctx }) => {
    const conversion = convert(ctx, request);
    if (!conversion.ok) return { folder: null, createdDirs: [], files: [] };
    return { folder: conversion.output.folder, createdDirs: await foldersToCreate(ctx, conversion.output.folder), files: conversion.output.files };
  },
  run: async ({ input: request, ctx }) => {
    const conversion = convert(ctx, request);
    if (!conversion.ok) return conversion;
    const { chart, folder, files } = conversion.output;
    const written = await guarded(() => writeNewChart(ctx, folder, files));
    if (!written.ok) return written;
    return { ok: true, output: { path: folder, chart: chart.chart, files: written.output.files, fillIn: fillInLines(chart), unconverted: unconvertedLines(chart) } };
  },
  // A run that fails half-way removes its own files (writeNewChart); undo removes a successful run's, keeping a file changed since.
  undo: async ({ snapshot, ctx }) => (snapshot.folder ? guarded(() => removeWrittenChart(ctx, snapshot.folder!, snapshot.files, snapshot.createdDirs)) : { ok: true, output: { kept: [] } }),
  idempotent: false,
  describeChange: (request) => `wrote a chart converted from the compose project in ${request.dir}`,
  examples: [{}, { dir: 'shop', name: 'shop', path: 'deploy/shop' }],
});
