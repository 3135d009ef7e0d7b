import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { containerRun } from './container-tools';

// The typed run tool (and the compose steps that expand into it) rates what it gives the container
// of the host the way the `docker run` shell verb does.
const risk = (input: Record<string, unknown>) => containerRun.risk({ input: containerRun.input.parse({ image: 'alpine', ...input }), ctx: {} as never, facts: undefined });
const mount = (source: string, readOnly = false) => risk({ volumes: [{ source, target: '/host', readOnly }] });

describe('docker.container.run risk', () => {
  it('rates host mounts of /, system folders and sockets critical, however the path is spelled', () => {
    for (const source of ['/', '/.', '//', '//etc/', '/etc/', '/var/run', '/proc', '/root', '$HOME', '/var/run/docker.sock']) expect(mount(source).risk, source).toBe('critical');
    expect(mount('/var/run/docker.sock', true).risk).toBe('critical');
    expect(mount('/etc', true).risk).toBe('destructive');
  });

  it('follows a symlink to /etc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reign-run-'));
    symlinkSync('/etc', join(dir, 'link'));
    expect(mount(join(dir, 'link'), true)).toMatchObject({ risk: 'destructive', reasons: [expect.stringContaining('(/etc)')] });
    expect(mount(join(dir, 'link')).risk).toBe('critical');
  });

  it('rates added capabilities and the host network', () => {
    expect(risk({ capAdd: ['ALL'] }).risk).toBe('critical');
    expect(risk({ capAdd: ['SYS_ADMIN'] }).risk).toBe('critical');
    expect(risk({ capAdd: ['NET_ADMIN'] }).risk).toBe('destructive');
    expect(risk({ networkMode: 'host' }).risk).toBe('destructive');
  });

  it('keeps named volumes, project folders and default capabilities as they were', () => {
    expect(mount('data').risk).toBe('write');
    expect(mount('./src').risk).toBe('write');
    expect(mount('/srv/app/data').risk).toBe('write');
    expect(risk({ capAdd: ['NET_BIND_SERVICE'], networkMode: 'none' }).risk).toBe('write');
  });
});
