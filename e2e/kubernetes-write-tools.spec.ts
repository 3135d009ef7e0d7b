import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeRolloutRestart, kubeRolloutStatus } from '../main/core/families/kubernetes/kube-rollout-tools';
import { kubeApply, kubeDelete, kubeScale } from '../main/core/families/kubernetes/kube-write-tools';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// Changes through the Kubernetes family against the real API server: the preview is the server's
// dry run, and every change has an undo that puts back what was there.

const { cluster, problem } = testCluster();
const namespace = `reign-write-${Math.random().toString(36).slice(2, 8)}`;
const signal = new AbortController().signal;
let ctx: ToolContext;

const deployment = (replicas: number | string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
`;

/** Snapshot then run, as the plan runner does; the snapshot is what undo gets. */
async function apply<I, O, S>(tool: ToolDefinition<I, O, S>, raw: unknown) {
  const input = tool.input.parse(raw);
  const snapshot = await tool.snapshot!({ input, ctx });
  const result = await tool.run({ input, ctx, signal, log: () => undefined, progress: () => undefined });
  return { input, snapshot, result, undo: () => tool.undo!({ input, snapshot, output: result.ok ? result.output : null, ctx, signal }) };
}

const replicasOf = async (): Promise<number | null> =>
  (await clusterApi<{ spec: { replicas: number } }>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`).catch(() => null))?.spec.replicas ?? null;

beforeAll(async () => {
  if (!cluster) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
});

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('Kubernetes changes against a real API server', () => {
  it('previews an apply with the server\'s dry run (defaults filled in, invalid input refused before approval), applies it, and undoes it', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const preview = await kubeApply.preview({ input: kubeApply.input.parse({ manifest: deployment(2), namespace }), ctx });
    expect(preview).toMatchObject({ kind: 'file', before: null, after: expect.stringMatching(/progressDeadlineSeconds: 600/) });
    expect((preview as { after: string }).after).toMatch(/replicas: 2/);
    const refused = await kubeApply.preview({ input: kubeApply.input.parse({ manifest: deployment('"two"'), namespace }), ctx });
    expect(refused).toMatchObject({ kind: 'text', text: expect.stringMatching(/refused the manifest in a dry run/) });
    expect(await replicasOf()).toBeNull(); // dry runs changed nothing

    const created = await apply(kubeApply, { manifest: deployment(2), namespace });
    expect(created.result).toMatchObject({ ok: true, output: { applied: [`Deployment/web in ${namespace}`] } });
    for (let i = 0; i < 80 && (await clusterApi<{ status: { readyReplicas?: number } }>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).status.readyReplicas !== 2; i++) await sleep(250);

    const update = await kubeApply.preview({ input: kubeApply.input.parse({ manifest: deployment(3), namespace }), ctx });
    expect(update).toMatchObject({ kind: 'file', before: expect.stringMatching(/replicas: 2/), after: expect.stringMatching(/replicas: 3/) });
    expect((update as { before: string }).before).not.toMatch(/managedFields|resourceVersion|status:/);
    const changed = await apply(kubeApply, { manifest: deployment(3), namespace });
    expect(await replicasOf()).toBe(3);
    const undone = await changed.undo();
    expect(undone, JSON.stringify(undone)).toMatchObject({ ok: true });
    expect(await replicasOf()).toBe(2);
    expect(await created.undo()).toMatchObject({ ok: true });
    for (let i = 0; i < 40 && (await replicasOf()) !== null; i++) await sleep(250);
    expect(await replicasOf()).toBeNull();
  });

  it('says which object a refusal is about: a field another manager owns (and takes it over with force), a kind the cluster does not serve, YAML that does not parse', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    // Made the way `kubectl create` makes it: a POST, so its fields belong to another manager.
    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps?fieldManager=kubectl-create`, { method: 'POST', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owned' }, data: { mode: 'slow' } } });
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: owned }\ndata: { mode: fast }\n';
    const conflict = await kubeApply.preview({ input: kubeApply.input.parse({ manifest, namespace }), ctx });
    expect(conflict).toMatchObject({ kind: 'text', text: expect.stringMatching(new RegExp(`ConfigMap/owned in ${namespace}: Apply failed with 1 conflict: conflict with "kubectl-create"[\\s\\S]*force: true`)) });
    const refused = await apply(kubeApply, { manifest, namespace });
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'CONFLICT', permanent: true } });
    const forced = await apply(kubeApply, { manifest, namespace, force: true });
    expect(forced.result).toMatchObject({ ok: true });
    expect(await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/owned`)).toMatchObject({ data: { mode: 'fast' } });

    const removed = await kubeApply.preview({ input: kubeApply.input.parse({ manifest: deployment(1).replace('apps/v1', 'extensions/v1beta1'), namespace }), ctx });
    expect(removed).toMatchObject({ kind: 'text', text: expect.stringMatching(/Deployment\/web in \S+: the cluster does not serve Deployment in extensions\/v1beta1 \(an API version removed/) });
    expect((removed as { text: string }).text).not.toMatch(/Headers|HTTP-Code/);

    // A Secret's snapshot keeps no values, so undoing a change to one says so instead of writing sizes into it.
    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata: { name: creds }\nstringData: { token: ${value} }\n`;
    await apply(kubeApply, { manifest: secret('first-value-1'), namespace });
    const rotated = await apply(kubeApply, { manifest: secret('second-value-2'), namespace });
    expect(JSON.stringify(rotated.snapshot)).not.toMatch(/first-value-1|Zmlyc3QtdmFsdWUtMQ/);
    expect(await rotated.undo()).toMatchObject({ ok: false, error: { code: 'SECRET_NOT_KEPT', message: expect.stringMatching(/Secret\/creds in \S+ left as applied: Reign keeps no Secret values/) } });
    expect(await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/secrets/creds`)).toMatchObject({ data: { token: Buffer.from('second-value-2').toString('base64') } });

    const broken = await kubeApply.preview({ input: kubeApply.input.parse({ manifest: 'kind: [unclosed', namespace }), ctx });
    expect(broken).toMatchObject({ kind: 'text', text: expect.stringMatching(/^The manifest cannot be applied: document 1 of the manifest is not valid YAML/) });
  });

  it('rates by code: a delete is destructive, a namespace or kube-system critical, scaling to zero destructive', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const policy = new PolicyEngine();
    const rate = async (tool: ToolDefinition, input: unknown) => (await classifyStep(tool, tool.input.parse(input), ctx, policy)).risk;
    expect(await rate(kubeDelete, { kind: 'configmap', name: 'x', namespace })).toBe('destructive');
    expect(await rate(kubeDelete, { kind: 'ns', name: namespace })).toBe('critical');
    expect(await rate(kubeDelete, { kind: 'pod', name: 'coredns', namespace: 'kube-system' })).toBe('critical');
    expect(await rate(kubeScale, { kind: 'deploy', name: 'web', replicas: 0, namespace })).toBe('destructive');
    expect(await rate(kubeScale, { kind: 'deploy', name: 'web', replicas: 4, namespace })).toBe('write');
    expect(await rate(kubeApply, { manifest: deployment(1), namespace })).toBe('write');
    expect(await rate(kubeApply, { manifest: deployment(1), namespace: 'kube-system' })).toBe('destructive');
  });

  it('deletes an object and puts it back from its snapshot; scales and scales back', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { team: 'a' } }, data: { mode: 'fast' } } });
    const preview = await kubeDelete.preview({ input: kubeDelete.input.parse({ kind: 'cm', name: 'settings', namespace }), ctx });
    expect(preview).toMatchObject({ kind: 'file', before: expect.stringMatching(/mode: fast/), after: null });
    const deleted = await apply(kubeDelete, { kind: 'cm', name: 'settings', namespace });
    expect(deleted.result).toMatchObject({ ok: true });
    await expect(clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/settings`)).rejects.toThrow(/404/);
    expect(await deleted.undo()).toMatchObject({ ok: true });
    expect(await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/settings`)).toMatchObject({ data: { mode: 'fast' }, metadata: { labels: { team: 'a' } } });

    await apply(kubeApply, { manifest: deployment(1), namespace });
    const scaled = await apply(kubeScale, { kind: 'deploy', name: 'web', replicas: 3, namespace });
    expect(scaled.result).toMatchObject({ ok: true, output: { from: 1, to: 3 } });
    expect(await replicasOf()).toBe(3);
    expect(await scaled.undo()).toMatchObject({ ok: true });
    expect(await replicasOf()).toBe(1);
  });
});

