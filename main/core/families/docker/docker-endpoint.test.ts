import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDockerEndpoint } from './docker-endpoint';

function dockerConfig(currentContext?: string, contexts: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'reign-docker-'));
  const dir = join(home, '.docker');
  mkdirSync(dir, { recursive: true });
  if (currentContext !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext }));
  for (const [name, host] of Object.entries(contexts)) {
    const meta = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  }
  return home;
}

describe('resolveDockerEndpoint', () => {
  it('uses DOCKER_HOST above everything else', () => {
    const home = dockerConfig('remote', { remote: 'tcp://10.1.1.1:2376' });
    expect(resolveDockerEndpoint({ HOME: home, DOCKER_HOST: 'tcp://127.0.0.1:2375' }, 'linux')).toMatchObject({ source: 'DOCKER_HOST', endpoint: 'tcp://127.0.0.1:2375' });
  });

  it('follows the current docker context to its endpoint, as the docker CLI files it', () => {
    const home = dockerConfig('colima', { colima: 'unix:///Users/me/.colima/default/docker.sock' });
    expect(resolveDockerEndpoint({ HOME: home }, 'darwin')).toEqual({ source: 'docker-context', context: 'colima', endpoint: 'unix:///Users/me/.colima/default/docker.sock', problem: null });
  });

  it('lets DOCKER_CONTEXT pick another context', () => {
    const home = dockerConfig('a', { a: 'unix:///a.sock', b: 'ssh://me@build-box' });
    expect(resolveDockerEndpoint({ HOME: home, DOCKER_CONTEXT: 'b' }, 'linux')).toMatchObject({ context: 'b', endpoint: 'ssh://me@build-box' });
  });

  it('names a selected context whose metadata is missing', () => {
    const home = dockerConfig('gone');
    expect(resolveDockerEndpoint({ HOME: home }, 'linux').problem).toMatch(/docker context "gone" is selected but .* cannot be read/);
  });

  it('says when config.json is not valid JSON', () => {
    const home = dockerConfig();
    writeFileSync(join(home, '.docker', 'config.json'), '{ nope');
    expect(resolveDockerEndpoint({ HOME: home }, 'linux').problem).toMatch(/config.json is not valid JSON/);
  });

  it('finds a rootless socket under XDG_RUNTIME_DIR when the system socket is absent', () => {
    const home = dockerConfig();
    const runtime = mkdtempSync(join(tmpdir(), 'reign-run-'));
    writeFileSync(join(runtime, 'docker.sock'), '');
    const found = resolveDockerEndpoint({ HOME: home, XDG_RUNTIME_DIR: runtime }, 'linux');
    // The system socket wins when it exists (CI runs dockerd); otherwise the rootless one is found.
    expect([`unix://${join(runtime, 'docker.sock')}`, 'unix:///var/run/docker.sock']).toContain(found.endpoint);
    expect(found.source).toBe('default-socket');
  });

  it('uses the named pipe on Windows', () => {
    expect(resolveDockerEndpoint({ HOME: dockerConfig() }, 'win32').endpoint).toBe('npipe:////./pipe/docker_engine');
  });
});
