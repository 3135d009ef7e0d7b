import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { EditorPage } from './pages/editor-page';

// The Editor pane in Chromium against `reign serve`: Monaco loads only when the pane opens, its
// workers start under the app's CSP, and a Compose file is checked against the schema as it is typed.

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(isolatedEnv());
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

const broken = 'services:\n  web: {image: 1, restrat: always}\n';
const fixed = 'services:\n  web: {image: nginx, restart: always}\n';

describe('the Editor pane', () => {
  it('validates a compose.yaml scratch draft against the Compose schema, lists problems, fixes them, and diffs', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    mkdirSync(join(repoRoot, 'e2e', 'artifacts'), { recursive: true });
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const console: string[] = [];
    page.on('console', (message: ConsoleMessage) => console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));

    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.statusReady();
    // The first paint does not wait for Monaco: it is fetched only when the Editor opens.
    expect(requested.filter((url) => /monaco|editor\.api/.test(url))).toEqual([]);
    await app.goTo('editor');
    const editor = new EditorPage(page);
    await editor.newFile('compose.yaml');
    expect(await editor.editor.getAttribute('data-language')).toBe('yaml');
    expect(await page.getByTestId('editor-tabs').locator('[data-testid^="editor-tab-"]').count()).toBe(1);
    // A scratch draft has nowhere to be saved.
    expect(await page.getByTestId('editor-save').isDisabled()).toBe(true);

    await editor.replaceText(broken);
    await editor.problems.first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor-problem"]').length >= 2);
    const texts = await editor.problemTexts();
    expect(texts.some((text) => /restrat/.test(text) && /not allowed/i.test(text))).toBe(true);
    expect(texts.some((text) => /Ln 2/.test(text) && /Incorrect type\. Expected "string"/.test(text))).toBe(true);
    // yaml-language-server reports schema mismatches as warnings (syntax errors are errors).
    expect(await editor.problems.first().getAttribute('data-severity')).toBe('warning');
    // The same problems are marked inline.
    expect(await editor.editor.locator('.squiggly-warning').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'editor.png') });

    // Choosing a problem moves the cursor to it.
    await editor.replaceText(`# web server\n\n${broken}`);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="editor-problem"]')].some((node) => node.textContent?.includes('Ln 4')));
    await editor.problems.filter({ hasText: 'restrat' }).click();
    // The button takes focus from the editor; the editor gets it back once the cursor has moved.
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="editor"]'));
    await page.keyboard.type('x');
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"] .view-lines')?.textContent?.includes('xrestrat'));

    await editor.replaceText(fixed);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor-problem"]').length === 0, undefined, { timeout: 20_000 });
    expect(await editor.editor.locator('.squiggly-warning, .squiggly-error').count()).toBe(0);
    expect(await page.getByTestId(`editor-problems`).textContent()).toMatch(/Problems\s*none/);
    expect(await page.locator('[data-testid^="editor-tab-"][data-dirty="true"]').count()).toBe(1);

    await page.getByTestId('editor-diff-toggle').click();
    await page.locator('[data-testid="editor-diff"][data-ready="true"]').waitFor();
    expect(await page.getByTestId('editor').count()).toBe(0);
    await page.getByTestId('editor-diff').locator('.line-insert, .char-insert').first().waitFor();
    // Monaco renders spaces as non-breaking ones.
    expect((await page.getByTestId('editor-diff').locator('.modified .view-lines').textContent())?.replace(/\u00a0/g, ' ')).toContain('restart: always');
    await page.getByTestId('editor-diff-toggle').click();
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();

    // The editor follows the app's theme setting.
    expect(await editor.editor.locator('.monaco-editor').getAttribute('class')).toMatch(/\bvs\b/);
    await app.goTo('settings');
    await page.getByTestId('settings-theme').selectOption('dark');
    await app.goTo('editor');
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"] .monaco-editor')?.classList.contains('vs-dark'));

    // Workers ran as workers, under the CSP, with nothing refused.
    expect(workers.some((url) => /yaml\.worker/.test(url))).toBe(true);
    expect(workers.some((url) => /editor\.worker/.test(url))).toBe(true);
    expect(console.filter((line) => /Content Security Policy|Refused to|Could not create web worker|pageerror|Failed to construct 'Worker'/i.test(line))).toEqual([]);
    await page.close();
  }, 60_000);
});
