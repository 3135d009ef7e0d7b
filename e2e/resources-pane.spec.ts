import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { ensureDockerTestImage, TEST_IMAGE } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// The Resources pane against the real engine: live state from engine events, and actions that go
// through the policy, wait for the person's approval, and are journaled.

const name = `reign-pane-${randomUUID().slice(0, 8)}`;
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  const launched = await browserForApp(ensureDockerTestImage);
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(isolatedEnv());
  execFileSync('docker', ['run', '-d', '--name', name, '--label', 'reign.test=pane', TEST_IMAGE, 'httpd', '-f', '-p', '80', '-h', '/www']);
}, 180_000);
afterAll(async () => {
  spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  await serve?.stop();
  await browser?.close();
});

describe('the Resources pane', () => {
  it('stops a container only after approval, shows engine changes live, and journals the action', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    mkdirSync(join(repoRoot, 'e2e', 'artifacts'), { recursive: true });
    const page = await browser!.newPage();
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('resources');
    const row = page.getByTestId(`resources-container-${name}`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('running');

    // Its logs and a live CPU/memory chart, sampled while it runs.
    await row.getByTestId('resources-container-open').click();
    expect(await page.getByTestId('resources-details').getAttribute('data-container')).toBe(name);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="resources-stats"]')?.getAttribute('data-samples')) >= 2, undefined, { timeout: 20_000 });
    expect(await page.getByTestId('resources-stats').locator('figcaption').textContent()).toMatch(/CPU [\d.]+% · memory [\d.]+ MiB/);
    expect(await page.getByTestId('resources-logs').textContent()).not.toBe('Reading…');
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'resources-details.png') });
    await row.getByTestId('resources-container-open').click();

    await row.getByTestId('resources-action-stop').click();
    const approval = page.getByTestId('resources-approval');
    await approval.waitFor();
    expect(await approval.getAttribute('data-risk')).toBe('destructive');
    expect(await approval.textContent()).toMatch(/stops .*whatever it serves goes down/);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'resources-approval.png') });
    expect(spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', name], { encoding: 'utf8' }).stdout.trim()).toBe('true');
    await page.getByTestId('resources-approval-approve').click();
    await page.waitForFunction((id) => document.querySelector(`[data-testid="resources-container-${id}"]`)?.getAttribute('data-state') === 'exited', name);
    expect(spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', name], { encoding: 'utf8' }).stdout.trim()).toBe('false');

    // A change made outside Reign shows up by itself (engine events).
    execFileSync('docker', ['start', name]);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="resources-container-${id}"]`)?.getAttribute('data-state') === 'running', name);

    await row.getByTestId('resources-action-stop').click();
    await page.getByTestId('resources-approval-cancel').click();
    expect(await page.getByTestId('resources-approval').count()).toBe(0);
    expect(spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', name], { encoding: 'utf8' }).stdout.trim()).toBe('true');

    const runs = JSON.parse(runReign(['runs', 'list', '--json'], serve!.env).stdout) as { status: string }[];
    expect(runs.map((run) => run.status)).toEqual(['succeeded']);

    // A deny rule is enforced by the policy, whatever the pane offers.
    expect(runReign(['settings', 'set', 'policyRules', '[{"tool":"docker.container.*","decision":"deny"}]'], serve!.env).status).toBe(0);
    // Reads are policy-checked too: with the deny rule, the details say so instead of showing logs.
    await row.getByTestId('resources-container-open').click();
    await page.getByTestId('resources-details').getByRole('alert').waitFor();
    expect(await page.getByTestId('resources-details').getByRole('alert').textContent()).toMatch(/Refused by policy \(rule deny docker.container.\*\)/);
    await row.getByTestId('resources-container-open').click();

    await row.getByTestId('resources-action-stop').click();
    await page.getByTestId('resources-message').waitFor();
    expect(await page.getByTestId('resources-message').textContent()).toMatch(/Refused by policy \(rule deny docker.container.\*\)/);
    expect(spawnSync('docker', ['inspect', '-f', '{{.State.Running}}', name], { encoding: 'utf8' }).stdout.trim()).toBe('true');
    await page.close();
  }, 60_000);
});
