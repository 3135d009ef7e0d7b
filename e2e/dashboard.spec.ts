import { spawnSync, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { ensureDockerTestImage, TEST_IMAGE } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { clusterApi, testCluster } from './fixtures/test-cluster';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// The home dashboard in Chromium against `reign serve`, the real Docker engine and the real test
// cluster: a card per engine, context and Terraform working directory with the counts the engine
// and the API server give, a context that cannot be reached saying what to do, and a failed plan
// run becoming a toast that stays, a count on the bell, and a line in "Failed recently".

const { cluster, problem: clusterProblem } = testCluster();
const tag = randomUUID().slice(0, 8);
const label = `reign.test=dashboard-${tag}`;
const namespace = `reign-dash-${tag}`;
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-dashboard-')));
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = clusterProblem;

/** A second context whose API server is not there: its card must say so, and what to do. */
function kubeconfigWithUnreachableContext(dir: string): string {
  const file = join(dir, 'gone-kubeconfig.yaml');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{ name: gone, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: gone, user: { token: not-a-real-token } }]
contexts: [{ name: gone-cluster, context: { cluster: gone, user: gone } }]
`,
  );
  return file;
}

/** A Terraform working directory as Reign leaves it after a drift check that found one change (the reader's own format). */
function terraformWithDrift(): void {
  const dir = join(workspace, 'infra');
  mkdirSync(join(dir, '.terraform'), { recursive: true });
  mkdirSync(join(dir, '.reign', 'drift'), { recursive: true });
  writeFileSync(join(dir, 'main.tf'), 'resource "null_resource" "motd" {}\n');
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, serial: 3, lineage: `lineage-${tag}`, resources: [] }));
  writeFileSync(join(dir, '.reign', 'drift', 'default.json'), JSON.stringify({ checkedAt: new Date().toISOString(), lineage: `lineage-${tag}`, serial: 3, drifted: [{ address: 'null_resource.motd', action: 'update', attributes: ['triggers'] }] }));
}

beforeAll(async () => {
  if (!cluster) return;
  const launched = await browserForApp(ensureDockerTestImage);
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  terraformWithDrift();
  execFileSync('docker', ['run', '-d', '--name', `reign-dash-${tag}-web`, '--label', label, TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/www']);
  // A container that exited with an error code: what the card counts as failed.
  // `docker run` itself exits 3 with it.
  spawnSync('docker', ['run', '--name', `reign-dash-${tag}-crash`, '--label', label, TEST_IMAGE, 'sh', '-c', 'exit 3'], { stdio: 'ignore' });
  await clusterApi(cluster, '/api/v1/namespaces', { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } } });
  await clusterApi(cluster, `/apis/apps/v1/namespaces/${namespace}/deployments`, { method: 'POST', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } } });
  // The model proposes one step that fails on the cluster (there is no such Deployment): the run ends failed.
  const transcript = writeTranscript([
    { text: 'Scaling it.', tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Scale the missing api deployment', steps: [{ id: 'scale', tool: 'kubernetes.scale', input: { kind: 'Deployment', name: 'api-that-is-not-there', replicas: 2, namespace } }] } }] },
    { text: 'The deployment does not exist.' },
    // The same again, for the conversation of the background-window test (if the script is not replayed per conversation).
    { text: 'Scaling it.', tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Scale the missing api deployment', steps: [{ id: 'scale', tool: 'kubernetes.scale', input: { kind: 'Deployment', name: 'api-that-is-not-there', replicas: 2, namespace } }] } }] },
    { text: 'The deployment does not exist.' },
  ]);
  const kubeconfig = `${cluster.kubeconfig}:${kubeconfigWithUnreachableContext(workspace)}`;
  serve = await startServe(isolatedEnv({ KUBECONFIG: kubeconfig }), ['--workspace', workspace, '--transcript', transcript]);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  spawnSync('sh', ['-c', `docker rm -f $(docker ps -aq --filter label=${label})`], { stdio: 'ignore' });
  if (cluster) await clusterApi(cluster, `/api/v1/namespaces/${namespace}`, { method: 'DELETE' }).catch(() => undefined);
});

const card = (page: Page, target: string) => page.locator(`[data-testid="dashboard-target"][data-target="${target}"]`);
/** A count of a card, or null while the card shows none (its target not answering this time). */
const count = async (page: Page, target: string, name: string): Promise<number | null> => {
  const value = card(page, target).getByTestId(`dashboard-count-${name}`).getByTestId('dashboard-count-value');
  return (await value.count()) ? Number(await value.textContent()) : null;
};

/** The Namespaces fact of a context's card, or null while it shows none. */
async function namespacesShown(kube: ReturnType<typeof card>): Promise<number | null> {
  const value = kube.locator('.target-facts dt', { hasText: 'Namespaces' }).locator('xpath=following-sibling::dd');
  return (await value.count()) ? Number((await value.textContent())?.replace('+', '')) : null;
}

/** What the engine itself says, read the way the card reads it: running, and exited with a code other than 0. */
function engineCounts(): { running: number; failed: number } {
  const lines = execFileSync('docker', ['ps', '-a', '--format', '{{.State}}|{{.Status}}'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  return { running: lines.filter((line) => line.startsWith('running|')).length, failed: lines.filter((line) => line.startsWith('exited|') && !/^exited\|Exited \(0\)/.test(line)).length };
}

async function clusterCounts(): Promise<{ running: number; namespaces: number }> {
  const pods = await clusterApi<{ items: { status?: { phase?: string } }[] }>(cluster!, '/api/v1/pods');
  const namespaces = await clusterApi<{ items: unknown[] }>(cluster!, '/api/v1/namespaces');
  return { running: pods.items.filter((pod) => pod.status?.phase === 'Running').length, namespaces: namespaces.items.length };
}

/** Refreshes until the card shows what the real peer shows at the same moment (other tests share the engine and the cluster). */
async function agreesWithPeer(page: Page, read: () => Promise<unknown>, real: () => Promise<unknown>): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.getByTestId('dashboard-refresh').click();
        await page.waitForFunction(() => document.querySelector('[data-testid="pane-home"]')?.getAttribute('aria-busy') === 'false');
        const [shown, actual] = await Promise.all([read(), real()]);
        return JSON.stringify(shown) === JSON.stringify(actual);
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(true);
}

describe('the home dashboard', () => {
  it('opens first, with a card per engine, context and Terraform directory showing the real counts, and what to do about the unreachable one', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app, the Docker engine and the Kubernetes test cluster');
    // Tall enough for every card and the runs: the pane scrolls inside the frame, which a page screenshot does not follow.
    const page = await browser!.newPage({ viewport: { width: 1440, height: 1600 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.pane('home').waitFor();
    expect(await app.nav('home').getAttribute('aria-current')).toBe('page');

    // Docker: connected, running and failed counts as the engine has them (our httpd and our crashed container among them).
    const engine = page.locator('[data-testid="dashboard-target"][data-family="docker"]');
    await engine.waitFor();
    const engineId = (await engine.getAttribute('data-target'))!;
    // Our crashed container makes the engine's word "containers failing" rather than "connected".
    const state = (target: string) => card(page, target).getByTestId('dashboard-target-state').textContent();
    await agreesWithPeer(
      page,
      async () => ({ state: await state(engineId), running: await count(page, engineId, 'running'), failed: await count(page, engineId, 'exited-with-error') }),
      async () => ({ state: 'containers failing', ...engineCounts() }),
    );
    expect(await count(page, engineId, 'exited-with-error')).toBeGreaterThanOrEqual(1); // ours among them

    // The test cluster: reachable, the current context, its server version, namespaces and running pods as the API server has them.
    const kube = card(page, 'kubernetes:reign-test/*');
    await agreesWithPeer(
      page,
      async () => ({ state: await state('kubernetes:reign-test/*'), running: await count(page, 'kubernetes:reign-test/*', 'running'), namespaces: await namespacesShown(kube) }),
      async () => ({ state: 'reachable', ...(await clusterCounts()) }),
    );
    expect(await kube.getByTestId('dashboard-mark-current').count()).toBe(1);
    const version = await clusterApi<{ gitVersion: string }>(cluster!, '/version');
    expect(await kube.textContent()).toContain(version.gitVersion);
    const ours = await clusterApi<{ items: { status?: { phase?: string } }[] }>(cluster!, `/api/v1/namespaces/${namespace}/pods`);
    expect(ours.items.length).toBeGreaterThan(0); // our Deployment's pods are among those counted

    // A context that does not answer says so, and what to do, in words.
    const gone = card(page, 'kubernetes:gone-cluster/*');
    expect(await gone.getByTestId('dashboard-target-state').textContent()).toBe('unreachable');
    expect(await gone.getAttribute('data-tone')).toBe('bad');
    expect(await gone.getByTestId('dashboard-target-fix').textContent()).toMatch(/What to do: Check that the cluster is running/);

    // Terraform: the drift the last check found.
    const infra = card(page, 'terraform:infra');
    expect(await infra.getByTestId('dashboard-target-state').textContent()).toBe('drift found');
    expect(await count(page, 'terraform:infra', 'drifted-resources')).toBe(1);
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });

    // A card opens Resources on that target's view and scope, from the keyboard.
    await kube.getByTestId('dashboard-target-open').focus();
    await page.keyboard.press('Enter');
    await app.pane('resources').waitFor();
    await page.locator('[data-testid^="resources-view-"]').first().waitFor();
    expect(await page.evaluate(() => [...document.querySelectorAll('select')].map((select) => (select as HTMLSelectElement).value))).toEqual(expect.arrayContaining(['reign-test', '*']));
    await page.close();
  }, 150_000);

  it('tells of a failed run with a toast that stays and opens it in History, a count on the bell, and a line in "Failed recently"', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and the Kubernetes test cluster');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page);
    const ui = new ChatAndPlan(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    await expect.poll(() => page.getByTestId('chat-provider').inputValue(), { timeout: 20_000 }).toBe('scripted');
    await ui.send('scale api to 2');
    await ui.waitForState('waiting-for-approval');
    await page.getByTestId('chat-plan-open').click();
    await app.pane('plan').waitFor();
    await page.getByTestId('plan-approve-level').selectOption('write');
    await page.getByTestId('plan-approve-all').click();
    await page.getByTestId('plan-submit').click();

    const toast = page.getByTestId('run-toast');
    await toast.waitFor({ timeout: 90_000 });
    expect(['failed', 'rolled-back']).toContain(await toast.getAttribute('data-kind'));
    expect(await toast.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('run-toast-title').textContent()).toMatch(/^“Scale the missing api deployment” failed/);
    expect(await page.getByTestId('notifications-unread').textContent()).toBe('1');
    await page.screenshot({ path: join(artifacts, 'notifications.png') });
    await page.getByTestId('notifications-bell').click();
    expect(await page.getByTestId('notification-item').allTextContents()).toEqual([expect.stringMatching(/failed.*Scale the missing api deployment/)]);
    await page.screenshot({ path: join(artifacts, 'notifications-list.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('notifications-panel').count()).toBe(0);
    expect(await page.getByTestId('notifications-unread').count()).toBe(0);
    expect(await page.getByTestId('run-toast').count()).toBe(1); // a failure's toast waits for the person

    // The toast stays (a failure is not dismissed for the person) and takes them to the run.
    await page.getByTestId('run-toast-open').click();
    await app.pane('history').waitFor();
    await page.getByTestId('history-detail').waitFor();
    const runId = (await page.locator('[data-testid^="history-run-"][aria-selected="true"]').getAttribute('data-testid'))!.replace('history-run-', '');
    expect(await page.getByTestId('run-toast').count()).toBe(0);

    // The dashboard lists it under "Failed recently", and its line opens History too.
    await app.goTo('home');
    const failed = page.getByTestId('dashboard-failed-runs').getByTestId('dashboard-run');
    await failed.first().waitFor();
    expect(await failed.first().textContent()).toMatch(/Scale the missing api deployment/);
    expect(['failed', 'rolled-back']).toContain(await failed.first().getAttribute('data-status'));
    expect(await failed.first().getAttribute('data-run')).toBe(runId);
    expect(await page.getByTestId('dashboard-recent-runs').locator(`[data-run="${runId}"]`).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'dashboard-runs.png') });
    await failed.first().focus();
    await page.keyboard.press('Enter');
    await app.pane('history').waitFor();
    await page.locator(`[data-testid="history-run-${runId}"][aria-selected="true"]`).waitFor();
    await page.close();
  }, 150_000);

  it('shows a system notification when a run ends while the window is in the background', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and the Kubernetes test cluster');
    const browsing = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    await browsing.grantPermissions(['notifications'], { origin: serve!.origin });
    const page = await browsing.newPage();
    // Records each system notification the page shows, and still shows it through the browser's own API.
    await page.addInitScript(() => {
      const Real = window.Notification;
      const shown: { title: string; body: string | undefined }[] = [];
      (window as unknown as { __notifications: typeof shown }).__notifications = shown;
      window.Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body });
        }
      } as typeof Notification;
    });
    const app = new AppPage(page);
    const ui = new ChatAndPlan(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    await expect.poll(() => page.getByTestId('chat-provider').inputValue(), { timeout: 20_000 }).toBe('scripted');
    await page.getByTestId('chat-new').click();
    await ui.send('scale api to 2');
    await ui.waitForState('waiting-for-approval');
    await page.getByTestId('chat-plan-open').click();
    await app.pane('plan').waitFor();
    await page.getByTestId('plan-approve-level').selectOption('write');
    await page.getByTestId('plan-approve-all').click();
    // Another tab in front: the app's window is in the background when the run ends. (Playwright
    // tells every page it has focus unless its focus emulation is turned off.)
    const cdp = await browsing.newCDPSession(page);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    const other = await browsing.newPage();
    await other.bringToFront();
    expect(await page.evaluate(() => document.hasFocus())).toBe(false);
    await page.getByTestId('plan-submit').dispatchEvent('click');
    await page.waitForFunction(() => (window as unknown as { __notifications: unknown[] }).__notifications.length > 0, undefined, { timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { __notifications: unknown[] }).__notifications)).toEqual([{ title: '“Scale the missing api deployment” failed', body: expect.stringMatching(/1 step failed/) }]);
    // The toast is there too, for when the person comes back.
    expect(await page.getByTestId('run-toast').count()).toBe(1);
    await browsing.close();
  }, 150_000);

  it('does not read a target a policy rule denies reads of: its card says so and names the rule', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app, the Docker engine and the Kubernetes test cluster');
    expect(runReign(['settings', 'set', 'policyRules', JSON.stringify([{ tool: 'kubernetes.*', target: 'kubernetes:gone-cluster/*', decision: 'deny' }])], serve!.env).status).toBe(0);
    const page = await browser!.newPage({ viewport: { width: 1440, height: 1600 } });
    try {
      const app = new AppPage(page);
      await app.open(serve!.url);
      await app.pane('home').waitFor();
      // The unreachable context is not asked at all: "not read", not "unreachable".
      const gone = card(page, 'kubernetes:gone-cluster/*');
      await gone.waitFor();
      expect(await gone.getByTestId('dashboard-target-state').textContent()).toBe('not read');
      expect(await gone.getByTestId('dashboard-target-summary').textContent()).toContain('policy rule “deny kubernetes.* on kubernetes:gone-cluster/*”');
      expect(await gone.getByTestId('dashboard-target-open').count()).toBe(0);
      // The context no rule denies is read as before.
      expect(await card(page, 'kubernetes:reign-test/*').getByTestId('dashboard-target-state').textContent()).toMatch(/reachable|pods failing/);
      await page.screenshot({ path: join(artifacts, 'dashboard-policy-denied.png'), fullPage: true });
    } finally {
      runReign(['settings', 'set', 'policyRules', '[]'], serve!.env);
      await page.close();
    }
  }, 150_000);
});
