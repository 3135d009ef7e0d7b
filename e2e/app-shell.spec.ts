import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import WebSocket from 'ws';
import { DoctorReportSchema } from '../preload/contract';
import { browserForApp } from './fixtures/browser';
import { startOllamaFixture } from './fixtures/ollama-fixture';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage, type PaneId } from './pages/app-page';

const ARTIFACTS = join(repoRoot, 'e2e', 'artifacts');

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  const env = isolatedEnv();
  // A kubeconfig with a current context, so the status bar has one to show.
  const kubeconfig = join(env.HOME!, '.kube', 'config');
  mkdirSync(join(env.HOME!, '.kube'), { recursive: true });
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\ncurrent-context: e2e-cluster\ncontexts:\n- name: e2e-cluster\n  context: {cluster: e2e, user: e2e}\n');
  serve = await startServe(env);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

/** Opens the app in a new tab; any page error or console error not `expected` fails the test. */
async function openApp(context: TestContext, expected?: RegExp): Promise<AppPage> {
  requireInfrastructure(context, problem, 'The browser end-to-end setup');
  const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !expected?.test(message.text()) && errors.push(message.text()));
  context.onTestFinished(async () => {
    await page.close();
    expect(errors, 'the page logged errors').toEqual([]);
  });
  const app = new AppPage(page);
  await app.open(serve!.url);
  return app;
}

