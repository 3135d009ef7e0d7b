import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { ensureDockerTestImage, labelled, removeLabelled } from './fixtures/docker-engine';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { EditorPage } from './pages/editor-page';
import { ChatAndPlan } from './pages/plan-page';
import { type StackScenario, stackScenario } from './scenarios/stack-scenario';
import { writeTranscript } from './fixtures/transcripts';

// The desktop path in Chromium against `reign serve`, with a scripted model and the real Docker
// engine (e2e/scenarios/stack-scenario.ts). Screenshots of each stage: e2e/artifacts/scenario-*.png.

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let scenario: StackScenario | undefined;
let problem: string | null = null;

beforeAll(async () => {
  const launched = await browserForApp(ensureDockerTestImage);
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  scenario = stackScenario();
  serve = await startServe(isolatedEnv(), ['--workspace', scenario.workspace, '--transcript', scenario.transcript]);
}, 180_000);
afterAll(async () => {
  scenario?.cleanUp();
  await serve?.stop();
  await browser?.close();
});

describe('the desktop scenario', () => {
  it('asks for a stack, approves its plan in the graph, watches it run, sees the containers, and undoes it', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await new AppPage(page).open(serve!.url);
    await scenario!.run(page, 'scenario');
  }, 240_000);
});

describe('a plan that fails', () => {
  it('refuses an invalid edit of a step, needs the typed name of a production target, and is rolled back step by step in the graph', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and a Docker engine');
    const id = randomUUID().slice(0, 8);
    const labels = { 'reign.test': `rollback-${id}` };
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-rollback-')));
    const steps = [
      { id: 'net', tool: 'docker.network.create', input: { name: `reign-rb-${id}`, labels } },
      { id: 'broken', tool: 'docker.container.run', dependsOn: ['net'], input: { image: 'reign-test/does-not-exist:1', name: `reign-rb-${id}-app`, labels } },
    ];
    const transcript = writeTranscript([{ tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Network and an app that cannot start', steps } }] }, { text: 'The app image does not exist; the network was removed again.' }]);
    const env = isolatedEnv();
    expect(runReign(['settings', 'set', 'productionTargets', '["docker:*"]'], env).status).toBe(0);
    const production = await startServe(env, ['--workspace', workspace, '--transcript', transcript]);
    try {
      const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
      const app = new AppPage(page);
      const ui = new ChatAndPlan(page);
      await app.open(production.url);
      await ui.send('Create the network and start the app');
      await ui.waitForState('waiting-for-approval');
      await app.goTo('plan');

      // A step's input is edited as JSON against its tool's schema; what the tool refuses is not saved.
      await ui.chooseAndEdit('broken');
      const editor = new EditorPage(page);
      await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
      expect(await editor.editor.getAttribute('data-language')).toBe('json');
      // Typed key by key (Monaco closes quotes and braces as you type): a key the tool does not take.
      await editor.editor.locator('.view-lines').click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('"restartt": "always",');
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="editor-problem"]')].some((row) => /restartt/.test(row.textContent ?? '')));
      await page.getByTestId('editor-save').click();
      expect(await page.getByTestId('editor-save-error').textContent()).toMatch(/Not saved: .*restartt/);
      await app.goTo('plan');
      expect(await ui.step('broken').textContent()).not.toMatch(/edited/);

      // Approving is not enough on a production target: its name must be typed.
      await page.getByTestId('plan-approve-all').click();
      await page.getByTestId('plan-submit').click();
      expect(await page.getByTestId('plan-error').textContent()).toMatch(/Type the name of the production target to approve net, broken/);
      for (const step of ['net', 'broken']) {
        await ui.step(step).click();
        const name = await page.getByTestId('plan-step-details').locator('.confirm code').textContent();
        expect(name).toMatch(/^docker /);
        await page.getByTestId('plan-step-confirm').fill(name!);
      }
      await page.getByTestId('plan-submit').click();

      // The app cannot start, so the network made before it is rolled back, and the graph says so.
      await ui.waitForRun('rolled-back');
      expect(await ui.stepStatus('broken')).toBe('failed');
      expect(await ui.stepStatus('net')).toBe('undone');
      expect(await page.getByTestId('plan-run-log').textContent()).toMatch(/broken failed: .*Rolling back net.*↺ net undone.*Run rolled-back/s);
      await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'scenario-rollback.png') });
      expect(labelled(`reign.test=rollback-${id}`).networks).toEqual([]);
      await page.close();
    } finally {
      removeLabelled(`reign.test=rollback-${id}`);
      await production.stop();
    }
  }, 120_000);
});
