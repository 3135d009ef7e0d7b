import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvalDefaultFor, type ModelScore, SettingsSchema } from '../preload/contract';
import { launchChromium } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { builtAppProblem, isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { AutonomySettingsPage } from './pages/autonomy-settings-page';
import { ChatPage } from './pages/chat-page';

// Autonomy from evaluation in the built `reign serve`, in Chromium, with its own data folder: scores
// written the way `reign eval` stores them (`reign settings set modelScores`) appear in Settings, the
// person turns autonomy on and sets the bar there, the chat's model picker says what each model's score
// now means, and all of it is still there after a reload and in what the CLI reads.

const measuredAt = '2026-11-30T10:15:00.000Z';
const scores: Record<string, ModelScore> = {
  'ollama/qwen3:8b': { passAt1: 0.92, passHatK: 0.8, k: 3, tasks: 12, safeRuns: 36, totalRuns: 36, measuredAt },
  // Good enough on pass@1, but it broke a safety check once: never trusted.
  'ollama/smollm2:135m': { passAt1: 0.97, passHatK: 0.9, k: 3, tasks: 12, safeRuns: 35, totalRuns: 36, measuredAt },
  'ollama/llama3.2:1b': { passAt1: 0.42, passHatK: 0.25, k: 3, tasks: 12, safeRuns: 36, totalRuns: 36, measuredAt },
};

const env = isolatedEnv();
const reignSettings = (key: string) => JSON.parse(runReign(['settings', 'get', key], env).stdout) as unknown;
const artifact = (name: string) => join(repoRoot, 'e2e', 'artifacts', name);

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;

beforeAll(async () => {
  problem = builtAppProblem();
  if (problem) return;
  const launched = await launchChromium();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  // Nothing listens on port 9: the picker has no model list, and the person types the model's name.
  expect(runReign(['settings', 'set', 'ollamaUrl', 'http://127.0.0.1:9'], env).status).toBe(0);
  serve = await startServe(env);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});
beforeEach((context) => requireInfrastructure(context, problem, 'Chromium and the built app'));

async function openSettings(): Promise<{ page: Page; autonomy: AutonomySettingsPage }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
  await new AppPage(page).open(serve!.url);
  await new AppPage(page).goTo('settings');
  const autonomy = new AutonomySettingsPage(page);
  await autonomy.section.waitFor();
  return { page, autonomy };
}

/** Waits until the element shows exactly this text (the store updates after the server answers). */
const shows = (locator: Locator, text: string) => locator.filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();

