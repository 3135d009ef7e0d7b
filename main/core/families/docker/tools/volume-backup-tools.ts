import { dirname, basename } from 'node:path';
import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { assess } from '../../../policy/risk';
import { defineTool, type ToolContext } from '../../../tools/tool-definition';
import { resolveInWorkspace } from '../../../tools/workspace-paths';
import { demuxBuffer } from '../docker-streams';
import { isHostPath } from '../mount-risk';
import { attempt, dockerClient, dockerTarget } from './docker-tool-helpers';

const helper = z.string().default('busybox:latest').describe('An image with tar, used for a throwaway helper container');

// The helper container mounts `volume` as given: a host path there would bind that folder of the host
// (`/`, `/etc`, a home) into it, so only the name of a volume the engine manages is taken.
const namedVolume = (verb: 'backs up' | 'restores into') =>
  z
    .string()
    .min(1)
    .refine((volume) => !isHostPath(volume), {
      error: (issue) => `"${String(issue.input)}" is a host path, and this tool only ${verb} named volumes. Give the name of a Docker volume (docker.volume.list shows them); to copy files on the host, use the files tools (files.read, files.write) instead.`,
    })
    .describe('The name of a Docker volume (not a host path)');

/** Runs tar in a throwaway container with the volume and the workspace folder mounted, then removes it. */
async function tarInContainer(ctx: ToolContext, image: string, volume: string, folder: string, volumeReadOnly: boolean, command: string[]): Promise<void> {
  const docker = dockerClient(ctx);
  const container = await docker.createContainer({
    Image: image,
    Cmd: command,
    Labels: { 'dev.reign.helper': 'volume-backup' },
    HostConfig: { Binds: [`${volume}:/volume${volumeReadOnly ? ':ro' : ''}`, `${folder}:/backup${volumeReadOnly ? '' : ':ro'}`] },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const { stderr, stdout } = demuxBuffer((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer);
      throw new Error(`tar exited with code ${StatusCode}: ${(stderr || stdout).trim().split('\n')[0]}`);
    }
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

export const volumeBackup = defineTool({
  name: 'docker.volume.backup',
  description: 'Copy everything in a volume into a tar file in the workspace (through a throwaway helper container). Undo deletes the file.',
  input: z.object({ volume: namedVolume('backs up'), file: z.string().regex(/\.tar$/, 'The backup file name ends in .tar'), helperImage: helper }).strict(),
  output: z.object({ file: z.string() }),
  examples: [{ volume: 'pgdata', file: 'backups/pgdata.tar' }],
  risk: ({ input }) => assess('write', `writes ${input.file} with the contents of volume ${input.volume}`),
  target: dockerTarget,
  preview: async ({ input }) => ({ kind: 'text', text: `tar the contents of volume ${input.volume} into ${input.file} (helper image ${input.helperImage})` }),
  run: ({ input, ctx }) =>
    attempt(`Backing up volume ${input.volume}`, async () => {
      const absolute = resolveInWorkspace(ctx.workspace, input.file);
      mkdirSync(dirname(absolute), { recursive: true });
      await tarInContainer(ctx, input.helperImage, input.volume, dirname(absolute), true, ['tar', '-C', '/volume', '-cf', `/backup/${basename(absolute)}`, '.']);
      return { file: input.file };
    }),
  undo: ({ input, ctx }) => attempt('Removing the backup file', async () => (await import('node:fs/promises')).rm(resolveInWorkspace(ctx.workspace, input.file), { force: true })),
  idempotent: true,
  describeChange: (input) => `wrote ${input.file}`,
});

export const volumeRestore = defineTool({
  name: 'docker.volume.restore',
  description: 'Unpack a tar file from the workspace into a volume (files with the same names are overwritten). It cannot be undone; back the volume up first.',
  input: z.object({ volume: namedVolume('restores into'), file: z.string().regex(/\.tar$/), helperImage: helper }).strict(),
  output: z.object({ volume: z.string() }),
  examples: [{ volume: 'pgdata', file: 'backups/pgdata.tar' }],
  risk: ({ input }) => assess('destructive', `overwrites files in volume ${input.volume} with ${input.file}`),
  target: dockerTarget,
  preview: async ({ input }) => ({ kind: 'text', text: `untar ${input.file} into volume ${input.volume}, overwriting files with the same names.\nThis cannot be undone; back the volume up first.` }),
  run: ({ input, ctx }) =>
    attempt(`Restoring volume ${input.volume}`, async () => {
      const absolute = resolveInWorkspace(ctx.workspace, input.file);
      await tarInContainer(ctx, input.helperImage, input.volume, dirname(absolute), false, ['tar', '-C', '/volume', '-xf', `/backup/${basename(absolute)}`]);
      return { volume: input.volume };
    }),
  idempotent: true,
  describeChange: (input) => `restored ${input.file} into volume ${input.volume}`,
});
