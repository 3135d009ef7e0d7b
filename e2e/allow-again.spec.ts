import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// "Allow again" as a person uses it, in Chromium against `reign serve` with a scripted model: an
// approved shell step becomes a rule scoped to its verb, target and risk, with an expiry; the next
// plan's matching step needs no approval while a compound command still does; Settings shows the
// rule, the CLI and the audit log agree, and Revoke takes it away.

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = null;
const env = isolatedEnv();
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-allow-again-')));

const plan = (summary: string, steps: { id: string; command: string }[]) => ({
  tool_calls: [{ name: 'propose_plan', arguments: { summary, steps: steps.map(({ id, command }) => ({ id, tool: 'shell.exec', input: { command } })) } }],
});

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  const transcript = writeTranscript([
    plan('Make the first file', [{ id: 'first', command: 'touch first.txt' }, { id: 'pair', command: 'touch a.txt && touch b.txt' }]),
    { text: 'Made them.' },
    plan('Make the second file', [{ id: 'second', command: 'touch second.txt' }, { id: 'more', command: 'touch c.txt; touch d.txt' }]),
    { text: 'Made the second one.' },
  ]);
  serve = await startServe(env, ['--workspace', workspace, '--transcript', transcript]);
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('Allow again', () => {
  it('turns an approval into a scoped, expiring rule that the next plan uses, shown and revocable in Settings', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page);
    const ui = new ChatAndPlan(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    await ui.send('Make the first file');
    await ui.waitForState('waiting-for-approval');
    await app.goTo('plan');

    // The scope is the command's verb on this workspace up to the step's risk.
    const scope = await ui.approveAndAllowAgain('first', 'today');
    expect(scope).toMatch(new RegExp(`^shell\\.exec touch … on ${workspace} up to write$`));
    expect(await page.getByTestId('plan-allow-again-done').textContent()).toMatch(/Allowed again: .*expires in \d+ (min|h)/);
    // A compound command cannot be allowed again, and says why.
    await ui.step('pair').click();
    await page.getByTestId('plan-approve').click();
    expect(await page.getByTestId('plan-allow-again').isDisabled()).toBe(true);
    expect(await page.getByTestId('plan-allow-again-why').textContent()).toMatch(/Only a simple command/);
    await page.getByTestId('plan-submit').click();
    await ui.waitForRun('succeeded');
    expect(existsSync(join(workspace, 'first.txt'))).toBe(true);

    // The next plan: the same verb on the same target is allowed by the rule; the compound one still asks.
    await app.goTo('chat');
    await ui.send('Make the second file');
    await ui.waitForState('waiting-for-approval');
    await app.goTo('plan');
    expect(await ui.stepStatus('second')).toBe('approved');
    expect(await ui.stepStatus('more')).toBe('needs-approval');
    await page.getByTestId('plan-submit').click();
    // The step nobody approved does not run, so the run is incomplete.
    await ui.waitForRun('incomplete');
    expect(existsSync(join(workspace, 'second.txt'))).toBe(true);
    expect(existsSync(join(workspace, 'c.txt'))).toBe(false);

    // Settings lists it with its expiry and origin; the CLI and the audit log say the same.
    await app.goTo('settings');
    const row = page.getByTestId('policy-rule-0');
    expect(await row.textContent()).toMatch(new RegExp(`^allow shell\\.exec touch … on workspace:${workspace} up to write · expires in \\d+ (min|h) · created from an approval`));
    const { rules } = JSON.parse(runReign(['policy', 'rules', '--json'], env).stdout) as { rules: { id: string; source: string; verb: string; expiresAt: string }[] };
    expect(rules).toMatchObject([{ source: 'approval', verb: 'touch', expiresAt: expect.any(String) }]);
    await page.screenshot({ path: join(repoRoot, 'e2e', 'artifacts', 'allow-again-settings.png') });
    await page.getByTestId('policy-rule-remove-0').click();
    await page.getByTestId('policy-rules-empty').waitFor();
    expect(JSON.parse(runReign(['policy', 'rules', '--json'], env).stdout).rules).toEqual([]);
    const journal = runReign(['audit', 'export'], env).stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; payload: { rule?: { id: string }; reason?: string } });
    expect(journal.filter((entry) => entry.kind.startsWith('policy.rule.')).map((entry) => [entry.kind, entry.payload.rule?.id, entry.payload.reason])).toEqual([
      ['policy.rule.added', rules[0]!.id, undefined],
      ['policy.rule.removed', rules[0]!.id, 'revoked'],
    ]);
    await page.close();
  }, 120_000);
});
