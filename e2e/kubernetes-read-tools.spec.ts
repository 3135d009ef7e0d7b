import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { classifyStep } from '../main/core/plan/classify-step';
import { type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { kubeEvents, kubeGet, kubeList } from '../main/core/families/kubernetes/kube-read-tools';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, type TestCluster, testCluster } from './fixtures/test-cluster';

// The Kubernetes family's read tools against the real API server of .ci/peers/kubernetes.sh.

const { cluster, problem } = testCluster();
const namespace = `reign-read-${Math.random().toString(36).slice(2, 8)}`;
const secretValue = 's3cr3t-value-for-reign';
let ctx: ToolContext;

async function readyPods(c: TestCluster): Promise<number> {
  const list = await clusterApi<{ items: { status: { containerStatuses?: { ready: boolean }[] } }[] }>(c, `/api/v1/namespaces/${namespace}/pods`);
  return list.items.filter((pod) => pod.status.containerStatuses?.every((container) => container.ready)).length;
}

beforeAll(async () => {
  if (!cluster) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/apis/apps/v1/namespaces/${namespace}/deployments`, { method: 'POST', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } } });
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/secrets`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: Buffer.from(secretValue).toString('base64') } } });
  for (let i = 0; i < 120 && (await readyPods(cluster)) < 2; i++) await sleep(250);
}, 60_000);

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('Kubernetes read tools against a real API server', () => {
  it('lists pods and deployments with kubectl-like status, in the namespace the step names', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const pods = await kubeList.run({ input: kubeList.input.parse({ kind: 'pods', namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(pods).toMatchObject({ ok: true, output: { count: 2 } });
    expect(pods.ok && pods.output.items.map((item) => item.status)).toEqual([expect.stringMatching(/^Running, 1\/1 ready, 0 restarts, on kwok-node-0$/), expect.stringMatching(/^Running, 1\/1 ready/)]);
    const deployments = await kubeList.run({ input: kubeList.input.parse({ kind: 'deploy', namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(deployments).toMatchObject({ ok: true, output: { items: [{ name: 'web', namespace, status: '2/2 ready, 2 up to date' }] } });
  });

  it('never shows a Secret value: get replaces each with its size, list shows key names', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const secret = await kubeGet.run({ input: kubeGet.input.parse({ kind: 'Secret', name: 'db', namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(secret).toMatchObject({ ok: true, output: { object: { kind: 'Secret', data: { password: `[REDACTED ${secretValue.length} bytes]` } } } });
    const listed = await kubeList.run({ input: kubeList.input.parse({ kind: 'secrets', namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(listed).toMatchObject({ ok: true, output: { items: [{ name: 'db', status: 'Opaque, keys: password' }] } });
    for (const shown of [JSON.stringify(secret), JSON.stringify(listed)]) {
      expect(shown).not.toContain(secretValue);
      expect(shown).not.toContain(Buffer.from(secretValue).toString('base64'));
    }
  });

  it('reads events, and fails with what happened for a missing object or context', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const events = await kubeEvents.run({ input: kubeEvents.input.parse({ namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(events.ok && events.output.events.map((event) => event.reason)).toEqual(expect.arrayContaining(['Scheduled']));
    const missing = await kubeGet.run({ input: kubeGet.input.parse({ kind: 'deployment', name: 'nope', namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/deployments.apps "nope" not found/) } });
    const elsewhere = await kubeList.run({ input: kubeList.input.parse({ kind: 'pods', context: 'prod' }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'KUBERNETES_UNAVAILABLE', message: expect.stringMatching(/no context "prod" \(it has reign-test\)/) } });
  });

  it('are reads, targeting the namespace, or the whole cluster for cluster-scoped kinds and every namespace', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const policy = new PolicyEngine();
    expect(await classifyStep(kubeList, kubeList.input.parse({ kind: 'pods', namespace }), ctx, policy)).toMatchObject({ risk: 'read', target: { id: `kubernetes:reign-test/${namespace}` }, verdict: { decision: 'allow' } });
    expect((await classifyStep(kubeList, kubeList.input.parse({ kind: 'pods', allNamespaces: true }), ctx, policy)).target.id).toBe('kubernetes:reign-test/*');
    expect((await classifyStep(kubeList, kubeList.input.parse({ kind: 'nodes' }), ctx, policy)).target.id).toBe('kubernetes:reign-test/*');
  });
});
