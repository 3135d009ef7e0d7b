import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnthropicFixture, startAnthropicFixture, turn } from './fixtures/anthropic-fixture';
import { browserForApp } from './fixtures/browser';
import { requireInfrastructure } from './fixtures/infrastructure';
import { type OllamaFixture, startOllamaFixture } from './fixtures/ollama-fixture';
import { closedPort } from './fixtures/loopback-server';
import { processesRunning } from './fixtures/processes';
import { isolatedEnv, repoRoot, runReign, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';
import { ChatPage, inOrder } from './pages/chat-page';
import { writeTranscript } from './fixtures/transcripts';

// The Chat pane as a person uses it, in Chromium against `reign serve`: answers streamed as
// markdown, tool cards, questions answered inline, Stop in every waiting state, conversations
// kept across reloads, provider problems explained where they are seen, tokens and cost.
// Models are a scripted transcript or local servers speaking Anthropic's and Ollama's formats.

const artifacts = join(repoRoot, 'e2e', 'artifacts');
const apiKey = 'sk-ant-api03-e2e-chat-0123456789abcdefghijklmnop';

let browser: Browser | undefined;
let problem: string | null = null;
const serves: ServeProcess[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
}, 60_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  for (const serve of serves) await serve.stop();
  await browser?.close();
});

function workspace(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'reign-chat-')));
  writeFileSync(join(dir, 'app.env'), 'PORT=8080\n');
  return dir;
}

async function serveWith(env: NodeJS.ProcessEnv, dir: string, turns?: unknown[]): Promise<ServeProcess> {
  const args = ['--workspace', dir];
  if (turns) {
    args.push('--transcript', writeTranscript(turns));
  }
  const serve = await startServe(env, args);
  serves.push(serve);
  return serve;
}

/** A fresh page on the chat pane, recording the states it shows; clipboard allowed for Copy. */
async function openChat(serve: ServeProcess): Promise<{ page: Page; app: AppPage; chat: ChatPage }> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });
  contexts.push(context);
  const page = await context.newPage();
  await ChatPage.recordStates(page);
  const app = new AppPage(page);
  await app.open(serve.url);
  await app.goTo('chat');
  // chat.defaults has answered once a provider is selected.
  await page.waitForFunction(() => (document.querySelector('[data-testid="chat-provider"]') as HTMLSelectElement | null)?.value);
  return { page, app, chat: new ChatPage(page) };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, name) });

