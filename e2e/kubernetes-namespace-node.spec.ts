import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeNamespaceCreate, kubeNamespaceDelete } from '../main/core/families/kubernetes/kube-namespace-tools';
import { kubeNodeCordon, kubeNodeDrain, kubeNodeUncordon } from '../main/core/families/kubernetes/kube-node-tools';
import { kubeWait } from '../main/core/families/kubernetes/kube-wait-tool';
import { kubeApply } from '../main/core/families/kubernetes/kube-write-tools';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// Namespaces and nodes through the Kubernetes family against the real API server. The node steps act
// on a fake node of this spec's own (KWOK runs it), tainted so that nobody else's pods land there.

const { cluster, problem } = testCluster();
const id = Math.random().toString(36).slice(2, 8);
const namespace = `reign-node-${id}`;
const node = `reign-node-${id}`;
const signal = new AbortController().signal;
const policy = new PolicyEngine();
let ctx: ToolContext;

async function step<I, O, S>(tool: ToolDefinition<I, O, S>, raw: unknown) {
  const input = tool.input.parse(raw);
  const snapshot = tool.snapshot ? await tool.snapshot({ input, ctx }) : (undefined as S);
  const result = await tool.run({ input, ctx, signal, log: () => undefined, progress: () => undefined });
  return { input, snapshot, result, undo: () => tool.undo!({ input, snapshot, output: result.ok ? result.output : null, ctx, signal }) };
}
const run = async <I, O>(tool: ToolDefinition<I, O>, raw: unknown) => (await step(tool, raw)).result;
const preview = <I,>(tool: ToolDefinition<I>, raw: unknown) => tool.preview({ input: tool.input.parse(raw), ctx });
const classify = <I,>(tool: ToolDefinition<I>, raw: unknown) => classifyStep(tool, tool.input.parse(raw), ctx, policy);
const api = <T,>(path: string, init?: { method?: string; body?: unknown }) => clusterApi<T>(cluster!, path, init);
const unschedulable = async () => (await api<{ spec: { unschedulable?: boolean } }>(`/api/v1/nodes/${node}`)).spec.unschedulable === true;

type Pod = { metadata: { name: string; uid: string; deletionTimestamp?: string }; spec: { nodeName?: string } };
const podsOf = async (app: string) => (await api<{ items: Pod[] }>(`/api/v1/namespaces/${namespace}/pods?labelSelector=app%3D${app}`)).items.filter((pod) => !pod.metadata.deletionTimestamp);

/** Pods of this spec run on its node only, and only they tolerate its taint. */
const pinned = (kind: 'Deployment' | 'DaemonSet', name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: ${name} }
spec:
  ${kind === 'Deployment' ? 'replicas: 1' : 'updateStrategy: { type: RollingUpdate }'}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      tolerations: [{ key: reign.test/only, operator: Equal, value: "${id}", effect: NoSchedule }]
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: reign.test/node, operator: In, values: ["${id}"] }] }] } } }
      containers: [{ name: app, image: "nginx:1.27" }]
