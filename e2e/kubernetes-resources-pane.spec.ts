import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { clusterApi, type TestCluster, testCluster } from './fixtures/test-cluster';
import { AppPage } from './pages/app-page';

// The Resources pane on the real test cluster: the Kubernetes views in a context and namespace
// chosen above the tables, live through watches (a scale made with kubectl shows up by itself), and
// row actions that wait for approval bound to `kubernetes:CONTEXT/NAMESPACE`.

const { cluster, problem: clusterProblem } = testCluster();
const namespace = `reign-pane-${Math.random().toString(36).slice(2, 8)}`;
const artifacts = join(repoRoot, 'e2e', 'artifacts');
// As long as a name may be (63 characters): the table cuts it with … and keeps it whole in a tooltip.
const longName = `settings-of-the-payments-api-in-europe-west-${'x'.repeat(63 - 44)}`;
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = clusterProblem;

type PodList = { items: { metadata: { name: string; deletionTimestamp?: string }; status: { containerStatuses?: { ready: boolean }[] } }[] };
const pods = (c: TestCluster) => clusterApi<PodList>(c, `/api/v1/namespaces/${namespace}/pods`);
const readyPods = async (c: TestCluster) => (await pods(c)).items.filter((pod) => !pod.metadata.deletionTimestamp && pod.status.containerStatuses?.every((container) => container.ready)).map((pod) => pod.metadata.name);

beforeAll(async () => {
  if (!cluster) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/apis/apps/v1/namespaces/${namespace}/deployments`, {
    method: 'POST',
    body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } },
  });
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/configmaps`, { method: 'POST', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: longName }, data: { region: 'europe-west' } } });
  for (let i = 0; i < 120 && (await readyPods(cluster)).length < 2; i++) await sleep(250);
  serve = await startServe(isolatedEnv({ KUBECONFIG: cluster.kubeconfig }));
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

