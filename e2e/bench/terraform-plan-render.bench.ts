import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlanActionView, PlanChangeView, PlanPreviewView } from '../../preload/contract';
import { launchChromium } from '../fixtures/browser';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { repoRoot } from '../fixtures/serve-process';
import { median, runsList } from './figures';

// A Terraform step's rendered plan with 1,000 resource changes: from the JSON text of the step
// delivered to the page to the first screen painted and to all 1,000 rows painted (the preview
// renders 100 rows at once and the rest over the next frames). Baseline: a 10-change plan in the
// same run. Also: expanding a row to its attribute diff in both, showing terraform's text, and the
// delivery again with content-visibility off. The seam is the component itself, bundled by Vite
// with the app's styles and mounted in Chromium inside a stand-in for the Plan pane's key
// handling. The app does show terraform.apply's plan preview (e2e/terraform-chat.spec.ts), but
// timed through it a 1,000-change plan would mostly measure terraform showing the saved plan when
// the step is proposed (terraform-plan-inspect.bench.ts measures that) and the serve round trip,
// and this mix of updates, replacements, deletes and reads across ten modules would need a state
// prepared for it; here the render alone is timed, from the preview JSON the renderer receives.
// Figures are printed; nothing here asserts a time (it does check what a reviewer sees).

const RUNS = 5;
const MANY = 1000;
const FEW = 10;
let browser: Browser | string;
let harness: { js: string; css: string } | undefined;
// Under node_modules so the harness entry resolves react like the renderer does.
const buildRoot = join(repoRoot, 'node_modules', '.cache');

beforeAll(async () => {
  browser = await launchChromium();
  if (typeof browser !== 'string') harness = await buildHarness();
}, 120_000);
afterAll(async () => {
  if (typeof browser !== 'string') await browser.close();
});

/**
 * The page's side: deliver a step's JSON and time it (parse; React's commit, taken in a layout
 * effect, before the browser styles the DOM; the first frame painted; every row rendered and
 * painted), expand a row, show the text. "Painted" is two animation frames later, as the plan
 * graph's `reign:plan-graph-painted` mark is taken.
 */
function harnessSource(): string {
  return `import { useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import ${JSON.stringify(join(repoRoot, 'renderer/src/styles.css'))};
import { TerraformPlanPreview } from ${JSON.stringify(join(repoRoot, 'renderer/src/app/plan/TerraformPlanPreview'))};

const root = createRoot(document.getElementById('root')!);
const frames = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
const complete = () => document.querySelector('[data-testid="tf-plan"]')?.getAttribute('data-complete') === 'true';
const untilComplete = () => new Promise<void>((resolve) => { const check = () => (complete() ? resolve() : requestAnimationFrame(check)); check(); });
function Committed({ onCommit, children }: { onCommit: () => void; children: ReactNode }) {
  useLayoutEffect(onCommit, [onCommit]);
  return children;
}
/** Takes Enter, Space and the arrows as the Plan pane around the step details does, so the preview must keep its own. */
function PlanPaneKeys({ children }: { children: ReactNode }) {
  const keys = ['Enter', ' ', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'];
  return <section onKeyDown={(event) => keys.includes(event.key) && event.preventDefault()}>{children}</section>;
}
/** From a click to the result painted. */
async function clickTimed(selector: string) {
  const started = performance.now();
  document.querySelector<HTMLElement>(selector)!.click();
  await frames();
  return performance.now() - started;
}
Object.assign(window, {
  clearPlan: async () => { root.render(null); await frames(); },
  settle: () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })),
  clickTimed,
  renderPlan: (json: string) => new Promise((resolve) => {
    const started = performance.now();
    const preview = JSON.parse(json).preview;
    const parse = performance.now() - started;
    const onCommit = () => {
      const commit = performance.now() - started;
      void frames().then(async () => {
        const firstPainted = performance.now() - started;
        await untilComplete();
        await frames();
        resolve({ parse, commit, firstPainted, allPainted: performance.now() - started });
      });
    };
    root.render(<PlanPaneKeys><Committed onCommit={onCommit}><TerraformPlanPreview preview={preview} /></Committed></PlanPaneKeys>);
  }),
});
`;
}

