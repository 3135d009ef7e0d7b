import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserForApp } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, startServe } from '../fixtures/serve-process';

// Idle cost of the host: `reign serve` with the app open in a page and nothing happening. Samples
// the serve process's CPU time (utime+stime in /proc/PID/stat) and resident memory (VmRSS in
// /proc/PID/status) every second for 60 s, after the page has loaded and settled. Printed: CPU as
// a percentage of one core over the window, and peak/mean RSS. The target is ≤ 1% CPU and
// ≤ 250 MB; nothing here asserts a figure (the machine is shared).

const WINDOW_MS = 60_000;
const SETTLE_MS = 5_000;
let browser: Browser | string;
beforeAll(async () => {
  browser = await browserForApp(() => (process.platform === 'linux' ? null : 'reads /proc, so Linux only'));
});
afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
});

// The kernel's clock ticks per second for /proc times; 100 on every Linux this runs on (getconf CLK_TCK).
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number): number {
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the whole line)
}

function rssMegabytes(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}

it('reign serve idle with a page connected: CPU and memory over 60 s', async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium, Linux /proc and the built app');
  const chromium = browser as Browser;
  const serve = await startServe(isolatedEnv());
  const page = await chromium.newPage();
  try {
    await page.goto(serve.url);
    await page.getByTestId('app-frame').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="status-connection"]'));
    // Startup work (the doctor's first probes, the first lists) is not idle: let it finish first.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const pid = serve.child.pid!;
    const startTicks = cpuTicks(pid);
    const started = performance.now();
    const rss: number[] = [];
    const perSecond: number[] = [];
    let lastTicks = startTicks;
    while (performance.now() - started < WINDOW_MS) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const ticks = cpuTicks(pid);
      perSecond.push(ticks - lastTicks);
      lastTicks = ticks;
      rss.push(rssMegabytes(pid));
    }
    const elapsedSeconds = (performance.now() - started) / 1000;
    const cpuPercent = ((lastTicks - startTicks) / TICKS_PER_SECOND / elapsedSeconds) * 100;
    const busySeconds = perSecond.filter((ticks) => ticks > 0).length;
    console.log(
      [
        `bench serve-idle: reign serve with the app open in a page, nothing happening, ${elapsedSeconds.toFixed(0)} s`,
        `  CPU      ${cpuPercent.toFixed(2)}% of one core  (target ≤ 1%; ${lastTicks - startTicks} ticks; CPU used in ${busySeconds} of ${perSecond.length} seconds)`,
        `  RSS      peak ${Math.max(...rss).toFixed(0)} MB, mean ${(rss.reduce((sum, value) => sum + value, 0) / rss.length).toFixed(0)} MB  (target ≤ 250 MB)`,
      ].join('\n'),
    );
    expect(rss.length).toBeGreaterThan(0);
  } finally {
    await page.close();
    await serve.stop();
  }
}, 120_000);
