import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeKubernetes } from './kube-probe';

const dir = mkdtempSync(join(tmpdir(), 'reign-kube-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const first = file(
  'first',
  `apiVersion: v1
kind: Config
current-context: prod
contexts:
- name: prod
  context: {cluster: prod-cluster, user: admin, namespace: payments}
- name: staging
  context: {cluster: staging-cluster, user: admin}
`,
);
const second = file(
  'second',
  `apiVersion: v1
kind: Config
current-context: kind-dev
contexts:
- name: kind-dev
  context: {cluster: kind-dev, user: kind-dev}
- name: prod
  context: {cluster: shadowed, user: other}
`,
);

describe('probeKubernetes', () => {
  it('merges KUBECONFIG files as kubectl does: the first file to set a value wins', () => {
    const check = probeKubernetes({ KUBECONFIG: [first, second].join(delimiter), HOME: dir });
    expect(check).toMatchObject({ status: 'ok', currentContext: 'prod', kubeconfigPaths: [first, second] });
    expect(check.contexts).toEqual([
      { name: 'prod', cluster: 'prod-cluster', namespace: 'payments' },
      { name: 'staging', cluster: 'staging-cluster', namespace: null },
      { name: 'kind-dev', cluster: 'kind-dev', namespace: null },
    ]);
  });

  it('reads ~/.kube/config when KUBECONFIG is not set, and says when there is none', () => {
    const check = probeKubernetes({ HOME: join(dir, 'nobody') });
    expect(check).toMatchObject({ status: 'missing', fix: expect.stringMatching(/optional/) });
  });

  it('names a kubeconfig that is not valid YAML', () => {
    const broken = file('broken', 'contexts: [unclosed');
    expect(probeKubernetes({ KUBECONFIG: broken })).toMatchObject({ status: 'error', summary: expect.stringContaining(broken) });
  });

  it('warns when the current context does not exist', () => {
    const dangling = file('dangling', 'current-context: gone\ncontexts:\n- name: a\n  context: {cluster: a}\n');
    expect(probeKubernetes({ KUBECONFIG: dangling })).toMatchObject({ status: 'warning', summary: expect.stringMatching(/"gone" is not among/) });
  });
});
