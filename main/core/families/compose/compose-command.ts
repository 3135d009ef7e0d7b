import { resolve } from 'node:path';
import { readNow } from '../../plan/read-now';
import { validatePlan } from '../../plan/plan-validator';
import { toolContext } from '../../tools/tool-definition';
import { type DockerAccess, dockerAccess } from '../docker/docker-access';
import type { FamilyCommand, FamilyCommandContext } from '../family-command';
import { planDown, planUp } from './compose-planner';
import { loadProject } from './compose-project';
import { readProjectState } from './compose-state';
import { listTemplates, renderTemplate } from './compose-templates';

interface ComposeOptions {
  readonly scale: string[];
  readonly templateName?: string;
  readonly set: string[];
  readonly files: string[];
  readonly project?: string;
  readonly profiles: string[];
  readonly volumes: boolean;
  readonly json: boolean;
}

/** `reign compose …`: the Compose family's subcommand. */
export const composeCommandLine: FamilyCommand = {
  name: 'compose',
  usage: `  reign compose plan|up|down|ps|logs [SERVICE] [-f FILE]... [-p PROJECT] [--profile P]... [--scale S=N]... [--json]
                                    A Compose project as a plan: up creates what is missing or changed (twice is a
                                    no-op), down removes it (--volumes too); up/down take --approve like plan run
  reign compose templates           Compose templates (PostgreSQL, MySQL, MongoDB, Redis, RabbitMQ, Kafka, NGINX, …)
  reign compose template NAME [--set K=V]... [--workspace DIR] --approve write
                                    Write compose.yaml and .env (passwords generated into .env)
`,
  options: {
    file: { type: 'string', short: 'f', multiple: true },
    project: { type: 'string', short: 'p' },
    profile: { type: 'string', multiple: true },
    volumes: { type: 'boolean' },
    set: { type: 'string', multiple: true },
    scale: { type: 'string', multiple: true },
  },
  run: (cx, words, values) =>
    composeCommand(cx, words[0], {
      templateName: words[1],
      set: (values.set as string[] | undefined) ?? [],
      scale: (values.scale as string[] | undefined) ?? [],
      files: (values.file as string[] | undefined) ?? [],
      project: values.project as string | undefined,
      profiles: (values.profile as string[] | undefined) ?? [],
      volumes: (values.volumes as boolean | undefined) ?? false,
      json: cx.json,
    }),
};

/** `reign compose plan|up|down|ps`: Compose projects, deployed and taken down through the plan engine. */
async function composeCommand(cx: FamilyCommandContext, action: string | undefined, options: ComposeOptions): Promise<number> {
  const io = cx.io;
  if (action === 'templates') {
    for (const [name, template] of Object.entries(listTemplates())) io.stdout(`${name.padEnd(12)} ${template.title}\n`);
    return 0;
  }
  if (action === 'template') return templateCommand(cx, options);
  if (!action || !['plan', 'up', 'down', 'ps', 'logs'].includes(action)) {
    io.stderr('reign compose: use `reign compose plan|up|down|ps [-f FILE]... [-p PROJECT]`, `reign compose templates`, or `reign compose template NAME [--set K=V]...`.\n');
    return 2;
  }
  const docker = dockerAccess(io.env);
  let client;
  try {
    client = docker.client();
  } catch (error) {
    io.stderr(`reign compose: ${(error as Error).message}\n`);
    return 1;
  }

  // A project can be taken down by name alone, without its compose file.
  if (action === 'down' && options.project && !options.files.length) return down(cx, options.project, options, client);
  const scale = parseScale(options.scale);
  if (typeof scale === 'string') {
    io.stderr(`reign compose: ${scale}\n`);
    return 2;
  }
  const loaded = loadProject({ files: options.files.map((file) => resolve(file)), dir: process.cwd(), project: options.project, profiles: options.profiles, scale, env: io.env });
  if (!loaded.ok) {
    if (options.json && loaded.problems) io.stdout(`${JSON.stringify({ ok: false, problems: loaded.problems })}\n`);
    else io.stderr(`reign compose: ${loaded.message}\n`);
    return loaded.usage ? 2 : 1;
  }
  const project = loaded.project;
  try {
    if (action === 'ps') return ps(io, await readProjectState(client, project.name), options.json);
    if (action === 'logs') return logs(cx, await readProjectState(client, project.name), options.templateName);
    if (action === 'down') return down(cx, project.name, options, client);
    const { plan, unchanged } = await planUp(project, client);
    const problems = validatePlan(plan, cx.tools);
    if (problems.length) throw new Error(`Reign made an invalid plan; this is a bug: ${problems.map((problem) => problem.message).join('; ')}`);
    if (!plan.steps.length) {
      io.stdout(options.json ? `${JSON.stringify({ project: project.name, steps: [], unchanged })}\n` : `Nothing to do: ${unchanged.length} container${unchanged.length === 1 ? '' : 's'} of ${project.name} already up to date.\n`);
      return 0;
    }
    if (action === 'plan') {
      await cx.printPlan(plan, project.workingDir);
      return 0;
    }
    return cx.runPlan(plan, project.workingDir);
  } catch (error) {
    io.stderr(`reign compose: ${(error as Error).message}\n`);
    return 1;
  }
}

