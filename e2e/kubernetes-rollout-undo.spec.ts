import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubePatch } from '../main/core/families/kubernetes/kube-patch-tool';
import { kubeRolloutHistory, kubeRolloutUndo } from '../main/core/families/kubernetes/kube-rollout-history';
import { kubeRolloutStatus } from '../main/core/families/kubernetes/kube-rollout-tools';
import { kubeWait } from '../main/core/families/kubernetes/kube-wait-tool';
import { kubeApply } from '../main/core/families/kubernetes/kube-write-tools';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// Patches, rollbacks and waits against the real API server: each preview is the server's dry run,
// each change has an undo that puts back what was there, and a wait says what it waited for.

const { cluster, problem } = testCluster();
const namespace = `reign-patch-${Math.random().toString(36).slice(2, 8)}`;
const signal = new AbortController().signal;
let ctx: ToolContext;

const deployment = (name: string, image: string, cause: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, annotations: { kubernetes.io/change-cause: "${cause}" } }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: "${image}" }, { name: sidecar, image: "busybox:1.36" }] }
`;

/** Snapshot then run, as the plan runner does; the snapshot is what undo gets. */
async function step<I, O, S>(tool: ToolDefinition<I, O, S>, raw: unknown) {
  const input = tool.input.parse(raw);
  const snapshot = tool.snapshot ? await tool.snapshot({ input, ctx }) : (undefined as S);
  const result = await tool.run({ input, ctx, signal, log: () => undefined, progress: () => undefined });
  return { input, snapshot, result, undo: () => tool.undo!({ input, snapshot, output: result.ok ? result.output : null, ctx, signal }) };
}
const run = async <I, O>(tool: ToolDefinition<I, O>, raw: unknown) => (await step(tool, raw)).result;
const preview = <I,>(tool: ToolDefinition<I>, raw: unknown) => tool.preview({ input: tool.input.parse(raw), ctx });
const api = <T,>(path: string) => clusterApi<T>(cluster!, path);
type Deployment = { metadata: { annotations: Record<string, string> }; spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } } };
const imagesOf = async (name: string) => (await api<Deployment>(`/apis/apps/v1/namespaces/${namespace}/deployments/${name}`)).spec.template.spec.containers.map((container) => container.image);

beforeAll(async () => {
  if (!cluster) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
});

afterAll(async () => {
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('kubernetes.patch against a real API server', () => {
  it('previews a merge patch with the server\'s dry run, patches, and undo puts the object back', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { team: 'a' } }, data: { mode: 'fast', level: '1' } } });
    const patch = { kind: 'cm', name: 'settings', namespace, type: 'merge', patch: '{"data":{"mode":"slow","level":null}}' };
    const shown = await preview(kubePatch, patch);
    expect(shown).toMatchObject({ kind: 'file', before: expect.stringMatching(/mode: fast/), after: expect.stringMatching(/mode: slow/) });
    expect((shown as { after: string }).after).not.toMatch(/level:|managedFields|resourceVersion/);
    expect((await api<{ data: Record<string, string> }>(`/api/v1/namespaces/${namespace}/configmaps/settings`)).data).toEqual({ mode: 'fast', level: '1' }); // the dry run changed nothing

    const patched = await step(kubePatch, patch);
    expect(patched.result).toMatchObject({ ok: true, output: { patched: `ConfigMap/settings in ${namespace}`, changed: true } });
    expect((await api<{ data: Record<string, string> }>(`/api/v1/namespaces/${namespace}/configmaps/settings`)).data).toEqual({ mode: 'slow' });
    expect(await patched.undo()).toMatchObject({ ok: true });
    expect(await api(`/api/v1/namespaces/${namespace}/configmaps/settings`)).toMatchObject({ data: { mode: 'fast', level: '1' }, metadata: { labels: { team: 'a' } } });
  });

  it('sends strategic and JSON patches as written; the server refuses an unknown field before approval', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await run(kubeApply, { manifest: deployment('web', 'nginx:1.26', 'first'), namespace });
    // A strategic merge patch merges containers by name: the sidecar stays.
    const strategic = await step(kubePatch, { kind: 'deploy', name: 'web', namespace, patch: { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } } });
    expect(strategic.result).toMatchObject({ ok: true });
    expect(await imagesOf('web')).toEqual(['nginx:1.27', 'busybox:1.36']);
    const json = await step(kubePatch, { kind: 'deploy', name: 'web', namespace, type: 'json', patch: [{ op: 'replace', path: '/spec/replicas', value: 3 }] });
    expect(json.result).toMatchObject({ ok: true });
    expect((await api<Deployment>(`/apis/apps/v1/namespaces/${namespace}/deployments/web`)).spec.replicas).toBe(3);
    expect(await json.undo()).toMatchObject({ ok: true });
    expect(await strategic.undo()).toMatchObject({ ok: true });
    const restored = await api<Deployment>(`/apis/apps/v1/namespaces/${namespace}/deployments/web`);
    expect([restored.spec.replicas, restored.spec.template.spec.containers.map((container) => container.image)]).toEqual([2, ['nginx:1.26', 'busybox:1.36']]);

    expect(await preview(kubePatch, { kind: 'deploy', name: 'web', namespace, patch: { spec: { replicaz: 3 } } })).toMatchObject({ kind: 'text', text: expect.stringMatching(/would fail.*unknown field "spec.replicaz"/) });
    expect(await preview(kubePatch, { kind: 'deploy', name: 'nope', namespace, patch: { spec: { replicas: 1 } } })).toMatchObject({ kind: 'text', text: `Deployment/nope in ${namespace} does not exist; the patch would fail.` });
    expect(kubePatch.input.safeParse({ kind: 'deploy', name: 'web', type: 'json', patch: { spec: {} } }).error?.issues[0]?.message).toMatch(/a JSON patch is a list of operations/);
  });

  it('never shows or keeps a Secret\'s values, and says undo cannot put them back', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const old = Buffer.from('old-s3cret-value').toString('base64');
    const fresh = Buffer.from('new-s3cret-value').toString('base64');
    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/secrets`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, data: { token: old } } });
    const patch = { kind: 'secret', name: 'token', namespace, type: 'merge', patch: { data: { token: fresh } } };
    const shown = await preview(kubePatch, patch);
    expect(shown).toMatchObject({ kind: 'file', path: expect.stringMatching(/undo cannot put back its values/), after: expect.stringMatching(/token: "\[REDACTED 16 bytes, changed\]"/) });
    expect(JSON.stringify(shown)).not.toMatch(new RegExp(`${old}|${fresh}|s3cret`));
    const patched = await step(kubePatch, patch);
    expect(patched.result).toMatchObject({ ok: true });
    expect(JSON.stringify(patched.snapshot)).not.toContain(old);
    expect(await patched.undo()).toMatchObject({ ok: false, error: { code: 'UNDO_UNAVAILABLE', message: expect.stringMatching(/does not store secret values/) } });
  });

  it('rates by code: a write in a namespace, destructive in kube-system and on cluster-scoped kinds', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const policy = new PolicyEngine();
    const rate = async (input: unknown) => classifyStep(kubePatch, kubePatch.input.parse(input), ctx, policy);
    expect((await rate({ kind: 'cm', name: 'settings', namespace, patch: { data: { a: 'b' } } })).risk).toBe('write');
    expect((await rate({ kind: 'cm', name: 'coredns', namespace: 'kube-system', patch: { data: { a: 'b' } } })).risk).toBe('destructive');
    const node = await rate({ kind: 'node', name: 'kwok-node-0', patch: { metadata: { labels: { a: 'b' } } } });
    expect([node.risk, node.target.id]).toEqual(['destructive', 'kubernetes:reign-test/*']);
  });
});