describe('the app frame over reign serve', () => {
  it('loads, takes the token out of the address bar, and connects', async (context) => {
    const app = await openApp(context);
    expect(app.page.url()).toBe(`${serve!.origin}/`);
    await app.pane('home').waitFor(); // the app opens on its dashboard
    await app.statusReady();
    expect(await app.status('connection').count()).toBe(0); // shown only when not connected
    // A reload still works: the token was kept for this tab.
    await app.page.reload();
    await app.frame.waitFor();
    await app.statusReady();
    expect(await app.status('connection').count()).toBe(0);
  });

  it('navigates between every pane (all built), by click, by Ctrl+number and by the command palette', async (context) => {
    const app = await openApp(context);
    const panes: PaneId[] = ['home', 'chat', 'plan', 'editor', 'terminals', 'resources', 'history', 'settings'];
    for (const pane of panes) {
      await app.goTo(pane);
      expect(await app.nav(pane).getAttribute('aria-current')).toBe('page');
    }
    await app.page.keyboard.press('Control+4');
    await app.pane('editor').waitFor();
    await app.page.keyboard.press('Control+8');
    await app.pane('settings').waitFor();
    await app.page.keyboard.press('Control+1');
    await app.pane('home').waitFor();
    // The command palette: every action by name from the keyboard.
    await app.page.keyboard.press('Control+k');
    await app.page.getByTestId('command-palette-input').fill('go hist');
    expect(await app.page.getByTestId('command-palette-item').allTextContents()).toEqual(['Go to HistoryCtrl+7']);
    await app.page.keyboard.press('Enter');
    await app.pane('history').waitFor();
    expect(await app.page.getByTestId('command-palette').count()).toBe(0);
    await app.page.keyboard.press('Control+k');
    await app.page.keyboard.press('Escape');
    expect(await app.page.getByTestId('command-palette').count()).toBe(0);
  });

  it('shows in the status bar what doctor finds on this machine', async (context) => {
    const app = await openApp(context);
    await app.statusReady();
    const report = DoctorReportSchema.parse(JSON.parse(runReign(['doctor', '--json'], serve!.env).stdout));
    const engine = await app.status('engine').textContent();
    const docker = report.checks.docker!;
    if (docker.status === 'ok') expect(engine).toBe(`Docker ${docker.serverVersion}`);
    else expect(engine).toMatch(/No Docker engine|Docker unreachable/);
    expect(await app.status('engine').getAttribute('title')).toBe(docker.summary);
    expect(await app.status('context').textContent()).toBe('k8s: e2e-cluster');
    expect(await app.status('model').textContent()).toMatch(/^Claude · /);
    // A click on the status bar opens the full report.
    await app.status('engine').click();
    await app.pane('settings').waitFor();
    expect(await app.doctorCheck('kubernetes').getAttribute('data-status')).toBe('ok');
    expect(await app.doctorCheck('git').textContent()).toContain(String(report.checks.git!.version));
  });

  it('round-trips a setting through the contract: saved, pushed to other windows, kept after reload', async (context) => {
    const app = await openApp(context);
    const other = await openApp(context);
    await app.goTo('settings');
    await app.page.getByTestId('settings-theme').selectOption('dark');
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    // The other tab hears settings.changed without reloading.
    await other.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await app.page.reload();
    await app.frame.waitFor();
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    mkdirSync(ARTIFACTS, { recursive: true });
    await app.goTo('settings');
    await app.statusReady();
    await app.page.screenshot({ path: join(ARTIFACTS, 'app-frame-dark.png') });
    await app.page.getByTestId('settings-theme').selectOption('light');
    await app.page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await app.goTo('chat');
    await app.page.screenshot({ path: join(ARTIFACTS, 'app-frame.png') });
  });

  it('shows a refused setting where it was typed, and keeps the old value', async (context) => {
    const app = await openApp(context);
    await app.goTo('settings');
    const url = app.page.getByTestId('settings-ollama-url');
    await url.fill('localhost:11434');
    await app.page.getByTestId('settings-ollama-save').click();
    expect(await app.page.getByTestId('settings-error').textContent()).toMatch(/Ollama URL must be a full http/);
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    await app.page.reload();
    await app.goTo('settings');
    expect(await app.page.getByTestId('settings-ollama-url').inputValue()).toBe('http://127.0.0.1:11434');
  });

  it('shows past runs from the journal: filter, open one with its steps, outputs and approvals, export', async (context) => {
    const app = await openApp(context);
    const workspace = mkdtempSync(join(tmpdir(), 'reign-history-'));
    const planFile = join(workspace, 'plan.yaml');
    writeFileSync(planFile, 'name: write two files\nsteps:\n  - { id: one, tool: files.write, input: { path: one.txt, content: "1" } }\n  - { id: two, tool: shell.exec, dependsOn: [one], input: { command: "echo about to fail; exit 4" } }\n');
    expect(runReign(['plan', 'run', planFile, '--workspace', workspace, '--approve', 'write'], serve!.env).status).toBe(1);
    writeFileSync(planFile, 'name: look around\nsteps:\n  - { id: look, tool: shell.exec, input: { command: "ls" } }\n');
    expect(runReign(['plan', 'run', planFile, '--workspace', workspace], serve!.env).status).toBe(0);

    await app.goTo('history');
    const rows = app.page.locator('[data-testid^="history-run-"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await app.page.getByTestId('history-filter-status').selectOption('rolled-back');
    await app.page.waitForFunction(() => document.querySelectorAll('[data-testid^="history-run-"]').length === 1);
    await rows.first().getByRole('button').click();
    await app.page.getByTestId('history-detail').waitFor();
    expect(await app.page.getByTestId('history-step-one').getAttribute('data-status')).toBe('undone');
    expect(await app.page.getByTestId('history-step-two').textContent()).toMatch(/exited with code 4/);
    await app.page.getByTestId('history-output-two').locator('summary').click();
    expect(await app.page.getByTestId('history-output-two').textContent()).toMatch(/about to fail/);
    expect(await app.page.getByTestId('history-approvals').textContent()).toMatch(/one: approve by cli --approve write/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await app.page.screenshot({ path: join(ARTIFACTS, 'history.png') });
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('history-export-run').click()]);
    const exported = readFileSync(await download.path(), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(exported.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['run.started', 'step.undone', 'run.finished']));
  });

  it('stays usable at 200% zoom: no pane scrolls sideways, navigation and status stay visible, focus is shown', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    // 200% zoom of a 1440×900 window: half the CSS pixels, each drawn twice.
    const page = await browser!.newPage({ viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 });
    const app = new AppPage(page);
    await app.open(serve!.url);
    for (const pane of ['home', 'chat', 'plan', 'editor', 'terminals', 'resources', 'history', 'settings'] as PaneId[]) {
      await app.goTo(pane);
      // The Resources table arrives after its rows are read: measure it, not the pane before it.
      if (pane === 'resources') await page.locator('[data-testid^="resources-view-"]').first().waitFor();
      const overflow = await page.evaluate(() => ({ page: document.documentElement.scrollWidth - document.documentElement.clientWidth, content: [...document.querySelectorAll('.content')].map((el) => el.scrollWidth - el.clientWidth)[0] ?? 0 }));
      expect(overflow, pane).toEqual({ page: 0, content: 0 });
      expect(await app.status('engine').isVisible()).toBe(true);
      if (pane === 'chat') await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'zoom-200-chat.png') });
    }
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.close();
  });

  it('tests each model provider by listing its models, and keeps the model chosen', async (context) => {
    const app = await openApp(context);
    const ollama = await startOllamaFixture(['qwen3:8b', 'llama3.2:3b']);
    try {
      await app.goTo('settings');
      await app.page.getByTestId('settings-models-anthropic-check').click();
      expect(await app.page.getByTestId('settings-models-anthropic-status').textContent()).toMatch(/No Anthropic API key: store one/);
      await app.page.getByTestId('settings-ollama-url').fill(ollama.baseUrl);
      await app.page.getByTestId('settings-ollama-save').click();
      await app.page.waitForFunction((url) => (document.querySelector('[data-testid="settings-ollama-url"]') as HTMLInputElement | null)?.value === url, ollama.baseUrl);
      await app.page.getByTestId('settings-models-ollama-check').click();
      expect(await app.page.getByTestId('settings-models-ollama-status').textContent()).toBe('2 models available');
      await app.page.getByTestId('settings-models-ollama').selectOption('llama3.2:3b');
      await app.page.waitForFunction(() => (document.querySelector('[data-testid="settings-models-ollama"]') as HTMLSelectElement | null)?.value === 'llama3.2:3b');
      expect(JSON.parse(runReign(['settings', 'get'], serve!.env).stdout)).toMatchObject({ ollamaModel: 'llama3.2:3b' });
    } finally {
      await ollama.close();
    }
  });

  it('edits policy rules with a preview of the tools they match, and keeps them', async (context) => {
    const app = await openApp(context);
    await app.goTo('settings');
    await app.page.getByTestId('policy-new-decision').selectOption('deny');
    await app.page.getByTestId('policy-new-tool').fill('docker.container.*');
    // The tool names arrive with the pane's first load; the preview counts them once they are there.
    await app.page.waitForFunction(() => !/^Matches 0 tools/.test(document.querySelector('[data-testid="policy-preview"]')?.textContent ?? 'Matches 0 tools'));
    expect(await app.page.getByTestId('policy-preview').textContent()).toMatch(/^Matches 12 tools: docker.container.exec, /);
    await app.page.getByTestId('policy-new-target').fill('docker:*');
    await app.page.getByTestId('policy-new-add').click();
    await app.page.getByTestId('policy-rule-0').waitFor();
    expect(await app.page.getByTestId('policy-rule-0').textContent()).toMatch(/^deny docker.container.\* on docker:\*/);
    await app.page.getByTestId('policy-production-new').fill('kubernetes:prod-*');
    await app.page.getByTestId('policy-production-add').click();
    await app.page.reload();
    await app.goTo('settings');
    await app.page.getByTestId('policy-rule-0').waitFor();
    expect(JSON.parse(runReign(['settings', 'get', 'policyRules'], serve!.env).stdout)).toEqual([{ tool: 'docker.container.*', target: 'docker:*', decision: 'deny' }]);
    expect(await app.page.getByTestId('policy-production').textContent()).toContain('kubernetes:prod-*');
    await app.page.getByTestId('policy-rule-remove-0').click();
    await app.page.waitForFunction(() => !document.querySelector('[data-testid="policy-rule-0"]'));
    expect(JSON.parse(runReign(['settings', 'get', 'policyRules'], serve!.env).stdout)).toEqual([]);

    // Defaults per risk: write steps may run without asking; destructive ones can only ask or be refused.
    expect(await app.page.getByTestId('policy-default-destructive').locator('option').allTextContents()).toEqual(['ask', 'deny']);
    await app.page.getByTestId('policy-default-write').selectOption('allow');
    await app.page.waitForFunction(() => (document.querySelector('[data-testid="policy-default-write"]') as HTMLSelectElement).value === 'allow');
    expect(JSON.parse(runReign(['settings', 'get', 'policyDefaults'], serve!.env).stdout)).toEqual({ read: 'allow', write: 'allow', destructive: 'ask', critical: 'deny' });
    const refused = runReign(['settings', 'set', 'policyDefaults', '{"read":"allow","write":"ask","destructive":"allow","critical":"deny"}'], serve!.env);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/Destructive and critical steps can only ask or be refused/);
    await app.page.getByTestId('policy-default-write').selectOption('ask');
  });

  it('refuses a WebSocket without the token, from the page and from another Origin', async (context) => {
    const app = await openApp(context, /WebSocket connection to .* failed/);
    // A string, so the test's own imports (ws) are not compiled into the page's code.
    const fromPage = await app.page.evaluate(`new Promise((resolve) => {
      const ws = new WebSocket('ws://127.0.0.1:${serve!.port}/ws');
      ws.onopen = () => resolve('opened');
      ws.onclose = () => resolve('refused');
    })`);
    expect(fromPage).toBe('refused');
    const fromOtherOrigin = await new Promise<number | string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${serve!.port}/ws?token=${serve!.token}`, { origin: 'http://attacker.example' });
      ws.on('open', () => resolve('opened'));
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    });
    expect(fromOtherOrigin).toBe(403);
  });
});