`;

beforeAll(async () => {
  if (!cluster) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await api('/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await api('/api/v1/nodes', {
    method: 'POST',
    body: { apiVersion: 'v1', kind: 'Node', metadata: { name: node, annotations: { 'kwok.x-k8s.io/node': 'fake' }, labels: { type: 'kwok', 'kubernetes.io/hostname': node, 'reign.test/node': id } }, spec: { taints: [{ key: 'reign.test/only', value: id, effect: 'NoSchedule' }] } },
  });
});

afterAll(async () => {
  if (!cluster) return;
  for (const name of [namespace, `${namespace}-made`, `${namespace}-doomed`]) await api(`/api/v1/namespaces/${name}`, { method: 'DELETE' }).catch(() => undefined);
  // The node goes last: KWOK finishes deleting the pods on it only while it exists.
  await run(kubeWait, { kind: 'pod', labelSelector: 'app', namespace, for: 'delete', timeoutMs: 60_000 });
  await api(`/api/v1/nodes/${node}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('Kubernetes namespaces against a real API server', () => {
  it('creates a namespace after a dry-run preview; undo deletes it only when Reign created it', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const name = `${namespace}-made`;
    expect(await preview(kubeNamespaceCreate, { name, labels: { team: 'a' } })).toMatchObject({ kind: 'file', before: null, after: expect.stringMatching(new RegExp(`name: ${name}[\\s\\S]*team: a`)) });
    await expect(api(`/api/v1/namespaces/${name}`)).rejects.toThrow(/404/);
    const made = await step(kubeNamespaceCreate, { name, labels: { team: 'a' } });
    expect(made.result).toMatchObject({ ok: true, output: { created: name, uid: expect.any(String) } });
    expect(await api(`/api/v1/namespaces/${name}`)).toMatchObject({ metadata: { labels: { team: 'a' } } });
    expect(await preview(kubeNamespaceCreate, { name })).toMatchObject({ kind: 'text', text: `Namespace ${name} already exists; the step would fail and change nothing.` });

    // The same step meeting a namespace that already exists fails, and its undo leaves that namespace alone.
    const again = await step(kubeNamespaceCreate, { name });
    expect(again.result).toMatchObject({ ok: false });
    expect(await again.undo()).toMatchObject({ ok: true });
    expect(await api(`/api/v1/namespaces/${name}`)).toMatchObject({ status: { phase: 'Active' } });

    expect(await made.undo()).toMatchObject({ ok: true });
    expect(await run(kubeWait, { kind: 'ns', name, for: 'delete', timeoutMs: 60_000 })).toMatchObject({ ok: true });
  });

  it('deletes a namespace as a critical step whose preview counts what goes with it, by kind', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const name = `${namespace}-doomed`;
    await run(kubeNamespaceCreate, { name });
    await run(kubeApply, { manifest: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: s }\nstringData: { k: v }\n`, namespace: name });
    await run(kubeApply, { manifest: pinned('Deployment', 'web').replace(/tolerations:.*\n.*affinity:.*\n/, ''), namespace: name });
    await run(kubeWait, { kind: 'pod', labelSelector: 'app=web', namespace: name, for: 'Ready', timeoutMs: 60_000 });

    const rated = await classify(kubeNamespaceDelete, { name });
    expect([rated.risk, rated.target.id]).toEqual(['critical', `kubernetes:reign-test/${name}`]);
    expect(kubeNamespaceDelete.undo).toBeUndefined();
    const shown = await preview(kubeNamespaceDelete, { name });
    expect(shown.kind).toBe('text');
    const text = (shown as { text: string }).text;
    expect(text).toMatch(/cannot be undone/);
    expect(text).toMatch(/^ {2}Deployment: 1$/m);
    expect(text).toMatch(/^ {2}ReplicaSet: 1$/m);
    expect(text).toMatch(/^ {2}Pod: 1$/m);
    expect(text).toMatch(/^ {2}Secret: 1$/m);
    // kube-root-ca.crt joins the two ConfigMaps of this test once the controller has published it.
    expect(Number(/^ {2}ConfigMap: (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(2);

    for (const owned of ['kube-system', 'default', 'kube-public']) expect(kubeNamespaceDelete.input.safeParse({ name: owned }).error?.issues[0]?.message, owned).toMatch(/one of the cluster's own namespaces/);

    expect(await run(kubeNamespaceDelete, { name })).toMatchObject({ ok: true, output: { deleted: name, phase: 'Terminating' } });
    expect(await run(kubeWait, { kind: 'namespace', name, for: 'delete', timeoutMs: 90_000 })).toMatchObject({ ok: true });
    expect(await preview(kubeNamespaceDelete, { name })).toMatchObject({ kind: 'text', text: expect.stringMatching(/does not exist; the step would fail/) });
  });
});

describe('Kubernetes nodes against a real API server', () => {
  it('cordons a node (unschedulable for the whole cluster) and undo uncordons it', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    expect(await run(kubeWait, { kind: 'node', name: node, for: 'Ready', timeoutMs: 30_000 })).toMatchObject({ ok: true });
    const rated = await classify(kubeNodeCordon, { name: node });
    expect([rated.risk, rated.target.id]).toEqual(['write', 'kubernetes:reign-test/*']);
    const cordoned = await step(kubeNodeCordon, { name: node });
    expect(cordoned.result).toMatchObject({ ok: true, output: { node, unschedulable: true, changed: true } });
    expect(await unschedulable()).toBe(true);
    expect(await preview(kubeNodeCordon, { name: node })).toMatchObject({ kind: 'text', text: `Node ${node} is already cordoned; nothing would change.` });
    expect(await cordoned.undo()).toMatchObject({ ok: true });
    expect(await unschedulable()).toBe(false);

    // Uncordon is cordon's undo and the other way round.
    await run(kubeNodeCordon, { name: node });
    const uncordoned = await step(kubeNodeUncordon, { name: node });
    expect(uncordoned.result).toMatchObject({ ok: true, output: { unschedulable: false, changed: true } });
    expect(await unschedulable()).toBe(false);
    expect(await uncordoned.undo()).toMatchObject({ ok: true });
    expect(await unschedulable()).toBe(true);
    await run(kubeNodeUncordon, { name: node });
    expect(await run(kubeNodeCordon, { name: 'no-such-node' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('drains a node: a PodDisruptionBudget that forbids the eviction fails it naming the budget; without it the pod is evicted and undo uncordons', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await run(kubeApply, { manifest: pinned('Deployment', 'web'), namespace });
    await run(kubeApply, { manifest: pinned('DaemonSet', 'agent'), namespace });
    await run(kubeWait, { kind: 'pod', labelSelector: 'app in (web,agent)', namespace, for: 'Ready', timeoutMs: 60_000 });
    const [web] = await podsOf('web');
    const [agent] = await podsOf('agent');
    expect([web!.spec.nodeName, agent!.spec.nodeName]).toEqual([node, node]);

    await run(kubeApply, { manifest: `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web-budget }\nspec: { minAvailable: 1, selector: { matchLabels: { app: web } } }\n`, namespace });
    expect(await run(kubeWait, { kind: 'pdb', name: 'web-budget', namespace, for: '.status.currentHealthy=1', timeoutMs: 30_000 })).toMatchObject({ ok: true });
    expect((await classify(kubeNodeDrain, { name: node })).risk).toBe('destructive');
    const shown = (await preview(kubeNodeDrain, { name: node })) as { text: string };
    expect(shown.text).toContain(`cordons it, then evicts 1 pod(s) through the Eviction API:\n  ${namespace}/${web!.metadata.name} (ReplicaSet `);
    expect(shown.text).toContain(`Left on the node:\n  ${namespace}/${agent!.metadata.name} (DaemonSet agent:`);
    expect(shown.text).toContain(`${namespace}/web-budget (covers ${web!.metadata.name})`);
    expect(shown.text).toMatch(/Undo uncordons the node; evicted pods are not brought back/);

    const refused = await step(kubeNodeDrain, { name: node, timeoutMs: 3000 });
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'DISRUPTION_BUDGET', message: expect.stringMatching(new RegExp(`could not be evicted: PodDisruptionBudget ${namespace}/web-budget \\(allows 0 disruption\\(s\\) now\\) forbids it: .*web-budget.*stays cordoned`)) } });
    expect(await unschedulable()).toBe(true);
    expect((await podsOf('web')).map((pod) => pod.metadata.uid)).toEqual([web!.metadata.uid]);
    expect(await refused.undo()).toMatchObject({ ok: true });
    expect(await unschedulable()).toBe(false);

    await api(`/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/web-budget`, { method: 'DELETE' });
    const drained = await step(kubeNodeDrain, { name: node, timeoutMs: 60_000 });
    expect(drained.result).toMatchObject({ ok: true, output: { node, evicted: [`${namespace}/${web!.metadata.name}`], skipped: [`${namespace}/${agent!.metadata.name}`] } });
    expect(await unschedulable()).toBe(true);
    // The ReplicaSet made a new pod; its only node is cordoned, so it waits unscheduled.
    const replaced = await run(kubeWait, { kind: 'pod', labelSelector: 'app=web', namespace, for: 'condition=PodScheduled=False', timeoutMs: 30_000 });
    expect(replaced.ok && replaced.output.objects).not.toContain(web!.metadata.name);
    expect((await podsOf('agent')).map((pod) => pod.metadata.uid)).toEqual([agent!.metadata.uid]);

    expect(await drained.undo()).toMatchObject({ ok: true });
    expect(await unschedulable()).toBe(false);
    expect(await run(kubeWait, { kind: 'pod', labelSelector: 'app=web', namespace, for: 'Ready', timeoutMs: 60_000 })).toMatchObject({ ok: true });
    expect((await podsOf('web'))[0]!.spec.nodeName).toBe(node);
  });

  it('stops a drain before changing anything when a pod would be lost', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await api(`/api/v1/namespaces/${namespace}/pods`, {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare', labels: { app: 'bare' } }, spec: { nodeName: node, tolerations: [{ key: 'reign.test/only', operator: 'Exists' }], containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    });
    expect(await preview(kubeNodeDrain, { name: node })).toMatchObject({ kind: 'text', text: expect.stringMatching(new RegExp(`would stop before evicting anything[\\s\\S]*${namespace}/bare \\(no controller recreates it.*set force`)) });
    expect(await run(kubeNodeDrain, { name: node })).toMatchObject({ ok: false, error: { code: 'DRAIN_BLOCKED', message: expect.stringMatching(/^Nothing was done: .*bare: no controller recreates it/) } });
    expect(await unschedulable()).toBe(false);
  });
});