describe('kubernetes.rollout.history and kubernetes.rollout.undo against a real API server', () => {
  it('lists two revisions of a Deployment, rolls back to the first image with ready pods, and undo rolls forward again', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const status = () => run(kubeRolloutStatus, { kind: 'deploy', name: 'api', namespace, waitMs: 60_000 });
    await run(kubeApply, { manifest: deployment('api', 'nginx:1.26', 'first'), namespace });
    expect(await status()).toMatchObject({ ok: true, output: { done: true } });
    await run(kubeApply, { manifest: deployment('api', 'nginx:1.27', 'second'), namespace });
    expect(await status()).toMatchObject({ ok: true, output: { done: true } });

    const history = await run(kubeRolloutHistory, { kind: 'deploy', name: 'api', namespace });
    expect(history.ok && history.output.revisions.map((revision) => [revision.revision, revision.changeCause, revision.images])).toEqual([
      [1, 'first', ['nginx:1.26', 'busybox:1.36']],
      [2, 'second', ['nginx:1.27', 'busybox:1.36']],
    ]);
    expect(history.ok && history.output.current).toBe(2);

    const shown = await preview(kubeRolloutUndo, { name: 'api', namespace });
    expect(shown).toMatchObject({ kind: 'file', path: 'Deployment/api: revision 2 → 1 (server-side dry run)', before: expect.stringMatching(/nginx:1\.27/), after: expect.stringMatching(/nginx:1\.26/) });
    expect((shown as { after: string }).after).not.toMatch(/pod-template-hash/);
    expect(await imagesOf('api')).toEqual(['nginx:1.27', 'busybox:1.36']); // the dry run changed nothing

    const undone = await step(kubeRolloutUndo, { name: 'api', namespace });
    expect(undone.result).toMatchObject({ ok: true, output: { from: 2, to: 1, images: ['nginx:1.26', 'busybox:1.36'], skipped: false } });
    expect(await imagesOf('api')).toEqual(['nginx:1.26', 'busybox:1.36']);
    expect(await status()).toMatchObject({ ok: true, output: { done: true, summary: '2/2 updated, 2 available' } });
    const pods = await api<{ items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] }; status: { conditions?: { type: string; status: string }[] } }[] }>(`/api/v1/namespaces/${namespace}/pods?labelSelector=app%3Dapi`);
    const live = pods.items.filter((pod) => !pod.metadata.deletionTimestamp && pod.spec.containers[0]!.image === 'nginx:1.26');
    expect(live.filter((pod) => pod.status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True')).length).toBe(2);
    expect((await api<Deployment>(`/apis/apps/v1/namespaces/${namespace}/deployments/api`)).metadata.annotations['kubernetes.io/change-cause']).toBe('first');
    // The controller moved revision 1 to the top: it is revision 3 now.
    const after = await run(kubeRolloutHistory, { kind: 'deploy', name: 'api', namespace });
    expect(after.ok && after.output.revisions.map((revision) => [revision.revision, revision.images[0]])).toEqual([
      [2, 'nginx:1.27'],
      [3, 'nginx:1.26'],
    ]);

    expect(await undone.undo()).toMatchObject({ ok: true });
    expect(await imagesOf('api')).toEqual(['nginx:1.27', 'busybox:1.36']);
    expect(await status()).toMatchObject({ ok: true, output: { done: true } });
    expect(await run(kubeRolloutUndo, { name: 'api', namespace, toRevision: 9 })).toMatchObject({ ok: false, error: { code: 'REVISION_NOT_FOUND', message: expect.stringMatching(/has no revision 9 \(it has 3, 4\)/) } });
  });
});

