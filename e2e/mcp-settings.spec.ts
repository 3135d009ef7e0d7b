import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// Settings → MCP servers in the built `reign serve`, in Chromium, with its own data folder: the
// reference server from npm (@modelcontextprotocol/server-everything, its bin, stdio) is added in the
// form, written to <data>/mcp-servers.json, and connected after Reign restarts; the schema's
// messages appear beside the fields they are about.

const everythingBin = resolve('node_modules/.bin/mcp-server-everything');
const env = isolatedEnv({ PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` });
const configFile = join(env.REIGN_HOME!, 'mcp-servers.json');
const stored = () => JSON.parse(readFileSync(configFile, 'utf8')) as unknown;

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  problem = builtAppProblem() ?? (existsSync(everythingBin) ? null : `${everythingBin} is missing (npm install)`);
  if (problem) return;
  const launched = await launchChromium();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(env);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});
beforeEach((context) => requireInfrastructure(context, problem, 'Chromium, the built app and @modelcontextprotocol/server-everything'));

async function openSettings(): Promise<{ page: Page; section: ReturnType<Page['getByTestId']> }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
  const app = new AppPage(page);
  await app.open(serve!.url);
  await app.goTo('settings');
  const section = page.getByTestId('settings-mcp-servers');
  await section.waitFor();
  return { page, section };
}

describe('Settings → MCP servers', () => {
  it('adds server-everything as a stdio server: the schema\'s message beside a bad name, then the file has it and it loads at the next start', async () => {
    const { page, section } = await openSettings();
    await section.getByTestId('mcp-servers-empty').waitFor();
    expect(await section.getByTestId('mcp-servers-file').textContent()).toBe(configFile);

    await section.getByTestId('mcp-server-add').click();
    await section.getByTestId('mcp-server-name').fill('Everything Server');
    await section.getByTestId('mcp-server-command').fill(everythingBin);
    await section.getByTestId('mcp-server-args').fill('stdio');
    await section.getByTestId('mcp-server-env-add').click();
    await section.getByTestId('mcp-server-env-0-name').fill('LOG_LEVEL');
    await section.getByTestId('mcp-server-env-0-value').fill('debug');
    await section.getByTestId('mcp-server-save').click();
    const nameError = section.getByTestId('mcp-server-error-name');
    await nameError.waitFor();
    expect(await nameError.textContent()).toBe('a server name is 1-31 characters of a-z, 0-9, _ and -, starting with a letter or digit');
    expect(existsSync(configFile)).toBe(false);

    await section.getByTestId('mcp-server-name').fill('everything');
    await section.getByTestId('mcp-server-save').click();
    await section.getByTestId('mcp-server-everything').waitFor();
    expect(await section.getByTestId('mcp-server-everything-state').textContent()).toBe('Restart Reign to load it');
    expect(await section.getByTestId('mcp-server-everything-status').textContent()).toMatch(/starts at the next start of Reign/);
    expect(await section.getByTestId('mcp-servers-message').textContent()).toMatch(/restart Reign to load it/);
    expect(stored()).toEqual([{ name: 'everything', command: everythingBin, args: ['stdio'], env: { LOG_LEVEL: 'debug' } }]);
    await page.close();
  });

  it('keeps an HTTP server\'s token as a keychain entry name: refused over plain http:// with the schema\'s words, stored as { fromKeychain }', async () => {
    const { page, section } = await openSettings();
    await section.getByTestId('mcp-server-add').click();
    await section.getByTestId('mcp-server-kind-http').check();
    await section.getByTestId('mcp-server-name').fill('remote');
    await section.getByTestId('mcp-server-url').fill('http://mcp.example.com/mcp');
    await section.getByTestId('mcp-server-token').fill('remote-token');
    await section.getByTestId('mcp-server-save').click();
    const tokenError = section.getByTestId('mcp-server-error-token');
    await tokenError.waitFor();
    expect(await tokenError.textContent()).toMatch(/^a token is only sent over https:\/\//);

    await section.getByTestId('mcp-server-url').fill('https://127.0.0.1:9/mcp');
    await section.getByTestId('mcp-server-save').click();
    await section.getByTestId('mcp-server-remote').waitFor();
    expect(stored()).toEqual([
      { name: 'everything', command: everythingBin, args: ['stdio'], env: { LOG_LEVEL: 'debug' } },
      { name: 'remote', url: 'https://127.0.0.1:9/mcp', token: { fromKeychain: 'remote-token' } },
    ]);
    await page.close();
  });

  it('after Reign restarts, shows server-everything connected with its tools and why the other did not start; edits and removes', async () => {
    await serve!.stop();
    serve = await startServe(env);
    const { page, section } = await openSettings();
    const state = section.getByTestId('mcp-server-everything-state');
    await state.waitFor();
    expect(await state.textContent()).toBe('Connected');
    expect(await section.getByTestId('mcp-server-everything-status').textContent()).toMatch(/^Connected: \d+ tools, as mcp\.everything\.\*$/);
    expect(await section.getByTestId('mcp-server-remote-state').textContent()).toBe('Did not start');
    expect(await section.getByTestId('mcp-server-remote-status').textContent()).toMatch(/MCP server "remote"/);

    // An invalid entry, left open beside the list for the screenshot.
    await section.getByTestId('mcp-server-add').click();
    await section.getByTestId('mcp-server-name').fill('my.server');
    await section.getByTestId('mcp-server-save').click();
    await section.getByTestId('mcp-server-error-name').waitFor();
    expect(await section.getByTestId('mcp-server-error-command').textContent()).toMatch(/the program that starts the server is needed/);
    await page.setViewportSize({ width: 1280, height: 1500 });
    await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'settings-mcp-servers.png') });
    await section.getByTestId('mcp-server-cancel').click();

    // Edited: marked read-only tools apply at the next start; removed: gone from the file.
    await section.getByTestId('mcp-server-everything-edit').click();
    expect(await section.getByTestId('mcp-server-command').inputValue()).toBe(everythingBin);
    await section.getByTestId('mcp-server-readonly').fill('echo, get-sum');
    await section.getByTestId('mcp-server-save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="mcp-server-everything-state"]')?.textContent === 'Restart Reign to apply');
    await section.getByTestId('mcp-server-remote-remove').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="mcp-server-remote"]')?.getAttribute('data-state') === 'removed');
    expect(stored()).toEqual([{ name: 'everything', command: everythingBin, args: ['stdio'], env: { LOG_LEVEL: 'debug' }, readOnly: ['echo', 'get-sum'] }]);

    await page.close();
  });
});