/** The preview bundled as the app bundles it (React's production build, minified), as one script. */
async function buildHarness(): Promise<{ js: string; css: string }> {
  mkdirSync(buildRoot, { recursive: true });
  const dir = mkdtempSync(join(buildRoot, 'reign-bench-tf-plan-'));
  try {
    writeFileSync(join(dir, 'harness.tsx'), harnessSource());
    await build({
      configFile: false,
      root: dir,
      logLevel: 'error',
      plugins: [react()],
      build: {
        outDir: join(dir, 'out'),
        minify: true,
        cssCodeSplit: false,
        rolldownOptions: { input: join(dir, 'harness.tsx'), output: { format: 'iife', entryFileNames: 'harness.js', assetFileNames: '[name][extname]' } },
      },
    });
    const built = readdirSync(join(dir, 'out'));
    const read = (ending: string) => built.filter((file) => file.endsWith(ending)).map((file) => readFileSync(join(dir, 'out', file), 'utf8')).join('\n');
    return { js: read('.js'), css: read('.css') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const done: Record<PlanActionView, string> = { create: 'created', update: 'updated in-place', replace: 'replaced', delete: 'destroyed', read: 'read during apply', forget: 'removed from the state' };
const actions: readonly PlanActionView[] = ['create', 'create', 'create', 'create', 'create', 'update', 'update', 'replace', 'delete', 'read'];

/** A plan like a real one at scale: ten modules and the root, mixed actions, six attributes each. */
function planOf(count: number): PlanPreviewView {
  const changes: PlanChangeView[] = Array.from({ length: count }, (_, index) => {
    const action = actions[index % actions.length]!;
    const module = index % 11 === 0 ? null : `module.m${index % 11}`;
    const type = action === 'read' ? 'local_file' : action === 'replace' ? 'tls_private_key' : ['random_pet', 'local_file', 'null_resource'][index % 3]!;
    const name = `r${index}`;
    const address = `${module ? `${module}.` : ''}${action === 'read' ? 'data.' : ''}${type}.${name}`;
    const before = (value: string) => (action === 'create' || action === 'read' ? null : value);
    const after = (value: string) => (action === 'delete' ? null : value);
    return {
      address,
      module,
      type,
      name,
      action,
      replaceBecause: action === 'replace' ? ['algorithm'] : [],
      attributes: [
        { path: 'algorithm', before: before('"RSA"'), after: after(action === 'replace' ? '"ECDSA"' : '"RSA"'), sensitive: false, forcesReplacement: action === 'replace' },
        { path: 'content', before: before(`"line ${index}"`), after: after(`"line ${index} changed"`), sensitive: false, forcesReplacement: false },
        { path: 'filename', before: before(`"out/${name}.txt"`), after: after(`"out/${name}.txt"`), sensitive: false, forcesReplacement: false },
        { path: 'id', before: before(`"${index.toString(16).padStart(8, '0')}"`), after: after('(known after apply)'), sensitive: false, forcesReplacement: false },
        { path: 'private_key_pem', before: null, after: null, sensitive: true, forcesReplacement: false },
        { path: 'tags.env', before: before('"staging"'), after: after('"staging"'), sensitive: false, forcesReplacement: false },
      ],
    };
  });
  const counts = { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0 };
  for (const change of changes) counts[change.action]++;
  const text = changes.flatMap((change) => [`  # ${change.address} will be ${done[change.action]}`, `  resource "${change.type}" "${change.name}" {`, ...change.attributes.map((a) => `      ${a.path} = ${a.sensitive ? '(sensitive value)' : (a.after ?? 'null')}`), '    }', '']).join('\n');
  return { kind: 'plan', title: `terraform plan (${count} resources)`, counts, changes, drift: [], text };
}

/** The step as the renderer receives it in a proposal, as JSON text (what crosses the wire). */
const stepJson = (count: number): string => JSON.stringify({ id: 'apply', tool: 'terraform.apply', risk: 'destructive', preview: planOf(count) });

interface Delivered {
  parse: number;
  commit: number;
  firstPainted: number;
  allPainted: number;
}

type Harness = { clearPlan: () => Promise<void>; settle: () => Promise<void>; clickTimed: (selector: string) => Promise<number>; renderPlan: (json: string) => Promise<Delivered> };

async function newHarnessPage(chromium: Browser): Promise<Page> {
  const page = await chromium.newPage({ viewport: { width: 1440, height: 900 } });
  // The width and scrolling of the Plan pane's step details, where the preview lives.
  await page.setContent('<!doctype html><html data-theme="light"><body><div id="root" style="width:540px;height:860px;overflow:auto;padding:10px 12px"></div></body></html>');
  await page.addStyleTag({ content: harness!.css });
  await page.addScriptTag({ content: harness!.js });
  return page;
}

async function deliver(page: Page, json: string): Promise<Delivered> {
  await page.evaluate(() => (window as unknown as Harness).clearPlan());
  return page.evaluate((text) => (window as unknown as Harness).renderPlan(text), json);
}

/** Click what the selector names once the page is idle, and time it to painted. */
async function clickTimed(page: Page, selector: string): Promise<number> {
  await page.evaluate(() => (window as unknown as Harness).settle());
  return page.evaluate((target) => (window as unknown as Harness).clickTimed(target), selector);
}

const replaceRow = 'tf-plan-change-module.m7.tls_private_key.r7';

it(`terraform plan: ${MANY} resource changes from preview JSON delivered to rendered and painted`, async (context) => {
  requireInfrastructure(context, typeof browser === 'string' ? browser : null, 'Chromium');
  const chromium = browser as Browser;
  const page = await newHarnessPage(chromium);
  const json = { many: stepJson(MANY), few: stepJson(FEW) };
  try {
    // What a reviewer gets, checked once in a real browser: counts, every row, no attributes until asked.
    await deliver(page, json.few); // warm the page
    await deliver(page, json.many);
    expect(await page.getByTestId('tf-plan-counts').textContent()).toBe('+500 to create, ~200 to update, -/+100 to replace, -100 to destroy, <=100 to read');
    expect(await page.locator('[data-testid^="tf-plan-change-"]').count()).toBe(MANY);
    expect(await page.getByTestId('tf-plan-attr').count()).toBe(0);
    const nodes = await page.evaluate(() => document.getElementById('root')!.querySelectorAll('*').length);

    // Keyboard: Enter on a focused row expands it (and is not taken by the Plan pane), ↓ moves to the next row.
    const replaced = page.getByTestId(replaceRow);
    await replaced.locator('button').focus();
    await page.keyboard.press('Enter');
    await replaced.getByTestId('tf-plan-attr').nth(5).waitFor({ timeout: 5000 });
    expect(await replaced.getByTestId('tf-plan-forces').textContent()).toBe('forces replacement: algorithm');
    expect(await replaced.locator('[data-forces="true"]').getAttribute('data-path')).toBe('algorithm');
    expect(await replaced.locator('[data-path="private_key_pem"] dd').textContent()).toBe('(sensitive)');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.previousElementSibling?.getAttribute('data-testid'))).toBe(replaceRow);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('tf-plan-attr').count()).toBe(12);

    const many: Delivered[] = [];
    const few: Delivered[] = [];
    const expandMany: number[] = [];
    const expandFew: number[] = [];
    const rawMany: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      few.push(await deliver(page, json.few));
      expandFew.push(await clickTimed(page, `[data-testid="tf-plan-change-module.m7.tls_private_key.r7"] button`));
      many.push(await deliver(page, json.many));
      expandMany.push(await clickTimed(page, `[data-testid="${replaceRow}"] button`));
      rawMany.push(await clickTimed(page, '[data-testid="tf-plan-raw-toggle"]'));
    }
    expect(await page.getByTestId('tf-plan-raw').textContent()).toContain('# module.m7.tls_private_key.r7 will be replaced');

    // The same delivery with every row laid out and painted, to show what content-visibility saves.
    await page.addStyleTag({ content: '.tf-plan .tf-change { content-visibility: visible; }' });
    const manyWithoutCv: Delivered[] = [];
    for (let run = 0; run < RUNS; run++) manyWithoutCv.push(await deliver(page, json.many));

    const figure = (list: Delivered[], key: keyof Delivered) => list.map((delivered) => delivered[key]);
    const mid = (list: Delivered[], key: keyof Delivered, digits = 0) => median(figure(list, key)).toFixed(digits);
    console.log(
      [
        "bench terraform-plan-render: a step's preview JSON delivered in Chromium → the plan rendered and painted (the component with the app's styles, 540 px wide like the step details)",
        `  ${MANY} changes  first screen painted median ${mid(many, 'firstPainted')} ms (runs: ${runsList(figure(many, 'firstPainted'))}); all ${MANY} rows painted median ${mid(many, 'allPainted')} ms (runs: ${runsList(figure(many, 'allPainted'))})`,
        `                 JSON.parse ${mid(many, 'parse', 1)} ms, first React commit ${mid(many, 'commit', 1)} ms; ${(json.many.length / 1024).toFixed(0)} KiB JSON, ${nodes} elements`,
        `  ${FEW} changes    painted median ${mid(few, 'firstPainted')} ms  (baseline; runs: ${runsList(figure(few, 'firstPainted'))})`,
        `  ratio         first screen ${(median(figure(many, 'firstPainted')) / median(figure(few, 'firstPainted'))).toFixed(2)}×, all rows ${(median(figure(many, 'allPainted')) / median(figure(few, 'allPainted'))).toFixed(2)}× the ${FEW}-change plan`,
        `  without content-visibility: ${MANY} changes first screen median ${mid(manyWithoutCv, 'firstPainted')} ms, all rows median ${mid(manyWithoutCv, 'allPainted')} ms`,
        `  expand one row (click → its 6 attributes painted): in ${MANY} median ${median(expandMany).toFixed(0)} ms, in ${FEW} median ${median(expandFew).toFixed(0)} ms (ratio ${(median(expandMany) / median(expandFew)).toFixed(2)}×)`,
        `  show terraform's text (${(planOf(MANY).text.length / 1024).toFixed(0)} KiB, click → painted): median ${median(rawMany).toFixed(0)} ms (runs: ${runsList(rawMany)})`,
      ].join('\n'),
    );
    expect(many).toHaveLength(RUNS);
  } finally {
    await page.close();
  }
}, 240_000);
