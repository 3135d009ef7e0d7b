import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserForApp } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from '../fixtures/serve-process';
import { median, runsList } from './figures';

// What the renderer costs to load. Bundle: bytes of the built JS and CSS, split into what the first
// page load fetches (index.html's entry and its static imports) and what only the Editor fetches
// (Monaco's chunks, and its workers). First paint: navigation start → first contentful paint of
// `reign serve` in Chromium, each load in a fresh browser context (cold cache), against a blank page
// served the same way by a bare Node HTTP server in the same run. Figures are printed; nothing
// here asserts a size or a time.

const LOADS = 7;
const assets = join(repoRoot, 'out', 'renderer', 'assets');
let browser: Browser | string;
let serve: ServeProcess | undefined;
beforeAll(async () => {
  browser = await browserForApp();
  if (typeof browser !== 'string') serve = await startServe(isolatedEnv());
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  if (typeof browser !== 'string') await browser.close();
});

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const size = (file: string): number => statSync(join(assets, file)).size;

/** The entry's chunks: index.html's script and stylesheet, then every static import, transitively. */
function initialFiles(): Set<string> {
  const html = readFileSync(join(repoRoot, 'out', 'renderer', 'index.html'), 'utf8');
  const seen = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((match) => match[1]!));
  const queue = [...seen].filter((file) => file.endsWith('.js'));
  while (queue.length) {
    const code = readFileSync(join(assets, queue.pop()!), 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
    for (const match of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
      if (!seen.has(match[1]!)) {
        seen.add(match[1]!);
        queue.push(match[1]!);
      }
    }
  }
  return seen;
}

function bundleFigures(): string[] {
  const files = readdirSync(assets).filter((file) => /\.(js|css)$/.test(file));
  const initial = initialFiles();
  const groups = { initial: [] as string[], lazy: [] as string[], workers: [] as string[] };
  for (const file of files) (initial.has(file) ? groups.initial : /\.worker-/.test(file) ? groups.workers : groups.lazy).push(file);
  const total = (list: string[], ext?: string) => list.filter((file) => !ext || file.endsWith(ext)).reduce((sum, file) => sum + size(file), 0);
  const line = (name: string, list: string[]) => `  ${name.padEnd(26)} ${kb(total(list)).padStart(9)}  (JS ${kb(total(list, '.js'))}, CSS ${kb(total(list, '.css'))}; ${list.length} files)`;
  const fonts = readdirSync(assets).filter((file) => /\.(ttf|woff2?)$/.test(file));
  return [
    `bench renderer-bundle: minified bytes in out/renderer/assets`,
    line('initial (first page load)', groups.initial),
    line('lazy (Monaco, on Editor)', groups.lazy),
    line('workers (editor/json/yaml)', groups.workers),
    `  fonts (codicons, lazy)      ${kb(fonts.reduce((sum, file) => sum + size(file), 0))}`,
    `  lazy + workers = ${(total([...groups.lazy, ...groups.workers]) / total(groups.initial)).toFixed(1)}× the initial load, kept off the first paint`,
  ];
}

/** Navigation start → first contentful paint, in a fresh context so nothing is cached. */
async function firstPaint(chromium: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<number> {
  const context = await chromium.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const entry = performance.getEntriesByName('first-contentful-paint')[0];
        if (entry) return resolve(entry.startTime);
        new PerformanceObserver((list) => resolve(list.getEntriesByName('first-contentful-paint')[0]!.startTime)).observe({ type: 'paint', buffered: true });
      }),
  );
  await context.close();
  return fcp;
}

async function blankPageServer(): Promise<{ url: string; stop: () => void }> {
  const script = "require('http').createServer((q,s)=>{s.setHeader('content-type','text/html');s.end('<!doctype html><p id=ok>ok</p>')}).listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port+'/')})";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk) => resolve(String(chunk).trim())));
  return { url, stop: () => child.kill() };
}

/** Clicking Editor → Monaco mounted in a scratch document: what the lazy load costs when it is paid. */
async function editorReady(chromium: Browser, url: string): Promise<number> {
  const context = await chromium.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('app-frame').waitFor();
  const started = Date.now();
  await page.getByTestId('nav-editor').click();
  await page.getByTestId('editor-new-name').fill('compose.yaml');
  await page.getByTestId('editor-new').click();
  await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
  const elapsed = Date.now() - started;
  await context.close();
  return elapsed;
}

it(`renderer bundle sizes and first paint, median of ${LOADS} cold loads`, async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium and the built app');
  const chromium = browser as Browser;
  const blank = await blankPageServer();
  const reign: number[] = [];
  const baseline: number[] = [];
  const editor: number[] = [];
  try {
    await firstPaint(chromium, blank.url, async () => {}); // warm the browser process once
    for (let load = 0; load < LOADS; load++) {
      baseline.push(await firstPaint(chromium, blank.url, (page) => page.locator('#ok').waitFor()));
      reign.push(await firstPaint(chromium, serve!.url, (page) => page.getByTestId('app-frame').waitFor()));
      editor.push(await editorReady(chromium, serve!.url));
    }
  } finally {
    blank.stop();
  }
  console.log(
    [
      ...bundleFigures(),
      `bench renderer-first-paint: navigation start → first contentful paint, cold cache`,
      `  reign serve  median ${median(reign).toFixed(0)} ms  (loads: ${runsList(reign)})`,
      `  baseline     median ${median(baseline).toFixed(0)} ms  (blank page from a bare node http server; loads: ${runsList(baseline)})`,
      `  ratio        ${(median(reign) / median(baseline)).toFixed(2)}× baseline`,
      `  editor ready median ${median(editor).toFixed(0)} ms  (click Editor → Monaco mounted on a new compose.yaml, cold cache; loads: ${runsList(editor)})`,
    ].join('\n'),
  );
  expect(reign).toHaveLength(LOADS);
}, 120_000);
