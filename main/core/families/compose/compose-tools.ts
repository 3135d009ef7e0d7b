import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';
import { dockerKey } from '../docker/docker-access';
import { attempt } from '../docker/tools/docker-tool-helpers';
import { planDown, planUp } from './compose-planner';
import { loadProject } from './compose-project';
import { readProjectState } from './compose-state';

// Compose for the agent: `compose.up` and `compose.down` are planners that expand, when the plan
// is made, into the same Docker steps `reign compose up|down` runs (each classified and approved
// on its own); `compose.ps` reads what of a project exists.

const target = ({ ctx }: { ctx: ToolContext }) => ctx.access(dockerKey).target;
const planned = (tool: string) => async () => toolFailure('PLANNER', `${tool} is expanded into its steps when the plan is made; it never runs by itself.`);

const upInput = z
  .object({
    files: z.array(z.string().min(1)).default([]).describe('Compose files in the workspace, merged in order (default: compose.yaml and its .override)'),
    project: z.string().min(1).max(100).optional().describe('Project name (default: from the file or the folder)'),
    profiles: z.array(z.string()).default([]),
    scale: z.record(z.string(), z.number().int().min(0).max(100)).default({}).describe('Replicas per service, e.g. {"worker": 3}'),
  })
  .strict();

export const composeUp = defineTool({
  name: 'compose.up',
  description: 'Deploy a Compose project from the workspace: expands into the steps that create what is missing or changed (networks, volumes, images, containers in dependency order, health waits). A second up does nothing.',
  input: upInput,
  output: z.object({}),
  examples: [{}, { files: ['stack/compose.yaml'], scale: { worker: 2 } }],
  risk: () => assess('write', 'deploys a compose project (each step it expands into is classified on its own)'),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `reign compose up${input.files.map((file) => ` -f ${file}`).join('')}${input.project ? ` -p ${input.project}` : ''}: expands into its steps when the plan is made. This step has no undo of its own; each step it expands into has its own.` }),
  expand: async ({ input, ctx }) => {
    const loaded = loadProject({ files: input.files.map((file) => resolveInWorkspace(ctx.workspace, file)), dir: ctx.workspace, project: input.project, profiles: input.profiles, scale: input.scale, env: ctx.env });
    if (!loaded.ok) return toolFailure('COMPOSE_INVALID', loaded.message);
    const { plan } = await planUp(loaded.project, ctx.access(dockerKey).client());
    return { ok: true, output: plan.steps };
  },
  run: planned('compose.up'),
  idempotent: true,
  describeChange: () => 'deployed a compose project',
});

export const composeDown = defineTool({
  name: 'compose.down',
  description: 'Take a Compose project down by name: expands into removing its containers, then its networks, and with volumes its data volumes.',
  input: z.object({ project: z.string().min(1).max(100), volumes: z.boolean().default(false).describe('Also delete its named volumes and their data') }).strict(),
  output: z.object({}),
  risk: ({ input }) => assess('destructive', `takes project ${input.project} down${input.volumes ? ' and deletes its volumes' : ''}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `reign compose down -p ${input.project}${input.volumes ? ' --volumes' : ''}: expands into its steps when the plan is made. This step has no undo of its own; removed containers are recreated by their steps' undo, deleted volume data cannot be undone.` }),
  expand: async ({ input, ctx }) => ({ ok: true, output: (await planDown(input.project, ctx.access(dockerKey).client(), { volumes: input.volumes })).steps }),
  run: planned('compose.down'),
  idempotent: true,
  describeChange: (input) => `took ${input.project} down`,
});

export const composePs = defineReadTool({
  name: 'compose.ps',
  description: 'The containers of a Compose project (by its project label, whoever created them), with service, state and status.',
  input: z.object({ project: z.string().min(1).max(100) }).strict(),
  output: z.object({ containers: z.array(z.object({ name: z.string(), service: z.string(), state: z.string(), status: z.string(), image: z.string() })), networks: z.array(z.string()), volumes: z.array(z.string()) }),
  reads: 'lists a compose project',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker compose -p ${input.project} ps` }),
  run: ({ input, ctx }) =>
    attempt(`Reading project ${input.project}`, async () => {
      const state = await readProjectState(ctx.access(dockerKey).client(), input.project);
      return { containers: state.containers.map(({ name, service, state: status, status: detail, image }) => ({ name, service, state: status, status: detail, image })), networks: state.networks, volumes: state.volumes };
    }),
});
