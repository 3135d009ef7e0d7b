import { resolve } from 'node:path';
import type { Core } from '../core/bootstrap';
import { loadProject } from '../core/families/compose/compose-project';
import { planDown, planUp } from '../core/families/compose/compose-planner';
import { readProjectState } from '../core/families/compose/compose-state';
import { readNow } from '../core/plan/read-now';
import { toolContext } from '../core/tools/tool-definition';
import { listTemplates, renderTemplate } from '../core/families/compose/compose-templates';
import { validatePlan } from '../core/plan/plan-validator';
import { type DockerAccess, dockerAccess } from '../core/families/docker/docker-access';
import type { CliIo } from './cli-io';
import { type PlanOptions, printClassifiedPlan, runPlan } from './plan-commands';

export interface ComposeOptions {
  readonly scale: string[];
  readonly templateName?: string;
  readonly set: string[];
  readonly files: string[];
  readonly project?: string;
  readonly profiles: string[];
  readonly volumes: boolean;
  readonly json: boolean;
  readonly plan: PlanOptions;
}

/** `reign compose plan|up|down|ps`: Compose projects, deployed and taken down through the plan engine. */
export async function composeCommand(core: Core, io: CliIo, action: string | undefined, options: ComposeOptions): Promise<number> {
  if (action === 'templates') {
    for (const [name, template] of Object.entries(listTemplates())) io.stdout(`${name.padEnd(12)} ${template.title}\n`);
    return 0;
  }
  if (action === 'template') return templateCommand(core, io, options);
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
  if (action === 'down' && options.project && !options.files.length) return down(core, io, options.project, options, client);
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
    if (action === 'logs') return logs(core, io, await readProjectState(client, project.name), options.templateName);
    if (action === 'down') return down(core, io, project.name, options, client);
    const { plan, unchanged } = await planUp(project, client);
    const problems = validatePlan(plan, core.tools);
    if (problems.length) throw new Error(`Reign made an invalid plan; this is a bug: ${problems.map((problem) => problem.message).join('; ')}`);
    if (!plan.steps.length) {
      io.stdout(options.json ? `${JSON.stringify({ project: project.name, steps: [], unchanged })}\n` : `Nothing to do: ${unchanged.length} container${unchanged.length === 1 ? '' : 's'} of ${project.name} already up to date.\n`);
      return 0;
    }
    if (action === 'plan') {
      await printClassifiedPlan(core, io, plan, project.workingDir, options.json);
      return 0;
    }
    return runPlan(core, io, plan, { ...options.plan, workspace: project.workingDir }, undefined);
  } catch (error) {
    io.stderr(`reign compose: ${(error as Error).message}\n`);
    return 1;
  }
}

async function down(core: Core, io: CliIo, project: string, options: ComposeOptions, client: ReturnType<DockerAccess['client']>): Promise<number> {
  const plan = await planDown(project, client, { volumes: options.volumes });
  if (!plan.steps.length) {
    io.stdout(`Nothing to do: no containers or networks of ${project}.\n`);
    return 0;
  }
  return runPlan(core, io, plan, { ...options.plan, workspace: options.plan.workspace ?? process.cwd() }, undefined);
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
async function logs(core: Core, io: CliIo, state: Awaited<ReturnType<typeof readProjectState>>, service: string | undefined): Promise<number> {
  const containers = state.containers.filter((container) => !service || container.service === service);
  if (!containers.length) {
    io.stderr(`reign compose logs: no containers${service ? ` of ${service}` : ''}\n`);
    return 1;
  }
  const ctx = toolContext(process.cwd(), io.env, await core.shell());
  const services = { registry: core.tools, policy: core.policy, redactor: core.redactor };
  for (const container of containers) {
    const { stdout, stderr } = await readNow<{ stdout: string; stderr: string }>(services, 'docker.container.logs', { id: container.id, tail: 200 }, ctx, new AbortController().signal);
    for (const line of `${stdout}${stderr}`.split('\n').filter(Boolean)) io.stdout(`${container.name} | ${line}\n`);
  }
  return 0;
}

function ps(io: CliIo, state: Awaited<ReturnType<typeof readProjectState>>, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify(state.containers)}\n`);
  else if (!state.containers.length) io.stdout('no containers\n');
  else io.stdout(`${state.containers.map((container) => `${container.name.padEnd(32)} ${container.service.padEnd(16)} ${container.state.padEnd(10)} ${container.status}`).join('\n')}\n`);
  return 0;
}

/** `reign compose template NAME [--set K=V]... [--workspace DIR]`: writes compose.yaml and .env there, as a plan. */
async function templateCommand(core: Core, io: CliIo, options: ComposeOptions): Promise<number> {
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
  const code = await runPlan(core, io, plan, options.plan, undefined);
  if (code === 0 && rendered.generatedSecrets.length) io.stdout(`Generated ${rendered.generatedSecrets.join(', ')} into .env (not shown here). Start it with \`reign compose up\`.\n`);
  return code;
}
