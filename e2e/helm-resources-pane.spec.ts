import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { AppPage } from './pages/app-page';

// The Releases view of the Resources pane on the real test cluster with the real helm: a release
// installed and upgraded by helm outside Reign shows up with its revision, status and chart (the
// upgrade live, through the watch on helm's release Secrets), and Roll back waits for an approval
// bound to `reign-test/NAMESPACE` before it makes revision 3.

const { cluster, problem: clusterProblem } = testCluster();
const namespace = `reign-helm-pane-${Math.random().toString(36).slice(2, 8)}`;
const artifacts = join(repoRoot, 'e2e', 'artifacts');
const chart = join(repoRoot, 'templates', 'helm', 'microservice');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = clusterProblem;
// helm's own repositories, cache and config for this test, not the developer's.
const helmHome = mkdtempSync(join(tmpdir(), 'reign-helm-pane-home-'));

/** The peer's helm, outside Reign, on the test's namespace of `reign-test`. */
const helm = (...args: string[]): string =>
  execFileSync(cluster!.bin.helm, [...args, '--kube-context', 'reign-test', '--kubeconfig', cluster!.kubeconfig, '--namespace', namespace], { env: { ...process.env, HOME: helmHome }, encoding: 'utf8' });
/** The replicas of the release's one Deployment (named after the release and the chart). */
const replicas = async (): Promise<number[]> => (await clusterApi<{ items: { spec: { replicas: number } }[] }>(cluster!, `/apis/apps/v1/namespaces/${namespace}/deployments`)).items.map((item) => item.spec.replicas);

beforeAll(async () => {
  if (!cluster) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  helm('install', 'web', chart, '--wait', '--timeout', '60s');
  // Uninstalled with its history kept: a release that needs attention (it can be restored).
  helm('install', 'old', chart, '--wait', '--timeout', '60s');
  helm('uninstall', 'old', '--keep-history', '--wait', '--timeout', '60s');
  // The Helm family runs the helm on PATH: the peer's, first.
  serve = await startServe(isolatedEnv({ KUBECONFIG: cluster.kubeconfig, PATH: `${dirname(cluster.bin.helm)}:${process.env.PATH}` }));
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  // The release's objects and its history (Secrets) go with the namespace.
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
  rmSync(helmHome, { recursive: true, force: true });
});

const row = (page: Page) => page.getByTestId('resources-row-web');
const cell = (page: Page, column: string) => row(page).locator(`[data-column="${column}"]`);
/** Until the row shows this revision in this status (an upgrade shows pending-upgrade first, then deployed). */
const waitRelease = (page: Page, revision: number, status: string) =>
  page.waitForFunction(
    ([want, state]) => {
      const shown = document.querySelector('[data-testid="resources-row-web"]');
      return shown?.querySelector('[data-column="revision"]')?.textContent === want && shown.querySelector('[data-testid="resources-status"]')?.textContent === state;
    },
    [String(revision), status] as const,
    { timeout: 30_000 },
  );

