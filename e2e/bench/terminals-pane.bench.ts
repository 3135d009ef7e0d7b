import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserForApp } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, type ServeProcess, startServe } from '../fixtures/serve-process';
import { AppPage } from '../pages/app-page';
import { TerminalsPage } from '../pages/terminals-page';
import { median, runsList } from './figures';

// How the Terminals pane answers while a terminal floods (moved here from terminals-pane.spec.ts,
// which asserts only that it does): key → value in another input, tab click → shown, the longest
// gap between animation frames, and Ctrl+C on a flood → the next command's output. Each against
// the same measure with the terminal quiet, in the same run. Figures are printed; nothing asserts a speed.

const LINES = 500_000; // 99 characters and a newline each: 50 MB

let browser: Browser | string;
let serve: ServeProcess | undefined;
beforeAll(async () => {
  browser = await browserForApp();
  if (typeof browser !== 'string') serve = await startServe(isolatedEnv({ SHELL: '/bin/bash' }));
});
afterAll(async () => {
  await serve?.stop();
  if (typeof browser !== 'string') await browser.close();
});

const shown = (page: Page, id: string) => page.waitForFunction((active) => document.querySelector('[data-testid="terminal-view"]')?.getAttribute('data-terminal-id') === active, id, { timeout: 60_000 });

/** One round: a key into the folder field until it shows, then a click on each tab until it is shown. */
async function round(terminals: TerminalsPage, tabs: readonly string[]): Promise<{ typed: number; switched: number[] }> {
  const { page } = terminals;
  const before = (await terminals.cwd.inputValue()).length;
  let t0 = performance.now();
  await terminals.cwd.press('x');
  await page.waitForFunction((length) => (document.querySelector('[data-testid="terminal-cwd"]') as HTMLInputElement).value.length === length, before + 1, { timeout: 60_000 });
  const typed = performance.now() - t0;
  const switched: number[] = [];
  for (const id of tabs) {
    t0 = performance.now();
    await terminals.tab(id).click();
    await shown(page, id);
    switched.push(performance.now() - t0);
  }
  return { typed, switched };
}

/** Starts sampling the longest gap between animation frames in the page; the returned function stops it. */
async function frameProbe(page: Page): Promise<() => Promise<{ maxGap: number; p95: number; frames: number }>> {
  await page.evaluate(() => {
    const probe = { gaps: [] as number[], last: performance.now(), stop: false };
    (window as unknown as { probe: typeof probe }).probe = probe;
    const tick = (now: number): void => {
      probe.gaps.push(now - probe.last);
      probe.last = now;
      if (!probe.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const { probe } = window as unknown as { probe: { gaps: number[]; stop: boolean } };
      probe.stop = true;
      const sorted = [...probe.gaps].sort((a, b) => a - b);
      return { maxGap: sorted.at(-1) ?? 0, p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0, frames: sorted.length };
    });
}

/** Ms from Ctrl+C (or nothing, when quiet) to the output of the next command. */
async function interrupt(terminals: TerminalsPage, flooding: boolean): Promise<number> {
  const { page } = terminals;
  await terminals.run('clear');
  if (flooding) {
    await terminals.run(`yes '${'y'.repeat(99)}'`);
    await terminals.waitForRow(/^y{99}$/);
    await page.waitForTimeout(1500);
  }
  const t0 = performance.now();
  if (flooding) await page.keyboard.press('Control+c');
  await page.keyboard.type('echo "INT-$((1+1))"');
  await page.keyboard.press('Enter');
  await terminals.waitForRow(/^INT-2$/, 60_000);
  return performance.now() - t0;
}

it('the Terminals pane while a terminal streams 50 MB, against the same pane quiet', async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium and the built app');
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 800 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('terminals');
  const terminals = new TerminalsPage(page);
  const other = await terminals.open();
  const flood = await terminals.open();

  // Quiet: the same rounds with nothing streaming.
  const quietProbe = await frameProbe(page);
  const quiet = [];
  for (let i = 0; i < 5; i++) quiet.push(await round(terminals, [other, flood]));
  const quietFrames = await quietProbe();

  const produced = join(serve!.env.HOME!, 'flood-produced');
  await terminals.run('clear');
  const floodProbe = await frameProbe(page);
  const started = performance.now();
  await terminals.run(`seq -f '%099g' 1 ${LINES}; touch ${produced}; echo "END-$((6*7))"`);
  const streaming = [];
  while (!existsSync(produced)) {
    const measured = await round(terminals, [other, flood]);
    if (!existsSync(produced)) streaming.push(measured); // finished during this round: it does not count
  }
  await terminals.waitForRow(/^END-42$/, 300_000);
  const seconds = (performance.now() - started) / 1000;
  const floodFrames = await floodProbe();

  const quietInterrupt = [await interrupt(terminals, false), await interrupt(terminals, false)];
  const floodInterrupt = [await interrupt(terminals, true), await interrupt(terminals, true)];
  await page.close();

  const typed = (rounds: { typed: number }[]) => rounds.map((r) => r.typed);
  const switched = (rounds: { switched: number[] }[]) => rounds.flatMap((r) => r.switched);
  const line = (label: string, during: number[], base: number[]) =>
    `  ${label.padEnd(34)} median ${median(during).toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms (${during.length}: ${runsList(during)}); quiet median ${median(base).toFixed(0)} ms — ${(median(during) / median(base)).toFixed(2)}× quiet`;
  console.log(
    [
      `bench terminals-pane: ${(LINES * 100) / 1e6} MB streamed in ${seconds.toFixed(1)} s (${((LINES * 100) / 1e6 / seconds).toFixed(1)} MB/s)`,
      line('typing elsewhere, key → value', typed(streaming), typed(quiet)),
      line('switching tabs, click → shown', switched(streaming), switched(quiet)),
      `  frames: longest gap ${floodFrames.maxGap.toFixed(0)} ms, p95 ${floodFrames.p95.toFixed(1)} ms over ${floodFrames.frames} frames; quiet longest ${quietFrames.maxGap.toFixed(0)} ms, p95 ${quietFrames.p95.toFixed(1)} ms`,
      line('Ctrl+C on a flood → next output', floodInterrupt, quietInterrupt),
    ].join('\n'),
  );
  expect(streaming.length, 'rounds measured while output was streaming').toBeGreaterThan(0);
}, 600_000);
