import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
// same run. Figures are printed; nothing here asserts a speed. On a machine other work loads, wall
// time swings with what else runs; the CPU seconds each side spends (Linux: /proc) do not, so they
// are printed too.

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

const TICKS = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** CPU seconds of a process and of its children it has waited for (fields 14–17 of /proc/PID/stat). */
function cpuOf(pid: number | 'self'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0) / TICKS;
  } catch {
    return 0; // ended between listing and reading
  }
}

/** CPU seconds so far of each child of `root` with everything under it. */
function descendantsCpu(root: number): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]));
    } catch {
      // gone already
    }
  }
  const byChild = new Map<number, number>();
  const total = (pid: number): number => {
    let sum = cpuOf(pid);
    for (const [child, parent] of parents) if (parent === pid) sum += total(child);
    return sum;
  };
  for (const [child, parent] of parents) if (parent === root) byChild.set(child, total(child));
  return byChild;
}

/** CPU seconds of `reign serve` (with its shells) and of Chromium, for telling apart where a run's CPU went. */
function reignCpu(): { host: number; browser: number } {
  const byChild = descendantsCpu(process.pid);
  const host = byChild.get(serve!.child.pid!) ?? 0;
  return { host, browser: [...byChild.values()].reduce((sum, value) => sum + value, 0) - host };
}
const measuresCpu = existsSync('/proc/self/stat');

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
  const cpu = { direct: [] as number[], host: [] as number[], browser: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const before = cpuOf('self');
    direct.push(await measureDirect());
    cpu.direct.push(cpuOf('self') - before);
    const reignBefore = reignCpu();
    reign.push(await measureReign(terminals));
    const reignAfter = reignCpu();
    cpu.host.push(reignAfter.host - reignBefore.host);
    cpu.browser.push(reignAfter.browser - reignBefore.browser);
  }
  await page.close();
  const rate = (seconds: number) => MB / seconds;
  console.log(
    [
      `bench terminal-throughput: ${MB} MB of output from a shell in a PTY`,
      `  reign   median ${rate(median(reign)).toFixed(1)} MB/s  (PTY → reign serve → WebSocket → xterm.js in Chromium, until drawn; runs: ${runsList(reign.map(rate), 1)})`,
      `  direct  median ${rate(median(direct)).toFixed(1)} MB/s  (node-pty read in Node, same command; runs: ${runsList(direct.map(rate), 1)})`,
      `  ratio   ${(median(direct) / median(reign)).toFixed(2)} of direct speed`,
      ...(measuresCpu
        ? [
            `  CPU     reign median ${median(cpu.host.map((host, run) => host + cpu.browser[run]!)).toFixed(2)} s a run (reign serve and the shell ${runsList(cpu.host, 2)}; Chromium ${runsList(cpu.browser, 2)}), direct median ${median(cpu.direct).toFixed(2)} s (${runsList(cpu.direct, 2)})`,
          ]
        : []),
    ].join('\n'),
  );
  expect(reign).toHaveLength(RUNS);
}, 600_000);
