import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { githubMock } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { storedText } from './fixtures/stored-text';
import { writeTranscript } from './fixtures/transcripts';
import { AppPage } from './pages/app-page';
import { ChatAndPlan } from './pages/plan-page';

// "Open a PR with this fix and merge it once it is reviewed", as a person reviews it: in Chromium
// against `reign serve` with a scripted model and the GitHub mock (GitHub's own description,
// checking every request). The plan graph shows each step's risk by code: the branch, the pull
// request and the review request are writes; merging into the default branch is destructive, so
// approving writes runs the first three and leaves the merge waiting for a person.

const { url, problem: mockProblem } = githubMock();
const token = `ghp_${'Ch4t'.repeat(9)}`;
const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-gh-chat-')));
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = mockProblem;
let home: string | undefined;

beforeAll(async () => {
  if (!url) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  const repo = 'octocat/Hello-World';
  const transcript = writeTranscript([
    {
      text: 'I will open the pull request from a new branch, ask octocat to review it, and merge it by squash.',
      tool_calls: [
        {
          name: 'propose_plan',
          arguments: {
            summary: 'Open a pull request with the probe fix and merge it',
            steps: [
              { id: 'branch', tool: 'github.branch.create', input: { repo, branch: 'fix-probe', from: 'master' } },
              { id: 'pr', tool: 'github.pr.create', dependsOn: ['branch'], input: { repo, title: 'Fix the readiness probe', head: 'new-topic', base: 'master', body: 'The probe now waits for the cache.' } },
              { id: 'review', tool: 'github.pr.request-review', dependsOn: ['pr'], input: { repo, number: '${steps.pr.output.number}', reviewers: ['octocat'] } },
              { id: 'merge', tool: 'github.pr.merge', dependsOn: ['review'], input: { repo, number: '${steps.pr.output.number}', method: 'squash' } },
            ],
          },
        },
      ],
    },
    { text: 'The pull request is open and merged.' },
  ]);
  const env = isolatedEnv({ GITHUB_API_URL: url, GITHUB_TOKEN: token });
  home = env.REIGN_HOME;
  serve = await startServe(env, ['--workspace', workspace, '--transcript', transcript]);
}, 120_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('a pull request plan in the plan graph', () => {
  it('rates the merge into the default branch destructive, runs the writes once approved, and keeps the merge for a person', async (context) => {
    requireInfrastructure(context, problem, 'Chromium, the built app and the GitHub mock');
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    const app = new AppPage(page);
    const ui = new ChatAndPlan(page);
    await app.open(serve!.url);
    await app.goTo('chat');
    await expect.poll(() => page.getByTestId('chat-provider').inputValue()).toBe('scripted');
    await ui.send('open a PR with the probe fix and merge it once reviewed');
    await ui.waitForState('waiting-for-approval');
    await page.getByTestId('chat-plan-open').click();
    await app.pane('plan').waitFor();
    for (const id of ['branch', 'pr', 'review']) expect(await ui.step(id).getAttribute('data-risk')).toBe('write');
    expect(await ui.step('merge').getAttribute('data-risk')).toBe('destructive');
    await ui.step('merge').click();
    await expect.poll(() => page.getByTestId('pane-plan').textContent()).toMatch(/default branch/);
    await page.screenshot({ path: join(artifacts, 'github-pr-plan.png') });

    await page.getByTestId('plan-approve-level').selectOption('write');
    await page.getByTestId('plan-approve-all').click();
    await page.getByTestId('plan-submit').click();
    for (const id of ['branch', 'pr', 'review']) await ui.waitForStep(id, 'succeeded');
    await ui.waitForStep('merge', 'needs-approval');
    await page.screenshot({ path: join(artifacts, 'github-pr-plan-merge-waiting.png') });
    expect(storedText(home!)).not.toContain(token);
  }, 120_000);
});