describe('a scripted answer', () => {
  const answer = 'The app listens on **8080** (set in `app.env`).\n\n```ini\nPORT=8080\n```\n\n- restart it after a change';
  const turns = [{ text: 'Let me read the config first.', tool_calls: [{ name: 'files.read', arguments: { path: 'app.env' } }] }, { text: answer }];
  let serve: ServeProcess;
  beforeAll(async () => {
    if (!problem) serve = await serveWith(isolatedEnv(), workspace(), turns);
  }, 60_000);

  it('streams the answer as markdown with a working Copy, shows the tool call as a card, and moves through the states', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    await chat.send('Which port does the app use?');
    await chat.waitForState('done');
    expect(inOrder(await chat.states(), ['idle', 'thinking', 'streaming', 'thinking', 'streaming', 'done'])).toBe(true);

    // The tool call: one collapsed line, its input and output on demand.
    const card = chat.toolCard('files.read');
    expect(await card.getAttribute('data-state')).toBe('done');
    expect(await card.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    expect(await card.locator('pre').first().isVisible()).toBe(false);
    await card.locator('summary').click();
    expect(await card.locator('pre').first().isVisible()).toBe(true);
    expect(await card.locator('pre').first().textContent()).toContain('"path": "app.env"');
    expect(await card.locator('pre').nth(1).textContent()).toContain('PORT=8080');

    // Markdown rendered, not shown as source.
    const rendered = chat.message('assistant').last();
    expect(await rendered.locator('strong').textContent()).toBe('8080');
    expect(await rendered.locator('p code').textContent()).toBe('app.env');
    expect(await rendered.locator('li').textContent()).toBe('restart it after a change');
    expect(await rendered.locator('pre code').textContent()).toBe('PORT=8080');
    expect(await rendered.textContent()).not.toMatch(/\*\*|```/);

    await page.getByTestId('chat-code-copy').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="chat-code-copy"]')?.textContent === 'Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('PORT=8080');
    await shot(page, 'chat-1-answer.png');
  }, 60_000);

  it('lists conversations, renames one, resumes it after a reload, and deletes it once confirmed', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, app, chat } = await openChat(serve);
    await chat.send('Which port, again?');
    await chat.waitForState('done');
    // The conversation just started is listed (titled by its request) and marked as the open one.
    const id = await chat.currentConversationId();
    expect(await chat.conversation(id).textContent()).toContain('Which port, again?');

    await page.getByTestId(`chat-rename-${id}`).click();
    await page.getByTestId('chat-rename-input').fill('Port of the app');
    await page.getByTestId('chat-rename-input').press('Enter');
    await page.waitForFunction((row) => document.querySelector(`[data-testid="chat-conversation-${row}"]`)?.textContent?.includes('Port of the app'), id);
    expect(await page.getByTestId('chat-rename-input').count()).toBe(0);

    // After a reload the pane starts a new conversation; opening the stored one brings it back.
    await page.reload();
    await app.goTo('chat');
    await chat.conversation(id).waitFor();
    expect(await chat.message('user').count()).toBe(0);
    expect(await chat.conversation(id).textContent()).toContain('Port of the app');
    await chat.conversation(id).locator('button.conversation-open').click();
    await chat.message('assistant').last().locator('pre code').waitFor();
    expect(await chat.message('user').textContent()).toBe('Which port, again?');
    expect(await chat.toolCard('files.read').getAttribute('data-state')).toBe('done');
    expect(await chat.message('assistant').last().locator('strong').textContent()).toBe('8080');
    expect(await chat.conversation(id).getAttribute('aria-current')).toBe('true');
    await shot(page, 'chat-4-resumed.png');

    // Declining the confirmation keeps it; accepting deletes it, for good.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByTestId(`chat-delete-${id}`).click();
    expect(await chat.conversation(id).count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId(`chat-delete-${id}`).click();
    await chat.conversation(id).waitFor({ state: 'detached' });
    expect(await chat.message('user').count()).toBe(0);
    const stored = JSON.parse(runReign(['conversations', '--json'], serve.env).stdout) as { id: string }[];
    expect(stored.map((conversation) => conversation.id)).not.toContain(id);
  }, 60_000);
});

describe('questions, plans and Stop', () => {
  const question = 'Which port should the app listen on?';
  const turns = [
    { tool_calls: [{ name: 'ask_user', arguments: { question } }] },
    { text: 'Then I will set it.', tool_calls: [{ name: 'propose_plan', arguments: { summary: 'Set the app port', steps: [{ id: 'port', tool: 'files.write', input: { path: 'app.env', content: 'PORT=9090\n' } }] } }] },
    { text: 'The port is set.' },
  ];
  let serve: ServeProcess;
  let dir = '';
  beforeAll(async () => {
    dir = workspace();
    if (!problem) serve = await serveWith(isolatedEnv(), dir, turns);
  }, 60_000);

  it('asks a clarifying question inline, continues with the answer, and Stop cancels the plan waiting for approval', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    await chat.send('Move the app to another port');
    await chat.waitForState('waiting-for-user');
    expect(await page.getByTestId('chat-question').textContent()).toContain(question);
    expect(await page.getByTestId('chat-answer-send').isDisabled()).toBe(true);
    await page.getByTestId('chat-answer-input').fill('9090');
    await shot(page, 'chat-2-question.png');
    await page.getByTestId('chat-answer-send').click();

    await chat.waitForState('waiting-for-approval');
    expect(await page.getByTestId('chat-question').count()).toBe(0);
    expect(await chat.message('question').textContent()).toContain('You answered: 9090');
    await chat.toolCard('ask_user').locator('summary').click();
    expect(await chat.toolCard('ask_user').textContent()).toContain('The person answered: 9090');
    expect(await chat.message('plan').textContent()).toContain('Proposed a plan of 1 step: Set the app port');

    await page.getByTestId('chat-stop').click();
    await chat.waitForState('cancelled');
    await page.getByTestId('chat-send').waitFor();
    expect(readFileSync(join(dir, 'app.env'), 'utf8')).toBe('PORT=8080\n');
    await shot(page, 'chat-3-stopped.png');
  }, 60_000);

  it('Esc cancels while waiting for an answer and while waiting for approval; nothing runs', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    await chat.send('Move the app to another port');
    await chat.waitForState('waiting-for-user');
    await page.getByTestId('chat-answer-input').focus();
    await page.keyboard.press('Escape');
    await chat.waitForState('cancelled');
    expect(await page.getByTestId('chat-question').count()).toBe(0);
    // The question's card says it did not finish, instead of spinning forever.
    expect(await chat.toolCard('ask_user').getAttribute('data-state')).toBe('error');

    // The same conversation goes on to its plan; Esc stops that too.
    await chat.send('Use 9090');
    await chat.waitForState('waiting-for-approval');
    await page.keyboard.press('Escape');
    await chat.waitForState('cancelled');
    expect(readFileSync(join(dir, 'app.env'), 'utf8')).toBe('PORT=8080\n');
  }, 60_000);
});

describe('Stop during a read the agent runs', () => {
  // An odd duration, so the process can be told apart from any other sleep on the machine.
  const command = 'sleep 7.31';
  let serve: ServeProcess;
  beforeAll(async () => {
    if (!problem) serve = await serveWith(isolatedEnv(), workspace(), [{ text: 'Waiting for the service.', tool_calls: [{ name: 'shell.exec', arguments: { command } }] }, { text: 'Done waiting.' }]);
  }, 60_000);

  const sleeping = (): number => processesRunning(command.split(' '));

  it('kills the running command at once', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    await chat.send('wait for the service');
    await page.locator('[data-testid="chat-tool-card"][data-tool="shell.exec"][data-state="running"]').waitFor();
    await expect.poll(sleeping).toBe(1);
    const stoppedAt = Date.now();
    await page.getByTestId('chat-stop').click();
    await chat.waitForState('cancelled', 3_000);
    await page.locator('[data-testid="chat-tool-card"][data-tool="shell.exec"][data-state="error"]').waitFor({ timeout: 3_000 });
    await expect.poll(sleeping, { timeout: 3_000 }).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(4_000);
    expect(await chat.message('assistant').allTextContents()).not.toContain('Done waiting.');
  }, 60_000);
});

describe('Claude (a local server speaking the Messages API)', () => {
  let serve: ServeProcess;
  let fixture: AnthropicFixture;
  let dir = '';
  beforeAll(async () => {
    if (problem) return;
    fixture = await startAnthropicFixture();
    dir = workspace();
    serve = await serveWith(isolatedEnv({ ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: fixture.baseURL }), dir);
  }, 60_000);
  afterAll(() => fixture?.close());

  it('shows tokens and cost after a turn, and keeps them with the conversation', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, app, chat } = await openChat(serve);
    expect(await page.getByTestId('chat-provider').inputValue()).toBe('anthropic');
    expect(await page.getByTestId('chat-model').inputValue()).toBe('claude-sonnet-5-5');
    expect(await page.getByTestId('chat-usage').textContent()).toBe('no tokens used yet');
    fixture.enqueue({ kind: 'sse', events: turn({ text: 'Hello.', usage: { input: 2000, cacheRead: 1500, output: 12 } }) });
    await chat.send('hello');
    await chat.waitForState('done');
    // claude-sonnet-5-5: 2000 × $2 + 1500 × $0.10 + 12 × $10 per million tokens.
    expect(await page.getByTestId('chat-usage').textContent()).toBe('3,500 in · 12 out · $0.0043');
    expect(await chat.messages.textContent()).not.toContain(apiKey);
    await shot(page, 'chat-6-usage.png');

    const id = await chat.currentConversationId();
    await page.reload();
    await app.goTo('chat');
    await chat.conversation(id).locator('button.conversation-open').click();
    await chat.message('assistant').waitFor();
    expect(await page.getByTestId('chat-usage').textContent()).toBe('3,500 in · 12 out · $0.0043');
  }, 60_000);

  it('goes on after being stopped during a question (Claude gets a result for every tool call)', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    fixture.enqueue({ kind: 'sse', events: turn({ toolCalls: [{ id: 'toolu_ask', name: 'ask_user', input: { question: 'Which port?' } }] }) });
    await chat.send('change the port');
    await chat.waitForState('waiting-for-user');
    await page.getByTestId('chat-stop').click();
    await chat.waitForState('cancelled');
    fixture.enqueue({ kind: 'sse', events: turn({ text: 'Leaving it as it is.' }) });
    await chat.send('never mind');
    await chat.waitForState('done');
    expect(await chat.message('error').count()).toBe(0);
    expect(await chat.message('assistant').last().textContent()).toBe('Leaving it as it is.');
  }, 60_000);

  it('Stop ends a slow stream at once: the connection closes and what was proposed never runs', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    const plan = { summary: 'Change the port', steps: [{ id: 'port', tool: 'files.write', input: { path: 'app.env', content: 'PORT=1\n' } }] };
    fixture.enqueue({ kind: 'sse', delayMs: 150, events: turn({ text: 'Thinking about the port at some length before anything else happens here.', toolCalls: [{ id: 'toolu_slow', name: 'propose_plan', input: plan }] }) });
    await chat.send('change the port');
    await chat.waitForState('streaming');
    await page.waitForFunction(() => (document.querySelector('[data-kind="assistant"]')?.textContent ?? '').length > 10);
    await page.getByTestId('chat-stop').click();
    await chat.waitForState('cancelled', 5_000);
    await expect.poll(() => fixture.closedEarly()).toBeGreaterThanOrEqual(1);
    const shown = await chat.message('assistant').textContent();
    expect(shown!.length).toBeLessThan(60); // the rest of the stream never arrived
    expect(await chat.message('plan').count()).toBe(0);
    expect(readFileSync(join(dir, 'app.env'), 'utf8')).toBe('PORT=8080\n');
  }, 60_000);
});

describe('provider problems', () => {
  let serve: ServeProcess;
  let ollama: OllamaFixture;
  let unreachable = '';
  beforeAll(async () => {
    if (problem) return;
    ollama = await startOllamaFixture(['qwen3:8b'], { pullDelayMs: 300 });
    const env = isolatedEnv();
    unreachable = `http://127.0.0.1:${await closedPort()}`;
    for (const [key, value] of [['modelProvider', 'ollama'], ['ollamaUrl', unreachable], ['ollamaModel', 'qwen3:8b']]) {
      const set = runReign(['settings', 'set', key!, value!], env);
      if (set.status !== 0) throw new Error(set.stderr);
    }
    serve = await serveWith(env, workspace());
  }, 60_000);
  afterAll(() => ollama?.close());

  it('says Ollama is not reachable at its URL, and what to do', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    expect(await page.getByTestId('chat-provider').inputValue()).toBe('ollama');
    await page.getByTestId('chat-models-problem').waitFor();
    expect(await page.getByTestId('chat-models-problem').textContent()).toContain(`No Ollama server answers at ${unreachable}`);
    await chat.send('hi');
    await chat.waitForState('failed');
    const error = chat.message('error');
    expect(await error.getAttribute('data-error-kind')).toBe('network');
    expect(await error.textContent()).toMatch(new RegExp(`No Ollama server answers at ${unreachable}.*ollama serve.*Ollama URL in Settings`));
    await shot(page, 'chat-5-ollama-unreachable.png');
  }, 60_000);

  it('offers to pull a model Ollama does not have, shows the progress, and then the model answers', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, app, chat } = await openChat(serve);
    // The URL changed in Settings, as a person would fix it.
    await app.goTo('settings');
    await page.getByTestId('settings-ollama-url').fill(ollama.baseUrl);
    await page.getByTestId('settings-ollama-save').click();
    await expect.poll(() => runReign(['settings', 'get', 'ollamaUrl'], serve.env).stdout.trim()).toBe(JSON.stringify(ollama.baseUrl));
    await app.goTo('chat');
    await page.waitForFunction(() => !document.querySelector('[data-testid="chat-models-problem"]'));
    await page.getByTestId('chat-model').fill('llama3.2:1b');
    await page.getByTestId('chat-pull').waitFor(); // the header offers it as well
    await chat.send('hi');
    await chat.waitForState('failed');
    const error = chat.message('error');
    expect(await error.getAttribute('data-error-kind')).toBe('not_found');
    expect(await error.textContent()).toMatch(/Ollama does not have the model llama3\.2:1b\. Pull it \(Pull in the chat/);

    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __pull: string[] }).__pull = seen;
      new MutationObserver(() => {
        const progress = document.querySelector('[data-testid="chat-pull-progress"]');
        if (progress) seen.push(`${progress.textContent}|${progress.querySelector('progress')?.getAttribute('value') ?? ''}`);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await error.getByTestId('chat-error-pull').click();
    await page.waitForFunction(() => /Pulling llama3\.2:1b: pulling abc/.test(document.querySelector('[data-testid="chat-pull-progress"]')?.textContent ?? ''));
    await shot(page, 'chat-5-pull-progress.png');
    await page.waitForFunction(() => /: success/.test(document.querySelector('[data-testid="chat-pull-progress"]')?.textContent ?? ''));
    const seen = await page.evaluate(() => (window as unknown as { __pull: string[] }).__pull);
    expect(seen.some((entry) => entry.includes('(50%)') && entry.endsWith('|0.5'))).toBe(true);
    expect(ollama.requests.some((request) => request.path === '/api/pull' && request.body.name === 'llama3.2:1b')).toBe(true);
    expect(await page.getByTestId('chat-pull').count()).toBe(0); // now installed

    ollama.enqueue({ kind: 'chat', chunks: [{ content: 'Hello from ' }, { content: 'llama.' }] });
    await chat.send('hi again');
    await chat.waitForState('done');
    expect(await chat.message('assistant').last().textContent()).toBe('Hello from llama.');
  }, 60_000);

  it('refuses Anthropic without a key and says to store one', async (context) => {
    requireInfrastructure(context, problem, 'Chromium and the built app');
    const { page, chat } = await openChat(serve);
    await chat.chooseProvider('anthropic');
    await chat.input.fill('hi');
    await page.getByTestId('chat-send').click();
    await page.getByTestId('chat-error').waitFor();
    expect(await page.getByTestId('chat-error').textContent()).toMatch(/No Anthropic API key: store one in Settings → Providers/);
    expect(await chat.input.inputValue()).toBe('hi'); // nothing was sent, so the text stays
    expect(await chat.message('user').count()).toBe(0);
    expect(await chat.state()).toBe('idle');
    await shot(page, 'chat-5-no-key.png');
  }, 60_000);
});
