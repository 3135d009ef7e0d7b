import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, jsonLines, repoRoot, runReignAsync, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// The approvals inbox as a person uses it: an MCP client (the SDK's own stdio client) runs the built
// `reign mcp` against the same data folder as a running `reign serve`; its write waits as a proposal
// that appears in the Plan pane in Chromium, with its redacted input, preview and risk. Approving it
// there makes the waiting call return the result; rejecting one returns a refusal and writes nothing.

const ARTIFACTS = join(repoRoot, 'e2e', 'artifacts');
// Long enough that the call is still waiting when the person decides: the call itself returns the outcome.
const WAIT_MS = 120_000;
/** A call the test awaits later: if the test fails first, closing the client rejects it, which is no second failure. */
const later = <T>(call: Promise<T>): Promise<T> => (call.catch(() => undefined), call);
const textOf = (result: object): string => ((result as { content?: { text?: string }[] }).content ?? []).map((part) => part.text ?? '').join('');

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let client: Client | undefined;
let problem: string | null = null;
const env = isolatedEnv({ REIGN_MCP_APPROVAL_WAIT_MS: String(WAIT_MS) });
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-inbox-')));

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  serve = await startServe(env);
  const transport = new StdioClientTransport({ command: process.execPath, args: [join(repoRoot, 'main', 'cli', 'reign-bin.js'), 'mcp'], env: env as Record<string, string>, cwd: workspace, stderr: 'pipe' });
  client = new Client({ name: 'e2e-inbox', version: '0.1' });
  await client.connect(transport);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await serve?.stop();
  await browser?.close();
});

