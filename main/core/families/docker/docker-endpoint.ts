import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DockerEndpoint {
  readonly source: 'DOCKER_HOST' | 'docker-context' | 'default-socket' | 'none';
  readonly context: string | null;
  /** unix:///path, tcp://host:port, npipe://… or ssh://… ; null when nothing was found. */
  readonly endpoint: string | null;
  /** Set when the configuration itself is broken (unreadable config, unknown context). */
  readonly problem: string | null;
}

/**
 * Finds the Docker engine the way the docker CLI does: DOCKER_HOST, then DOCKER_CONTEXT, then
 * the current context in ~/.docker/config.json, then the platform's default sockets.
 */
export function resolveDockerEndpoint(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): DockerEndpoint {
  if (env.DOCKER_HOST) return { source: 'DOCKER_HOST', context: null, endpoint: env.DOCKER_HOST, problem: null };

  const home = env.HOME || homedir();
  const configDir = env.DOCKER_CONFIG || join(home, '.docker');
  let contextName = env.DOCKER_CONTEXT || null;
  if (!contextName) {
    const configFile = join(configDir, 'config.json');
    if (existsSync(configFile)) {
      try {
        const config = JSON.parse(readFileSync(configFile, 'utf8')) as { currentContext?: unknown };
        if (typeof config.currentContext === 'string' && config.currentContext) contextName = config.currentContext;
      } catch (error) {
        return { source: 'none', context: null, endpoint: null, problem: `${configFile} is not valid JSON (${(error as Error).message})` };
      }
    }
  }

  if (contextName && contextName !== 'default') {
    // The docker CLI files a context's metadata under the SHA-256 of its name.
    const id = createHash('sha256').update(contextName).digest('hex');
    const metaFile = join(configDir, 'contexts', 'meta', id, 'meta.json');
    try {
      const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { Endpoints?: { docker?: { Host?: string } } };
      const host = meta.Endpoints?.docker?.Host;
      if (!host) return { source: 'docker-context', context: contextName, endpoint: null, problem: `docker context "${contextName}" has no Docker endpoint` };
      return { source: 'docker-context', context: contextName, endpoint: host, problem: null };
    } catch {
      return {
        source: 'docker-context',
        context: contextName,
        endpoint: null,
        problem: `docker context "${contextName}" is selected but ${metaFile} cannot be read; run \`docker context use default\` or recreate the context`,
      };
    }
  }

  for (const candidate of defaultSockets(env, platform, home)) {
    if (candidate.startsWith('npipe:') || existsSync(candidate.replace(/^unix:\/\//, ''))) {
      return { source: 'default-socket', context: contextName ?? 'default', endpoint: candidate, problem: null };
    }
  }
  return { source: 'none', context: contextName ?? 'default', endpoint: null, problem: null };
}

function defaultSockets(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string[] {
  if (platform === 'win32') return ['npipe:////./pipe/docker_engine'];
  const sockets = ['/var/run/docker.sock'];
  if (platform === 'darwin') sockets.push(join(home, '.docker', 'run', 'docker.sock'), join(home, '.docker', 'desktop', 'docker.sock'));
  if (env.XDG_RUNTIME_DIR) sockets.push(join(env.XDG_RUNTIME_DIR, 'docker.sock')); // rootless Docker
  if (platform === 'linux') sockets.push(join(home, '.docker', 'desktop', 'docker.sock')); // Docker Desktop for Linux
  return sockets.map((path) => `unix://${path}`);
}
