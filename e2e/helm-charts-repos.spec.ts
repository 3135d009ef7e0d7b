import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmLint, helmTemplate } from '../main/core/families/helm/helm-chart-tools';
import { helmCreate } from '../main/core/families/helm/helm-create-tool';
import { helmInstall, helmUpgrade } from '../main/core/families/helm/helm-deploy-tools';
import { helmRollback, helmUninstall } from '../main/core/families/helm/helm-release-tools';
import { helmRepoAdd, helmRepoList, helmRepoRemove, helmRepoUpdate, helmSearch } from '../main/core/families/helm/helm-repo-tools';
import { helmTemplateNames } from '../main/core/families/helm/helm-templates';
import type { ToolContext } from '../main/core/tools/tool-definition';
import { helmContext, stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// Reign's chart templates are valid as the real helm and API server see them; the risk of Helm
// steps is computed from what the chart renders; chart repositories are added, searched, used and
// removed with undo, against a chart repository served on loopback.

const { cluster, problem } = testCluster();
const namespace = `reign-helmc-${Math.random().toString(36).slice(2, 8)}`;
let ctx: ToolContext;
const steps = stepsIn(() => ctx);
let repository: { url: string; close(): Promise<void> } | null = null;

beforeAll(async () => {
  if (!cluster) return;
  ctx = await helmContext(cluster);
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  // A chart repository: the microservice template packaged, and helm's index of it.
  const served = mkdtempSync(join(tmpdir(), 'reign-helm-repo-'));
  const server = createServer((request, response) => {
    try {
      response.end(readFileSync(join(served, resolve('/', request.url ?? '/').slice(1))));
    } catch {
      response.writeHead(404).end();
    }
  });
  repository = await listenOnLoopback(server);
  execFileSync(cluster.bin.helm, ['package', resolve(import.meta.dirname, '../templates/helm/microservice'), '--destination', served], { env: ctx.env });
  execFileSync(cluster.bin.helm, ['repo', 'index', served, '--url', repository.url], { env: ctx.env });
});

afterAll(async () => {
  await repository?.close();
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe("Reign's Helm chart templates", () => {
  it.for(helmTemplateNames())('%s: created in the workspace, lint-clean, and every object it renders is accepted by the API server', async (template, context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const created = await steps.run(helmCreate, { template, name: `my-${template}` });
    expect(created.result).toMatchObject({ ok: true, output: { path: `charts/my-${template}` } });
    const lint = await steps.run(helmLint, { chart: `charts/my-${template}`, strict: true });
    expect(lint.result).toMatchObject({ ok: true, output: { passed: true } });
    expect((lint.result as { output: { messages: { severity: string }[] } }).output.messages.filter((message) => message.severity !== 'INFO')).toEqual([]);
    const preview = await steps.preview(helmInstall, { release: `t-${template}`, chart: `charts/my-${template}`, namespace });
    expect(preview.kind, JSON.stringify(preview)).toBe('file');
    expect((preview as { after: string }).after).toMatch(/# (Deployment|StatefulSet|Ingress)\//);
  });

  it('renders locally with Secret values redacted, and a creation over an existing folder is refused', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const rendered = await steps.run(helmTemplate, { chart: 'charts/my-database', release: 'orders', set: { 'auth.password': 'pw-very-secret-1' } });
    expect(rendered.result).toMatchObject({ ok: true, output: { objects: expect.arrayContaining(['Secret/orders-my-database in default', 'StatefulSet/orders-my-database in default']) } });
    const manifest = (rendered.result as { output: { manifest: string } }).output.manifest;
    expect(manifest).toMatch(/password: "?\[REDACTED 16 bytes\]/);
    expect(manifest).not.toContain(Buffer.from('pw-very-secret-1').toString('base64'));
    expect(manifest).toMatch(/# Source: my-database\/templates\/statefulset.yaml/);
    expect(await steps.run(helmCreate, { template: 'microservice', name: 'my-database' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'EXISTS' } });
  });

  it('fails lint with helm\'s own findings, and refuses values files outside the workspace', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await steps.run(helmCreate, { template: 'microservice', name: 'broken' });
    writeFileSync(join(ctx.workspace, 'charts/broken/templates/service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name\n');
    expect(await steps.run(helmLint, { chart: 'charts/broken' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'LINT_FAILED', message: expect.stringMatching(/\[ERROR\] templates\/: parse error/) } });
    expect(await steps.run(helmLint, { chart: 'charts/nothing-here' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'INVALID_CHART' } });
    expect(await steps.run(helmTemplate, { chart: 'charts/my-microservice', values: ['../../etc/passwd'] }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'INVALID_CHART', message: expect.stringMatching(/outside the workspace/) } });
    mkdirSync(join(ctx.workspace, 'values'), { recursive: true });
    writeFileSync(join(ctx.workspace, 'values/staging.yaml'), 'replicaCount: 3\n');
    const preview = await steps.preview(helmInstall, { release: 'staged', chart: 'charts/my-microservice', values: ['values/staging.yaml'], namespace });
    expect(preview).toMatchObject({ kind: 'file', after: expect.stringMatching(/values:\n {2}replicaCount: 3[\s\S]*replicas: 3/) });
  });
});

describe('Helm risk, computed from the input and what the chart renders', () => {
  it('rates installs write, anything in kube-system or cluster-wide destructive, uninstall destructive (critical in kube-system)', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await steps.run(helmCreate, { template: 'microservice', name: 'wide' });
    writeFileSync(join(ctx.workspace, 'charts/wide/templates/clusterrole.yaml'), 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {{ .Release.Name }}-reader\nrules: []\n');
    const risk = async (tool: Parameters<typeof steps.classify>[0], input: unknown) => (await steps.classify(tool, input)).risk;
    expect(await risk(helmInstall, { release: 'a', chart: 'charts/my-microservice', namespace })).toBe('write');
    expect(await risk(helmInstall, { release: 'a', chart: 'charts/my-microservice', namespace: 'kube-system' })).toBe('destructive');
    const wide = await steps.classify(helmInstall, { release: 'a', chart: 'charts/wide', namespace });
    expect(wide).toMatchObject({ risk: 'destructive', reasons: [expect.stringMatching(/ClusterRole\/a-reader, which is cluster-wide/)] });
    expect(await risk(helmUpgrade, { release: 'a', chart: 'charts/wide', namespace })).toBe('destructive');
    expect(await risk(helmRollback, { release: 'a', namespace })).toBe('write');
    expect(await risk(helmUninstall, { release: 'a', namespace })).toBe('destructive');
    expect(await risk(helmUninstall, { release: 'a', namespace: 'kube-system' })).toBe('critical');
    // A chart a previous step is yet to write cannot be inspected: never rated below write.
    expect(await risk(helmInstall, { release: 'a', chart: 'charts/not-yet', namespace })).toBe('write');
  });
});

describe('Helm chart repositories', () => {
  it('adds a repository, searches it, renders and installs a chart from it by version, refreshes and removes it, each with its undo', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const url = repository!.url;
    expect(await steps.classify(helmRepoAdd, { name: 'local', url })).toMatchObject({ risk: 'write', target: { id: `network:${new URL(url).host}` } });
    const added = await steps.run(helmRepoAdd, { name: 'local', url });
    expect(added.result).toMatchObject({ ok: true, output: { added: true } });
    expect(await steps.run(helmRepoList, {}).then((step) => step.result)).toMatchObject({ ok: true, output: { repositories: [{ name: 'local', url }] } });
    expect(await steps.run(helmRepoAdd, { name: 'local', url: 'https://elsewhere.example/charts' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'REPOSITORY_EXISTS' } });

    expect(await steps.run(helmSearch, { keyword: 'microservice' }).then((step) => step.result)).toMatchObject({ ok: true, output: { charts: [{ name: 'local/microservice', version: '0.1.0', appVersion: '1.27' }] } });
    expect(await steps.classify(helmTemplate, { chart: 'local/microservice', version: '0.1.0' })).toMatchObject({ risk: 'read', target: { id: `network:${new URL(url).host}` } });
    expect(await steps.run(helmTemplate, { chart: 'local/microservice', version: '0.1.0', release: 'shop' }).then((step) => step.result)).toMatchObject({ ok: true, output: { objects: ['Service/shop-microservice in default', 'Deployment/shop-microservice in default'] } });
    const install = { release: 'shop', chart: 'local/microservice', version: '0.1.0', namespace };
    expect(await steps.preview(helmInstall, install)).toMatchObject({ kind: 'file', before: null, after: expect.stringMatching(/Chart: microservice 0\.1\.0 \(app 1\.27\)/) });
    expect(await steps.run(helmInstall, install).then((step) => step.result)).toMatchObject({ ok: true, output: { chart: 'microservice-0.1.0', status: 'deployed' } });
    expect(await steps.run(helmInstall, { ...install, version: '9.9.9', release: 'nope' }).then((step) => step.result)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/9\.9\.9/) } });

    expect(await steps.preview(helmRepoUpdate, {})).toMatchObject({ kind: 'text', text: expect.stringMatching(/cannot be undone/) });
    expect(await steps.run(helmRepoUpdate, { names: ['local'] }).then((step) => step.result)).toMatchObject({ ok: true, output: { updated: ['local'] } });

    const removed = await steps.run(helmRepoRemove, { name: 'local' });
    expect(removed.result).toMatchObject({ ok: true, output: { name: 'local', url } });
    expect(await steps.run(helmRepoList, {}).then((step) => step.result)).toMatchObject({ ok: true, output: { repositories: [] } });
    expect(await removed.undo()).toMatchObject({ ok: true });
    expect(await steps.run(helmRepoList, {}).then((step) => step.result)).toMatchObject({ ok: true, output: { repositories: [{ name: 'local', url }] } });
    expect(await added.undo()).toMatchObject({ ok: true });
    expect(await steps.run(helmRepoList, {}).then((step) => step.result)).toMatchObject({ ok: true, output: { repositories: [] } });
    expect(await steps.run(helmSearch, { keyword: 'microservice' }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'NO_REPOSITORIES' } });
  });
});
