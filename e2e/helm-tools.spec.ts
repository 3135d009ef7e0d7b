import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmCreate } from '../main/core/families/helm/helm-create-tool';
import { helmInstall, helmUpgrade } from '../main/core/families/helm/helm-deploy-tools';
import { helmLint } from '../main/core/families/helm/helm-chart-tools';
import { helmHistory, helmList, helmStatus, helmValues } from '../main/core/families/helm/helm-read-tools';
import { helmRollback, helmUninstall } from '../main/core/families/helm/helm-release-tools';
import { type ToolContext, toolContext } from '../main/core/tools/tool-definition';
import { helmContext, stepsIn } from './fixtures/helm-steps';
import { requireInfrastructure } from './fixtures/infrastructure';
import { clusterApi, testCluster } from './fixtures/test-cluster';

// The Helm family against the real API server and the real helm binary: a chart from Reign's
// template goes through install, upgrade, rollback, uninstall and restore, each previewed by the
// server's dry run before it runs; failures and stuck releases are refused with what to do.

const { cluster, problem } = testCluster();
const namespace = `reign-helm-${Math.random().toString(36).slice(2, 8)}`;
let ctx: ToolContext;
const steps = stepsIn(() => ctx);
const password = 'pw-Zq81-never-shown';

type Deployment = { spec: { replicas: number }; status: { readyReplicas?: number } };
const deployment = (name: string): Promise<Deployment | null> => clusterApi<Deployment>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`).catch(() => null);
async function readyReplicas(name: string, want: number): Promise<number | undefined> {
  for (let i = 0; i < 80; i++) {
    const live = await deployment(name);
    if (live?.status.readyReplicas === want) return want;
    await sleep(250);
  }
  return (await deployment(name))?.status.readyReplicas;
}
const servicePort = async (name: string): Promise<number | undefined> => (await clusterApi<{ spec: { ports: { port: number }[] } }>(cluster!, `/api/v1/namespaces/${namespace}/services/${name}`)).spec.ports[0]?.port;

beforeAll(async () => {
  if (!cluster) return;
  ctx = await helmContext(cluster);
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
});

afterAll(async () => {
  // The releases' objects and their history (Secrets) go with the namespace.
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

describe('Helm releases against a real cluster', () => {
  it('creates a chart from the microservice template, lints, installs, upgrades, rolls back, uninstalls with history and restores it', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const created = await steps.run(helmCreate, { template: 'microservice', name: 'web' });
    expect(created.result).toMatchObject({ ok: true, output: { path: 'charts/web', files: expect.arrayContaining(['charts/web/Chart.yaml', 'charts/web/templates/deployment.yaml']) } });
    expect(readFileSync(join(ctx.workspace, 'charts/web/Chart.yaml'), 'utf8')).toMatch(/^name: web$/m);
    expect(await steps.run(helmLint, { chart: 'charts/web', strict: true }).then((step) => step.result)).toMatchObject({ ok: true, output: { passed: true } });

    // Install: the preview is the server's dry run of whole new objects (defaults the server fills in).
    const install = { release: 'web', chart: 'charts/web', namespace };
    expect(await steps.classify(helmInstall, install)).toMatchObject({ risk: 'write', target: { id: `kubernetes:reign-test/${namespace}` } });
    const installPreview = await steps.preview(helmInstall, install);
    expect(installPreview).toMatchObject({ kind: 'file', before: null, after: expect.stringContaining(`# Deployment/web in ${namespace}`) });
    const installed = (installPreview as { after: string }).after;
    expect(installed).toMatch(/server-side dry run/);
    expect(installed).toMatch(/Chart: web 0\.1\.0 \(app 1\.27\)/);
    expect(installed).toMatch(/progressDeadlineSeconds: 600/); // set by the API server, not by the chart
    expect(installed).toMatch(/clusterIP: /);
    expect(await deployment('web')).toBeNull(); // the dry runs changed nothing
    const install1 = await steps.run(helmInstall, install);
    expect(install1.result).toMatchObject({ ok: true, output: { release: 'web', revision: 1, status: 'deployed', chart: 'web-0.1.0' } });
    expect(await readyReplicas('web', 1)).toBe(1);

    // Upgrade with a changed value and a new chart version: the Deployment's diff, the values diff and the version at the top.
    const chartFile = join(ctx.workspace, 'charts/web/Chart.yaml');
    writeFileSync(chartFile, readFileSync(chartFile, 'utf8').replace('version: 0.1.0', 'version: 0.2.0'));
    const upgrade = { release: 'web', chart: 'charts/web', namespace, set: { replicaCount: 2, 'database.password': password } };
    const upgradePreview = await steps.preview(helmUpgrade, upgrade);
    expect(upgradePreview.kind, JSON.stringify(upgradePreview)).toBe('file');
    const { before, after, path } = upgradePreview as { before: string; after: string; path: string };
    expect(path).toBe('release web (web 0.1.0 (app 1.27) → web 0.2.0 (app 1.27)).yaml');
    expect(after.split('\n').slice(0, 4).join('\n')).toMatch(/revision 1 → 2[\s\S]*Chart: web 0\.1\.0 \(app 1\.27\) → web 0\.2\.0 \(app 1\.27\)[\s\S]*Values changed: database\.password: added \[REDACTED\]; replicaCount: added 2/);
    expect(before).toMatch(/# Deployment\/web[\s\S]*replicas: 1/);
    expect(after).toMatch(/# Deployment\/web[\s\S]*replicas: 2/);
    expect(after).toMatch(/helm\.sh\/chart: web-0\.2\.0/);
    expect(after).toMatch(/values:\n {2}database:\n {4}password: "\[REDACTED 19 chars\]"\n {2}replicaCount: 2/);
    expect(JSON.stringify(upgradePreview)).not.toContain(password);
    expect(before).not.toMatch(/managedFields|resourceVersion/);
    const upgraded = await steps.run(helmUpgrade, upgrade);
    expect(upgraded.result).toMatchObject({ ok: true, output: { revision: 2, status: 'deployed', chart: 'web-0.2.0' } });
    expect(await readyReplicas('web', 2)).toBe(2);
    const values = await steps.run(helmValues, { release: 'web', namespace });
    expect(values.result).toMatchObject({ ok: true, output: { values: { replicaCount: 2, database: { password: '[REDACTED 19 chars]' } } } });
    expect(JSON.stringify(values.result)).not.toContain(password);

    const history = await steps.run(helmHistory, { release: 'web', namespace });
    expect(history.result).toMatchObject({ ok: true, output: { revisions: [{ revision: 1, status: 'superseded', chart: 'web-0.1.0' }, { revision: 2, status: 'deployed', chart: 'web-0.2.0' }], attention: null } });

    // Rollback to 1: previewed as the two revisions' recorded manifests.
    const rollbackPreview = await steps.preview(helmRollback, { release: 'web', revision: 1, namespace });
    expect(rollbackPreview).toMatchObject({ kind: 'file', before: expect.stringMatching(/replicas: 2/), after: expect.stringMatching(/replicas: 1/) });
    const rolledBack = await steps.run(helmRollback, { release: 'web', revision: 1, namespace });
    expect(rolledBack.result).toMatchObject({ ok: true, output: { revision: 3, restored: 1 } });
    expect((await deployment('web'))?.spec.replicas).toBe(1);
    expect(await steps.run(helmStatus, { release: 'web', namespace }).then((step) => step.result)).toMatchObject({ ok: true, output: { revision: 3, status: 'deployed', chart: 'web-0.1.0', objects: [`Service/web in ${namespace}`, `Deployment/web in ${namespace}`], attention: null } });

    // Uninstall keeps the history, so its undo restores the release.
    expect(await steps.classify(helmUninstall, { release: 'web', namespace })).toMatchObject({ risk: 'destructive' });
    expect(await steps.preview(helmUninstall, { release: 'web', namespace })).toMatchObject({ kind: 'file', after: null, before: expect.stringMatching(/undo restores the release[\s\S]*# Deployment\/web/) });
    const uninstalled = await steps.run(helmUninstall, { release: 'web', namespace });
    expect(uninstalled.result).toMatchObject({ ok: true, output: { keptHistory: true } });
    expect(await deployment('web')).toBeNull();
    const listed = await steps.run(helmList, { namespace });
    expect(listed.result).toMatchObject({ ok: true, output: { releases: [{ name: 'web', status: 'uninstalled', attention: expect.stringMatching(/restore it with helm.rollback/) }] } });
    expect(await uninstalled.undo()).toMatchObject({ ok: true });
    expect(await readyReplicas('web', 1)).toBe(1);
    expect(await steps.run(helmList, { namespace }).then((step) => step.result)).toMatchObject({ ok: true, output: { releases: [{ name: 'web', status: 'deployed', revision: 4, chart: 'web-0.1.0', appVersion: '1.27' }] } });

    // The upgrade's undo is a rollback to the revision before it; the install's undo removes the release.
    expect(await upgraded.undo()).toMatchObject({ ok: true });
    expect(await steps.run(helmHistory, { release: 'web', namespace }).then((step) => step.result)).toMatchObject({ ok: true, output: { revisions: expect.arrayContaining([expect.objectContaining({ revision: 5, description: 'Rollback to 1' })]) } });
    expect(await install1.undo()).toMatchObject({ ok: true });
    expect(await steps.run(helmHistory, { release: 'web', namespace }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Undoing the create removes the files it wrote, but keeps the one changed since (Chart.yaml's version).
    expect(await created.undo()).toMatchObject({ ok: true, output: { kept: ['charts/web/Chart.yaml'] } });
    expect(() => readFileSync(join(ctx.workspace, 'charts/web/templates/deployment.yaml'))).toThrow(/ENOENT/);
    expect(readdirSync(join(ctx.workspace, 'charts/web'))).toEqual(['Chart.yaml']);
  });

  it('refuses an upgrade the server would reject in its preview, and run anyway leaves the release at its deployed revision', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await steps.run(helmCreate, { template: 'microservice', name: 'api' });
    expect(await steps.run(helmInstall, { release: 'api', chart: 'charts/api', namespace }).then((step) => step.result)).toMatchObject({ ok: true });
    const broken = { release: 'api', chart: 'charts/api', namespace, set: { 'service.port': 70000 } };
    const preview = await steps.preview(helmUpgrade, broken);
    expect(preview).toMatchObject({ kind: 'text', text: expect.stringMatching(/refused the rendered objects in a server-side dry run[\s\S]*Service\/api in .*: .*must be between 1 and 65535/) });
    expect((await steps.run(helmHistory, { release: 'api', namespace }).then((step) => step.result)) as { output: { revisions: unknown[] } }).toMatchObject({ output: { revisions: [{ revision: 1, status: 'deployed' }] } });

    const failed = await steps.run(helmUpgrade, broken);
    expect(failed.result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must be between 1 and 65535[\s\S]*now at revision 3 \(deployed: Rollback to 1\)/) } });
    expect(await servicePort('api')).toBe(80);
    const status = await steps.run(helmStatus, { release: 'api', namespace });
    expect(status.result).toMatchObject({ ok: true, output: { status: 'deployed', revision: 3 } });
    expect(await steps.run(helmValues, { release: 'api', namespace }).then((step) => step.result)).toMatchObject({ ok: true, output: { values: {} } });
  });

  it('shows a release stuck in pending-upgrade with what to do, refuses to upgrade it, and rolls it back to its last deployed revision', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    await steps.run(helmCreate, { template: 'microservice', name: 'stuck' });
    await steps.run(helmInstall, { release: 'stuck', chart: 'charts/stuck', namespace });
    expect(await steps.run(helmUpgrade, { release: 'stuck', chart: 'charts/stuck', namespace, set: { replicaCount: 2 } }).then((step) => step.result)).toMatchObject({ ok: true, output: { revision: 2 } });
    await leaveInterruptedUpgrade('stuck', 2);

    const listed = await steps.run(helmList, { namespace, filter: '^stuck$' });
    expect(listed.result).toMatchObject({ ok: true, output: { releases: [{ name: 'stuck', revision: 3, status: 'pending-upgrade', attention: expect.stringMatching(/stuck in pending-upgrade \(revision 3\)[\s\S]*helm.rollback with revision 2[\s\S]*helm.uninstall/) }] } });
    expect(await steps.run(helmStatus, { release: 'stuck', namespace }).then((step) => step.result)).toMatchObject({ ok: true, output: { status: 'pending-upgrade', attention: expect.stringMatching(/helm.rollback with revision 2/) } });
    const upgrade = { release: 'stuck', chart: 'charts/stuck', namespace, set: { replicaCount: 3 } };
    expect(await steps.preview(helmUpgrade, upgrade)).toMatchObject({ kind: 'text', text: expect.stringMatching(/would be refused: Release stuck is stuck in pending-upgrade/) });
    expect(await steps.run(helmUpgrade, upgrade).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'RELEASE_STUCK', message: expect.stringMatching(/helm.rollback with revision 2/) } });
    expect(await steps.run(helmInstall, { release: 'stuck', chart: 'charts/stuck', namespace }).then((step) => step.result)).toMatchObject({ ok: false, error: { code: 'RELEASE_STUCK' } });

    const rolledBack = await steps.run(helmRollback, { release: 'stuck', namespace });
    expect(rolledBack.result).toMatchObject({ ok: true, output: { restored: 2, revision: 4 } });
    expect(await steps.run(helmStatus, { release: 'stuck', namespace }).then((step) => step.result)).toMatchObject({ ok: true, output: { status: 'deployed', revision: 4, attention: null } });
    expect((await deployment('stuck'))?.spec.replicas).toBe(2);
  });

  it('fails with what to install when helm is not on PATH', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster');
    const bare = toolContext(ctx.workspace, { PATH: '/nonexistent', HOME: ctx.env.HOME, KUBECONFIG: cluster!.kubeconfig }, ctx.shell);
    const result = await helmList.run({ input: helmList.input.parse({ namespace }), ctx: bare, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(result).toMatchObject({ ok: false, error: { code: 'HELM_MISSING', message: expect.stringMatching(/helm is not on PATH[\s\S]*Install Helm 3[\s\S]*brew install helm/) } });
  });
});

