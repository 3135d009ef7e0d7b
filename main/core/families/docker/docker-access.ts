import { createRequire } from 'node:module';
import type Dockerode from 'dockerode';
import { defineAccess } from '../../tools/access';
import type { Target } from '../../tools/tool-definition';
import { type DockerEndpoint, resolveDockerEndpoint } from './docker-endpoint';

/** The engine every Docker step talks to, and the target approvals and policy rules bind to. */
export interface DockerAccess {
  readonly endpoint: DockerEndpoint;
  readonly target: Target;
  /** Throws a DockerUnavailableError saying what to do when there is no engine configured. */
  client(): Dockerode;
}

export class DockerUnavailableError extends Error {
  readonly code = 'DOCKER_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'DockerUnavailableError';
  }
}

/** The engine of a tool context: `ctx.access(dockerKey)`. */
export const dockerKey = defineAccess<DockerAccess>('docker', ({ env }) => dockerAccess(env));

/** Resolves the engine the way the docker CLI does (DOCKER_HOST, context, default sockets); connects on first use. */
export function dockerAccess(env: NodeJS.ProcessEnv): DockerAccess {
  const endpoint = resolveDockerEndpoint(env);
  const context = endpoint.context ?? (endpoint.source === 'DOCKER_HOST' ? 'DOCKER_HOST' : 'default');
  const target: Target = { kind: 'docker', id: `docker:${context}`, label: `docker ${context}${endpoint.endpoint ? ` (${endpoint.endpoint})` : ''}` };
  let client: Dockerode | null = null;
  return {
    endpoint,
    target,
    client: () => (client ??= connect(endpoint)),
  };
}

// dockerode (with its gRPC and SSH dependencies) is loaded on first use, not at every start.
const loadDockerode = (): typeof Dockerode => createRequire(import.meta.url)('dockerode') as typeof Dockerode;

function connect(endpoint: DockerEndpoint): Dockerode {
  const Dockerode = loadDockerode();
  if (endpoint.problem) throw new DockerUnavailableError(`${endpoint.problem}. Fix the Docker configuration, or set DOCKER_HOST.`);
  const url = endpoint.endpoint;
  if (!url) throw new DockerUnavailableError('No Docker engine found (no DOCKER_HOST, no docker context, no default socket). Install and start Docker Desktop or the Docker engine.');
  if (url.startsWith('unix://')) return new Dockerode({ socketPath: url.slice('unix://'.length) });
  if (url.startsWith('npipe://')) return new Dockerode({ socketPath: url.slice('npipe://'.length).replace(/\//g, '\\') });
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  if (parsed.protocol === 'ssh:') return new Dockerode({ protocol: 'ssh', host: parsed.hostname, port: Number(parsed.port || 22), username: parsed.username || undefined });
  return new Dockerode({ protocol: parsed.protocol === 'https:' ? 'https' : 'http', host: parsed.hostname, port: Number(parsed.port || 2375) });
}

/** Whether the engine has an image (by name, tag or id); used by the image tools and the compose planner. */
export async function imageExists(docker: Dockerode, image: string): Promise<boolean> {
  return docker.getImage(image).inspect().then(
    () => true,
    () => false,
  );
}