async function down(cx: FamilyCommandContext, project: string, options: ComposeOptions, client: ReturnType<DockerAccess['client']>): Promise<number> {
  const plan = await planDown(project, client, { volumes: options.volumes });
  if (!plan.steps.length) {
    cx.io.stdout(`Nothing to do: no containers or networks of ${project}.\n`);
    return 0;
  }
  return cx.runPlan(plan, cx.workspace ?? process.cwd());
}

/** `--scale web=3` (repeatable) as replicas per service. */
function parseScale(entries: readonly string[]): Record<string, number> | string {
  const scale: Record<string, number> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=(\d+)$/.exec(entry);
    if (!match) return `--scale takes SERVICE=N, not "${entry}"`;
    scale[match[1]!] = Number(match[2]);
  }
  return scale;
}

/** The last lines of each container's output, prefixed with its name, like `docker compose logs`; read through the logs tool and the policy. */
async function logs(cx: FamilyCommandContext, state: Awaited<ReturnType<typeof readProjectState>>, service: string | undefined): Promise<number> {
  const io = cx.io;
  const containers = state.containers.filter((container) => !service || container.service === service);
  if (!containers.length) {
    io.stderr(`reign compose logs: no containers${service ? ` of ${service}` : ''}\n`);
    return 1;
  }
  const ctx = toolContext(process.cwd(), io.env, await cx.shell());
  const services = { registry: cx.tools, policy: cx.policy, redactor: cx.redactor };
  for (const container of containers) {
    const { stdout, stderr } = await readNow<{ stdout: string; stderr: string }>(services, 'docker.container.logs', { id: container.id, tail: 200 }, ctx, new AbortController().signal);
    for (const line of `${stdout}${stderr}`.split('\n').filter(Boolean)) io.stdout(`${container.name} | ${line}\n`);
  }
  return 0;
}

function ps(io: FamilyCommandContext['io'], state: Awaited<ReturnType<typeof readProjectState>>, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify(state.containers)}\n`);
  else if (!state.containers.length) io.stdout('no containers\n');
  else io.stdout(`${state.containers.map((container) => `${container.name.padEnd(32)} ${container.service.padEnd(16)} ${container.state.padEnd(10)} ${container.status}`).join('\n')}\n`);
  return 0;
}

/** `reign compose template NAME [--set K=V]... [--workspace DIR]`: writes compose.yaml and .env there, as a plan. */
async function templateCommand(cx: FamilyCommandContext, options: ComposeOptions): Promise<number> {
  const io = cx.io;
  const name = options.templateName;
  if (!name) {
    io.stderr('reign compose template: name a template (see `reign compose templates`).\n');
    return 2;
  }
  let rendered;
  try {
    rendered = renderTemplate(name, Object.fromEntries(options.set.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)])));
  } catch (error) {
    io.stderr(`reign compose template: ${(error as Error).message}\n`);
    return 2;
  }
  const plan = {
    name: `compose template ${name}`,
    steps: [
      { id: 'compose-file', tool: 'files.write', input: { path: 'compose.yaml', content: rendered.compose }, dependsOn: [] },
      { id: 'env-file', tool: 'files.write', input: { path: '.env', content: rendered.env }, dependsOn: [] },
    ],
  };
  const code = await cx.runPlan(plan, resolve(cx.workspace ?? process.cwd()));
  if (code === 0 && rendered.generatedSecrets.length) io.stdout(`Generated ${rendered.generatedSecrets.join(', ')} into .env (not shown here). Start it with \`reign compose up\`.\n`);
  return code;
}
