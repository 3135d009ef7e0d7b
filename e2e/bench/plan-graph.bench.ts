import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { layoutPlan } from '../../renderer/src/app/plan/layout';
import { browserForApp } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, startServe } from '../fixtures/serve-process';
import { median, runsList } from './figures';
import { writeTranscript } from '../fixtures/transcripts';

// The plan graph with 300 steps: from the moment the proposal reaches the renderer (User Timing
// mark `reign:plan-received`) to the graph laid out and painted (`reign:plan-graph-painted`, two
// animation frames after React committed it), while the Plan pane is open. Baseline: the same
// path for a 10-step plan in the same run. Also printed: the layered layout alone in Node.

const RUNS = 3;
let browser: Browser | string;
beforeAll(async () => {
  browser = await browserForApp();
});
afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
});


/** A layered plan: each step depends on one or two steps of the layer above, like a real rollout. */
function steps(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    tool: 'shell.exec',
    input: { command: `echo step ${i}` },
    dependsOn: i < 6 ? [] : [`s${i - 6}`, ...(i % 3 === 0 ? [`s${i - 5}`] : [])],
  }));
}

async function measure(chromium: Browser, count: number): Promise<number> {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-bench-plan-')));
  // The first turn is a slow read, so the Plan pane is open before the proposal arrives.
  const turns = [{ tool_calls: [{ name: 'shell.exec', arguments: { command: 'sleep 1' } }] }, { tool_calls: [{ name: 'propose_plan', arguments: { summary: `${count} steps`, steps: steps(count) } }] }];
  const transcript = writeTranscript(turns);
  const serve = await startServe(isolatedEnv(), ['--workspace', workspace, '--transcript', transcript]);
  const page = await chromium.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(serve.url);
    await page.getByTestId('nav-plan').click();
    await page.getByTestId('plan-empty').waitFor(); // the plan chunk is loaded
    await page.getByTestId('nav-chat').click();
    await page.getByTestId('chat-input').fill('plan it');
    await page.getByTestId('chat-send').click();
    await page.getByTestId('nav-plan').click();
    await page.waitForFunction(() => performance.getEntriesByName('reign:plan-graph-painted').length > 0, undefined, { timeout: 60_000 });
    expect(await page.getByTestId('plan-graph').getAttribute('data-steps')).toBe(String(count));
    return await page.evaluate(() => performance.getEntriesByName('reign:plan-graph-painted')[0]!.startTime - performance.getEntriesByName('reign:plan-received')[0]!.startTime);
  } finally {
    await page.close();
    await serve.stop();
  }
}

it('plan graph: 300 steps from proposal received to laid out and painted', async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium and the built app');
  const chromium = browser as Browser;
  await measure(chromium, 10); // warm the browser
  const big: number[] = [];
  const small: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    small.push(await measure(chromium, 10));
    big.push(await measure(chromium, 300));
  }
  const layoutRuns = Array.from({ length: 5 }, () => {
    const started = performance.now();
    layoutPlan(steps(300));
    return performance.now() - started;
  });
  console.log(
    [
      'bench plan-graph: proposal received in the renderer → graph laid out and painted (Plan pane open)',
      `  300 steps  median ${median(big).toFixed(0)} ms  (runs: ${runsList(big)})`,
      `  10 steps   median ${median(small).toFixed(0)} ms  (baseline; runs: ${runsList(small)})`,
      `  ratio      ${(median(big) / median(small)).toFixed(2)}× the 10-step plan`,
      `  layered layout of 300 steps alone (Node): median ${median(layoutRuns).toFixed(1)} ms`,
    ].join('\n'),
  );
  expect(big).toHaveLength(RUNS);
}, 240_000);
