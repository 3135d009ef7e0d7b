import { spawn as spawnPty } from '@lydell/node-pty';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserForApp } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, type ServeProcess, startServe } from '../fixtures/serve-process';
import { AppPage } from '../pages/app-page';
import { TerminalsPage } from '../pages/terminals-page';
import { median, runsList } from './figures';

// Terminal output throughput: MB/s from a shell in a PTY until xterm.js in the browser has parsed
// and drawn all of it (reign serve: node-pty → batching and flow control → WebSocket → xterm.js),
// against reading the same command's output straight from node-pty in this Node process, in the
// same run. Figures are printed; nothing here asserts a speed.

const RUNS = 3;
const LINES = 500_000; // 99 characters and a newline each
const MB = (LINES * 100) / 1e6;
const COMMAND = `seq -f '%099g' 1 ${LINES}; echo "END-$((6*7))"`;

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


/** Seconds for node-pty alone to deliver the command's output to a Node listener. */
function measureDirect(): Promise<number> {
  return new Promise((resolve) => {
    const started = performance.now();
    let received = 0;
    const pty = spawnPty('/bin/bash', ['-c', COMMAND], { name: 'xterm-256color', cols: 120, rows: 40, cwd: process.cwd(), env: { PATH: process.env.PATH } });
    pty.onData((data) => (received += data.length));
    pty.onExit(() => {
      expect(received).toBeGreaterThan(LINES * 100);
      resolve((performance.now() - started) / 1000);
    });
  });
}

/** Seconds from pressing Enter in the Terminals pane until xterm.js shows the marker printed after the output. */
async function measureReign(terminals: TerminalsPage): Promise<number> {
  await terminals.run('clear');
  const started = performance.now();
  await terminals.run(COMMAND);
  await terminals.waitForRow(/^END-42$/, 300_000);
  return (performance.now() - started) / 1000;
}

it(`terminal throughput, ${MB} MB, median of ${RUNS}`, async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium and the built app');
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 800 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('terminals');
  const terminals = new TerminalsPage(page);
  await terminals.open();
  const reign: number[] = [];
  const direct: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    direct.push(await measureDirect());
    reign.push(await measureReign(terminals));
  }
  await page.close();
  const rate = (seconds: number) => MB / seconds;
  console.log(
    [
      `bench terminal-throughput: ${MB} MB of output from a shell in a PTY`,
      `  reign   median ${rate(median(reign)).toFixed(1)} MB/s  (PTY → reign serve → WebSocket → xterm.js in Chromium, until drawn; runs: ${runsList(reign.map(rate), 1)})`,
      `  direct  median ${rate(median(direct)).toFixed(1)} MB/s  (node-pty read in Node, same command; runs: ${runsList(direct.map(rate), 1)})`,
      `  ratio   ${(median(direct) / median(reign)).toFixed(2)} of direct speed`,
    ].join('\n'),
  );
  expect(reign).toHaveLength(RUNS);
}, 600_000);
