import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoctorReportSchema } from '../preload/contract';
import { launchChromium } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { type SecretServiceFixture, startSecretService } from './fixtures/secret-service';
import { builtAppProblem, isolatedEnv, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// The Anthropic key travels renderer → main once, into a real Secret Service (gnome-keyring);
// after that, nothing the app sends or stores contains it.
const KEY = 'sk-ant-api03-e2e-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

let browser: Browser | undefined;
let keyring: SecretServiceFixture | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  problem = builtAppProblem();
  if (problem) return;
  const fixture = await startSecretService();
  if (typeof fixture === 'string') return void (problem = fixture);
  keyring = fixture;
  const launched = await launchChromium();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(isolatedEnv({ HOME: keyring.env.HOME, DBUS_SESSION_BUS_ADDRESS: keyring.env.DBUS_SESSION_BUS_ADDRESS }));
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await keyring?.stop();
});

describe('the Anthropic key in Settings', () => {
  it('is stored in the keychain, shown only as stored, never sent back, and can be removed', async (context) => {
    requireInfrastructure(context, problem, 'The keychain end-to-end setup (Chromium and gnome-keyring)');
    const page = await browser!.newPage();
    const received: string[] = [];
    page.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push(String(frame.payload))));
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('settings');
    expect(await page.getByTestId('settings-anthropic-key-status').textContent()).toBe('No key stored');

    await page.getByTestId('settings-anthropic-key').fill(KEY);
    await page.getByTestId('settings-anthropic-key-save').click();
    await page.getByTestId('settings-anthropic-key-delete').waitFor();
    expect(await page.getByTestId('settings-anthropic-key-status').textContent()).toBe('Stored in Secret Service (D-Bus)');
    await page.waitForFunction(() => (document.querySelector('[data-testid="settings-anthropic-key"]') as HTMLInputElement).value === '');

    // doctor (a separate process, reading the same keychain) sees it stored.
    const report = DoctorReportSchema.parse(JSON.parse(runReign(['doctor', '--json'], serve!.env).stdout));
    expect(report.checks.anthropic).toMatchObject({ status: 'ok', keyStored: true });
    expect(JSON.stringify(report)).not.toContain(KEY);

    await page.getByTestId('doctor-rerun').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="doctor-check-anthropic"]')?.getAttribute('data-status') === 'ok');
    await page.getByTestId('settings-anthropic-key-delete').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="settings-anthropic-key-status"]')?.textContent === 'No key stored');

    expect(received.length).toBeGreaterThan(5);
    expect(received.filter((frame) => frame.includes(KEY))).toEqual([]);
    expect(serve!.output()).not.toContain(KEY);
    await page.close();
  });

  it('refuses something too short to be a key, and says why', async (context) => {
    requireInfrastructure(context, problem, 'The keychain end-to-end setup (Chromium and gnome-keyring)');
    const page = await browser!.newPage();
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('settings');
    await page.getByTestId('settings-anthropic-key').fill('sk-short');
    await page.getByTestId('settings-anthropic-key-save').click();
    await page.getByText(/too short to be an Anthropic API key/).waitFor();
    expect(await page.getByTestId('settings-anthropic-key-status').textContent()).toBe('No key stored');
    await page.close();
  });
});
