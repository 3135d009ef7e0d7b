import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubePodMetrics, NO_METRICS_SERVER } from '../main/core/families/kubernetes/kube-pod-metrics';
import { createShellAnalyzer } from '../main/core/policy/shell/create-shell-analyzer';
import { toolContext } from '../main/core/tools/tool-definition';
import { browserForApp } from './fixtures/browser';
import { ensureDockerTestImage, TEST_IMAGE } from './fixtures/docker-engine';
import { familyVerbs } from './fixtures/family-tools';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { AppPage } from './pages/app-page';

// CPU and memory charts in the Resources pane's detail: a Docker container's from the real engine
// (a busy loop, so CPU is plainly above zero), and a pod's from the cluster's metrics API, which
// the test cluster does not serve (no metrics-server): the detail says so instead of drawing nothing.

const artifacts = join(repoRoot, 'e2e', 'artifacts');
const busy = `reign-charts-${randomUUID().slice(0, 8)}`;
const { cluster, problem: clusterProblem } = testCluster();
const namespace = `reign-charts-${Math.random().toString(36).slice(2, 8)}`;
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let browserProblem: string | null = null;
let dockerProblem: string | null = null;
let podProblem: string | null = clusterProblem;

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') browserProblem = launched;
  else browser = launched;
  dockerProblem = ensureDockerTestImage();
  // Half a core, so the loop shows on the chart without taking a whole core of a shared machine.
  if (!dockerProblem) execFileSync('docker', ['run', '-d', '--name', busy, '--label', 'reign.test=charts', '--cpus', '0.5', TEST_IMAGE, 'sh', '-c', 'while :; do :; done']);
  if (cluster) {
    await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
    await clusterApi(cluster, `/api/v1/namespaces/${namespace}/pods`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } });
    for (let i = 0; i < 120; i++) {
      const pod = await clusterApi<{ status: { phase?: string } }>(cluster, `/api/v1/namespaces/${namespace}/pods/web`);
      if (pod.status.phase === 'Running') break;
      await sleep(250);
    }
  }
  if (browser) serve = await startServe(isolatedEnv(cluster ? { KUBECONFIG: cluster.kubeconfig } : {}));
}, 180_000);

afterAll(async () => {
  spawnSync('docker', ['rm', '-f', busy], { stdio: 'ignore' });
  await serve?.stop();
  await browser?.close();
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

async function openResources(): Promise<Page> {
  mkdirSync(artifacts, { recursive: true });
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('resources');
  return page;
}

const chartValue = async (page: Page, id: string): Promise<number> => Number(await page.getByTestId(id).getAttribute('data-current'));

describe('CPU and memory charts', () => {
  it("charts a busy container's CPU and memory with axes and the current value, from the real engine", async (context) => {
    requireInfrastructure(context, browserProblem ?? dockerProblem, 'Chromium, the built app and a Docker engine');
    const page = await openResources();
    await page.getByTestId('resources-view-docker.containers').waitFor();
    await page.getByTestId('resources-filter').fill(busy);
    const row = page.getByTestId(`resources-row-${busy}`);
    await row.waitFor();
    await row.getByTestId('resources-open').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="resources-chart-cpu"]')?.getAttribute('data-samples')) >= 8, undefined, { timeout: 45_000 });

    // The loop is held to half a core: well above an idle container's fraction of a percent.
    expect(await chartValue(page, 'resources-chart-cpu')).toBeGreaterThan(10);
    expect(await chartValue(page, 'resources-chart-memory')).toBeGreaterThan(0);
    const cpu = page.getByTestId('resources-chart-cpu');
    expect(await cpu.locator('.metric-current').textContent()).toMatch(/^\d+(\.\d+)?%$/);
    // A y axis with round ticks in the unit, and a time axis back from now.
    const cpuTicks = await cpu.locator('.metric-tick text').allTextContents();
    expect(cpuTicks[0]).toBe('0%');
    expect(cpuTicks.length).toBeGreaterThanOrEqual(3);
    expect(cpuTicks.every((tick) => /^\d+%$/.test(tick))).toBe(true);
    expect(await cpu.locator('.metric-axis-label').allTextContents()).toEqual(['−58 s', 'now']);
    expect(await cpu.locator('.metric-line').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){3,}/);
    const memoryTicks = await page.getByTestId('resources-chart-memory').locator('.metric-tick text').allTextContents();
    expect(memoryTicks.every((tick) => /^\d+(\.\d+)? (MiB|GiB)$/.test(tick))).toBe(true);
    expect(await page.getByTestId('resources-stats').locator('figcaption').textContent()).toMatch(/CPU [\d.]+% · memory [\d.]+ MiB/);

    await page.getByTestId('resources-details').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'container-charts.png') });
    await page.close();
  }, 90_000);

  it('reads a pod through the metrics API and, with no metrics-server in the cluster, says so plainly', async (context) => {
    requireInfrastructure(context, podProblem, 'The Kubernetes test cluster');
    const ctx = toolContext(realpathSync(mkdtempSync(join(tmpdir(), 'reign-metrics-'))), { PATH: process.env.PATH, HOME: tmpdir(), KUBECONFIG: cluster!.kubeconfig }, await createShellAnalyzer(familyVerbs));
    const read = await kubePodMetrics.run({ input: kubePodMetrics.input.parse({ name: 'web', namespace }), ctx, signal: new AbortController().signal, log: () => undefined, progress: () => undefined });
    expect(read).toEqual({ ok: true, output: { available: false, problem: NO_METRICS_SERVER, samples: [] } });
    expect(NO_METRICS_SERVER).toMatch(/^CPU and memory need metrics-server in this cluster/);
  });

  it("says in the pod's detail that CPU and memory need metrics-server, instead of an empty chart", async (context) => {
    requireInfrastructure(context, podProblem ?? browserProblem, 'The Kubernetes test cluster, Chromium and the built app');
    const page = await openResources();
    await page.getByTestId('resources-tab-kubernetes.pods').click();
    await page.getByTestId('resources-scope-namespace').waitFor();
    await page.getByTestId('resources-scope-namespace').selectOption(namespace);
    const row = page.getByTestId('resources-row-web');
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId('resources-open').click();
    const missing = page.getByTestId('resources-stats-unavailable');
    await missing.waitFor({ timeout: 20_000 });
    expect(await missing.textContent()).toMatch(/^CPU and memory need metrics-server in this cluster/);
    expect(await page.getByTestId('resources-stats').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'pod-metrics-missing.png') });
    await page.close();
  }, 60_000);
});