describe('Settings → Autonomy from evaluation', () => {
  it('says how to measure a model while none has been', async () => {
    const { page, autonomy } = await openSettings();
    const empty = autonomy.section.getByTestId('autonomy-scores-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('reign eval e2e/eval --provider ollama --model NAME');
    expect(await autonomy.enabled.isChecked()).toBe(false);
    expect(await autonomy.bar.inputValue()).toBe('90');
    await page.close();
  });

  it('shows the measured scores, refuses a bar outside 0–100 beside it, and gives the default each model earns once on', async () => {
    // Scores as `reign eval` stores them, then Reign restarted to read them.
    await serve!.stop();
    expect(runReign(['settings', 'set', 'modelScores', JSON.stringify(scores)], env)).toMatchObject({ status: 0 });
    serve = await startServe(env);
    const { page, autonomy } = await openSettings();

    expect(await autonomy.rowCells('ollama/qwen3:8b')).toEqual({ passAt1: '92%', passHatK: '80% (k = 3)', safe: '36/36', tasks: '12', measured: '2026-11-30', default: 'asks before every change' });
    expect(await autonomy.rowCells('ollama/smollm2:135m')).toMatchObject({ passAt1: '97%', safe: '35/36', default: 'asks before every change' });
    expect(await autonomy.row('ollama/qwen3:8b').getByTestId('autonomy-score-default').getAttribute('title')).toMatch(/autonomy from scores is off/);

    await autonomy.setBar('150');
    await autonomy.barError.waitFor();
    expect(await autonomy.barError.textContent()).toBe('The bar is a pass@1 percentage from 0 to 100; 150 is outside it');
    expect(await autonomy.bar.getAttribute('aria-invalid')).toBe('true');
    expect(reignSettings('autonomy')).toEqual({ enabled: false, minPassAt1: 0.9, upTo: 'write' });

    await autonomy.setEnabled(true);
    await autonomy.setBar('85');
    await autonomy.section.getByTestId('autonomy-bar-saved').waitFor();
    expect(await autonomy.barError.count()).toBe(0);
    await shows(autonomy.row('ollama/qwen3:8b').getByTestId('autonomy-score-default'), 'writes run without asking');
    expect(await autonomy.row('ollama/qwen3:8b').getAttribute('data-approve')).toBe('write');
    expect(await autonomy.row('ollama/smollm2:135m').getAttribute('data-approve')).toBe('none');
    expect(await autonomy.row('ollama/llama3.2:1b').getAttribute('data-approve')).toBe('none');
    expect(await autonomy.row('ollama/llama3.2:1b').getByTestId('autonomy-score-default').getAttribute('title')).toMatch(/under the 85% bar/);
    expect(reignSettings('autonomy')).toEqual({ enabled: true, minPassAt1: 0.85, upTo: 'write' });

    await autonomy.section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await autonomy.section.screenshot({ path: artifact('autonomy-settings.png') });

    // A reload opens the app afresh (on its first pane): everything shown comes from main again.
    await page.reload();
    await new AppPage(page).frame.waitFor();
    await new AppPage(page).goTo('settings');
    await autonomy.section.waitFor();
    expect(await autonomy.enabled.isChecked()).toBe(true);
    expect(await autonomy.bar.inputValue()).toBe('85');
    expect(await autonomy.upTo.inputValue()).toBe('write');
    expect(await autonomy.row('ollama/qwen3:8b').getAttribute('data-approve')).toBe('write');
    await page.close();
  });

  it('the chat\'s model picker says what the typed model measured and what that means, as `reign ask` decides it', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    const chat = new ChatPage(page);
    const chip = page.getByTestId('chat-autonomy');
    const settings = SettingsSchema.parse({ modelScores: scores, autonomy: { enabled: true, minPassAt1: 0.85, upTo: 'write' } });

    await chat.chooseProvider('ollama', 'qwen3:8b');
    // Ollama does not answer: the picker says so and keeps the typed name.
    await page.getByTestId('chat-models-problem').waitFor();
    await shows(chip, 'eval 92% · writes run without asking');
    expect(await chip.getAttribute('data-approve')).toBe('write');
    expect(await chip.getAttribute('title')).toContain(approvalDefaultFor(settings, 'ollama', 'qwen3:8b').why);
    // Beside the model it is about, on the same line, not wrapped away from it.
    const [input, badge] = [await page.getByTestId('chat-model').boundingBox(), await chip.boundingBox()];
    expect(Math.abs(input!.y + input!.height / 2 - (badge!.y + badge!.height / 2))).toBeLessThan(input!.height / 2);
    expect(badge!.x).toBeGreaterThan(input!.x + input!.width);
    await page.getByTestId('chat-provider').evaluate((element) => element.closest('.chat-header')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: artifact('autonomy-model-picker.png'), clip: { x: 0, y: 0, width: 1280, height: 260 } });

    await page.getByTestId('chat-model').fill('smollm2:135m');
    await shows(chip, 'eval 97% · asks before every change');
    expect(await chip.getAttribute('title')).toContain('unsafe in 1 of 36 runs');
    await page.getByTestId('chat-model').fill('llama3.2:1b');
    await shows(chip, 'eval 42% · asks before every change');
    await page.getByTestId('chat-model').fill('mistral:7b');
    await shows(chip, 'not evaluated · asks before every change');
    expect(await chip.getAttribute('data-approve')).toBe('none');

    // Above the bar only reads: the chip follows Settings without a reload.
    await app.goTo('settings');
    await new AutonomySettingsPage(page).upTo.selectOption('read');
    await app.goTo('chat');
    await page.getByTestId('chat-model').fill('qwen3:8b');
    await shows(chip, 'eval 92% · reads run without asking');
    expect(reignSettings('autonomy')).toEqual({ enabled: true, minPassAt1: 0.85, upTo: 'read' });
    await page.close();
  });
});
