import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { githubMock } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// GitHub in the Resources pane, in Chromium against `reign serve` and the GitHub mock (GitHub's
// OpenAPI description answering with its examples): the token's repositories, and for the
// repository of the workspace's origin its open pull requests and its workflow runs.

const { url, problem: mockProblem } = githubMock();
const TOKEN = `ghp_${'PaneTok1'.repeat(5)}`;
const artifacts = join(repoRoot, 'e2e', 'artifacts');
let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = mockProblem;

beforeAll(async () => {
  if (!url) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });
  // A checkout whose origin is on GitHub: the views start on that repository.
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-gh-pane-')));
  mkdirSync(join(workspace, '.git'));
  writeFileSync(join(workspace, '.git', 'config'), '[remote "origin"]\n\turl = git@github.com:octocat/Hello-World.git\n');
  serve = await startServe(isolatedEnv({ GITHUB_API_URL: url, GITHUB_TOKEN: TOKEN }), ['--workspace', workspace]);
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

const row = (page: Page, key: string) => page.getByTestId(`resources-row-${key}`);
const cell = (page: Page, key: string, column: string) => row(page, key).locator(`[data-column="${column}"]`);

describe('the GitHub views of the Resources pane', () => {
  it('lists the repositories, and the pull requests and runs of the origin\'s repository, with the token nowhere in the page', async (context) => {
    requireInfrastructure(context, problem, 'The GitHub mock, Chromium and the built app');
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('resources');

    await page.getByTestId('resources-tab-github.repositories').click();
    await row(page, 'octocat/Hello-World').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('resources-error').count(), 'the view lists without a problem').toBe(0);
    expect([await cell(page, 'octocat/Hello-World', 'defaultBranch').textContent(), await cell(page, 'octocat/Hello-World', 'stars').textContent()]).toEqual(['master', '80']);
    await page.screenshot({ path: join(artifacts, 'github-repositories.png') });

    await page.getByTestId('resources-tab-github.pulls').click();
    await row(page, '1347').waitFor({ timeout: 30_000 });
    // The origin's repository is where the views start.
    expect(await page.getByTestId('resources-scope-repo').inputValue()).toBe('octocat/Hello-World');
    expect(await page.getByTestId('pane-resources').locator('.purpose').textContent()).toContain('octocat/Hello-World');
    expect(await cell(page, '1347', 'title').textContent()).toBe('Amazing new feature');
    expect(await cell(page, '1347', 'branches').textContent()).toBe('master ← new-topic');
    expect(await row(page, '1347').locator('[data-column="state"]').getByTestId('resources-status').textContent()).toBe('open');
    await page.screenshot({ path: join(artifacts, 'github-pulls.png') });

    await page.getByTestId('resources-tab-github.runs').click();
    await row(page, '30433642').waitFor({ timeout: 30_000 });
    expect([await cell(page, '30433642', 'workflow').textContent(), await row(page, '30433642').getByTestId('resources-status').textContent(), await row(page, '30433642').getAttribute('data-tone')]).toEqual(['Build', 'queued', 'warn']);
    await page.screenshot({ path: join(artifacts, 'github-runs.png') });

    expect(await page.content()).not.toContain(TOKEN);
    await page.close();
  }, 120_000);
});