describe('the Releases view of the Resources pane', () => {
  it('shows an upgrade made with helm live, at revision 2 deployed with its chart, and rolls back to revision 3 only after approval bound to reign-test/<namespace>', async (context) => {
    requireInfrastructure(context, problem, 'The Kubernetes test cluster, helm, Chromium and the built app');
    mkdirSync(artifacts, { recursive: true });
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('resources');
    await page.getByTestId('resources-tab-helm.releases').click();
    await page.getByTestId('resources-scope-namespace').waitFor();
    // The Kubernetes views' choices: the kubeconfig's contexts, every namespace or one of them.
    expect(await page.getByTestId('resources-scope-context').inputValue()).toBe('reign-test');
    expect(await page.getByTestId('resources-scope-namespace').locator('option').allTextContents()).toEqual(expect.arrayContaining(['All namespaces', 'default', namespace]));
    await page.getByTestId('resources-scope-namespace').selectOption(namespace);
    await page.waitForFunction((ns) => document.querySelector('[data-testid="pane-resources"] .purpose')?.textContent?.includes(`reign-test/${ns}`), namespace, { timeout: 20_000 });
    expect(await page.getByTestId('resources-error').count(), 'the view lists without a problem').toBe(0);

    // Revision 1: nothing to roll back to, so no Roll back; Uninstall is offered.
    await waitRelease(page, 1, 'deployed');
    expect(await row(page).getByTestId('resources-action-rollback').count()).toBe(0);
    expect(await row(page).getByTestId('resources-action-remove').textContent()).toBe('Uninstall');

    // Upgraded with helm outside Reign, no reload: the watch on helm's Secrets brings revision 2.
    helm('upgrade', 'web', chart, '--set', 'replicaCount=2', '--wait', '--timeout', '60s');
    await waitRelease(page, 2, 'deployed');
    expect(await row(page).getAttribute('data-tone')).toBe('ok');
    expect([await cell(page, 'chart').textContent(), await cell(page, 'appVersion').textContent()]).toEqual(['microservice-0.1.0', '1.27']);
    expect(await cell(page, 'updated').textContent()).toMatch(/^\d+ s$/);
    // A healthy release needs no attention; the uninstalled one says what can be done, and offers
    // neither a roll back (its default target is not what was uninstalled) nor another uninstall.
    expect(await cell(page, 'attention').textContent()).toBe('—');
    const old = page.getByTestId('resources-row-old');
    expect([await old.getByTestId('resources-status').textContent(), await old.getAttribute('data-tone')]).toEqual(['uninstalled', 'idle']);
    expect(await old.locator('[data-column="attention"]').getAttribute('title')).toMatch(/^old was uninstalled with its history kept; restore it with helm\.rollback/);
    expect(await old.locator('.row-actions button').count()).toBe(0);
    // One namespace: no Namespace column.
    expect(await page.getByTestId('resources-sort-namespace').count()).toBe(0);
    expect(await replicas()).toEqual([2]);

    // Roll back: a write, waiting for approval, bound to the release's namespace of reign-test.
    await row(page).getByTestId('resources-action-rollback').click();
    const approval = page.getByTestId('resources-approval');
    await approval.waitFor();
    expect(await approval.getAttribute('data-risk')).toBe('write');
    expect(await approval.textContent()).toContain(`write on reign-test/${namespace}`);
    expect(await approval.textContent()).toContain(`rolls release web in ${namespace} back`);
    await page.screenshot({ path: join(artifacts, 'helm-rollback-approval.png') });
    expect(JSON.parse(helm('history', 'web', '-o', 'json')).length, 'nothing runs before the approval').toBe(2);
    await page.getByTestId('resources-approval-approve').click();
    await page.getByTestId('resources-message').waitFor({ timeout: 150_000 }); // helm rollback --wait, on a loaded machine
    expect(await page.getByTestId('resources-message').textContent()).toMatch(/^Roll back web: done/);
    await waitRelease(page, 3, 'deployed');
    // Revision 3 has revision 1's values: one replica again.
    expect(await replicas()).toEqual([1]);
    const history = JSON.parse(helm('history', 'web', '-o', 'json')) as { revision: number; status: string; description: string }[];
    expect(history.map((entry) => [entry.revision, entry.status])).toEqual([[1, 'superseded'], [2, 'superseded'], [3, 'deployed']]);
    expect(history[2]!.description).toBe('Rollback to 1');
    await page.screenshot({ path: join(artifacts, 'helm-releases.png') });

    // Journaled as a plan step with the place it was shown in.
    const runs = JSON.parse(runReign(['runs', 'list', '--json'], serve!.env).stdout) as { id: string; startedAt: string }[];
    const newest = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]!;
    const shown = JSON.parse(runReign(['runs', 'show', newest.id, '--json'], serve!.env).stdout) as { status: string; steps: { tool: string; input: Record<string, unknown> }[] };
    expect(shown).toMatchObject({ status: 'succeeded', steps: [{ tool: 'helm.rollback', input: { release: 'web', context: 'reign-test', namespace } }] });

    // Uninstall is destructive; cancelled, the release stays.
    await row(page).getByTestId('resources-action-remove').click();
    await approval.waitFor();
    expect(await approval.getAttribute('data-risk')).toBe('destructive');
    expect(await approval.textContent()).toContain(`uninstalls release web in ${namespace}`);
    await page.getByTestId('resources-approval-cancel').click();
    await sleep(500);
    expect(JSON.parse(helm('list', '-o', 'json')).map((release: { name: string }) => release.name)).toEqual(['web']);

    // Every namespace: the row keyed NAMESPACE/NAME, with a Namespace column.
    await page.getByTestId('resources-scope-namespace').selectOption('*');
    const across = page.getByTestId(`resources-row-${namespace}/web`);
    await across.waitFor({ timeout: 20_000 });
    expect(await across.locator('[data-column="namespace"]').textContent()).toBe(namespace);
    expect(await page.getByTestId('pane-resources').locator('.purpose').textContent()).toMatch(/reign-test, every namespace/);
    await page.close();
  }, 300_000);
});
