import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';
import { type SecretServiceFixture, startSecretService } from './fixtures/secret-service';
import { isolatedEnv, repoRoot, runReignAsync, type ServeProcess, startServe } from './fixtures/serve-process';
import { storedText } from './fixtures/stored-text';
import { AppPage } from './pages/app-page';

// Settings' "Import from gh" in Chromium against `reign serve`, a real Secret Service
// (gnome-keyring) and the GitHub mock: main runs `gh auth token` once and keeps what it prints in
// the keychain as github-token; the window only learns that a token is stored and, from the doctor
// (GET /user through a front that checks GitHub's contract), the account. gh itself cannot be
// installed here, so a stand-in gh on the app's PATH plays it: logged out, logged in, then gone.

const { url, problem: mockProblem } = githubMock();
const TOKEN = `gho_${'ImportTk'.repeat(5)}`;
const artifacts = join(repoRoot, 'e2e', 'artifacts');
const ghBin = mkdtempSync(join(tmpdir(), 'reign-fake-gh-'));
const gh = join(ghBin, 'gh');
const asked = join(ghBin, 'asked');

/** The stand-in gh: it notes what it was asked, then answers as the script says. */
function installGh(answer: string): void {
  writeFileSync(gh, `#!/bin/sh\necho "$*" >> "${asked}"\n${answer}\n`);
  chmodSync(gh, 0o755);
}

const passed: { path: string; status: number; violations: PrismViolation[] }[] = [];
let keyring: SecretServiceFixture | undefined;
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let apiHost = '';
let problem: string | null = mockProblem;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (!url) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  const fixture = await startSecretService();
  if (typeof fixture === 'string') return void (problem = fixture);
  keyring = fixture;
  const target = new URL(url);
  const front = await listenOnLoopback(
    createServer((incoming, reply) => {
      const outgoing = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
        passed.push({ path: incoming.url!, status: answer.statusCode ?? 0, violations: requestViolations(answer.headers) });
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
      });
      incoming.pipe(outgoing);
    }),
  );
  closers.push(front.close);
  apiHost = new URL(front.url).host;
  serve = await startServe(isolatedEnv({ HOME: keyring.env.HOME, DBUS_SESSION_BUS_ADDRESS: keyring.env.DBUS_SESSION_BUS_ADDRESS, PATH: `${ghBin}${delimiter}${process.env.PATH}`, GITHUB_API_URL: front.url }));
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await keyring?.stop();
  await Promise.all(closers.map((close) => close()));
});

const status = (page: Page) => page.getByTestId('settings-github-status');
const message = (page: Page) => page.getByTestId('settings-github-message');
const textIs = (page: Page, testId: string, pattern: RegExp) =>
  page.waitForFunction(([id, source]) => new RegExp(source!).test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), [testId, pattern.source] as const, { timeout: 20_000 });

describe('importing the GitHub token from gh in Settings', () => {
  it('says when gh is logged out, stores the token gh gives, shows only the account, and says when gh is not there', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock, the keychain end-to-end setup (Chromium and gnome-keyring) and the built app');
    const page = await browser!.newPage({ viewport: { width: 1200, height: 1100 } });
    const received: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('settings');
    await status(page).waitFor();
    expect(await status(page).textContent()).toMatch(/^No token stored/);

    // Logged out: gh's own words, and what to run.
    installGh(`echo "no oauth token found for ${'$'}4" >&2; exit 1`);
    await page.getByTestId('settings-github-import').click();
    await textIs(page, 'settings-github-message', /not logged in/);
    expect(await message(page).textContent()).toBe(`gh is not logged in to ${apiHost} (gh said: no oauth token found for ${apiHost}). Run \`gh auth login --hostname ${apiHost}\`, then import again, or paste a token instead.`);
    expect(await status(page).textContent()).toMatch(/^No token stored/);

    // Logged in: the token goes to the keychain; the window learns the account from the doctor.
    installGh(`[ "$1 $2" = "auth token" ] || exit 2\necho ${TOKEN}`);
    await page.getByTestId('settings-github-import').click();
    await textIs(page, 'settings-github-account', /Signed in as octocat/);
    expect(await status(page).textContent()).toBe('Token stored in Secret Service (D-Bus) as github-token');
    expect(await message(page).textContent()).toBe('GitHub token imported from gh auth token and stored in the keychain.');
    expect(await page.getByTestId('settings-github-account').textContent()).toBe('Signed in as octocat (token from keychain).');
    await page.getByTestId('settings-github').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'github-settings-import.png') });
    // gh was asked for the configured GitHub's token, with an argument array.
    expect(readFileSync(asked, 'utf8').trim().split('\n')).toEqual([`auth token --hostname ${apiHost}`, `auth token --hostname ${apiHost}`]);

    // A separate process reading the same keychain signs in with it.
    const doctor = await runReignAsync(['doctor', '--json'], serve!.env);
    expect(JSON.parse(doctor.stdout).checks.github).toMatchObject({ status: 'ok', account: 'octocat', tokenSource: 'keychain' });
    expect(doctor.stdout + doctor.stderr).not.toContain(TOKEN);

    // Removed, and gh gone from the machine: the import says so, and what to do.
    await page.getByTestId('settings-github-remove').click();
    await textIs(page, 'settings-github-status', /^No token stored/);
    rmSync(gh);
    await page.getByTestId('settings-github-import').click();
    await textIs(page, 'settings-github-message', /not installed/);
    expect(await message(page).textContent()).toBe('The gh CLI is not installed here (no gh on PATH), so there is no token to import. Install the GitHub CLI (https://cli.github.com) and run `gh auth login`, or paste a token instead.');

    // The token never reached the window, the app's output, or Reign's data folder.
    expect(received.length).toBeGreaterThan(5);
    expect(received.filter((frame) => frame.includes(TOKEN))).toEqual([]);
    expect(await page.content()).not.toContain(TOKEN);
    expect(serve!.output()).not.toContain(TOKEN);
    expect(storedText(serve!.env.REIGN_HOME!)).not.toContain(TOKEN);
    // The doctor's requests met GitHub's contract.
    expect(passed.some((request) => request.path === '/user')).toBe(true);
    for (const request of passed) {
      expect(request.violations, `${request.path} met GitHub's contract`).toEqual([]);
      expect(request.status, request.path).toBeLessThan(300);
    }
    await page.close();
  }, 120_000);
});