describe('Kubernetes rollouts against a real API server', () => {
  it('restarts a Deployment\'s pods with a rolling update and waits for the rollout to finish', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await apply(kubeApply, { manifest: deployment(2).replaceAll('web', 'api'), namespace });
    const status = (waitMs: number) => kubeRolloutStatus.run({ input: kubeRolloutStatus.input.parse({ kind: 'deploy', name: 'api', namespace, waitMs }), ctx, signal, log: () => undefined, progress: () => undefined });
    expect(await status(30_000)).toMatchObject({ ok: true, output: { done: true, summary: '2/2 updated, 2 available' } });
    const before = (await clusterApi<{ items: { metadata: { name: string } }[] }>(cluster!, `/api/v1/namespaces/${namespace}/pods?labelSelector=app%3Dapi`)).items.map((pod) => pod.metadata.name);
    const restarted = await kubeRolloutRestart.run({ input: kubeRolloutRestart.input.parse({ kind: 'deploy', name: 'api', namespace }), ctx, signal, log: () => undefined, progress: () => undefined });
    expect(restarted).toMatchObject({ ok: true, output: { restartedAt: expect.any(String) } });
    const template = await clusterApi<{ spec: { template: { metadata: { annotations: Record<string, string> } } } }>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/api`);
    expect(template.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(restarted.ok ? restarted.output.restartedAt : '');
    expect(await status(60_000)).toMatchObject({ ok: true, output: { done: true } });
    const after = (await clusterApi<{ items: { metadata: { name: string }; status: { phase: string } }[] }>(cluster!, `/api/v1/namespaces/${namespace}/pods?labelSelector=app%3Dapi`)).items.filter((pod) => pod.status.phase === 'Running').map((pod) => pod.metadata.name);
    expect(after.some((name) => !before.includes(name))).toBe(true);
    expect(await kubeRolloutStatus.run({ input: kubeRolloutStatus.input.parse({ kind: 'deploy', name: 'nope', namespace }), ctx, signal, log: () => undefined, progress: () => undefined })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
