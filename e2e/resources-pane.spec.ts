import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { engineApi as engine, ensureDockerTestImage, TEST_IMAGE } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// The Resources pane against the real engine: Docker's views as data tables (sort, filter,
// status, bulk actions, keyboard), live state from engine events, and actions that go through
// the policy, wait for the person's approval, and are journaled.

const prefix = `reign-pane-${randomUUID().slice(0, 8)}`;
const names = [`${prefix}-web`, `${prefix}-api-2`, `${prefix}-api-10`];
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  const launched = await browserForApp(ensureDockerTestImage);
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(isolatedEnv());
  for (const name of names) execFileSync('docker', ['run', '-d', '--name', name, '--label', 'reign.test=pane', TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/www']);
}, 180_000);
afterAll(async () => {
  spawnSync('docker', ['rm', '-f', ...names], { stdio: 'ignore' });
  await serve?.stop();
  await browser?.close();
});

const running = (name: string): string => spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', name], { encoding: 'utf8' }).stdout.trim();
const status = (page: Page, name: string) => page.getByTestId(`resources-row-${name}`).getByTestId('resources-status').textContent();
const waitStatus = (page: Page, name: string, state: string) =>
  page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="resources-row-${id}"] [data-testid="resources-status"]`)?.textContent === want, [name, state] as const, { timeout: 20_000 });
const shownRows = (page: Page) => page.locator('[data-testid^="resources-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.replace('resources-row-', '')));

async function openPane(): Promise<{ page: Page; app: AppPage }> {
  mkdirSync(artifacts, { recursive: true });
  const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('resources');
  await page.getByTestId('resources-view-docker.containers').waitFor();
  return { page, app };
}

describe('the Resources pane', () => {
  it('shows Docker\'s containers, images, networks and volumes as tables: filter, sort, status, ages, tabs', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const { page } = await openPane();
    await page.getByTestId('resources-filter').fill(prefix);
    await page.getByTestId(`resources-row-${names[2]}`).waitFor();
    expect(await page.getByTestId('resources-count').textContent()).toMatch(/^3( of \d+| containers)$/);
    expect(await shownRows(page)).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    expect(await status(page, names[0]!)).toBe('running');
    expect(await page.getByTestId(`resources-row-${names[0]}`).getAttribute('data-tone')).toBe('ok');
    expect(await page.getByTestId(`resources-row-${names[0]}`).locator('[data-column="created"]').textContent()).toMatch(/^\d+ (s|min)$/);
    await page.getByTestId('resources-sort-name').click();
    expect((await shownRows(page))[0]).toBe(names[0]);
    await page.screenshot({ path: join(artifacts, 'resources-containers.png') });

    await page.getByTestId('resources-filter').fill('no-such-container-anywhere');
    expect(await page.getByTestId('resources-empty').textContent()).toMatch(/Nothing matches/);

    for (const [view, expectRow] of [['docker.images', 'reign-test/busybox'], ['docker.networks', 'bridge'], ['docker.volumes', null]] as const) {
      await page.getByTestId(`resources-tab-${view}`).click();
      const table = page.getByTestId(`resources-view-${view}`);
      await table.waitFor();
      if (expectRow) await table.locator(`[data-testid^="resources-row-${expectRow}"]`).first().waitFor();
    }
    await page.getByTestId('resources-tab-docker.images').click();
    await page.screenshot({ path: join(artifacts, 'resources-images.png') });
    await page.close();
  }, 60_000);

  it('stops a container only after approval, shows engine changes live, and journals the action', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const { page } = await openPane();
    const name = names[0]!;
    await page.getByTestId('resources-filter').fill(name);
    const row = page.getByTestId(`resources-row-${name}`);
    await row.waitFor();

    // Its logs and a live CPU/memory chart, sampled while it runs.
    await row.getByTestId('resources-open').click();
    expect(await page.getByTestId('resources-details').getAttribute('data-row')).toBe(name);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="resources-stats"]')?.getAttribute('data-samples')) >= 2, undefined, { timeout: 20_000 });
    expect(await page.getByTestId('resources-stats').locator('figcaption').textContent()).toMatch(/CPU [\d.]+% · memory [\d.]+ MiB/);
    expect(await page.getByTestId('resources-logs').textContent()).not.toBe('Reading…');
    await page.screenshot({ path: join(artifacts, 'resources-details.png') });
    await row.getByTestId('resources-open').click();

    await row.getByTestId('resources-action-stop').click();
    const approval = page.getByTestId('resources-approval');
    await approval.waitFor();
    expect(await approval.getAttribute('data-risk')).toBe('destructive');
    expect(await approval.textContent()).toMatch(/stops .*whatever it serves goes down/);
    await page.screenshot({ path: join(artifacts, 'resources-approval.png') });
    expect(running(name)).toBe('true');
    await page.getByTestId('resources-approval-approve').click();
    await waitStatus(page, name, 'exited');
    expect(running(name)).toBe('false');

    // A change made outside Reign shows up by itself (engine events).
    execFileSync('docker', ['start', name]);
    await waitStatus(page, name, 'running');

    await row.getByTestId('resources-action-stop').click();
    await page.getByTestId('resources-approval-cancel').click();
    expect(await page.getByTestId('resources-approval').count()).toBe(0);
    expect(running(name)).toBe('true');

    const runs = JSON.parse(runReign(['runs', 'list', '--json'], serve!.env).stdout) as { status: string }[];
    expect(runs.map((run) => run.status)).toEqual(['succeeded']);
    await page.close();
  }, 60_000);

  it('selects rows by keyboard and runs a bulk action as one plan, approved once', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const { page } = await openPane();
    await page.getByTestId('resources-filter').fill(`${prefix}-api`);
    await page.getByTestId(`resources-row-${names[2]}`).waitFor();
    // ↓ and Space select the rows one by one from the keyboard.
    await page.getByTestId('resources-grid').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect(await page.getByTestId('resources-bulk').textContent()).toMatch(/^2 selected/);
    await page.getByTestId('resources-bulk-restart').waitFor();
    await page.getByTestId('resources-bulk-stop').click();
    await page.getByTestId('resources-approval').waitFor();
    expect(await page.getByTestId('resources-approval').textContent()).toMatch(/Approve: Stop 2 rows\?/);
    await page.screenshot({ path: join(artifacts, 'resources-bulk.png') });
    await page.getByTestId('resources-approval-approve').click();
    await waitStatus(page, names[1]!, 'exited');
    await waitStatus(page, names[2]!, 'exited');
    expect([running(names[1]!), running(names[2]!)]).toEqual(['false', 'false']);
    const runs = JSON.parse(runReign(['runs', 'list', '--json'], serve!.env).stdout) as { id: string; status: string; startedAt: string }[];
    const newest = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0]!;
    const shown = JSON.parse(runReign(['runs', 'show', newest.id, '--json'], serve!.env).stdout) as { status: string; steps: { tool: string; status: string }[] };
    expect(shown).toMatchObject({ status: 'succeeded', steps: [{ tool: 'docker.container.stop', status: 'succeeded' }, { tool: 'docker.container.stop', status: 'succeeded' }] });

    // A deny rule is enforced by the policy, whatever the pane offers; reads are policy-checked too.
    expect(runReign(['settings', 'set', 'policyRules', '[{"tool":"docker.container.*","decision":"deny"}]'], serve!.env).status).toBe(0);
    await page.getByTestId('resources-filter').fill(names[0]!);
    const row = page.getByTestId(`resources-row-${names[0]}`);
    await row.getByTestId('resources-action-stop').click();
    await page.getByTestId('resources-message').waitFor();
    expect(await page.getByTestId('resources-message').textContent()).toMatch(/Refused by policy \(rule deny docker.container.\*\)/);
    expect(running(names[0]!)).toBe('true');
    await page.getByTestId('resources-tab-docker.images').click();
    await page.getByTestId('resources-tab-docker.containers').click();
    await page.getByTestId('resources-error').waitFor();
    expect(await page.getByTestId('resources-error').textContent()).toMatch(/Refused by policy \(rule deny docker.container.\*\)/);
    expect(runReign(['settings', 'set', 'policyRules', '[]'], serve!.env).status).toBe(0);
    await page.close();
  }, 60_000);

  it('renders only the rows in view: hundreds of volumes scroll in a window of a few dozen rows', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const count = 400;
    const volumes = Array.from({ length: count }, (_, index) => `${prefix}-vol-${String(index).padStart(3, '0')}`);
    // The engine API directly, many at once: the CLI would take a process per volume.
    await Promise.all(volumes.map((name) => engine('POST', '/volumes/create', { Name: name, Labels: { 'reign.test': 'pane' } })));
    try {
      const { page } = await openPane();
      await page.getByTestId('resources-tab-docker.volumes').click();
      await page.getByTestId('resources-view-docker.volumes').waitFor();
      await page.getByTestId('resources-filter').fill(`${prefix}-vol`);
      await page.getByTestId(`resources-row-${volumes[0]}`).waitFor();
      expect(await page.getByTestId('resources-count').textContent()).toMatch(new RegExp(`^${count}( of \\d+| volumes)$`));
      const rendered = await shownRows(page);
      expect(rendered.length).toBeLessThan(60);
      await page.getByTestId('resources-body').evaluate((body) => (body.scrollTop = body.scrollHeight));
      await page.getByTestId(`resources-row-${volumes.at(-1)}`).waitFor();
      expect(await page.getByTestId(`resources-row-${volumes[0]}`).count()).toBe(0);
      expect((await shownRows(page)).length).toBeLessThan(60);
      await page.screenshot({ path: join(artifacts, 'resources-many-volumes.png') });
      await page.close();
    } finally {
      await Promise.all(volumes.map((name) => engine('DELETE', `/volumes/${name}`)));
    }
  }, 120_000);
});