const badge = (page: Page, row: string) => page.getByTestId(`resources-row-${row}`).getByTestId('resources-status');
const waitBadge = (page: Page, row: string, text: string) =>
  page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="resources-row-${id}"] [data-testid="resources-status"]`)?.textContent === want, [row, text] as const, { timeout: 30_000 });
const shownRows = (page: Page) => page.locator('[data-testid^="resources-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.replace('resources-row-', '')).sort());
const waitRowCount = (page: Page, count: number) => page.waitForFunction((want) => document.querySelectorAll('[data-testid^="resources-row-"]').length === want, count, { timeout: 30_000 });

/** The pane at a Kubernetes view, in the test's namespace of `reign-test`. */
async function openView(view: string): Promise<{ page: Page; app: AppPage }> {
  mkdirSync(artifacts, { recursive: true });
  const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('resources');
  await page.getByTestId(`resources-tab-${view}`).click();
  await page.getByTestId('resources-scope-namespace').waitFor();
  await page.getByTestId('resources-scope-namespace').selectOption(namespace);
  await page.waitForFunction((ns) => document.querySelector('[data-testid="pane-resources"] .purpose')?.textContent?.includes(`reign-test/${ns}`), namespace, { timeout: 20_000 });
  expect(await page.getByTestId('resources-error').count(), 'the view lists without a problem').toBe(0);
  return { page, app };
}

describe('the Resources pane on a Kubernetes cluster', () => {
  it('shows the context, the namespace chosen, a Deployment 2/2 ready and its pods; the choice follows from view to view', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster, Chromium and the built app');
    const { page } = await openView('kubernetes.deployments');
    expect(await page.getByTestId('resources-scope-context').inputValue()).toBe('reign-test');
    expect(await page.getByTestId('resources-scope-namespace').locator('option').allTextContents()).toEqual(expect.arrayContaining(['All namespaces', 'default', namespace]));
    await waitBadge(page, 'web', '2/2');
    expect(await page.getByTestId('resources-row-web').getAttribute('data-tone')).toBe('ok');
    expect(await page.getByTestId('resources-row-web').locator('[data-column="upToDate"]').textContent()).toBe('2');
    // One namespace: no Namespace column.
    expect(await page.getByTestId('resources-sort-namespace').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'kubernetes-deployments.png') });

    await page.getByTestId('resources-tab-kubernetes.pods').click();
    await waitRowCount(page, 2);
    expect(await page.getByTestId('resources-scope-namespace').inputValue()).toBe(namespace);
    const names = await readyPods(cluster!);
    expect(await shownRows(page)).toEqual([...names].sort());
    for (const name of names) {
      expect(await badge(page, name).textContent()).toBe('Running');
      const row = page.getByTestId(`resources-row-${name}`);
      expect([await row.locator('[data-column="ready"]').textContent(), await row.locator('[data-column="restarts"]').textContent(), await row.locator('[data-column="node"]').textContent()]).toEqual(['1/1', '0', 'kwok-node-0']);
    }
    await page.screenshot({ path: join(artifacts, 'kubernetes-pods.png') });

    // A pod's log, through kubernetes.logs (KWOK's kubelet serves three lines).
    await page.getByTestId(`resources-row-${names[0]}`).getByTestId('resources-open').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="resources-logs"]')?.textContent?.includes('reign-test pod started'), undefined, { timeout: 20_000 });
    await page.screenshot({ path: join(artifacts, 'kubernetes-pod-logs.png') });
    await page.getByTestId(`resources-row-${names[0]}`).getByTestId('resources-open').click();
    expect(await page.getByTestId('resources-details').count()).toBe(0);

    // Every namespace: rows keyed NAMESPACE/NAME, with a Namespace column.
    await page.getByTestId('resources-scope-namespace').selectOption('*');
    await page.getByTestId(`resources-row-${namespace}/${names[0]}`).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId(`resources-row-${namespace}/${names[0]}`).locator('[data-column="namespace"]').textContent()).toBe(namespace);
    expect(await page.getByTestId('pane-resources').locator('.purpose').textContent()).toMatch(/reign-test, every namespace/);
    await page.getByTestId('resources-filter').fill(namespace);
    await page.screenshot({ path: join(artifacts, 'kubernetes-all-namespaces.png') });
    await page.close();
  }, 90_000);

  it('shows a scale made with kubectl live, and deletes a pod only after approval bound to reign-test/<namespace>', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster, Chromium and the built app');
    const { page } = await openView('kubernetes.deployments');
    await waitBadge(page, 'web', '2/2');
    // Outside Reign, and no reload: the watch on Deployments in this namespace brings it.
    execFileSync(cluster!.bin.kubectl, ['--kubeconfig', cluster!.kubeconfig, '-n', namespace, 'scale', 'deployment/web', '--replicas=3']);
    await waitBadge(page, 'web', '3/3');

    await page.getByTestId('resources-tab-kubernetes.pods').click();
    await waitRowCount(page, 3);
    const victim = (await shownRows(page))[0]!;
    await page.getByTestId(`resources-row-${victim}`).getByTestId('resources-action-remove').click();
    const approval = page.getByTestId('resources-approval');
    await approval.waitFor();
    expect(await approval.getAttribute('data-risk')).toBe('destructive');
    expect(await approval.textContent()).toContain(`destructive on reign-test/${namespace}`);
    expect(await approval.textContent()).toMatch(new RegExp(`deletes Pod/${victim} in ${namespace}`));
    await page.screenshot({ path: join(artifacts, 'kubernetes-approval.png') });
    expect((await pods(cluster!)).items.map((pod) => pod.metadata.name)).toContain(victim);
    await page.getByTestId('resources-approval-approve').click();
    await page.getByTestId('resources-message').waitFor();
    expect(await page.getByTestId('resources-message').textContent()).toMatch(/^Delete .*: done/);
    // Gone from the table by itself; the ReplicaSet makes a replacement, which shows up too.
    await page.getByTestId(`resources-row-${victim}`).waitFor({ state: 'detached', timeout: 30_000 });
    await waitRowCount(page, 3);
    expect(await shownRows(page)).not.toContain(victim);

    const runs = JSON.parse(runReign(['runs', 'list', '--json'], serve!.env).stdout) as { id: string; startedAt: string }[];
    const newest = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]!;
    const shown = JSON.parse(runReign(['runs', 'show', newest.id, '--json'], serve!.env).stdout) as { status: string; steps: { tool: string; input: Record<string, unknown> }[] };
    expect(shown).toMatchObject({ status: 'succeeded', steps: [{ tool: 'kubernetes.delete', input: { kind: 'Pod', name: victim, context: 'reign-test', namespace } }] });

    // The scale's events, newest first, in the same namespace.
    await page.getByTestId('resources-tab-kubernetes.events').click();
    await page.locator('[data-column="reason"]', { hasText: 'ScalingReplicaSet' }).first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(artifacts, 'kubernetes-events.png') });

    // An empty view says so and what to do; a long name is cut, never pushing the columns aside.
    await page.getByTestId('resources-tab-kubernetes.statefulsets').click();
    expect(await page.getByTestId('resources-empty').textContent()).toMatch(/^No statefulsets here\. Apply a manifest/);
    await page.screenshot({ path: join(artifacts, 'kubernetes-empty.png') });
    await page.getByTestId('resources-tab-kubernetes.configmaps').click();
    const cell = page.getByTestId(`resources-row-${longName}`).locator('[data-column="name"]');
    await cell.waitFor();
    expect(await cell.getAttribute('title')).toBe(longName);
    await page.screenshot({ path: join(artifacts, 'kubernetes-configmaps.png') });
    await page.close();
  }, 90_000);
});
