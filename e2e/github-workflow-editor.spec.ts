import { delimiter, dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionlintPeer } from './fixtures/actionlint';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { EditorPage } from './pages/editor-page';

// A GitHub Actions workflow in the Editor pane, in Chromium against `reign serve`: main checks it
// the way Reign checks one before committing it (GitHub's schema, the real actionlint found on
// PATH, risky patterns), and the problems show inline as Monaco markers and in the Problems list
// with their severity and source, updated a moment after each edit.

const { binary: actionlint, problem: actionlintProblem } = actionlintPeer();
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = actionlintProblem;

beforeAll(async () => {
  if (!actionlint) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  // The product runs the actionlint it finds on PATH, as a user's machine would have it.
  serve = await startServe(isolatedEnv({ PATH: `${dirname(actionlint)}${delimiter}${process.env.PATH}` }));
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

const risky = [
  'name: CI',
  'on:',
  '  pull_request_target:',
  'permissions: write-all',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    needs: lint',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '        with:',
  '          ref: ${{ github.event.pull_request.head.sha }}',
  '      - run: echo "${{ github.event.pull_request.title }}"',
  '      - uses: some-org/deploy-action@v1',
  '',
].join('\n');

const safer = [
  'name: CI',
  'on:',
  '  pull_request:',
  'permissions:',
  '  contents: read',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - run: echo "$TITLE"',
  '        env:',
  '          TITLE: ${{ github.event.pull_request.title }}',
  '',
].join('\n');

/**
 * Replaces the editor's text by pasting it, as a person pastes a workflow: typed in, Monaco would
 * indent each new line after the one before, which block-style YAML cannot survive.
 */
async function pasteText(page: Page, editor: EditorPage, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await editor.editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((lines) => document.querySelectorAll('[data-testid="editor"] .view-line').length >= lines, text.split('\n').length - 1);
}

/** The Problems list as `line severity source: message`. */
async function problems(page: Page): Promise<string[]> {
  return page.getByTestId('editor-problem').evaluateAll((rows) =>
    rows.map((row) => {
      const [severity, place, message, source] = [...row.children].map((child) => child.textContent ?? '');
      return `${/Ln (\d+)/.exec(place!)?.[1]} ${severity} ${source ?? ''}: ${message}`;
    }),
  );
}

describe('a GitHub workflow in the editor', () => {
  it('shows main\'s schema, actionlint and risk problems inline, and follows edits', async (context) => {
    requireInfrastructure(context, problem, 'actionlint (REIGN_TEST_ACTIONLINT), Chromium and the built app');
    const page = await browser!.newPage({ viewport: { width: 1300, height: 940 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('editor');
    const editor = new EditorPage(page);
    await editor.newFile('.github/workflows/ci.yml');
    await pasteText(page, editor, risky);

    // Main's problems arrive after the pause in typing.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="editor-problem"]')].some((row) => row.textContent?.includes('actionlint')), undefined, { timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="editor-problem"]')].filter((row) => row.textContent?.includes('Reign risk check')).length >= 4, undefined, { timeout: 20_000 });
    const listed = await problems(page);
    const has = (pattern: RegExp) => expect(listed.some((line) => pattern.test(line)), `${pattern} in\n${listed.join('\n')}`).toBe(true);
    has(/^4 error Reign risk check: permissions: write-all gives every job a token/);
    has(/^6 error actionlint: job "build" needs job "lint" which does not exist/);
    has(/^12 error Reign risk check: Job build checks out the pull request's code in a pull_request_target workflow, which runs with the base repository's secrets and a write token: anyone who opens a PR/);
    has(/^13 error Reign risk check: github\.event\.pull_request\.title is written by whoever opened/);
    has(/^13 error actionlint: "github\.event\.pull_request\.title" is potentially untrusted/);
    has(/^14 warning Reign risk check: some-org\/deploy-action is a third-party action pinned to "v1"/);
    expect(await page.getByTestId('editor-check-notes').count(), 'actionlint ran: nothing to say it did not').toBe(0);

    // Inline: squiggles, and the hover names the problem and who found it.
    expect(await editor.editor.locator('.squiggly-error').count()).toBeGreaterThanOrEqual(4);
    expect(await editor.editor.locator('.squiggly-warning').count()).toBeGreaterThanOrEqual(1);
    // A person rests the mouse on the underlined expression in line 13.
    const box = (await editor.editor.locator('.view-line').filter({ hasText: 'echo "${{ github.event.pull_request.title }}"' }).locator('span span').filter({ hasText: 'pull_request.title' }).last().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover').filter({ hasText: 'script injection' });
    await hover.first().waitFor({ timeout: 10_000 });
    expect(await hover.first().textContent()).toMatch(/Reign risk check\(untrusted-input\)/);
    await page.screenshot({ path: join(artifacts, 'github-workflow-editor.png') });

    // Fixed by hand: main's markers go once the check after the edit has run.
    await page.keyboard.press('Escape');
    await pasteText(page, editor, safer);
    await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid="editor-problem"]')].some((row) => /Reign risk check|actionlint/.test(row.textContent ?? '')), undefined, { timeout: 20_000 });
    expect(await problems(page)).toEqual([]);
    expect(await editor.editor.locator('.squiggly-error, .squiggly-warning').count()).toBe(0);
    await page.close();
  }, 120_000);
});
