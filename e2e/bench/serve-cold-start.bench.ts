import { spawn } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserForApp } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, startServe } from '../fixtures/serve-process';
import { median, runsList } from './figures';

// Cold start of `reign serve`: from spawning the process to the first page that has loaded,
// connected and shown the app frame. The baseline, measured the same way in the same run, is a
// bare Node HTTP server serving a one-line page: the floor that process start plus a browser load
// cost on this machine. Figures are printed; nothing here asserts a time.

const RUNS = 5;
let browser: Browser | string;
beforeAll(async () => {
  browser = await browserForApp();
});
afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
});


/** Where a start's time goes: to the URL printed (listening), then to the page connected. */
const toUrl: number[] = [];

async function measureReign(chromium: Browser): Promise<number> {
  const started = performance.now();
  // The page is opened as soon as the URL is printed, as a user would: the core loads meanwhile.
  const serve = await startServe(isolatedEnv(), [], { untilReady: false });
  toUrl.push(performance.now() - started);
  const page = await chromium.newPage();
  await page.goto(serve.url);
  await page.getByTestId('app-frame').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="status-connection"]'));
  const elapsed = performance.now() - started;
  await page.close();
  await serve.stop();
  return elapsed;
}

async function measureBaseline(chromium: Browser): Promise<number> {
  const started = performance.now();
  const script = "require('http').createServer((q,s)=>s.end('<!doctype html><p id=ok>ok</p>')).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk) => resolve(String(chunk).trim())));
  const page = await chromium.newPage();
  await page.goto(url);
  await page.locator('#ok').waitFor();
  const elapsed = performance.now() - started;
  await page.close();
  child.kill();
  return elapsed;
}

it(`reign serve cold start, median of ${RUNS}`, async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium and the built app');
  const chromium = browser as Browser;
  await measureBaseline(chromium); // warm the browser once so neither side pays for it
  const reign: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    baseline.push(await measureBaseline(chromium));
    reign.push(await measureReign(chromium));
  }
  console.log(
    [
      `bench serve-cold-start: reign serve process start → app frame loaded and connected`,
      `  reign    median ${median(reign).toFixed(0)} ms  (runs: ${runsList(reign)})`,
      `    of which to the URL printed: median ${median(toUrl).toFixed(0)} ms  (runs: ${runsList(toUrl)})`,
      `  baseline median ${median(baseline).toFixed(0)} ms  (bare node http server + page load; runs: ${runsList(baseline)})`,
      `  ratio    ${(median(reign) / median(baseline)).toFixed(2)}× baseline`,
    ].join('\n'),
  );
  expect(reign).toHaveLength(RUNS);
}, 120_000);
