import { mkdtempSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostMountRisk, isHostPath, normalizeHostPath } from './mount-risk';

// A home that is not /root: under /root everything is a system folder, which would hide the home rules.
const home = '/home/dev';
const risk = (source: string, readOnly = false) => hostMountRisk(source, readOnly, home).risk;

describe('normalizeHostPath', () => {
  it('gives every spelling of a path one form', () => {
    expect(normalizeHostPath('/.', home)).toBe('/');
    expect(normalizeHostPath('//', home)).toBe('/');
    expect(normalizeHostPath('//etc/', home)).toBe('/etc');
    expect(normalizeHostPath('/etc/.', home)).toBe('/etc');
    expect(normalizeHostPath('/srv/app/../../etc', home)).toBe('/etc');
    expect(normalizeHostPath('~', home)).toBe(home);
    expect(normalizeHostPath('~/.ssh/', home)).toBe(`${home}/.ssh`);
    expect(normalizeHostPath('$HOME/.aws', home)).toBe(`${home}/.aws`);
    expect(normalizeHostPath('${HOME}', home)).toBe(home);
    expect(normalizeHostPath('./src/', home)).toBe('src');
  });
});

describe('hostMountRisk', () => {
  it('rates /, its other spellings and the system folders critical', () => {
    for (const source of ['/', '/.', '//', '/etc', '//etc/', '/etc/', '/etc/ssl', '/root', '/home', '/var/run', '/run', '/dev', '/proc', '/sys', '/boot', '/boot/grub'])
      expect(risk(source), source).toBe('critical');
  });

  it('rates every container engine socket critical, even read-only', () => {
    for (const source of ['/var/run/docker.sock', '/run/containerd/containerd.sock', '/run/user/1000/podman/podman.sock', '/tmp/docker.sock', `${home}/.docker/run/docker.sock`]) {
      expect(risk(source, true), source).toBe('critical');
    }
    expect(hostMountRisk('/var/run/docker.sock', true, home).reasons.join('; ')).toMatch(/read-only does not stop it/);
  });

  it('rates the home directory and its key folders critical, and other home subfolders write', () => {
    for (const source of [home, '~', '~/', '$HOME', '~/.ssh', '~/.aws/credentials', '~/.kube', '~/.docker', '~/.gnupg', '~/.config/gcloud', '/home/alice', '/home/alice/.ssh'])
      expect(risk(source), source).toBe('critical');
    expect(risk('~/project')).toBe('write');
    expect(risk(`${home}/src/app`)).toBe('write');
  });

  it("expands $HOME to this user's home", () => {
    // The real home of whoever runs the tests: always at least a whole home, so critical.
    expect(hostMountRisk('$HOME', false).risk).toBe('critical');
    expect(hostMountRisk('$HOME', false).reasons.join('; ')).toContain(homedir());
  });

  it('follows a symlink to where it points: a link to /etc is /etc, a link to / is /', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reign-mount-'));
    symlinkSync('/etc', join(dir, 'etc-link'));
    symlinkSync('/', join(dir, 'root-link'));
    expect(hostMountRisk(join(dir, 'etc-link'), false, home)).toMatchObject({ risk: 'critical', reasons: [expect.stringContaining('(/etc)')] });
    expect(risk(join(dir, 'etc-link', 'not-yet-there'))).toBe('critical');
    expect(risk(`${join(dir, 'root-link')}/`)).toBe('critical');
    // The kernel resolves the link before `..`: the parent of the link's target is /.
    expect(risk(`${join(dir, 'etc-link')}/..`)).toBe('critical');
  });

  it('rates read-only mounts of system folders destructive, not harmless', () => {
    for (const source of ['/etc', '/etc/shadow', '/root', '/proc', '/sys', '/boot', '~/.ssh']) expect(risk(source, true), source).toBe('destructive');
    // A socket or device below these still works read-only.
    for (const source of ['/', '/run', '/var/run', '/dev', '~']) expect(risk(source, true), source).toBe('critical');
  });

  it('keeps named volumes and project folders as they were', () => {
    expect(isHostPath('data')).toBe(false);
    expect(risk('data')).toBe('read');
    expect(risk('./src')).toBe('write');
    expect(risk('/srv/app/data')).toBe('write');
    expect(risk('../../etc')).toBe('destructive');
  });
});
