import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Dockerode from 'dockerode';
import { z } from 'zod';
import { assess } from '../../../policy/risk';
import { defineReadTool, defineTool } from '../../../tools/tool-definition';
import { resolveInWorkspace } from '../../../tools/workspace-paths';
import { imageExists } from '../docker-access';
import { attempt, dockerClient, dockerTarget } from './docker-tool-helpers';
import { followProgress } from '../docker-streams';

const target = dockerTarget;
const client = dockerClient;


const withTag = (image: string): string => (/:[^/]+$/.test(image) || image.includes('@') ? image : `${image}:latest`);

/** Whether the engine has this image locally. */
export const imageList = defineReadTool({
  name: 'docker.image.list',
  description: 'List local images with their tags and sizes.',
  input: z.object({ reference: z.string().optional().describe('Only images matching this reference, e.g. "nginx" or "nginx:1.27"') }).strict(),
  output: z.object({ images: z.array(z.object({ id: z.string(), tags: z.array(z.string()), sizeBytes: z.number(), created: z.number() })) }),
  reads: 'lists images',
  target,
  preview: async () => ({ kind: 'text', text: 'docker images' }),
  run: ({ input, ctx }) =>
    attempt('Listing images', async () => {
      const images = await client(ctx).listImages(input.reference ? { filters: JSON.stringify({ reference: [input.reference] }) } : {});
      return { images: images.map((image) => ({ id: image.Id, tags: image.RepoTags ?? [], sizeBytes: image.Size, created: image.Created })) };
    }),
});

export const imagePull = defineTool({
  name: 'docker.image.pull',
  description: 'Pull an image from its registry, reporting progress per layer. Undo removes it if it was not there before.',
  input: z.object({ image: z.string().min(1) }).strict(),
  output: z.object({ image: z.string(), alreadyPresent: z.boolean() }),
  risk: ({ input }) => assess('write', `downloads ${withTag(input.image)}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker pull ${withTag(input.image)}` }),
  run: ({ input, ctx, signal, progress }) =>
    attempt(`Pulling ${withTag(input.image)}`, async () => {
      const docker = client(ctx);
      const image = withTag(input.image);
      const alreadyPresent = await imageExists(docker, image);
      const stream = await docker.pull(image, { abortSignal: signal });
      await followProgress(docker, stream, (event) => {
        if (event.status) progress(`${event.id ? `${event.id}: ` : ''}${event.status}${event.progress ? ` ${event.progress}` : ''}`, event.progressDetail?.total ? (event.progressDetail.current ?? 0) / event.progressDetail.total : undefined);
      });
      return { image, alreadyPresent };
    }),
  undo: ({ output, ctx }) => attempt('Removing the pulled image', async () => (output && !output.alreadyPresent ? await client(ctx).getImage(output.image).remove() : undefined)),
  idempotent: true,
  describeChange: (input) => `pulled ${withTag(input.image)}`,
});

/** Every file under `dir`, relative to it, for the build context (the engine honours .dockerignore). */
function contextFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = join(prefix, name);
    return statSync(join(dir, path)).isDirectory() ? contextFiles(dir, path) : [path];
  });
}

