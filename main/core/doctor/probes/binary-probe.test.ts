import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmBinary } from '../../families/helm/helm-binary';
import { kubectlBinary } from '../../families/kubernetes/kubernetes-binaries';
import { gitBinary } from '../../families/shell/git-binary';
import { terraformBinary } from '../../families/terraform/terraform-binary';
import { probeBinary } from './binary-probe';

function fakeBin(name: string, script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'reign-bin-'));
  writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(dir, name), 0o755);
  return dir;
}

describe('probeBinary', () => {
  it('finds git on PATH and reads its version', async () => {
    const check = await probeBinary(gitBinary);
    expect(check.status).toBe('ok');
    expect(check.version).toMatch(/^\d+\.\d+/);
  });

  it('reads the version formats helm, terraform and kubectl print', async () => {
    const helm = await probeBinary(helmBinary, { PATH: fakeBin('helm', 'echo v3.17.3+ge4da497') });
    const terraform = await probeBinary(terraformBinary, { PATH: fakeBin('terraform', 'echo \'{"terraform_version":"1.11.4","platform":"linux_amd64"}\'') });
    const kubectl = await probeBinary(kubectlBinary, { PATH: fakeBin('kubectl', 'echo \'{"clientVersion":{"gitVersion":"v1.32.4"}}\'') });
    expect([helm.version, terraform.version, kubectl.version]).toEqual(['3.17.3', '1.11.4', 'v1.32.4']);
  });

  it('marks an optional tool missing and a required one as an error, each with how to install it', async () => {
    expect(await probeBinary(helmBinary, { PATH: '/nonexistent' })).toMatchObject({ status: 'missing', path: null, fix: expect.stringMatching(/optional/) });
    expect(await probeBinary(gitBinary, { PATH: '/nonexistent' })).toMatchObject({ status: 'error', fix: expect.stringMatching(/Install git/) });
  });

  it('reports a binary that is present but broken', async () => {
    const check = await probeBinary(helmBinary, { PATH: fakeBin('helm', 'echo "segfault" >&2; exit 139') });
    expect(check).toMatchObject({ status: 'error', summary: expect.stringMatching(/exited with code 139: segfault/) });
  });
});
