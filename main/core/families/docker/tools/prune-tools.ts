import { z } from 'zod';
import { assess } from '../../../policy/risk';
import { defineTool } from '../../../tools/tool-definition';
import { attempt, dockerClient, dockerTarget } from './docker-tool-helpers';

type PruneKind = 'containers' | 'images' | 'networks' | 'volumes';

/** What a prune would remove right now, so the preview can list it before anything happens. */
async function candidates(ctx: Parameters<typeof dockerClient>[0], kind: PruneKind, all: boolean): Promise<string[]> {
  const docker = dockerClient(ctx);
  if (kind === 'containers') return (await docker.listContainers({ all: true, filters: JSON.stringify({ status: ['exited', 'created', 'dead'] }) })).map((container) => (container.Names[0] ?? container.Id).replace(/^\//, ''));
  if (kind === 'images') return (await docker.listImages(all ? {} : { filters: JSON.stringify({ dangling: ['true'] }) })).filter((image) => all || !image.RepoTags?.length || image.RepoTags[0] === '<none>:<none>').map((image) => image.RepoTags?.[0] ?? image.Id.slice(7, 19));
  const containers = await docker.listContainers({ all: true });
  if (kind === 'networks') {
    const used = new Set(containers.flatMap((container) => Object.keys(container.NetworkSettings?.Networks ?? {})));
    return (await docker.listNetworks()).filter((network) => !['bridge', 'host', 'none'].includes(network.Name) && !used.has(network.Name)).map((network) => network.Name);
  }
  const used = new Set(containers.flatMap((container) => (container.Mounts ?? []).map((mount) => mount.Name).filter(Boolean) as string[]));
  return ((await docker.listVolumes()).Volumes ?? []).filter((volume) => !used.has(volume.Name)).map((volume) => volume.Name);
}

export const dockerPrune = defineTool({
  name: 'docker.prune',
  description: 'Remove unused containers, images, networks or volumes. The preview lists exactly what would go. Volumes take their data with them. It cannot be undone.',
  input: z.object({ kinds: z.array(z.enum(['containers', 'images', 'networks', 'volumes'])).min(1), allImages: z.boolean().default(false).describe('Images: every unused image, not only dangling ones') }).strict(),
  output: z.object({ removed: z.record(z.string(), z.array(z.string())), reclaimedBytes: z.number() }),
  risk: ({ input }) => assess('destructive', `prunes unused ${input.kinds.join(', ')}${input.kinds.includes('volumes') ? ' (volume data is lost)' : ''}`),
  target: dockerTarget,
  preview: async ({ input, ctx }) => {
    const lines: string[] = [];
    for (const kind of input.kinds) {
      const list = await candidates(ctx, kind, input.allImages).catch((error: Error) => [`(could not list: ${error.message})`]);
      lines.push(`${kind}: ${list.length ? list.join(', ') : 'nothing to remove'}`);
    }
    return { kind: 'text', text: `Would remove:\n${lines.join('\n')}\nThis cannot be undone.` };
  },
  run: ({ input, ctx }) =>
    attempt('Pruning', async () => {
      const docker = dockerClient(ctx);
      const removed: Record<string, string[]> = {};
      let reclaimedBytes = 0;
      for (const kind of input.kinds) {
        if (kind === 'containers') {
          const result = await docker.pruneContainers();
          removed.containers = result.ContainersDeleted ?? [];
          reclaimedBytes += result.SpaceReclaimed ?? 0;
        } else if (kind === 'images') {
          const result = await docker.pruneImages({ filters: JSON.stringify({ dangling: [String(!input.allImages)] }) });
          removed.images = (result.ImagesDeleted ?? []).map((entry) => entry.Deleted ?? entry.Untagged ?? '').filter(Boolean);
          reclaimedBytes += result.SpaceReclaimed ?? 0;
        } else if (kind === 'networks') {
          removed.networks = (await docker.pruneNetworks()).NetworksDeleted ?? [];
        } else {
          // From API 1.42 a volume prune spares named volumes unless asked; before, it removes them all.
          const { ApiVersion } = await docker.version();
          const named = Number(ApiVersion.split('.')[1] ?? 0) >= 42;
          const result = await docker.pruneVolumes(named ? { filters: JSON.stringify({ all: ['true'] }) } : {});
          removed.volumes = result.VolumesDeleted ?? [];
          reclaimedBytes += result.SpaceReclaimed ?? 0;
        }
      }
      return { removed, reclaimedBytes };
    }),
  idempotent: true,
  describeChange: (input) => `pruned unused ${input.kinds.join(', ')}`,
});
