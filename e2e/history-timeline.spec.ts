import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReignAsync, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// History's charts on real runs: a plan run by the CLI (two steps in parallel, one after both),
// journaled, then read back by `reign serve` into the run-durations chart and the run's timeline.

const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;
let workspace = '';

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(isolatedEnv());
  workspace = mkdtempSync(join(tmpdir(), 'reign-timeline-'));
  const parallel = join(workspace, 'parallel.yaml');
  writeFileSync(
    parallel,
    [
      'name: build in parallel',
      'steps:',
      '  - { id: fetch-deps, tool: shell.exec, input: { command: "sleep 1.2; echo deps" } }',
      '  - { id: compile, tool: shell.exec, input: { command: "sleep 0.6; echo compiled" } }',
      '  - { id: package, tool: shell.exec, dependsOn: [fetch-deps, compile], input: { command: "sleep 0.3; ls" } }',
    ].join('\n'),
  );
  const failing = join(workspace, 'failing.yaml');
  writeFileSync(failing, 'name: a failing check\nsteps:\n  - { id: check, tool: shell.exec, input: { command: "sleep 0.2; exit 3" } }\n');
  // An earlier run that failed, so the durations chart has a bar in the failure's colour.
  expect((await runReignAsync(['plan', 'run', failing, '--workspace', workspace, '--approve', 'write'], serve.env)).status).toBe(1);
  const ran = await runReignAsync(['plan', 'run', parallel, '--workspace', workspace, '--approve', 'write'], serve.env);
  expect(ran.status, ran.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

/** A bar's stretch of time as the timeline drew it (from the journal's timestamps). */
async function stretch(bar: Locator): Promise<{ start: number; end: number }> {
  return { start: Number(await bar.getAttribute('data-start-ms')), end: Number(await bar.getAttribute('data-end-ms')) };
}

describe('History: run durations and the run timeline', () => {
  it('charts the last runs, opens one from its bar, and lays its steps on one time axis with parallel ones overlapping', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('history');

    // Durations: one bar per run, oldest first; the failed run in the failure's colour.
    const chart = page.getByTestId('history-durations');
    await chart.waitFor();
    const bars = chart.locator('[data-testid^="history-duration-"]');
    expect(await bars.count()).toBe(2);
    const statuses = await bars.evaluateAll((all) => all.map((bar) => bar.getAttribute('data-status')));
    expect(['failed', 'rolled-back']).toContain(statuses[0]);
    expect(statuses[1]).toBe('succeeded');
    expect(await bars.first().getAttribute('class')).toMatch(/tone-bad/);
    expect(await bars.last().getAttribute('class')).toMatch(/tone-ok/);
    expect(Number(await bars.last().getAttribute('data-duration-ms'))).toBeGreaterThan(Number(await bars.first().getAttribute('data-duration-ms')));

    // Enter on a bar opens that run.
    await bars.last().focus();
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('history-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').textContent()).toMatch(/build in parallel/);
    expect(await bars.last().getAttribute('aria-pressed')).toBe('true');
    // The detail is below the list: opening a run from the chart brings it into view.
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="history-detail"]')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.top < window.innerHeight / 2;
    });

    const timeline = page.getByTestId('history-timeline');
    await timeline.waitFor();
    const timelineBars = timeline.locator('[data-testid^="history-timeline-bar-"]');
    expect(await timelineBars.count()).toBe(3);
    const [deps, compile, pack] = await Promise.all(['fetch-deps', 'compile', 'package'].map((id) => stretch(page.getByTestId(`history-timeline-bar-${id}`))));
    // The two steps without dependencies ran together; package waited for both.
    expect(deps!.start < compile!.end && compile!.start < deps!.end, 'fetch-deps and compile overlap').toBe(true);
    expect(pack!.start).toBeGreaterThanOrEqual(Math.max(deps!.end, compile!.end));
    expect(deps!.end - deps!.start).toBeGreaterThan(compile!.end - compile!.start);
    // Drawn as they ran: package's bar starts to the right of where fetch-deps' bar ends.
    const [depsBox, packBox, compileBox] = await Promise.all([page.getByTestId('history-timeline-bar-fetch-deps').boundingBox(), page.getByTestId('history-timeline-bar-package').boundingBox(), page.getByTestId('history-timeline-bar-compile').boundingBox()]);
    expect(packBox!.x).toBeGreaterThanOrEqual(depsBox!.x + depsBox!.width - 1);
    expect(compileBox!.x).toBeLessThan(depsBox!.x + depsBox!.width);

    // Each bar has its duration written on or beside it.
    for (const id of ['fetch-deps', 'compile', 'package']) expect(await page.getByTestId(`history-timeline-duration-${id}`).textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/);
    expect(await page.getByTestId('history-timeline-duration-fetch-deps').textContent()).toMatch(/^\d\.\d s$/);

    // Focus shows exact times.
    await page.getByTestId('history-timeline-bar-package').focus();
    expect(await page.getByTestId('history-timeline-detail').textContent()).toMatch(/^package succeeded: \d\d:\d\d:\d\d\.\d{3} → \d\d:\d\d:\d\d\.\d{3} \(\d+ ms\)$/);

    mkdirSync(artifacts, { recursive: true });
    await page.evaluate(() => document.querySelector('#pane-title-history')?.scrollIntoView());
    await page.getByTestId('history-timeline-bar-fetch-deps').hover();
    await page.screenshot({ path: join(artifacts, 'history-timeline.png'), fullPage: true });

    // At 200% zoom of a small window the charts shrink with the pane: nothing scrolls sideways.
    await page.setViewportSize({ width: 720, height: 450 });
    expect(await page.getByTestId('pane-history').evaluate((pane) => pane.scrollWidth - pane.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.getByTestId('history-timeline-duration-fetch-deps').isVisible()).toBe(true);
    await page.close();
  }, 60_000);
});