describe('kubernetes.wait against a real API server', () => {
  it('waits for Available, for every pod of a selector, and for a deletion as it happens', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await run(kubeApply, { manifest: deployment('waited', 'nginx:1.27', 'x'), namespace });
    expect(await run(kubeWait, { kind: 'deploy', name: 'waited', namespace, for: 'condition=Available', timeoutMs: 60_000 })).toMatchObject({ ok: true, output: { met: `condition Available=True of Deployment/waited in ${namespace}`, objects: ['waited'] } });
    const pods = await run(kubeWait, { kind: 'pod', labelSelector: 'app=waited', namespace, for: 'Ready', timeoutMs: 60_000 });
    expect(pods.ok && pods.output.objects.length).toBeGreaterThanOrEqual(2);
    expect(await run(kubeWait, { kind: 'pod', labelSelector: 'app=waited', namespace, for: 'jsonpath={.status.phase}=Running', timeoutMs: 30_000 })).toMatchObject({ ok: true });

    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'doomed' } } });
    const waiting = run(kubeWait, { kind: 'cm', name: 'doomed', namespace, for: 'delete', timeoutMs: 30_000 });
    await sleep(1500);
    const deletedAt = Date.now();
    await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/configmaps/doomed`, { method: 'DELETE' });
    const result = await waiting;
    const lagMs = Date.now() - deletedAt;
    expect(result).toMatchObject({ ok: true, output: { met: `deletion of ConfigMap/doomed in ${namespace}` } });
    // A watch hears of the deletion at once; polling would lag by its interval.
    expect(lagMs).toBeLessThan(1000);
    console.log(`kubernetes.wait heard of a deletion ${lagMs} ms after it was made`);
  });

  it('times out clearly on a condition that never becomes true, naming what is still false', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await run(kubeApply, { manifest: deployment('stuck', 'nginx:1.27', 'x'), namespace });
    await run(kubeWait, { kind: 'deploy', name: 'stuck', namespace, for: 'Available', timeoutMs: 60_000 });
    const started = Date.now();
    expect(await run(kubeWait, { kind: 'deploy', name: 'stuck', namespace, for: 'condition=Available=False', timeoutMs: 2000 })).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', message: `timed out after 2s waiting for condition Available=False of Deployment/stuck in ${namespace}: Available is True (MinimumReplicasAvailable: Deployment has minimum availability.)` },
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await run(kubeWait, { kind: 'deploy', name: 'stuck', namespace, for: '.status.replicas=7', timeoutMs: 1000 })).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: expect.stringMatching(/: \.status\.replicas is "2", not "7"$/) } });
    expect(await run(kubeWait, { kind: 'pod', name: 'never-made', namespace, for: 'Ready', timeoutMs: 1000 })).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: expect.stringMatching(/Pod\/never-made in .*: it does not exist$/) } });
    expect(kubeWait.input.safeParse({ kind: 'pod', name: 'x', for: 'ready' }).error?.issues[0]?.message).toMatch(/cannot wait for "ready"/);
  });
});
