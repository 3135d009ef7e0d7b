import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { ensureDockerTestImage, TEST_IMAGE } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// Global search (Ctrl+K) against the real engine and the real test cluster: a container and a pod
// made here, with one unique word in their names, are found as a person types, and Enter lands on
// their row in the Resources pane, focused. Also the `?` list of every key, and the status badges.

const word = `srch${randomUUID().slice(0, 6)}`;
const container = `reign-${word}-box`;
const stopped = `reign-${word}-idle`;
const namespace = `reign-${word}`;
const pod = `${word}-pod`;
const artifacts = join(repoRoot, 'e2e', 'artifacts');
const { cluster, problem: clusterProblem } = testCluster();
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = clusterProblem;

beforeAll(async () => {
  if (!cluster) return;
  const launched = await browserForApp(ensureDockerTestImage);
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  execFileSync('docker', ['run', '-d', '--name', container, '--label', 'reign.test=search', TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/www']);
  execFileSync('docker', ['create', '--name', stopped, '--label', 'reign.test=search', TEST_IMAGE, 'true']);
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/api/v1/namespaces/${namespace}/pods`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: pod }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } });
  // A scripted model proposes a plan of three risks on the container: its steps show the badges, and its run is found by search.
  const transcript = writeTranscript([
    {
      text: 'Here is the plan.',
      tool_calls: [
        {
          name: 'propose_plan',
          arguments: {
            summary: `Tidy up ${word}`,
            steps: [
              { id: 'look', tool: 'docker.container.list', input: { all: true } },
              { id: 'start', tool: 'docker.container.start', dependsOn: ['look'], input: { id: stopped } },
              { id: 'remove', tool: 'docker.container.remove', dependsOn: ['look'], input: { id: stopped, force: true } },
            ],
          },
        },
      ],
    },
    { text: 'Listed the containers; nothing else was run.' },
  ]);
  serve = await startServe(isolatedEnv({ KUBECONFIG: cluster.kubeconfig, PATH: `${dirname(cluster.bin.helm)}:${process.env.PATH}` }), ['--transcript', transcript]);
}, 180_000);

afterAll(async () => {
  spawnSync('docker', ['rm', '-f', container, stopped], { stdio: 'ignore' });
  await serve?.stop();
  await browser?.close();
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

async function openApp(): Promise<{ page: Page; app: AppPage }> {
  mkdirSync(artifacts, { recursive: true });
  const page = await browser!.newPage({ viewport: { width: 1300, height: 820 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  return { page, app };
}

/** The search results shown, as `kind name`. */
const results = (page: Page) => page.getByTestId('search-item').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-kind')} ${item.getAttribute('data-name')}`));
const waitResult = (page: Page, kind: string, name: string) =>
  page.waitForFunction(([k, n]) => [...document.querySelectorAll('[data-testid="search-item"]')].some((item) => item.getAttribute('data-kind') === k && item.getAttribute('data-name') === n), [kind, name] as const, { timeout: 30_000 });
/** The row of the Resources pane that has the keyboard focus, once it is the one wanted. */
const waitFocusedRow = (page: Page, key: string) =>
  page.waitForFunction((want) => {
    const row = document.querySelector(`[data-testid="resources-row-${CSS.escape(want)}"]`);
    return Boolean(row?.classList.contains('focused') && document.activeElement?.getAttribute('data-testid') === 'resources-grid');
  }, key, { timeout: 30_000 });

describe('global search', () => {
  it('Ctrl+K finds a container on the engine and a pod on the cluster as one types; Enter lands on the row in Resources', async (context) => {
    requireInfrastructure(context, problem, 'The Docker engine, the Kubernetes test cluster, Chromium and the built app');
    const { page, app } = await openApp();
    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette-input').waitFor();
    await page.keyboard.type(word);
    await waitResult(page, 'container', container);
    await waitResult(page, 'pod', pod);
    expect(await results(page)).toEqual(expect.arrayContaining([`container ${container}`, `container ${stopped}`, `pod ${pod}`]));
    // Grouped by kind with a heading each; a pod's line says where it is.
    expect(await page.getByTestId('search-group').evaluateAll((groups) => groups.map((group) => group.getAttribute('data-kind')))).toEqual(expect.arrayContaining(['container', 'pod']));
    expect(await page.locator(`[data-testid="search-item"][data-name="${pod}"] .search-item-detail`).textContent()).toContain(`reign-test/${namespace}`);
    await page.screenshot({ path: join(artifacts, 'global-search.png') });

    // Typing more narrows it (the other container's detail line names the same image); Enter opens the one left.
    await page.keyboard.type('-box');
    await page.waitForFunction((name) => {
      const items = [...document.querySelectorAll('[data-testid="search-item"]')];
      return items.length === 1 && items[0]!.getAttribute('data-name') === name;
    }, container);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('command-palette').count()).toBe(0);
    await app.pane('resources').waitFor();
    await waitFocusedRow(page, container);
    expect(await page.getByTestId('resources-tab-docker.containers').getAttribute('aria-current')).toBe('page');
    // The keyboard is on the row: Enter opens it (its logs and stats).
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => document.querySelector(`[data-testid="resources-row-${name}"]`)?.classList.contains('opened'), container);

    // ↓ walks the results; the pod lands in its context, every namespace, keyed namespace/name.
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`${word} pod`);
    await waitResult(page, 'pod', pod);
    await page.keyboard.press('Enter');
    await waitFocusedRow(page, `${namespace}/${pod}`);
    expect(await page.getByTestId('resources-tab-kubernetes.pods').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('resources-scope-context').inputValue()).toBe('reign-test');
    expect(await page.getByTestId('resources-scope-namespace').inputValue()).toBe('*');

    // Commands are still there, by name; Esc closes and gives the focus back.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('go hist');
    expect(await page.getByTestId('command-palette-item').allTextContents()).toEqual([expect.stringMatching(/^Go to HistoryCtrl\+\d$/)]);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('command-palette').count()).toBe(0);
    await page.close();
  });

  it('? lists every key (not while typing in a field); Esc closes it', async (context) => {
    requireInfrastructure(context, problem, 'The Docker engine, the Kubernetes test cluster, Chromium and the built app');
    const { page, app } = await openApp();
    // Typed in the chat's message box, ? is text.
    await app.goTo('chat');
    await page.getByTestId('chat-input').click();
    await page.keyboard.type('why?');
    expect(await page.getByTestId('shortcuts-overlay').count()).toBe(0);
    await app.goTo('resources');
    await page.getByTestId('resources-grid').focus();
    await page.keyboard.press('Shift+Slash');
    await page.getByTestId('shortcuts-overlay').waitFor();
    const keys = await page.getByTestId('shortcut').locator('kbd').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['Ctrl+K', 'Ctrl+1', 'Ctrl+7', '?', 'Esc', 'A', 'R', 'E', 'Ctrl+Enter', 'Delete', 'Ctrl+S']));
    await page.screenshot({ path: join(artifacts, 'shortcuts.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('shortcuts-overlay').count()).toBe(0);
    // The focus is back where it was.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('resources-grid');
    await page.close();
  });

  it('status reads as icon, colour and word: a running and a created container in the table', async (context) => {
    requireInfrastructure(context, problem, 'The Docker engine, the Kubernetes test cluster, Chromium and the built app');
    const { page, app } = await openApp();
    await app.goTo('resources');
    await page.getByTestId('resources-tab-docker.containers').click();
    await page.getByTestId('resources-filter').fill(word);
    for (let i = 0; i < 80 && (await page.getByTestId(`resources-row-${stopped}`).count()) === 0; i++) await sleep(250);
    const badge = (name: string) => page.getByTestId(`resources-row-${name}`).locator('.badge-vocab');
    expect(await badge(container).getAttribute('aria-label')).toBe('status: running');
    expect(await badge(container).locator('.spinner, .badge-icon').count()).toBe(1);
    expect(await badge(stopped).getAttribute('aria-label')).toBe('status: created');
    expect(await badge(stopped).locator('.badge-icon').textContent()).not.toBe('');
    // The word is what a test (and a screen reader) reads; the colours differ.
    expect(await page.getByTestId(`resources-row-${container}`).getByTestId('resources-status').textContent()).toBe('running');
    const colour = (name: string) => badge(name).evaluate((element) => getComputedStyle(element).color);
    expect(await colour(container)).not.toBe(await colour(stopped));
    await page.locator('.resource-table').screenshot({ path: join(artifacts, 'status-badges.png') });
    await page.close();
  });

  it('risk and status badges on plan steps; the run it makes is found by search and opens in History', async (context) => {
    requireInfrastructure(context, problem, 'The Docker engine, the Kubernetes test cluster, Chromium and the built app');
    const { page, app } = await openApp();
    const ui = new ChatAndPlan(page);
    await app.goTo('chat');
    await ui.send(`tidy up ${word}`);
    await ui.waitForState('waiting-for-approval');
    await page.getByTestId('chat-plan-open').click();
    await app.pane('plan').waitFor();
    // Reject the two changes by keyboard (R), keep the read; every step says its risk and status in words.
    for (const step of ['start', 'remove']) {
      await ui.step(step).click();
      await page.getByTestId('pane-plan').focus();
      await page.keyboard.press('r');
      await ui.waitForStep(step, 'rejected');
    }
    const details = page.getByTestId('plan-step-details');
    expect(await details.locator('.risk-badge').getAttribute('aria-label')).toBe('risk: destructive (removes or replaces something)');
    expect(await details.locator('.risk-badge .badge-word').textContent()).toBe('destructive');
    expect(await details.locator('.step-status').getAttribute('aria-label')).toBe('status: rejected');
    expect(await details.locator('.step-status .badge-icon').count()).toBe(1);
    await page.locator('.plan-body').screenshot({ path: join(artifacts, 'status-badges-plan.png') });

    expect(await ui.step('start').getAttribute('data-risk')).toBe('write');
    await page.keyboard.press('Control+Enter');
    // Only the read runs: the steps nobody approved leave the run incomplete.
    await ui.waitForRun('incomplete');
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`tidy ${word}`);
    await waitResult(page, 'run', `Tidy up ${word}`);
    await page.keyboard.press('Enter');
    await app.pane('history').waitFor();
    await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid^="history-run-"][aria-selected="true"]')].some((row) => row.textContent?.includes(name)), `Tidy up ${word}`, { timeout: 20_000 });
    await page.close();
  });
});
