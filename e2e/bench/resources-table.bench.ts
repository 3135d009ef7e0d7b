import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserForApp } from '../fixtures/browser';
import { engineApi, ensureDockerTestImage, inBatches } from '../fixtures/docker-engine';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, type ServeProcess, startServe } from '../fixtures/serve-process';
import { AppPage } from '../pages/app-page';
import { median, runsList } from './figures';

// The Resources table with 5,000 rows (Docker volumes made through the Engine API): the time from
// choosing the view to its rows shown, against the same path for 50 rows in the same run; and
// scrolling the 5,000 rows a screen per frame for 2 s, its frame gaps against idle frames of the
// same page. Figures are printed; nothing here asserts a time.

const MANY = 5000;
const FEW = 100;
const prefix = `reign-bench-${randomUUID().slice(0, 6)}`;
const names = Array.from({ length: MANY }, (_, index) => `${prefix}-${String(index).padStart(4, '0')}`);
let browser: Browser | string;
let serve: ServeProcess | undefined;
beforeAll(async () => {
  browser = await browserForApp(ensureDockerTestImage);
  if (typeof browser === 'string') return;
  await inBatches(names, 50, (name) => engineApi('POST', '/volumes/create', { Name: name, Labels: { 'reign.test': 'bench' } }));
  serve = await startServe(isolatedEnv());
}, 300_000);
afterAll(async () => {
  if (typeof browser === 'string') return;
  await inBatches(names, 50, (name) => engineApi('DELETE', `/volumes/${name}`));
  await serve?.stop();
  await browser.close();
}, 300_000);

/** From a click on the Volumes tab to the filtered rows shown. */
async function timeToRows(page: Page, filter: string, count: number): Promise<number> {
  await page.getByTestId('resources-tab-docker.images').click();
  await page.getByTestId('resources-view-docker.images').waitFor();
  const started = Date.now();
  await page.getByTestId('resources-tab-docker.volumes').click();
  await page.getByTestId('resources-filter').fill(filter);
  await page.waitForFunction((want) => document.querySelector('[data-testid="resources-count"]')?.textContent?.startsWith(`${want} `), count, { timeout: 60_000 });
  return Date.now() - started;
}

/** Frame gaps over 2 s, scrolling `step` pixels a frame (0: idle). */
function frameGaps(page: Page, step: number): Promise<number[]> {
  return page.getByTestId('resources-body').evaluate(
    (body, pixels) =>
      new Promise<number[]>((resolve) => {
        const gaps: number[] = [];
        let last = performance.now();
        const end = last + 2000;
        const frame = (now: number): void => {
          gaps.push(now - last);
          last = now;
          if (pixels) body.scrollTop = (body.scrollTop + pixels) % Math.max(1, body.scrollHeight - body.clientHeight);
          if (now < end) requestAnimationFrame(frame);
          else resolve(gaps);
        };
        requestAnimationFrame(frame);
      }),
    step,
  );
}

const p95 = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;

it(`the Resources table with ${MANY} rows: shown and scrolled (printed against ${FEW} rows and idle frames)`, async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium, the built app and a Docker engine');
  const page = await (browser as Browser).newPage({ viewport: { width: 1400, height: 900 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('resources');
  await page.getByTestId('resources-view-docker.containers').waitFor();
  // Both read all volumes from the engine (the filter is the table's); what differs is how many rows the table holds.
  await timeToRows(page, prefix, MANY); // warm-up: the first read of the view
  const few: number[] = [];
  const many: number[] = [];
  for (let run = 0; run < 3; run++) {
    few.push(await timeToRows(page, `${prefix}-00`, FEW));
    many.push(await timeToRows(page, prefix, MANY));
  }
  const domRows = await page.locator('[data-testid^="resources-row-"]').count();
  const idle = await frameGaps(page, 0);
  const scrolling = await frameGaps(page, 900);
  console.log(
    [
      `bench resources-table: ${MANY} Docker volumes in the Volumes view`,
      `  rows shown     ${median(many)} ms for ${MANY} rows [${runsList(many)}], ${median(few)} ms for ${FEW} [${runsList(few)}] (ratio ${(median(many) / Math.max(1, median(few))).toFixed(2)}×); ${domRows} rows in the DOM`,
      `  scrolling      frame gap median ${median(scrolling).toFixed(1)} ms, p95 ${p95(scrolling).toFixed(1)} ms, max ${Math.max(...scrolling).toFixed(1)} ms over ${scrolling.length} frames`,
      `  idle baseline  frame gap median ${median(idle).toFixed(1)} ms, p95 ${p95(idle).toFixed(1)} ms (ratio of p95 ${(p95(scrolling) / p95(idle)).toFixed(2)}×)`,
    ].join('\n'),
  );
  expect(domRows).toBeLessThan(80);
  await page.close();
}, 300_000);
