import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { TerminalsPage } from './pages/terminals-page';

// The Terminals pane over `reign serve`: real shells in real PTYs, output read from what xterm.js
// rendered, and a flood of output that must neither freeze the page nor lose a line.

const ARTIFACTS = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(isolatedEnv({ SHELL: '/bin/bash' }));
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

/** The Terminals pane in a fresh tab (clipboard allowed); any page error fails the test. */
async function openPane(context: TestContext): Promise<TerminalsPage> {
  requireInfrastructure(context, problem, 'Chromium and the built app');
  const browserContext: BrowserContext = await browser!.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await browserContext.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const terminals = new TerminalsPage(page);
  context.onTestFinished(async () => {
    await terminals.closeAll();
    await browserContext.close();
    expect(errors, 'the page logged errors').toEqual([]);
  });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('terminals');
  return terminals;
}

describe('the Terminals pane', () => {
  it('runs a shell in the chosen folder and shows its output; a folder that does not exist is refused by name', async (context) => {
    const terminals = await openPane(context);
    const home = serve!.env.HOME!;
    await terminals.page.getByTestId('terminal-empty').waitFor();
    // The field starts at the home folder, once main has said which it is.
    await terminals.page.waitForFunction((folder) => (document.querySelector('[data-testid="terminal-cwd"]') as HTMLInputElement).value === folder, home);

    await terminals.cwd.fill(join(home, 'missing'));
    await terminals.page.getByTestId('terminal-new').click();
    await terminals.page.getByTestId('terminal-error').waitFor();
    expect(await terminals.page.getByTestId('terminal-error').textContent()).toBe(`Cannot open a terminal in "${join(home, 'missing')}": there is no such folder.`);
    expect(await terminals.tabIds()).toEqual([]);

    mkdirSync(join(home, 'project'), { recursive: true });
    const id = await terminals.open(join(home, 'project'));
    expect(await terminals.page.getByTestId('terminal-error').count()).toBe(0);
    expect(await terminals.tab(id).textContent()).toBe('bash · project');
    await terminals.run('echo "sum=$((40+2)) in $(pwd)"');
    await terminals.waitForRow(new RegExp(`^sum=42 in ${join(home, 'project')}$`));

    // Opening and closing are journaled; what was typed is not.
    await terminals.page.getByTestId(`terminal-close-${id}`).click();
    await terminals.tab(id).waitFor({ state: 'detached' });
    const journal = runReign(['audit', 'export'], serve!.env).stdout;
    expect(journal).toContain('"kind":"terminal.opened"');
    expect(journal).toContain('"kind":"terminal.closed"');
    expect(journal).not.toContain('sum=');
  });

  it('finds in the scrollback, pastes with Ctrl+Shift+V, opens a tab with Ctrl+Shift+T and shows an exited shell as exited', async (context) => {
    const terminals = await openPane(context);
    const { page } = terminals;
    const first = await terminals.open();
    await terminals.run('echo needle-$((6*7)); echo hay');
    await terminals.waitForRow(/^needle-42$/);

    await page.keyboard.press('Control+f');
    const search = page.getByTestId('terminal-search');
    await search.fill('needle-42');
    await search.press('Enter');
    expect(await search.getAttribute('aria-invalid')).toBe('false');
    expect(await page.evaluate(() => getSelection()?.toString() ?? '')).not.toContain('needle'); // xterm selects inside its canvas rows, not the DOM
    await search.fill('no-such-text');
    await search.press('Shift+Enter');
    expect(await search.getAttribute('aria-invalid')).toBe('true');
    await search.press('Escape');
    await search.waitFor({ state: 'detached' });

    await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((2+3))'));
    await terminals.view.click();
    await page.keyboard.press('Control+Shift+V');
    // The clipboard is read asynchronously: Enter only once the pasted text is on the prompt line.
    await terminals.waitForRow(/echo pasted-\$\(\(2\+3\)\)$/);
    await page.keyboard.press('Enter');
    await terminals.waitForRow(/^pasted-5$/);

    await page.keyboard.press('Control+Shift+T');
    await page.waitForFunction((known) => document.querySelector('[data-testid="terminal-view"]')?.getAttribute('data-terminal-id') !== known, first);
    expect(await terminals.tabIds()).toHaveLength(2);

    await terminals.tab(first).click();
    await terminals.run('exit 7');
    await page.waitForFunction((id) => document.querySelector(`[data-testid="terminal-tab-${id}"]`)?.closest('[data-status]')?.getAttribute('data-status') === 'exited', first);
    expect(await terminals.tab(first).textContent()).toBe('bash · ' + serve!.env.HOME!.split('/').at(-1) + ' · exited 7');
    await terminals.waitForRow(/^\[process exited with code 7\]$/);
  });

  it('stops a flood with Ctrl+C: the shell answers the next command and the flood does not go on', async (context) => {
    const terminals = await openPane(context);
    const { page } = terminals;
    await terminals.open();
    await terminals.run(`yes '${'y'.repeat(99)}'`);
    await terminals.waitForRow(/^y{99}$/);
    await page.keyboard.press('Control+c');
    await page.keyboard.type('echo "INT-$((1+1))"');
    await page.keyboard.press('Enter');
    // A generous wait, not a speed: how fast this shows is measured in e2e/bench/terminals-pane.bench.ts.
    await terminals.waitForRow(/^INT-2$/, 60_000);
    await terminals.run('echo "AFTER-$((2+2))"');
    await terminals.waitForRow(/^AFTER-4$/, 30_000);
    const rows = await terminals.rows();
    expect(rows.slice(rows.indexOf('INT-2')).some((row) => /^y{99}$/.test(row)), 'output of yes after the interrupt').toBe(false);
  }, 120_000);

  it('streams 50 MB through the terminal without losing a line, while typing elsewhere and switching tabs keep working', async (context) => {
    const terminals = await openPane(context);
    const { page } = terminals;
    const other = await terminals.open();
    await terminals.run('echo "OTHER-$((3*3))"');
    await terminals.waitForRow(/^OTHER-9$/);
    const flood = await terminals.open();
    const lines = 500_000; // 99 characters and a newline each: 50 MB
    const produced = join(serve!.env.HOME!, 'flood-produced');
    await terminals.run('clear');
    // The file appears when the shell has produced everything: rounds after it are not mid-stream.
    await terminals.run(`seq -f '%099g' 1 ${lines}; touch ${produced}; echo "END-$((6*7))"`);

    // While it streams, the page answers: a key reaches another input and a click switches tabs,
    // showing what each terminal holds. How fast is measured in e2e/bench/terminals-pane.bench.ts.
    let rounds = 0;
    while (!existsSync(produced)) {
      const before = (await terminals.cwd.inputValue()).length;
      await terminals.cwd.press('x');
      await page.waitForFunction((length) => (document.querySelector('[data-testid="terminal-cwd"]') as HTMLInputElement).value.length === length, before + 1, { timeout: 60_000 });
      for (const id of [other, flood]) {
        await terminals.tab(id).click();
        await page.waitForFunction((active) => document.querySelector('[data-testid="terminal-view"]')?.getAttribute('data-terminal-id') === active, id, { timeout: 60_000 });
      }
      if (!existsSync(produced)) rounds += 1;
    }
    expect(rounds, 'rounds of typing and switching made while output was streaming').toBeGreaterThanOrEqual(1);

    await terminals.waitForRow(/^END-42$/, 300_000);
    // Every line arrived, in order: the rows above the marker count up to the last one without a gap.
    const rows = await terminals.rows();
    const numbers = rows.slice(0, rows.indexOf('END-42')).filter((row) => /^\d{99}$/.test(row)).map(Number);
    expect(numbers.at(-1)).toBe(lines);
    expect(numbers.length).toBeGreaterThan(10);
    expect(numbers).toEqual(numbers.map((_, index) => lines - numbers.length + 1 + index));

    // Both terminals kept their output across the switches: the other one still shows its line.
    await terminals.tab(other).click();
    await page.waitForFunction((active) => document.querySelector('[data-testid="terminal-view"]')?.getAttribute('data-terminal-id') === active, other);
    await terminals.waitForRow(/^OTHER-9$/);
    await terminals.tab(flood).click();
    await page.waitForFunction((active) => document.querySelector('[data-testid="terminal-view"]')?.getAttribute('data-terminal-id') === active, flood);
    await terminals.waitForRow(/^END-42$/);

    mkdirSync(ARTIFACTS, { recursive: true });
    await terminals.cwd.fill(serve!.env.HOME!);
    await page.screenshot({ path: join(ARTIFACTS, 'terminal.png') });
  }, 420_000);
});
