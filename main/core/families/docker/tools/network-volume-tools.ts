import { z } from 'zod';
import { assess } from '../../../policy/risk';
import { defineReadTool, defineTool } from '../../../tools/tool-definition';
import { attempt, dockerClient, dockerTarget } from './docker-tool-helpers';

const target = dockerTarget;
const client = dockerClient;
const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Names are letters, digits, _ . -');


export const networkCreate = defineTool({
  name: 'docker.network.create',
  description: 'Create a network; containers on it reach each other by name and alias. Undo removes it.',
  input: z.object({ name, driver: z.enum(['bridge', 'overlay', 'macvlan', 'none']).default('bridge'), internal: z.boolean().default(false), labels: z.record(z.string(), z.string()).default({}) }).strict(),
  output: z.object({ id: z.string(), name: z.string() }),
  risk: ({ input }) => assess('write', `creates network ${input.name}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker network create --driver ${input.driver}${input.internal ? ' --internal' : ''} ${input.name}` }),
  run: ({ input, ctx }) =>
    attempt(`Creating network ${input.name}`, async () => {
      const network = await client(ctx).createNetwork({ Name: input.name, Driver: input.driver, Internal: input.internal, Labels: input.labels, CheckDuplicate: true });
      return { id: network.id, name: input.name };
    }),
  undo: ({ output, ctx }) => attempt('Removing the network', async () => (output ? await client(ctx).getNetwork(output.id).remove() : undefined)),
  idempotent: false,
  describeChange: (input) => `created network ${input.name}`,
});

export const networkList = defineReadTool({
  name: 'docker.network.list',
  description: 'List networks with their drivers and labels.',
  input: z.object({}).strict(),
  output: z.object({ networks: z.array(z.object({ id: z.string(), name: z.string(), driver: z.string(), labels: z.record(z.string(), z.string()) })) }),
  reads: 'lists networks',
  target,
  preview: async () => ({ kind: 'text', text: 'docker network ls' }),
  run: ({ ctx }) => attempt('Listing networks', async () => ({ networks: (await client(ctx).listNetworks()).map((network) => ({ id: network.Id, name: network.Name, driver: network.Driver, labels: network.Labels ?? {} })) })),
});

export const networkRemove = defineTool({
  name: 'docker.network.remove',
  description: 'Remove a network (no container may be attached). Undo creates it again with the same driver and labels.',
  input: z.object({ name }).strict(),
  output: z.object({ name: z.string() }),
  risk: ({ input }) => assess('destructive', `removes network ${input.name}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker network rm ${input.name}` }),
  snapshot: async ({ input, ctx }) => {
    const info = await client(ctx).getNetwork(input.name).inspect().catch(() => null);
    return info ? { Name: info.Name, Driver: info.Driver, Internal: info.Internal, Labels: info.Labels } : null;
  },
  run: ({ input, ctx }) => attempt(`Removing network ${input.name}`, async () => (await client(ctx).getNetwork(input.name).remove(), { name: input.name })),
  undo: ({ snapshot, ctx }) => attempt('Recreating the network', async () => (snapshot ? void (await client(ctx).createNetwork(snapshot)) : undefined)),
  idempotent: false,
  describeChange: (input) => `removed network ${input.name}`,
});

export const volumeCreate = defineTool({
  name: 'docker.volume.create',
  description: 'Create a named volume. Undo removes it (only if it is still empty of containers).',
  input: z.object({ name, labels: z.record(z.string(), z.string()).default({}) }).strict(),
  output: z.object({ name: z.string(), existed: z.boolean() }),
  risk: ({ input }) => assess('write', `creates volume ${input.name}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker volume create ${input.name}` }),
  run: ({ input, ctx }) =>
    attempt(`Creating volume ${input.name}`, async () => {
      const docker = client(ctx);
      const existed = await docker.getVolume(input.name).inspect().then(() => true, () => false);
      if (!existed) await docker.createVolume({ Name: input.name, Labels: input.labels });
      return { name: input.name, existed };
    }),
  undo: ({ output, ctx }) => attempt('Removing the volume', async () => (output && !output.existed ? await client(ctx).getVolume(output.name).remove() : undefined)),
  idempotent: true,
  describeChange: (input) => `created volume ${input.name}`,
});

export const volumeList = defineReadTool({
  name: 'docker.volume.list',
  description: 'List volumes with their drivers and labels.',
  input: z.object({}).strict(),
  output: z.object({ volumes: z.array(z.object({ name: z.string(), driver: z.string(), labels: z.record(z.string(), z.string()) })) }),
  reads: 'lists volumes',
  target,
  preview: async () => ({ kind: 'text', text: 'docker volume ls' }),
  run: ({ ctx }) => attempt('Listing volumes', async () => ({ volumes: ((await client(ctx).listVolumes()).Volumes ?? []).map((volume) => ({ name: volume.Name, driver: volume.Driver, labels: volume.Labels ?? {} })) })),
});

