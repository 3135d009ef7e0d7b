import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { familyVerbs } from '../../../../e2e/fixtures/family-tools';
import type { Risk } from '../../policy/risk';
import { createShellAnalyzer } from '../../policy/shell/create-shell-analyzer';
import type { ShellAnalyzer } from '../../policy/shell/shell-analyzer';

// `docker run` as the agent types it into the shell, parsed by the real shell analyzer.
let shell: ShellAnalyzer;
beforeAll(async () => {
  shell = await createShellAnalyzer(familyVerbs);
});
const check = (cases: [string, Risk][]) => {
  for (const [command, risk] of cases) {
    const result = shell.analyze(command);
    expect(result.risk, `${command}: ${result.reasons.join('; ')}`).toBe(risk);
  }
};

describe('docker run and create in the shell', () => {
  it('rate a bind mount of / critical however it is spelled', () => {
    check([
      ['docker run -v /:/host alpine', 'critical'],
      ['docker run -v /.:/host alpine', 'critical'],
      ['docker run -v //:/host alpine', 'critical'],
      ['docker run --volume=/./:/host alpine', 'critical'],
      ['docker run -itv /:/host alpine sh', 'critical'],
      ['docker run --mount type=bind,src=/,dst=/h alpine', 'critical'],
      ['docker run --mount type=bind,source=/,target=/h,readonly alpine', 'critical'],
      ['docker --context prod run -v /:/host alpine', 'critical'],
      ['docker container create -v /:/host alpine', 'critical'],
      ['podman run -v /:/host alpine', 'critical'],
    ]);
  });

  it('rate mounts of system folders critical, read-only ones at least destructive', () => {
    check([
      ['docker run -v //etc/:/e alpine', 'critical'],
      ['docker run -v /etc/:/e alpine', 'critical'],
      ['docker run -v /root:/r alpine', 'critical'],
      ['docker run -v /home:/h alpine', 'critical'],
      ['docker run -v /proc:/p alpine', 'critical'],
      ['docker run -v /dev:/dev alpine', 'critical'],
      ['docker run -v ~/.ssh:/keys alpine', 'critical'],
      ['docker run -v /etc:/e:ro alpine', 'destructive'],
      ['docker run --mount type=bind,src=/etc,dst=/e,ro alpine', 'destructive'],
      ['docker run --mount type=volume,dst=/d,volume-opt=type=none,volume-opt=o=bind,volume-opt=device=/etc alpine', 'critical'],
    ]);
  });

  it('rate the Docker socket critical, read-only too', () => {
    check([
      ['docker run -v /var/run/docker.sock:/var/run/docker.sock alpine', 'critical'],
      ['docker run -v /var/run/docker.sock:/s:ro alpine', 'critical'],
      ['docker run -v /run/containerd/containerd.sock:/c.sock alpine', 'critical'],
    ]);
  });

  it('follow a symlink to /etc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reign-verbs-'));
    symlinkSync('/etc', join(dir, 'config'));
    check([[`docker run -v ${join(dir, 'config')}:/c alpine`, 'critical']]);
  });

  it('rate privileges and the host namespaces', () => {
    check([
      ['docker run --privileged alpine', 'critical'],
      ['docker run --pid=host alpine', 'critical'],
      ['docker run --pid host alpine', 'critical'],
      ['docker run --ipc=host alpine', 'destructive'],
      ['docker run --uts host alpine', 'destructive'],
      ['docker run --userns=host alpine', 'destructive'],
      ['docker run --cgroupns=host alpine', 'destructive'],
      ['docker run --net=host nginx', 'destructive'],
      ['docker run --network host nginx', 'destructive'],
    ]);
  });

  it('rate added capabilities, devices and switched-off confinement', () => {
    check([
      ['docker run --cap-add=ALL alpine', 'critical'],
      ['docker run --cap-add SYS_ADMIN alpine', 'critical'],
      ['docker run --cap-add=CAP_SYS_MODULE alpine', 'critical'],
      ['docker run --cap-add NET_ADMIN alpine', 'destructive'],
      ['docker run --cap-add=SYS_PTRACE alpine', 'destructive'],
      ['docker run --device /dev/sda alpine', 'critical'],
      ['docker run --device=/dev/nvme0n1:/dev/disk alpine', 'critical'],
      ['docker run --device /dev/mem alpine', 'critical'],
      ['docker run --device /dev/fuse alpine', 'destructive'],
      ['docker run --security-opt seccomp=unconfined alpine', 'destructive'],
      ['docker run --security-opt apparmor=unconfined alpine', 'destructive'],
      ['docker run --security-opt label=disable alpine', 'destructive'],
    ]);
  });

  it('rate a mount known only at run time destructive', () => {
    check([['docker run -v "$DIR:/data" alpine', 'destructive']]);
  });

  it('keep named volumes, project folders and harmless flags as they were', () => {
    check([
      ['docker run -v data:/data postgres', 'write'],
      ['docker run -v ./src:/app node', 'write'],
      ['docker run --mount type=volume,src=data,dst=/data postgres', 'write'],
      ['docker run -d --name web -p 8080:80 nginx', 'write'],
      ['docker run --privileged=false alpine', 'write'],
      ['docker run --cap-add NET_BIND_SERVICE nginx', 'write'],
      ['docker run --security-opt no-new-privileges alpine', 'write'],
      ['docker ps -a', 'read'],
    ]);
  });
});
