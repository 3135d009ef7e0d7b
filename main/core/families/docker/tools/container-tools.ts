import type Dockerode from 'dockerode';
import { z } from 'zod';
import { assess, combine, maxRisk } from '../../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, type ToolResult, toolFailure } from '../../../tools/tool-definition';
import { dockerFailure } from '../docker-errors';
import { attempt, dockerClient, dockerTarget } from './docker-tool-helpers';
import { demuxBuffer } from '../docker-streams';
import { hostAccessRisks } from '../host-access-risk';
import { hostMountRisk } from '../mount-risk';
import { containerSecretRedactor, maskedLog } from '../container-secret-env';

const id = z.string().min(1).describe('Container name or id');
const target = dockerTarget;
const client = dockerClient;


export const RunInputSchema = z
  .object({
    image: z.string().min(1),
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Container names are letters, digits, _ . - (at least two)').optional(),
    command: z.array(z.string()).optional(),
    entrypoint: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).default({}),
    ports: z.array(z.object({ container: z.number().int().min(1).max(65535), host: z.number().int().min(0).max(65535).optional(), hostIp: z.string().default('127.0.0.1'), protocol: z.enum(['tcp', 'udp']).default('tcp') }).strict()).default([]),
    volumes: z.array(z.object({ source: z.string().min(1).describe('Volume name, or an absolute host path'), target: z.string().startsWith('/'), readOnly: z.boolean().default(false) }).strict()).default([]),
    networks: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string()).default([]) }).strict()).default([]),
    restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('no'),
    memoryMb: z.number().positive().optional(),
    cpus: z.number().positive().optional(),
    healthcheck: z.object({ test: z.array(z.string()).min(1), intervalMs: z.number().int().positive().default(5000), timeoutMs: z.number().int().positive().default(3000), retries: z.number().int().min(1).default(3), startPeriodMs: z.number().int().min(0).default(0) }).strict().optional(),
    labels: z.record(z.string(), z.string()).default({}),
    user: z.string().optional(),
    workingDir: z.string().optional(),
    stopSignal: z.string().optional(),
    capAdd: z.array(z.string()).default([]),
    capDrop: z.array(z.string()).default([]),
    sysctls: z.record(z.string(), z.string()).default({}),
    networkMode: z.string().optional().describe('host, none, or container:NAME; default: the networks given'),
    start: z.boolean().default(true),
  })
  .strict();
export type RunInput = z.infer<typeof RunInputSchema>;

const ms = (value: number): number => value * 1_000_000; // the engine wants nanoseconds

/** The engine's create body for a run input; also what `docker.container.remove` recreates from. */
export function createOptions(input: RunInput): Dockerode.ContainerCreateOptions {
  const [first, ...others] = input.networks;
  return {
    name: input.name,
    Image: input.image,
    Cmd: input.command,
    Entrypoint: input.entrypoint,
    Env: Object.entries(input.env).map(([key, value]) => `${key}=${value}`),
    Labels: input.labels,
    User: input.user,
    WorkingDir: input.workingDir,
    StopSignal: input.stopSignal,
    ExposedPorts: Object.fromEntries(input.ports.map((port) => [`${port.container}/${port.protocol}`, {}])),
    Healthcheck: input.healthcheck && { Test: input.healthcheck.test, Interval: ms(input.healthcheck.intervalMs), Timeout: ms(input.healthcheck.timeoutMs), Retries: input.healthcheck.retries, StartPeriod: ms(input.healthcheck.startPeriodMs) },
    HostConfig: {
      PortBindings: Object.fromEntries(input.ports.map((port) => [`${port.container}/${port.protocol}`, [{ HostIp: port.hostIp, HostPort: port.host ? String(port.host) : '' }]])),
      Binds: input.volumes.map((volume) => `${volume.source}:${volume.target}${volume.readOnly ? ':ro' : ''}`),
      RestartPolicy: { Name: input.restart },
      Memory: input.memoryMb ? Math.round(input.memoryMb * 1024 * 1024) : undefined,
      NanoCpus: input.cpus ? Math.round(input.cpus * 1e9) : undefined,
      NetworkMode: input.networkMode ?? first?.name,
      CapAdd: input.capAdd.length ? input.capAdd : undefined,
      CapDrop: input.capDrop.length ? input.capDrop : undefined,
      Sysctls: Object.keys(input.sysctls).length ? input.sysctls : undefined,
    },
    NetworkingConfig: first && !input.networkMode ? { EndpointsConfig: { [first.name]: { Aliases: first.aliases } } } : undefined,
    ...(others.length ? { _extraNetworks: others } : {}),
  } as Dockerode.ContainerCreateOptions;
}