describe('the MCP approvals inbox in the app', () => {
  it('shows an MCP client\'s write with its preview and risk; approved in the app the call returns the result, rejected it returns a refusal', { timeout: 180_000 }, async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    mkdirSync(join(workspace, 'docs'));
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('plan');
    await expect.poll(() => page.getByTestId('mcp-inbox').count()).toBe(0);

    // The client's call waits for the person: it is not awaited yet.
    const approvedCall = later(client!.callTool({ name: 'files.write', arguments: { path: 'docs/release-notes.md', content: '# 1.0\n\nFirst release.\n' } }, undefined, { timeout: WAIT_MS + 30_000 }));
    const card = page.locator('[data-testid="mcp-inbox"] article[data-status="pending"]');
    await card.waitFor();
    const id = (await card.getAttribute('data-testid'))!.replace('mcp-proposal-', '');
    expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe('From MCP client e2e-inbox 0.1');
    expect(await card.getByTestId('mcp-proposal-risk').textContent()).toBe('write');
    expect(await card.getAttribute('data-risk')).toBe('write');
    expect(await card.textContent()).toContain(`files.write on ${workspace} · proposed at `);
    expect(await card.getByTestId('mcp-proposal-preview').textContent()).toBe('creates docs/release-notes.md:\n# 1.0\n\nFirst release.\n');
    expect(JSON.parse((await card.getByTestId('mcp-proposal-input').textContent())!)).toEqual({ path: 'docs/release-notes.md', content: '# 1.0\n\nFirst release.\n' });
    // The count beside the Plan pane, for a person looking elsewhere.
    expect(await app.nav('plan').getByTestId('nav-plan-mcp-count').textContent()).toBe('1');
    await page.screenshot({ path: join(ARTIFACTS, 'mcp-inbox-proposal.png') });
    expect(existsSync(join(workspace, 'docs', 'release-notes.md'))).toBe(false);

    await card.getByTestId('mcp-proposal-approve').click();
    const ran = await approvedCall;
    expect(ran.isError, textOf(ran)).toBeFalsy();
    expect(ran.structuredContent).toMatchObject({ path: 'docs/release-notes.md', created: true });
    expect(readFileSync(join(workspace, 'docs', 'release-notes.md'), 'utf8')).toBe('# 1.0\n\nFirst release.\n');
    // The card stays with the outcome; the count is gone.
    const decided = page.getByTestId(`mcp-proposal-${id}`);
    await expect.poll(() => decided.getAttribute('data-status')).toBe('ran');
    await expect.poll(() => decided.getByTestId('mcp-proposal-outcome').textContent()).toMatch(/^Approved by app \(reign serve\); ran: succeeded \(run [0-9a-f]{8}, in History\)\. The client got the result\.$/);
    expect(await app.nav('plan').getByTestId('nav-plan-mcp-count').count()).toBe(0);

    // A second write, rejected in the app: the client is refused and nothing is written.
    const rejectedCall = later(client!.callTool({ name: 'files.write', arguments: { path: 'docs/secret-plan.md', content: 'not wanted\n' } }, undefined, { timeout: WAIT_MS + 30_000 }));
    const second = page.locator('[data-testid="mcp-inbox"] article[data-status="pending"]');
    await second.waitFor();
    const secondId = (await second.getAttribute('data-testid'))!.replace('mcp-proposal-', '');
    expect(await app.nav('plan').getByTestId('nav-plan-mcp-count').textContent()).toBe('1');
    await second.getByTestId('mcp-proposal-reject').click();
    const refused = await rejectedCall;
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(`Rejected in Reign by app (reign serve): files.write write on ${workspace} (proposal ${secondId}) was not run.`);
    expect(existsSync(join(workspace, 'docs', 'secret-plan.md'))).toBe(false);
    const told = page.getByTestId(`mcp-proposal-${secondId}`);
    await expect.poll(() => told.getAttribute('data-status')).toBe('closed');
    expect(await told.getByTestId('mcp-proposal-outcome').textContent()).toBe('Rejected by app (reign serve); the client was told it was not run.');
    await page.screenshot({ path: join(ARTIFACTS, 'mcp-inbox-rejected.png') });

    // Deciding again is refused with the reason: in a terminal, and on the card of a window that missed the change
    // (a second tab whose inbox events are held back, so it still shows the proposal waiting).
    const again = await runReignAsync(['approvals', 'approve', secondId], env);
    expect([again.status, again.stderr]).toEqual([1, `reign: Proposal ${secondId} is not waiting (it is closed): decided by app (reign serve).\n`]);
    const thirdCall = later(client!.callTool({ name: 'files.delete', arguments: { path: 'docs/release-notes.md' } }, undefined, { timeout: WAIT_MS + 30_000 }));
    const third = page.locator('[data-testid="mcp-inbox"] article[data-status="pending"]');
    await third.waitFor();
    const thirdId = (await third.getAttribute('data-testid'))!.replace('mcp-proposal-', '');
    expect(await third.getAttribute('data-risk')).toBe('destructive');
    const stale = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await stale.routeWebSocket(/\/ws/, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => {
        if (!String(message).includes('"mcp.proposals.changed"')) socket.send(message);
      });
    });
    const staleApp = new AppPage(stale);
    await staleApp.open(serve!.url);
    await staleApp.goTo('plan');
    const staleCard = stale.getByTestId(`mcp-proposal-${thirdId}`);
    await staleCard.waitFor();
    await third.getByTestId('mcp-proposal-reject').click();
    expect(textOf(await thirdCall)).toMatch(/^Rejected in Reign by app \(reign serve\): files\.delete destructive on /);
    expect(await staleCard.getAttribute('data-status')).toBe('pending');
    await staleCard.getByTestId('mcp-proposal-approve').click();
    await staleCard.getByTestId('mcp-proposal-error').waitFor();
    expect(await staleCard.getByTestId('mcp-proposal-error').textContent()).toMatch(new RegExp(`^Proposal ${thirdId} is not waiting \\(it is (rejected|closed)\\): decided by app \\(reign serve\\)\\.$`));
    // Read again: the card says what became of it and offers no decision any more.
    await expect.poll(() => staleCard.getAttribute('data-status')).toBe('closed');
    expect(await staleCard.getByTestId('mcp-proposal-outcome').textContent()).toBe('Rejected by app (reign serve); the client was told it was not run.');
    expect(await staleCard.getByTestId('mcp-proposal-approve').count()).toBe(0);
    await stale.screenshot({ path: join(ARTIFACTS, 'mcp-inbox-stale-decision.png') });
    await stale.close();
    expect(readFileSync(join(workspace, 'docs', 'release-notes.md'), 'utf8')).toBe('# 1.0\n\nFirst release.\n');

    // Journaled: the app's decisions with who decided, every call with the client's name; the chain holds.
    const audit = await runReignAsync(['audit', 'export'], env);
    expect(audit.status, audit.stderr).toBe(0);
    const entries = jsonLines(audit.stdout);
    expect(entries.filter((entry) => entry.kind === 'mcp.decision').map((entry) => [entry.payload.proposal, entry.payload.decision, entry.payload.by, entry.payload.client])).toEqual([
      [id, 'approved', 'app (reign serve)', 'e2e-inbox 0.1'],
      [secondId, 'rejected', 'app (reign serve)', 'e2e-inbox 0.1'],
      [thirdId, 'rejected', 'app (reign serve)', 'e2e-inbox 0.1'],
    ]);
    expect(entries.filter((entry) => entry.kind === 'mcp.call').map((entry) => [entry.payload.outcome, entry.payload.decidedBy ?? null])).toEqual([
      ['proposed', null],
      ['ran', 'app (reign serve)'],
      ['proposed', null],
      ['rejected', 'app (reign serve)'],
      ['proposed', null],
      ['rejected', 'app (reign serve)'],
    ]);
    const verify = await runReignAsync(['audit', 'verify'], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });

  it('approves a step on a production target only with its name typed on the card', { timeout: 120_000 }, async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const production = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-inbox-prod-')));
    const marked = await runReignAsync(['settings', 'set', 'productionTargets', JSON.stringify([`workspace:${production}`])], env);
    expect(marked.status, marked.stderr).toBe(0);
    const transport = new StdioClientTransport({ command: process.execPath, args: [join(repoRoot, 'main', 'cli', 'reign-bin.js'), 'mcp'], env: env as Record<string, string>, cwd: production, stderr: 'pipe' });
    const deployer = new Client({ name: 'e2e-deployer', version: '2.0' });
    await deployer.connect(transport);
    try {
      const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
      const app = new AppPage(page);
      await app.open(serve!.url);
      await app.goTo('plan');
      const call = later(deployer.callTool({ name: 'files.write', arguments: { path: 'release.txt', content: 'v2\n' } }, undefined, { timeout: WAIT_MS + 30_000 }));
      const card = page.locator('[data-testid="mcp-inbox"] article[data-status="pending"]');
      await card.waitFor();
      expect(await card.getByRole('heading', { level: 3 }).textContent()).toBe('From MCP client e2e-deployer 2.0');
      const confirm = card.getByTestId('mcp-proposal-confirm');
      expect(await card.locator('label.confirm').textContent()).toContain(`is marked production. Type ${production} to approve:`);

      // Not typed, then mistyped: refused on the card, nothing sent, nothing written.
      await card.getByTestId('mcp-proposal-approve').click();
      expect(await card.getByTestId('mcp-proposal-error').textContent()).toBe(`Type ${production} (the production target's name) to approve this step.`);
      await confirm.fill(`${production}-typo`);
      await card.getByTestId('mcp-proposal-approve').click();
      expect(await card.getByTestId('mcp-proposal-error').textContent()).toMatch(/^Type .* to approve this step\.$/);
      expect(await card.getAttribute('data-status')).toBe('pending');
      await page.screenshot({ path: join(ARTIFACTS, 'mcp-inbox-production.png') });
      expect(existsSync(join(production, 'release.txt'))).toBe(false);

      await confirm.fill(production);
      await card.getByTestId('mcp-proposal-approve').click();
      const ran = await call;
      expect(ran.isError, textOf(ran)).toBeFalsy();
      expect(readFileSync(join(production, 'release.txt'), 'utf8')).toBe('v2\n');
      await page.close();
    } finally {
      await deployer.close();
    }
  });

  it('takes decisions only over the app\'s own authenticated transport: a WebSocket without the token is refused', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const refusal = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${serve!.port}/ws`, { origin: serve!.origin });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('a WebSocket without the token was accepted')));
      socket.on('error', () => undefined);
    });
    expect(refusal).toBe(401);
  });
});