export const volumeRemove = defineTool({
  name: 'docker.volume.remove',
  description: 'Remove a volume and all the data in it. This cannot be undone.',
  input: z.object({ name, force: z.boolean().default(false) }).strict(),
  output: z.object({ name: z.string() }),
  risk: ({ input }) => assess('destructive', `deletes volume ${input.name} and every file in it`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker volume rm ${input.name}\nThe data in it is lost; this cannot be undone.` }),
  run: ({ input, ctx }) => attempt(`Removing volume ${input.name}`, async () => (await client(ctx).getVolume(input.name).remove({ force: input.force }), { name: input.name })),
  idempotent: false,
  describeChange: (input) => `deleted volume ${input.name}`,
});

export const systemInfo = defineReadTool({
  name: 'docker.system.info',
  description: 'The engine: version, OS, containers running and stopped, images, and disk usage.',
  input: z.object({ diskUsage: z.boolean().default(false) }).strict(),
  output: z.object({ serverVersion: z.string(), os: z.string(), containers: z.number(), running: z.number(), images: z.number(), diskUsage: z.unknown().optional() }),
  reads: 'reads engine information',
  target,
  preview: async () => ({ kind: 'text', text: 'docker info' }),
  run: ({ input, ctx }) =>
    attempt('Reading engine information', async () => {
      const docker = client(ctx);
      const info = await docker.info();
      const df = input.diskUsage ? await docker.df() : undefined;
      return { serverVersion: info.ServerVersion, os: info.OperatingSystem, containers: info.Containers, running: info.ContainersRunning, images: info.Images, diskUsage: df && { images: df.Images?.length, containers: df.Containers?.length, volumes: df.Volumes?.length, layersSize: df.LayersSize } };
    }),
});

export const networkInspect = defineReadTool({
  name: 'docker.network.inspect',
  description: 'A network: driver, subnets, and the containers attached with their addresses.',
  input: z.object({ name }).strict(),
  output: z.object({ id: z.string(), name: z.string(), driver: z.string(), subnets: z.array(z.string()), containers: z.array(z.object({ name: z.string(), address: z.string() })) }),
  reads: 'inspects a network',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker network inspect ${input.name}` }),
  run: ({ input, ctx }) =>
    attempt(`Inspecting network ${input.name}`, async () => {
      const info = await client(ctx).getNetwork(input.name).inspect();
      return {
        id: info.Id,
        name: info.Name,
        driver: info.Driver,
        subnets: (info.IPAM?.Config ?? []).map((config: { Subnet?: string }) => config.Subnet ?? '').filter(Boolean),
        containers: Object.values((info.Containers ?? {}) as Record<string, { Name: string; IPv4Address: string }>).map((container) => ({ name: container.Name, address: container.IPv4Address })),
      };
    }),
});

const attachment = (verb: 'connect' | 'disconnect') =>
  defineTool({
    name: `docker.network.${verb}`,
    description: verb === 'connect' ? 'Attach a container to a network, with aliases other containers can reach it by. Undo detaches it.' : 'Detach a container from a network. Undo attaches it again.',
    input: z.object({ network: name, container: z.string().min(1), aliases: z.array(z.string()).default([]) }).strict(),
    output: z.object({ network: z.string(), container: z.string() }),
    risk: ({ input }) => (verb === 'connect' ? assess('write', `attaches ${input.container} to ${input.network}`) : assess('destructive', `cuts ${input.container} off ${input.network}`)),
    target,
    preview: async ({ input }) => ({ kind: 'text', text: `docker network ${verb} ${verb === 'connect' && input.aliases.length ? input.aliases.map((alias) => `--alias ${alias} `).join('') : ''}${input.network} ${input.container}` }),
    run: ({ input, ctx }) =>
      attempt(`${verb === 'connect' ? 'Connecting' : 'Disconnecting'} ${input.container}`, async () => {
        const network = client(ctx).getNetwork(input.network);
        if (verb === 'connect') await network.connect({ Container: input.container, EndpointConfig: { Aliases: input.aliases } });
        else await network.disconnect({ Container: input.container });
        return { network: input.network, container: input.container };
      }),
    undo: ({ input, ctx }) =>
      attempt('Undoing the network change', async () => {
        const network = client(ctx).getNetwork(input.network);
        if (verb === 'connect') await network.disconnect({ Container: input.container });
        else await network.connect({ Container: input.container, EndpointConfig: { Aliases: input.aliases } });
      }),
    idempotent: false,
    describeChange: (input) => `${verb === 'connect' ? 'attached' : 'detached'} ${input.container} ${verb === 'connect' ? 'to' : 'from'} ${input.network}`,
  });

export const networkConnect = attachment('connect');
export const networkDisconnect = attachment('disconnect');

export const volumeInspect = defineReadTool({
  name: 'docker.volume.inspect',
  description: 'A volume: driver, mount point on the host, labels, and the containers using it.',
  input: z.object({ name }).strict(),
  output: z.object({ name: z.string(), driver: z.string(), mountpoint: z.string(), labels: z.record(z.string(), z.string()), usedBy: z.array(z.string()) }),
  reads: 'inspects a volume',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker volume inspect ${input.name}` }),
  run: ({ input, ctx }) =>
    attempt(`Inspecting volume ${input.name}`, async () => {
      const docker = client(ctx);
      const info = await docker.getVolume(input.name).inspect();
      const users = await docker.listContainers({ all: true, filters: JSON.stringify({ volume: [input.name] }) });
      return { name: info.Name, driver: info.Driver, mountpoint: info.Mountpoint, labels: info.Labels ?? {}, usedBy: users.map((container) => (container.Names[0] ?? container.Id).replace(/^\//, '')) };
    }),
});

export const networkVolumeTools = [networkCreate, networkList, networkInspect, networkConnect, networkDisconnect, networkRemove, volumeCreate, volumeList, volumeInspect, volumeRemove, systemInfo];