function describeRun(input: RunInput): string {
  const parts = ['docker run', input.start ? '-d' : '(create only)'];
  if (input.name) parts.push(`--name ${input.name}`);
  for (const port of input.ports) parts.push(`-p ${port.hostIp}:${port.host ?? '(random)'}:${port.container}/${port.protocol}`);
  for (const volume of input.volumes) parts.push(`-v ${volume.source}:${volume.target}${volume.readOnly ? ':ro' : ''}`);
  for (const network of input.networks) parts.push(`--network ${network.name}${network.aliases.length ? ` (aliases ${network.aliases.join(', ')})` : ''}`);
  for (const key of Object.keys(input.env)) parts.push(`-e ${key}=…`);
  if (input.restart !== 'no') parts.push(`--restart ${input.restart}`);
  parts.push(input.image, ...(input.command ?? []));
  return parts.join(' ');
}

export const containerRun = defineTool({
  name: 'docker.container.run',
  description: 'Create and start a container (like `docker run -d`). Undo removes it. Ports bind to 127.0.0.1 unless hostIp says otherwise.',
  input: RunInputSchema,
  output: z.object({ id: z.string(), name: z.string(), ports: z.record(z.string(), z.string()), address: z.string().nullable().describe('host:port of the first published port, for health checks') }),
  risk: ({ input }) => {
    const parts = [assess('write', `starts a container from ${input.image}`)];
    // The same rating as `docker run -v …` in the shell: a mount of a system folder, a home or a socket hands over the host.
    for (const volume of input.volumes) parts.push(hostMountRisk(volume.source, volume.readOnly));
    if (input.ports.some((port) => port.hostIp === '0.0.0.0' || port.hostIp === '::')) parts.push(assess('write', 'publishes a port on every network interface'));
    parts.push(...hostAccessRisks({ capAdd: input.capAdd, namespaces: input.networkMode ? { network: input.networkMode } : {} }));
    return combine(parts);
  },
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `${describeRun(input)}\nUndo removes the container (its anonymous volumes too; named volumes stay).` }),
  run: ({ input, ctx, log }) =>
    attempt(`Starting a container from ${input.image}`, async () => {
      const docker = client(ctx);
      const { _extraNetworks: extra = [], ...options } = createOptions(input) as Dockerode.ContainerCreateOptions & { _extraNetworks?: { name: string; aliases: string[] }[] };
      const container = await docker.createContainer(options);
      try {
        for (const network of extra) await docker.getNetwork(network.name).connect({ Container: container.id, EndpointConfig: { Aliases: network.aliases } });
        if (input.start) await container.start();
      } catch (error) {
        // Nothing half-made stays behind: the container that could not start is removed.
        await container.remove({ force: true, v: true }).catch(() => undefined);
        throw error;
      }
      const info = await container.inspect();
      const ports = Object.fromEntries(Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(([port, bindings]) => (bindings?.[0] ? [[port, `${bindings[0].HostIp}:${bindings[0].HostPort}`]] : [])));
      log('info', `started ${info.Name.slice(1)} (${info.Id.slice(0, 12)})\n`);
      return { id: info.Id, name: info.Name.slice(1), ports, address: Object.values(ports)[0] ?? null };
    }),
  undo: ({ output, ctx }) => attempt('Removing the container', async () => (output ? await client(ctx).getContainer(output.id).remove({ force: true, v: true }) : undefined)),
  idempotent: false,
  describeChange: (input) => `started a container ${input.name ?? ''} from ${input.image}`.replace(/\s+/g, ' '),
});

