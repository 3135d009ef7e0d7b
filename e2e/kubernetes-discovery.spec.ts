import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeDescribe } from '../main/core/families/kubernetes/kube-describe';
import { kubeGet, kubeList } from '../main/core/families/kubernetes/kube-read-tools';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, type TestCluster, testCluster } from './fixtures/test-cluster';

// Reading any kind the cluster serves: custom resources found through the API server's discovery
// (by kind, plural, singular, short name or plural.group, namespaced or cluster-scoped), and
// kubectl describe's content (a summary of the object and its events) for built-in and custom kinds.

const { cluster, problem } = testCluster();
const suffix = Math.random().toString(36).slice(2, 8);
const namespace = `reign-disc-${suffix}`;
// A group of this run's own: CRDs are cluster-wide and others use the cluster at the same time.
const group = `r${suffix}.reign.test`;
const secretValue = 'hunter2-for-reign-describe';
let ctx: ToolContext;

const run = <I, O>(tool: ToolDefinition<I, O>, raw: unknown) => tool.run({ input: tool.input.parse(raw), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(100)) if (await check().catch(() => false)) return;
  throw new Error(`timed out waiting for ${what}`);
}

/** A CRD of this run's group, served and accepting objects before it returns. */
async function createCrd(c: TestCluster, names: { kind: string; plural: string; singular: string; shortNames: string[] }, scope: 'Namespaced' | 'Cluster'): Promise<void> {
  await clusterApi(c, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
    method: 'POST',
    body: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${names.plural}.${group}` },
      spec: { group, names, scope, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { color: { type: 'string' }, size: { type: 'integer' } } } } } } }] },
    },
  });
  await until(`${names.plural}.${group} to be served`, async () => (await clusterApi<{ resources: { name: string }[] }>(c, `/apis/${group}/v1`)).resources.some((resource) => resource.name === names.plural));
  await until(`${names.plural}.${group} storage to be ready`, async () => !!(await clusterApi(c, `/apis/${group}/v1/${names.plural}`)));
}

beforeAll(async () => {
  if (!cluster) return;
  ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-kube-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster.kubeconfig }, await createShellAnalyzer(familyVerbs));
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await createCrd(cluster, { kind: 'Widget', plural: 'widgets', singular: 'widget', shortNames: ['wdg'] }, 'Namespaced');
  await createCrd(cluster, { kind: 'Gadget', plural: 'gadgets', singular: 'gadget', shortNames: ['gdg'] }, 'Cluster');
  await until('the widget to be created', async () => !!(await clusterApi(cluster, `/apis/${group}/v1/namespaces/${namespace}/widgets`, { method: 'POST', body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'blue' }, spec: { color: 'blue', size: 3 } } })));
  await until('the gadget to be created', async () => !!(await clusterApi(cluster, `/apis/${group}/v1/gadgets`, { method: 'POST', body: { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: `g-${suffix}` }, spec: { color: 'red' } } })));
  await clusterApi(cluster, `/apis/apps/v1/namespaces/${namespace}/deployments`, { method: 'POST', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } } });
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/secrets`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: Buffer.from(secretValue).toString('base64') } } });
}, 60_000);

