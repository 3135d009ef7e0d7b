import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../bootstrap';

let core: Core | undefined;
afterEach(() => core?.dispose());

describe('targets the families know', () => {
  it('lists the Docker engine in use and every kube context (its namespace, and all of them), as rules and production marks name them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'reign-targets-'));
    const kubeconfig = join(home, 'config');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\ncurrent-context: dev\ncontexts:\n  - name: dev\n    context: { cluster: dev, namespace: web }\n  - name: prod\n    context: { cluster: prod }\n');
    core = createTestCore({ PATH: process.env.PATH, HOME: home, KUBECONFIG: kubeconfig, DOCKER_HOST: 'tcp://127.0.0.1:2375' });
    const listed = await core.dispatcher.dispatch('targets.list', {}, { host: 'serve', signal: new AbortController().signal });
    expect(listed).toMatchObject({ ok: true });
    const ids = (listed as { result: { targets: { id: string; family: string }[] } }).result.targets.map((target) => `${target.family} ${target.id}`);
    expect(ids).toEqual(['docker docker:DOCKER_HOST', 'kubernetes kubernetes:dev/web', 'kubernetes kubernetes:dev/*', 'kubernetes kubernetes:prod/default', 'kubernetes kubernetes:prod/*']);
  });
});
