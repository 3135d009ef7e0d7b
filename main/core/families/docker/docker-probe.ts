import { request } from 'node:http';
import type { CheckStatus } from '../../../../preload/contract';
import type { DockerEndpoint } from './docker-endpoint';

/** `checks.docker` of `reign doctor --json` (fields documented in the README). */
export type DockerCheck = {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly fix: string | null;
  /** Where the endpoint came from. */
  readonly source: 'DOCKER_HOST' | 'docker-context' | 'default-socket' | 'none';
  readonly context: string | null;
  readonly endpoint: string | null;
  readonly serverVersion: string | null;
  readonly apiVersion: string | null;
};

interface DockerVersion {
  Version?: string;
  ApiVersion?: string;
}

/** Asks the engine at the resolved endpoint for its version over the Engine API. */
export async function probeDocker(endpoint: DockerEndpoint, timeoutMs = 3000): Promise<DockerCheck> {
  const base = { source: endpoint.source, context: endpoint.context, endpoint: endpoint.endpoint, serverVersion: null, apiVersion: null };
  if (endpoint.problem) return { ...base, status: 'error', summary: endpoint.problem, fix: 'Fix the Docker configuration named above, or set DOCKER_HOST.' };
  if (!endpoint.endpoint) {
    return {
      ...base,
      status: 'missing',
      summary: 'No Docker engine found (no DOCKER_HOST, no docker context, no default socket)',
      fix: 'Install and start Docker Desktop (macOS, Windows) or the Docker engine (Linux: `sudo apt install docker.io && sudo systemctl start docker`), or set DOCKER_HOST.',
    };
  }
  const target = toRequestTarget(endpoint.endpoint);
  if (!target) {
    return { ...base, status: 'warning', summary: `Endpoint ${endpoint.endpoint} is not checked by doctor (only unix:// and tcp:// are)`, fix: null };
  }
  try {
    const version = (await getJson(target, '/version', timeoutMs)) as DockerVersion;
    return {
      ...base,
      status: 'ok',
      summary: `Docker engine ${version.Version ?? 'unknown'} (API ${version.ApiVersion ?? 'unknown'}) at ${endpoint.endpoint}`,
      fix: null,
      serverVersion: version.Version ?? null,
      apiVersion: version.ApiVersion ?? null,
    };
  } catch (error) {
    return { ...base, status: 'error', summary: `Docker engine at ${endpoint.endpoint} did not answer: ${(error as Error).message}`, fix: explainDockerError(error as NodeJS.ErrnoException) };
  }
}

export function explainDockerError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EACCES') return 'You lack permission on the Docker socket: add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again).';
  if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') return 'The Docker engine is not running: start Docker Desktop, or `sudo systemctl start docker`.';
  return 'Check that the Docker engine is running and reachable at that endpoint.';
}

type RequestTarget = { socketPath: string } | { host: string; port: number };

function toRequestTarget(endpoint: string): RequestTarget | null {
  if (endpoint.startsWith('unix://')) return { socketPath: endpoint.slice('unix://'.length) };
  if (endpoint.startsWith('tcp://') || endpoint.startsWith('http://')) {
    const url = new URL(endpoint.replace(/^tcp:/, 'http:'));
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 2375) };
  }
  return null;
}

function getJson(target: RequestTarget, path: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ ...target, path, method: 'GET', timeout: timeoutMs, headers: { host: 'docker' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`));
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new Error('the answer was not JSON; is this a Docker engine?'));
        }
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}