export const containerList = defineReadTool({
  name: 'docker.container.list',
  description: 'List containers (running only unless all is true), optionally filtered by label, name or status.',
  input: z.object({ all: z.boolean().default(true), label: z.array(z.string()).default([]), name: z.string().optional(), status: z.enum(['created', 'running', 'paused', 'restarting', 'exited', 'dead']).optional() }).strict(),
  output: z.object({ containers: z.array(z.object({ id: z.string(), name: z.string(), image: z.string(), state: z.string(), status: z.string(), created: z.number(), labels: z.record(z.string(), z.string()) })) }),
  reads: 'lists containers',
  target,
  preview: async () => ({ kind: 'text', text: 'docker ps' }),
  run: ({ input, ctx }) =>
    attempt('Listing containers', async () => {
      const filters: Record<string, string[]> = {};
      if (input.label.length) filters.label = input.label;
      if (input.name) filters.name = [input.name];
      if (input.status) filters.status = [input.status];
      const list = await client(ctx).listContainers({ all: input.all, filters: JSON.stringify(filters) });
      return { containers: list.map((item) => ({ id: item.Id, name: (item.Names[0] ?? '').replace(/^\//, ''), image: item.Image, state: item.State, status: item.Status, created: item.Created, labels: item.Labels ?? {} })) };
    }),
});

export const containerInspect = defineReadTool({
  name: 'docker.container.inspect',
  description: 'Everything the engine knows about one container: config, state, health, mounts, networks.',
  input: z.object({ id }).strict(),
  output: z.object({ id: z.string(), name: z.string(), state: z.string(), health: z.string().nullable(), restartCount: z.number(), image: z.string(), details: z.unknown() }),
  reads: 'inspects a container',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker inspect ${input.id}` }),
  run: ({ input, ctx }) =>
    attempt(`Inspecting ${input.id}`, async () => {
      const info = await client(ctx).getContainer(input.id).inspect();
      return { id: info.Id, name: info.Name.slice(1), state: info.State.Status, health: info.State.Health?.Status ?? null, restartCount: info.RestartCount, image: info.Config.Image, details: { Config: { ...info.Config, Env: (info.Config.Env ?? []).map((entry) => entry.replace(/=.*/, '=…')) }, State: info.State, Mounts: info.Mounts, Networks: Object.keys(info.NetworkSettings.Networks ?? {}) } };
    }),
});

const lifecycle = (verb: 'start' | 'stop' | 'restart') =>
  defineTool({
    name: `docker.container.${verb}`,
    description: { start: 'Start a stopped container. Undo stops it again.', stop: 'Stop a running container (SIGTERM, then SIGKILL after timeoutSec). Undo starts it again.', restart: 'Restart a container.' }[verb],
    input: z.object({ id, timeoutSec: z.number().int().min(0).max(3600).default(10) }).strict(),
    output: z.object({ id: z.string(), wasRunning: z.boolean() }),
    risk: ({ input }) => (verb === 'start' ? assess('write', `starts ${input.id}`) : verb === 'stop' ? assess('destructive', `stops ${input.id}: whatever it serves goes down`) : assess('write', `restarts ${input.id}`)),
    target,
    preview: async ({ input }) => ({ kind: 'text', text: `docker ${verb} ${input.id}${verb === 'restart' ? '\nThis cannot be undone.' : ''}` }),
    run: ({ input, ctx }) =>
      attempt(`${verb[0]!.toUpperCase()}${verb.slice(1)}ing ${input.id}`, async () => {
        const container = client(ctx).getContainer(input.id);
        const before = await container.inspect();
        if (verb === 'start' && !before.State.Running) await container.start();
        if (verb === 'stop' && before.State.Running) await container.stop({ t: input.timeoutSec });
        if (verb === 'restart') await container.restart({ t: input.timeoutSec });
        return { id: before.Id, wasRunning: before.State.Running };
      }),
    undo:
      verb === 'restart'
        ? undefined
        : ({ output, ctx }) =>
            attempt(`Undoing ${verb}`, async () => {
              if (!output) return;
              const container = client(ctx).getContainer(output.id);
              if (verb === 'start' && !output.wasRunning) await container.stop({ t: 10 });
              if (verb === 'stop' && output.wasRunning) await container.start();
            }),
    idempotent: true,
    describeChange: (input) => `${verb === 'stop' ? 'stopped' : verb === 'start' ? 'started' : 'restarted'} ${input.id}`,
  });

export const containerStart = lifecycle('start');
export const containerStop = lifecycle('stop');
export const containerRestart = lifecycle('restart');

interface RemovedContainer {
  readonly name: string;
  readonly wasRunning: boolean;
  readonly create: Dockerode.ContainerCreateOptions;
}

export const containerRemove = defineTool({
  name: 'docker.container.remove',
  description: 'Remove a container. Undo recreates it from its configuration (not the data written inside it; named volumes are kept).',
  input: z.object({ id, force: z.boolean().default(false), volumes: z.boolean().default(false).describe('Also remove its anonymous volumes') }).strict(),
  output: z.object({ id: z.string() }),
  risk: ({ input }) => assess('destructive', `removes container ${input.id}${input.volumes ? ' and its anonymous volumes' : ''}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker rm ${input.force ? '-f ' : ''}${input.volumes ? '-v ' : ''}${input.id}\nUndo recreates it from its configuration; data written inside the container (its writable layer) is not kept.` }),
  snapshot: async ({ input, ctx }): Promise<RemovedContainer | null> => {
    const info = await client(ctx).getContainer(input.id).inspect().catch(() => null);
    if (!info) return null;
    const networks = info.NetworkSettings.Networks ?? {};
    const [first] = Object.keys(networks);
    return {
      name: info.Name.slice(1),
      wasRunning: info.State.Running,
      create: {
        ...info.Config,
        name: info.Name.slice(1),
        HostConfig: info.HostConfig,
        NetworkingConfig: first ? { EndpointsConfig: { [first]: { Aliases: (networks[first]?.Aliases ?? []).filter((alias: string) => !info.Id.startsWith(alias)) } } } : undefined,
      } as Dockerode.ContainerCreateOptions,
    };
  },
  run: ({ input, ctx }) =>
    attempt(`Removing ${input.id}`, async () => {
      const container = client(ctx).getContainer(input.id);
      const info = await container.inspect();
      if (info.State.Running && !input.force) throw Object.assign(new Error(`${input.id} is running; stop it first or remove with force`), { statusCode: 409 });
      await container.remove({ force: input.force, v: input.volumes });
      return { id: info.Id };
    }),
  undo: ({ snapshot, ctx }) =>
    attempt('Recreating the removed container', async () => {
      if (!snapshot) return;
      const container = await client(ctx).createContainer(snapshot.create);
      if (snapshot.wasRunning) await container.start();
    }),
  idempotent: false,
  describeChange: (input) => `removed container ${input.id}`,
});

export const containerExec = defineTool({
  name: 'docker.container.exec',
  description: 'Run a command inside a running container (non-interactive), streaming its output (values of the container\'s secret-named variables, like DB_PASSWORD, show masked). A non-zero exit fails the step. It cannot be undone.',
  input: z.object({ id, command: z.array(z.string()).min(1), user: z.string().optional(), workingDir: z.string().optional(), env: z.record(z.string(), z.string()).default({}) }).strict(),
  output: z.object({ exitCode: z.number(), stdout: z.string(), stderr: z.string() }),
  risk: ({ input, ctx }) => {
    const inner = ctx.shell.analyze(input.command.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' '));
    return { risk: maxRisk('write', inner.risk), reasons: [...inner.reasons, `runs inside container ${input.id}`] };
  },
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker exec ${input.id} ${input.command.join(' ')}\nThis cannot be undone by Reign.` }),
  run: ({ input, ctx, log, signal }) =>
    attempt(`Running a command in ${input.id}`, async () => {
      const docker = client(ctx);
      const container = docker.getContainer(input.id);
      // Read before the command runs: what it prints is masked with the secrets the container holds.
      const redactor = await containerSecretRedactor(container, input.env);
      const exec = await container.exec({ Cmd: input.command, AttachStdout: true, AttachStderr: true, User: input.user, WorkingDir: input.workingDir, Env: Object.entries(input.env).map(([key, value]) => `${key}=${value}`) });
      const stream = await exec.start({ hijack: true, stdin: false });
      let stdout = '';
      let stderr = '';
      const shown = maskedLog(redactor, log);
      const sink = (target: 'stdout' | 'stderr') => ({ write: (chunk: Buffer) => { const text = chunk.toString('utf8'); if (target === 'stdout') stdout += text; else stderr += text; shown.write(target, text); return true; } });
      docker.modem.demuxStream(stream, sink('stdout') as never, sink('stderr') as never);
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          stream.destroy();
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        stream.on('end', () => resolve());
        stream.on('close', () => resolve());
        stream.on('error', reject);
      });
      shown.end();
      const { ExitCode } = await exec.inspect();
      stdout = redactor.redact(stdout);
      stderr = redactor.redact(stderr);
      if (ExitCode !== 0) throw Object.assign(new Error(`the command exited with code ${ExitCode}${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`), { exitCode: ExitCode });
      return { exitCode: ExitCode ?? 0, stdout, stderr };
    }),
  idempotent: false,
  describeChange: (input) => `ran \`${input.command.join(' ')}\` in ${input.id}`,
});

export const containerWaitHealthy = defineReadTool({
  name: 'docker.container.wait-healthy',
  description: 'Wait until a container\'s health check reports healthy (or, without a health check, until it is running).',
  input: z.object({ id, timeoutMs: z.number().int().positive().max(600_000).default(60_000) }).strict(),
  output: z.object({ id: z.string(), health: z.string(), ms: z.number() }),
  reads: 'waits for a container to be healthy',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `wait until ${input.id} is healthy (up to ${input.timeoutMs} ms)` }),
  run: ({ input, ctx, signal }) =>
    pollContainer(ctx, input.id, signal, (info, elapsed) => {
      const state = info.State;
      const health = state.Health?.Status ?? (state.Running ? 'running' : state.Status);
      if (health === 'healthy' || (!state.Health && state.Running)) return { ok: true, output: { id: info.Id, health, ms: elapsed } };
      if (!state.Running && state.Status !== 'created' && state.Status !== 'restarting') return toolFailure('CONTAINER_EXITED', `${input.id} is ${state.Status} (exit code ${state.ExitCode}); see its logs.`);
      return elapsed > input.timeoutMs ? toolFailure('NOT_HEALTHY', `${input.id} was still ${health} after ${input.timeoutMs} ms; see its logs.`) : null;
    }),
});