export const imageBuild = defineTool({
  name: 'docker.image.build',
  description: 'Build an image from a folder in the workspace with its Dockerfile, streaming the build output. Undo removes the tags it created.',
  input: z
    .object({
      context: z.string().min(1).default('.').describe('Folder relative to the workspace'),
      dockerfile: z.string().default('Dockerfile').describe('Path of the Dockerfile inside the context'),
      tags: z.array(z.string().min(1)).min(1),
      buildArgs: z.record(z.string(), z.string()).default({}),
      target: z.string().optional(),
      noCache: z.boolean().default(false),
    })
    .strict(),
  output: z.object({ imageId: z.string(), tags: z.array(z.string()), newTags: z.array(z.string()) }),
  risk: ({ input }) => assess('write', `builds ${input.tags.join(', ')} (a build runs the Dockerfile's commands)`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker build -f ${input.dockerfile} ${input.tags.map((tag) => `-t ${tag}`).join(' ')}${input.target ? ` --target ${input.target}` : ''} ${input.context}` }),
  run: ({ input, ctx, signal, log }) =>
    attempt(`Building ${input.tags.join(', ')}`, async () => {
      const docker = client(ctx);
      const dir = input.context === '.' ? ctx.workspace : resolveInWorkspace(ctx.workspace, input.context);
      const tags = input.tags.map(withTag);
      const existing = await Promise.all(tags.map((tag) => imageExists(docker, tag)));
      const stream = await docker.buildImage({ context: dir, src: contextFiles(dir).map((file) => relative('.', file)) }, { t: tags, dockerfile: input.dockerfile, buildargs: input.buildArgs, target: input.target, nocache: input.noCache, rm: true, forcerm: true, abortSignal: signal } as unknown as Dockerode.ImageBuildOptions);
      const events = await followProgress(docker, stream, (event) => {
        if (event.stream) log('stdout', event.stream);
        else if (event.status) log('info', `${event.status}\n`);
      });
      const imageId = events.map((event) => event.aux?.ID).filter(Boolean).at(-1) ?? (await docker.getImage(tags[0]!).inspect()).Id;
      return { imageId, tags, newTags: tags.filter((_tag, index) => !existing[index]) };
    }),
  undo: ({ output, ctx }) =>
    attempt('Removing the built tags', async () => {
      for (const tag of output?.newTags ?? []) await client(ctx).getImage(tag).remove().catch(() => undefined);
    }),
  idempotent: true,
  describeChange: (input) => `built ${input.tags.join(', ')}`,
});

export const imageTag = defineTool({
  name: 'docker.image.tag',
  description: 'Give an image another name. Undo removes the new name.',
  input: z.object({ source: z.string().min(1), target: z.string().min(1) }).strict(),
  output: z.object({ target: z.string() }),
  risk: ({ input }) => assess('write', `tags ${input.source} as ${input.target}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker tag ${input.source} ${input.target}` }),
  run: ({ input, ctx }) =>
    attempt(`Tagging ${input.source}`, async () => {
      const full = withTag(input.target);
      const colon = full.lastIndexOf(':');
      await client(ctx).getImage(input.source).tag({ repo: full.slice(0, colon), tag: full.slice(colon + 1) });
      return { target: full };
    }),
  undo: ({ output, ctx }) => attempt('Removing the tag', async () => (output ? await client(ctx).getImage(output.target).remove() : undefined)),
  idempotent: true,
  describeChange: (input) => `tagged ${input.target}`,
});

export const imageRemove = defineTool({
  name: 'docker.image.remove',
  description: 'Remove an image (or one of its tags). It cannot be undone unless the image can be pulled or built again.',
  input: z.object({ image: z.string().min(1), force: z.boolean().default(false) }).strict(),
  output: z.object({ removed: z.array(z.string()) }),
  risk: ({ input }) => assess('destructive', `removes image ${input.image}`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker rmi ${input.force ? '-f ' : ''}${input.image}\nThis cannot be undone by Reign (pull or build it again).` }),
  run: ({ input, ctx }) =>
    attempt(`Removing ${input.image}`, async () => {
      const result = (await client(ctx).getImage(input.image).remove({ force: input.force })) as { Untagged?: string; Deleted?: string }[];
      return { removed: result.map((entry) => entry.Untagged ?? entry.Deleted ?? '').filter(Boolean) };
    }),
  idempotent: false,
  describeChange: (input) => `removed image ${input.image}`,
});

export const imageInspect = defineReadTool({
  name: 'docker.image.inspect',
  description: 'Details of a local image: id, tags, size, created, architecture, exposed ports, entrypoint, command and labels.',
  input: z.object({ image: z.string().min(1) }).strict(),
  output: z.object({ id: z.string(), tags: z.array(z.string()), sizeBytes: z.number(), created: z.string(), architecture: z.string(), config: z.unknown() }),
  reads: 'inspects an image',
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker image inspect ${input.image}` }),
  run: ({ input, ctx }) =>
    attempt(`Inspecting ${input.image}`, async () => {
      const info = await client(ctx).getImage(input.image).inspect();
      return { id: info.Id, tags: info.RepoTags ?? [], sizeBytes: info.Size, created: info.Created, architecture: info.Architecture, config: { ExposedPorts: info.Config?.ExposedPorts, Entrypoint: info.Config?.Entrypoint, Cmd: info.Config?.Cmd, Labels: info.Config?.Labels, User: info.Config?.User } };
    }),
});

export const imagePush = defineTool({
  name: 'docker.image.push',
  description: 'Push an image to its registry (credentials from your docker login), reporting progress per layer. It cannot be undone.',
  input: z.object({ image: z.string().min(1) }).strict(),
  output: z.object({ image: z.string(), digest: z.string().nullable() }),
  risk: ({ input }) => assess('write', `publishes ${withTag(input.image)} to its registry`),
  target,
  preview: async ({ input }) => ({ kind: 'text', text: `docker push ${withTag(input.image)}\nThis cannot be undone by Reign (delete it in the registry).` }),
  run: ({ input, ctx, signal, progress }) =>
    attempt(`Pushing ${withTag(input.image)}`, async () => {
      const docker = client(ctx);
      const image = withTag(input.image);
      const stream = (await docker.getImage(image).push({ abortSignal: signal } as never)) as unknown as NodeJS.ReadableStream;
      const events = await followProgress(docker, stream, (event) => {
        if (event.status) progress(`${event.id ? `${event.id}: ` : ''}${event.status}${event.progress ? ` ${event.progress}` : ''}`);
      });
      const digest = events.map((event) => /digest: (sha256:[0-9a-f]+)/.exec(event.status ?? '')?.[1]).find(Boolean) ?? null;
      return { image, digest };
    }),
  idempotent: true,
  describeChange: (input) => `pushed ${withTag(input.image)}`,
});

export const imageTools = [imageList, imageInspect, imagePull, imageBuild, imageTag, imagePush, imageRemove];