/**
 * Makes the release look as an interrupted `helm upgrade` leaves it: a newer revision recorded as
 * pending-upgrade (helm's release Secret: base64 of gzip of JSON, under Kubernetes' base64).
 */
async function leaveInterruptedUpgrade(release: string, deployed: number): Promise<void> {
  type ReleaseSecret = { metadata: { name: string; labels: Record<string, string> }; type: string; data: { release: string } };
  const secret = await clusterApi<ReleaseSecret>(cluster!, `/api/v1/namespaces/${namespace}/secrets/sh.helm.release.v1.${release}.v${deployed}`);
  const record = JSON.parse(gunzipSync(Buffer.from(Buffer.from(secret.data.release, 'base64').toString(), 'base64')).toString()) as { version: number; info: { status: string; description: string } };
  const next = { ...record, version: deployed + 1, info: { ...record.info, status: 'pending-upgrade', description: 'Preparing upgrade' } };
  const encoded = Buffer.from(gzipSync(JSON.stringify(next)).toString('base64')).toString('base64');
  await clusterApi(cluster!, `/api/v1/namespaces/${namespace}/secrets`, {
    method: 'POST',
    body: { apiVersion: 'v1', kind: 'Secret', type: secret.type, metadata: { name: `sh.helm.release.v1.${release}.v${deployed + 1}`, labels: { ...secret.metadata.labels, status: 'pending-upgrade', version: String(deployed + 1) } }, data: { release: encoded } },
  });
}