export const containerWaitExit = defineReadTool({
  name: 'docker.container.wait-exit',
  description: 'Wait until a container has exited; succeeds only if it exited with code 0 (a one-off job finished).',
  input: z.object({ id, timeoutMs: z.number().int().positive().max(3_600_000).default(300_000) }).strict(),
  output: z.object({ id: z.string(), exitCode: z.number() }),
  reads: 'waits for a container to finish',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `wait until ${input.id} exits with code 0 (up to ${input.timeoutMs} ms)` }),
  run: ({ input, ctx, signal }) =>
    pollContainer(ctx, input.id, signal, (info, elapsed) => {
      const state = info.State;
      if (state.Status === 'exited' || state.Status === 'dead') {
        return state.ExitCode === 0 ? { ok: true, output: { id: info.Id, exitCode: 0 } } : toolFailure('EXIT_CODE', `${input.id} exited with code ${state.ExitCode}; see its logs.`);
      }
      return elapsed > input.timeoutMs ? toolFailure('STILL_RUNNING', `${input.id} was still ${state.Status} after ${input.timeoutMs} ms.`) : null;
    }),
});

/** Inspects a container every 250 ms until `check` decides (a result) or the wait is cancelled. */
async function pollContainer<O>(ctx: ToolContext, id: string, signal: AbortSignal, check: (info: Dockerode.ContainerInspectInfo, elapsedMs: number) => ToolResult<O> | null): Promise<ToolResult<O>> {
  const started = Date.now();
  for (;;) {
    const info = await client(ctx).getContainer(id).inspect().catch((error: unknown) => error);
    if (info instanceof Error) return dockerFailure(info, `Waiting for ${id}`);
    const decided = check(info as Dockerode.ContainerInspectInfo, Date.now() - started);
    if (decided) return decided;
    if (signal.aborted) return toolFailure('ABORTED', 'Waiting was cancelled.');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const containerTools = [containerWaitExit, containerRun, containerList, containerInspect, containerStart, containerStop, containerRestart, containerRemove, containerExec, containerWaitHealthy];