afterAll(async () => {
  if (!cluster) return;
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
  for (const plural of ['widgets', 'gadgets', 'sprockets']) await clusterApi(cluster, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${plural}.${group}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('custom resources through the API server\'s discovery', () => {
  it('lists and gets a custom resource by kind, plural, singular, short name and plural.group, without an apiVersion', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    for (const kind of ['Widget', 'widgets', 'widget', 'wdg', `widgets.${group}`]) {
      expect(await run(kubeList, { kind, namespace }), kind).toMatchObject({ ok: true, output: { items: [{ name: 'blue', namespace }], count: 1 } });
      expect(await run(kubeGet, { kind, name: 'blue', namespace }), kind).toMatchObject({ ok: true, output: { object: { apiVersion: `${group}/v1`, kind: 'Widget', spec: { color: 'blue', size: 3 } } } });
    }
  });

  it('knows a cluster-scoped custom kind is cluster-wide: it lists it without a namespace and targets the whole cluster', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    expect(await run(kubeList, { kind: 'gdg', namespace })).toMatchObject({ ok: true, output: { items: expect.arrayContaining([{ name: `g-${suffix}`, namespace: null, status: expect.any(String), created: expect.any(String) }]) } });
    expect(await run(kubeGet, { kind: 'gadget', name: `g-${suffix}` })).toMatchObject({ ok: true, output: { object: { spec: { color: 'red' } } } });
    const policy = new PolicyEngine();
    expect(await classifyStep(kubeList, kubeList.input.parse({ kind: 'gadgets', namespace }), ctx, policy)).toMatchObject({ risk: 'read', target: { id: 'kubernetes:reign-test/*' } });
    expect(await classifyStep(kubeGet, kubeGet.input.parse({ kind: 'wdg', name: 'blue', namespace }), ctx, policy)).toMatchObject({ risk: 'read', target: { id: `kubernetes:reign-test/${namespace}` } });
  });

  it('finds a CRD created after the cluster was first asked, and names what to do for a kind nobody serves', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    expect(await run(kubeList, { kind: 'wdg', namespace })).toMatchObject({ ok: true }); // discovery is cached for this context now
    await createCrd(cluster!, { kind: 'Sprocket', plural: 'sprockets', singular: 'sprocket', shortNames: ['spr'] }, 'Namespaced');
    const sprockets = await run(kubeList, { kind: 'spr', namespace });
    expect(sprockets, JSON.stringify(sprockets)).toMatchObject({ ok: true, output: { count: 0 } });
    expect(await run(kubeList, { kind: 'wodgets', namespace })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_KIND', message: expect.stringMatching(/"wodgets" is neither a built-in kind nor one the cluster serves.*kubernetes\.list kind "crd"/) } });
    expect(await run(kubeGet, { kind: 'Widget', apiVersion: 'elsewhere.example/v1', name: 'blue', namespace })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_KIND', message: expect.stringMatching(/serves no kind "Widget" in elsewhere\.example\/v1/) } });
  });
});

describe('kubernetes.describe', () => {
  it("shows a Deployment's summary, spec and status, and its events, without server noise", async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    let described = await run(kubeDescribe, { kind: 'deploy', name: 'web', namespace });
    for (let i = 0; i < 50 && !(described.ok && described.output.events.some((event) => event.reason === 'ScalingReplicaSet')); i++) {
      await sleep(200);
      described = await run(kubeDescribe, { kind: 'deploy', name: 'web', namespace });
    }
    expect(described.ok, JSON.stringify(described)).toBe(true);
    if (!described.ok) return;
    expect(described.output.events).toEqual([expect.objectContaining({ type: 'Normal', reason: 'ScalingReplicaSet', from: 'deployment-controller', message: expect.stringMatching(/^Scaled up replica set web-\w+ from 0 to 1$/) })]);
    const { text } = described.output;
    expect(text).toMatch(new RegExp(`^Name: +web\\nNamespace: +${namespace}\\nKind: +Deployment \\(apps/v1\\)\\n`));
    expect(text).toMatch(/^Spec:\n( {2}.*\n)* {2}replicas: 1\n/m);
    expect(text).toMatch(/^Status:\n/m);
    expect(text).toMatch(/^Events:\n {2}Type +Reason +Age +From +Message\n {2}-+ +-+ +-+ +-+ +-+\n {2}Normal +ScalingReplicaSet +\d+s +deployment-controller +Scaled up replica set web-/m);
    expect(text).not.toMatch(/managedFields|resourceVersion|uid:/);
  });

  it('describes a custom resource by its short name, and a Secret with sizes instead of values', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    expect(await run(kubeDescribe, { kind: 'wdg', name: 'blue', namespace })).toMatchObject({ ok: true, output: { text: expect.stringMatching(/Kind: +Widget \(r\w+\.reign\.test\/v1\)[\s\S]*Spec:\n {2}color: blue\n {2}size: 3\n[\s\S]*Events: +<none>/), events: [] } });
    const secret = await run(kubeDescribe, { kind: 'secret', name: 'db', namespace });
    expect(secret).toMatchObject({ ok: true, output: { text: expect.stringMatching(/Data:\n {2}password: "?\[REDACTED 26 bytes\]"?/) } });
    expect(JSON.stringify(secret)).not.toContain(secretValue);
    expect(JSON.stringify(secret)).not.toContain(Buffer.from(secretValue).toString('base64'));
    expect(await classifyStep(kubeDescribe, kubeDescribe.input.parse({ kind: 'secret', name: 'db', namespace }), ctx, new PolicyEngine())).toMatchObject({ risk: 'read' });
  });
});
