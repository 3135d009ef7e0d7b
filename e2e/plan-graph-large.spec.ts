import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, type ServeProcess, startServe } from './fixtures/serve-process';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// A 300-step plan in the Plan pane, in Chromium against `reign serve` with a scripted model. The
// graph draws only the steps in view (that is what makes it open fast: e2e/bench/plan-graph), so
// this checks what a person sees: it opens on the first steps at a readable size, and a step far
// down, reached with the keyboard, is brought into view, drawn and selected.

const STEPS = 300;
let browser: Browser | undefined;
let problem: string | null = null;
const serves: ServeProcess[] = [];

/** Layered like a real rollout: each step after the first six depends on one or two above. */
const steps = Array.from({ length: STEPS }, (_, i) => ({
  id: `s${i}`,
  tool: 'shell.exec',
  input: { command: `echo step ${i}` },
  dependsOn: i < 6 ? [] : [`s${i - 6}`, ...(i % 3 === 0 ? [`s${i - 5}`] : [])],
}));

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
}, 60_000);
afterAll(async () => {
  for (const serve of serves) await serve.stop();
  await browser?.close();
});

/** `reign serve` whose scripted model proposes these steps; the page with the Plan pane open on them. */
async function planShown(planSteps: readonly object[]): Promise<{ page: Page; ui: ChatAndPlan }> {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-plan-large-')));
  const transcript = writeTranscript([{ tool_calls: [{ name: 'propose_plan', arguments: { summary: `${planSteps.length} steps`, steps: planSteps } }] }]);
  const serve = await startServe(isolatedEnv(), ['--workspace', workspace, '--transcript', transcript]);
  serves.push(serve);
  const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
  const app = new AppPage(page);
  const ui = new ChatAndPlan(page);
  await app.open(serve.url);
  await app.goTo('chat');
  await ui.send('plan it');
  await ui.waitForState('waiting-for-approval');
  await app.goTo('plan');
  return { page, ui };
}

/** True when the whole of `inner` lies inside `outer` on screen. */
async function within(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()];
  return !!a && !!b && a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}

describe('a 300-step plan', () => {
  it('opens on its first steps at a readable size, draws only what is in view, and follows the keyboard to any step', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, ui } = await planShown(steps);
    const graph = page.getByTestId('plan-graph');
    expect(await graph.getAttribute('data-steps')).toBe(String(STEPS));

    // The first step is selected and shown whole, with its words readable (not shrunk to fit 300).
    await ui.step('s0').waitFor();
    expect(await ui.step('s0').getAttribute('aria-selected')).toBe('true');
    expect(await within(ui.step('s0'), graph)).toBe(true);
    expect((await ui.step('s0').boundingBox())!.width).toBeGreaterThanOrEqual(230 * 0.6 - 1);
    const drawn = await page.locator('.step-node').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(STEPS);
    await page.screenshot({ path: 'e2e/artifacts/plan-graph-300-steps.png' });

    // Far down the plan with the keyboard: the view follows, the step is drawn, whole and selected.
    expect(await ui.step('s120').count()).toBe(0);
    await page.getByTestId('pane-plan').focus();
    for (let i = 0; i < 120; i++) await page.keyboard.press('ArrowDown');
    await ui.step('s120').waitFor();
    expect(await ui.step('s120').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => within(ui.step('s120'), graph)).toBe(true);
    expect(await page.getByTestId('plan-step-details').textContent()).toContain('echo step 120');
    await page.screenshot({ path: 'e2e/artifacts/plan-graph-300-steps-s120.png' });

    // Deciding it from there is the same as on a small plan.
    await page.keyboard.press('r');
    await expect.poll(() => ui.stepStatus('s120')).toBe('rejected');
    await page.close();
  }, 120_000);

  it('still shows a small plan whole: a chain of 14 steps, every one drawn and in view', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const chain = Array.from({ length: 14 }, (_, i) => ({ id: `c${i}`, tool: 'shell.exec', input: { command: `touch c${i}.txt` }, dependsOn: i ? [`c${i - 1}`] : [] }));
    const { page, ui } = await planShown(chain);
    const graph = page.getByTestId('plan-graph');
    await ui.step('c0').waitFor();
    await expect.poll(() => page.locator('.step-node').count(), { timeout: 10_000 }).toBe(chain.length).finally(() => page.screenshot({ path: 'e2e/artifacts/plan-graph-14-step-chain.png' }));
    for (const { id } of chain) expect(await within(ui.step(id), graph), id).toBe(true);
    await page.close();
  }, 120_000);
});
