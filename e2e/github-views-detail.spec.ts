import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserForApp } from './fixtures/browser';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';
import { isolatedEnv, repoRoot, type ServeProcess, startServe } from './fixtures/serve-process';
import { AppPage } from './pages/app-page';

// The GitHub views' details in Chromium against `reign serve`: the open pull requests with their
// checks, and a failed run opened on its jobs, steps and the failed job's log. Every request the
// app sends goes through a loopback front to the GitHub mock (Prism, GitHub's OpenAPI
// description), which checks it against GitHub's contract; the front then answers the few paths
// where the test needs specific data (eight open PRs, their check runs, a run with a failed job)
// with Prism's own examples changed, and sends the log download, as GitHub does, to another host
// (a second loopback server) that must never see the token.

const { url, problem: mockProblem } = githubMock();
const TOKEN = `ghp_${'DetailTk'.repeat(5)}`;
const REPO = '/repos/octocat/Hello-World';
const RUN = 30433642;
const FAILED_JOB = 399444497;
const artifacts = join(repoRoot, 'e2e', 'artifacts');

interface Passed {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly violations: PrismViolation[];
}
const passed: Passed[] = [];
let checkReadsInFlight = 0;
let mostCheckReadsAtOnce = 0;
const logRequests: IncomingHttpHeaders[] = [];

// Eight open pull requests, each with its own head commit and checks (the first three are the
// cases a person tells apart: failing, running, green; then a repository's usual traffic).
const shas = Array.from({ length: 8 }, (_, index) => `${String(index + 1).repeat(7)}${'0'.repeat(33)}`);
const pulls = [
  { number: 1347, title: 'Amazing new feature', head: 'new-topic', runs: [['lint', 'completed', 'failure'], ['build', 'completed', 'success'], ['test', 'completed', 'success']] },
  { number: 1348, title: 'Speed up the build cache', head: 'cache', runs: [['build', 'in_progress', null], ['test', 'completed', 'success']] },
  { number: 1349, title: 'Docs: how to deploy', head: 'docs', runs: [['build', 'completed', 'success'], ['test', 'completed', 'success'], ['deploy-preview', 'completed', 'skipped']] },
  { number: 1350, title: 'Bump actions/checkout', head: 'deps', runs: [['build', 'completed', 'success']] },
  { number: 1351, title: 'Retry flaky upload', head: 'retry', runs: [['build', 'completed', 'timed_out'], ['test', 'queued', null]] },
  { number: 1352, title: 'Draft: new login page', head: 'login', runs: [] },
  { number: 1353, title: 'Fix typo in README', head: 'typo', runs: [['build', 'completed', 'success'], ['test', 'completed', 'success']] },
  { number: 1354, title: 'Add arm64 images', head: 'arm64', runs: [['build', 'completed', 'success'], ['test', 'completed', 'failure'], ['scan', 'completed', 'failure']] },
] as const;

const logLines = [...Array.from({ length: 400 }, (_, index) => `2024-05-01T10:00:${String(index % 60).padStart(2, '0')}.0000000Z line ${index + 1} of npm test output`), '2024-05-01T10:07:00.0000000Z \u001b[31mFAIL\u001b[0m test/login.test.ts > rejects an expired session', '2024-05-01T10:07:01.0000000Z ##[error]Process completed with exit code 1.'];

type Json = Record<string, any>;

/** Prism's example answers, changed where the test needs its own data. */
function rewrite(method: string, path: string, body: unknown, logHost: string): { body?: unknown; location?: string } {
  const route = path.split('?')[0]!;
  if (method === 'GET' && route === `${REPO}/pulls`) {
    const [example] = body as Json[];
    return {
      body: pulls.map((pull, index) => ({ ...example, number: pull.number, title: pull.title, draft: pull.number === 1352, updated_at: new Date(Date.now() - (index + 1) * 3_600_000).toISOString(), head: { ...example!.head, ref: pull.head, sha: shas[index] } })),
    };
  }
  const checks = new RegExp(`^${REPO}/commits/([0-9a-f]{40})/check-runs$`).exec(route);
  if (method === 'GET' && checks) {
    const [example] = (body as Json).check_runs as Json[];
    const runs = pulls[shas.indexOf(checks[1]!)]!.runs;
    return { body: { total_count: runs.length, check_runs: runs.map(([name, status, conclusion], index) => ({ ...example, id: index + 1, name, status, conclusion, head_sha: checks[1] })) } };
  }
  if (method === 'GET' && route === `${REPO}/actions/runs`) {
    const [example] = (body as Json).workflow_runs as Json[];
    return { body: { total_count: 2, workflow_runs: [{ ...example, id: RUN, name: 'CI', status: 'completed', conclusion: 'failure', display_title: 'Log in with passkeys', created_at: new Date(Date.now() - 600_000).toISOString() }, { ...example, id: RUN - 1, run_number: 561, name: 'CI', status: 'completed', conclusion: 'success', created_at: new Date(Date.now() - 7_200_000).toISOString() }] } };
  }
  if (method === 'GET' && route === `${REPO}/actions/runs/${RUN}/jobs`) {
    const [example] = (body as Json).jobs as Json[];
    const step = (number: number, name: string, conclusion: string, start: string, end: string) => ({ name, status: 'completed', conclusion, number, started_at: `2024-05-01T10:${start}Z`, completed_at: `2024-05-01T10:${end}Z` });
    const build = { ...example, id: FAILED_JOB - 1, name: 'build', conclusion: 'success', started_at: '2024-05-01T10:00:00Z', completed_at: '2024-05-01T10:02:05Z', steps: [step(1, 'Set up job', 'success', '00:00', '00:02'), step(2, 'Run actions/checkout@v4', 'success', '00:02', '00:05'), step(3, 'Build', 'success', '00:05', '02:05')] };
    const test = { ...example, id: FAILED_JOB, name: 'test', conclusion: 'failure', started_at: '2024-05-01T10:02:10Z', completed_at: '2024-05-01T10:07:02Z', steps: [step(1, 'Set up job', 'success', '02:10', '02:11'), step(2, 'Install dependencies', 'success', '02:11', '03:00'), step(3, 'Run npm test', 'failure', '03:00', '07:01'), { ...step(4, 'Upload coverage', 'skipped', '07:01', '07:01'), started_at: null, completed_at: null }] };
    return { body: { total_count: 2, jobs: [build, test] } };
  }
  // GitHub answers a job's log with a redirect to a signed URL on another host.
  if (method === 'GET' && route === `${REPO}/actions/jobs/${FAILED_JOB}/logs`) return { location: `${logHost}/signedlogcontent/${FAILED_JOB}?urlSigningMethod=HMACV1&urlSignature=abc` };
  return {};
}

let browser: Browser | undefined;
let serve: ServeProcess | undefined;
let problem: string | null = mockProblem;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (!url) return;
  const launched = await browserForApp();
  if (typeof launched === 'string') return void (problem = launched);
  browser = launched;
  mkdirSync(artifacts, { recursive: true });

  const logServer = await listenOnLoopback(
    createServer((incoming, reply) => {
      logRequests.push(incoming.headers);
      reply.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      reply.end(`${logLines.join('\r\n')}\r\n`);
    }),
  );
  closers.push(logServer.close);
  const target = new URL(url);
  const front = await listenOnLoopback(
    createServer((incoming, reply) => {
      const isCheckRead = /\/check-runs/.test(incoming.url!);
      if (isCheckRead) mostCheckReadsAtOnce = Math.max(mostCheckReadsAtOnce, ++checkReadsInFlight);
      const outgoing = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          passed.push({ method: incoming.method!, path: incoming.url!, status: answer.statusCode ?? 0, violations: requestViolations(answer.headers) });
          const text = Buffer.concat(chunks).toString('utf8');
          const json = /json/.test(String(answer.headers['content-type'])) && text ? (JSON.parse(text) as unknown) : null;
          const changed = rewrite(incoming.method!, incoming.url!, json, logServer.url);
          const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = answer.headers;
          if (changed.location) headers.location = changed.location;
          // Check reads are held a little, so reads that overlap show how many run at once.
          setTimeout(
            () => {
              if (isCheckRead) checkReadsInFlight--;
              reply.writeHead(answer.statusCode ?? 502, headers);
              reply.end(changed.body === undefined ? text : JSON.stringify(changed.body));
            },
            isCheckRead ? 150 : 0,
          );
        });
      });
      incoming.pipe(outgoing);
    }),
  );
  closers.push(front.close);
  // A checkout whose origin is on GitHub: the views start on that repository.
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-gh-detail-')));
  mkdirSync(join(workspace, '.git'));
  writeFileSync(join(workspace, '.git', 'config'), '[remote "origin"]\n\turl = https://github.com/octocat/Hello-World.git\n');
  serve = await startServe(isolatedEnv({ GITHUB_API_URL: front.url, GITHUB_TOKEN: TOKEN }), ['--workspace', workspace]);
}, 60_000);

afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  await Promise.all(closers.map((close) => close()));
});

const row = (page: Page, key: string) => page.getByTestId(`resources-row-${key}`);
const badge = (page: Page, key: string, column: string) => row(page, key).locator(`[data-column="${column}"] [data-testid="resources-status"]`);
const need = 'The GitHub mock, Chromium and the built app';

/** Every request the app sent met GitHub's contract (Prism's verdict) and was answered without an error. */
function everyRequestMetTheContract(): void {
  expect(passed.length).toBeGreaterThan(0);
  for (const request of passed) {
    expect(request.violations, `${request.method} ${request.path} met GitHub's contract`).toEqual([]);
    expect(request.status, `${request.method} ${request.path}`).toBeLessThan(400);
  }
}

describe('the GitHub views\' details in the Resources pane', () => {
  it('shows each open pull request\'s checks, read once per head commit, a few at a time', async (context) => {
    requireInfrastructure(context, problem, need);
    const page = await browser!.newPage({ viewport: { width: 1400, height: 820 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('resources');
    await page.getByTestId('resources-tab-github.pulls').click();
    await row(page, '1354').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('resources-error').count(), 'the view lists without a problem').toBe(0);

    const shown = async (key: string) => [await badge(page, key, 'checks').textContent(), await badge(page, key, 'checks').getAttribute('class')];
    expect(await shown('1347')).toEqual(['✕ 1 · ✓ 2', 'badge error']);
    expect(await shown('1348')).toEqual(['● 1 · ✓ 1', 'badge warning']);
    expect(await shown('1349')).toEqual(['✓ 3', 'badge ok']);
    expect(await shown('1351')).toEqual(['✕ 1 · ● 1', 'badge error']);
    expect(await shown('1352')).toEqual(['no checks', 'badge missing']);
    // The state keeps its own badge: an open pull request with failing checks is still open.
    expect([await badge(page, '1347', 'state').textContent(), await badge(page, '1347', 'state').getAttribute('class')]).toEqual(['open', 'badge ok']);
    expect(await badge(page, '1352', 'state').textContent()).toBe('draft');
    await page.screenshot({ path: join(artifacts, 'github-pulls-checks.png') });

    // One page of pull requests, then one check-runs request per head commit (no statuses, no second page).
    const checkReads = passed.filter((request) => request.path.includes('/check-runs'));
    expect(checkReads.map((request) => request.path.split('?')[0]).sort()).toEqual(shas.map((sha) => `${REPO}/commits/${sha}/check-runs`).sort());
    expect(checkReads.every((request) => request.path.includes('per_page=100'))).toBe(true);
    expect(passed.filter((request) => request.path.startsWith(`${REPO}/pulls`)).length).toBe(1);
    expect(mostCheckReadsAtOnce, 'checks are read in parallel').toBeGreaterThan(1);
    expect(mostCheckReadsAtOnce, 'and never more than six at once').toBeLessThanOrEqual(6);
    everyRequestMetTheContract();
    expect(await page.content()).not.toContain(TOKEN);
    await page.close();
  }, 120_000);

  it('opens a failed run on its jobs and steps, with the last lines of the failed job\'s log fetched without the token', async (context) => {
    requireInfrastructure(context, problem, need);
    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const app = new AppPage(page);
    await app.open(serve!.url);
    await app.goTo('resources');
    await page.getByTestId('resources-tab-github.runs').click();
    await row(page, String(RUN)).waitFor({ timeout: 30_000 });
    expect(await badge(page, String(RUN), 'status').textContent()).toBe('failure');
    await row(page, String(RUN)).getByTestId('resources-open').click();

    const details = page.getByTestId('resources-details');
    await details.getByTestId('resources-logs').waitFor({ timeout: 30_000 });
    expect(await details.getAttribute('data-row')).toBe(String(RUN));
    const jobs = details.getByTestId('resources-job');
    expect(await jobs.count()).toBe(2);
    expect(await jobs.nth(0).locator('summary').textContent()).toBe('success build 2 min 5 s');
    expect(await jobs.nth(1).getAttribute('data-tone')).toBe('bad');
    expect(await jobs.nth(1).locator('summary').textContent()).toBe('failure test 4 min 52 s');
    // The failed job is open on its steps; the one that passed is a single line.
    const steps = jobs.nth(1).getByTestId('resources-job-step');
    expect(await steps.allTextContents()).toEqual(['success Set up job 1 s', 'success Install dependencies 49 s', 'failure Run npm test 4 min 1 s', 'skipped Upload coverage —']);
    expect(await jobs.nth(0).getByTestId('resources-job-step').first().isVisible()).toBe(false);

    expect(await details.locator('h3').textContent()).toBe('Log of test · Run npm test (last 200 lines)');
    const log = (await details.getByTestId('resources-logs').textContent())!.split('\n');
    expect(log).toHaveLength(200);
    expect(log.slice(-2)).toEqual(['FAIL test/login.test.ts > rejects an expired session', '##[error]Process completed with exit code 1.']);
    expect(log[0]).toBe('line 203 of npm test output');
    // The panel opens at the end of the log, where the failure is.
    expect(await details.getByTestId('resources-logs').evaluate((pre) => pre.scrollHeight > pre.clientHeight && pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 2)).toBe(true);
    await page.screenshot({ path: join(artifacts, 'github-run-jobs.png') });

    // Two requests for the detail: the jobs, then the failed job's log, which GitHub redirects.
    const detailReads = passed.filter((request) => request.path.includes(`/actions/runs/${RUN}/jobs`) || request.path.includes('/actions/jobs/'));
    expect(detailReads.map((request) => `${request.method} ${request.path.split('?')[0]} ${request.status}`)).toEqual([`GET ${REPO}/actions/runs/${RUN}/jobs 200`, `GET ${REPO}/actions/jobs/${FAILED_JOB}/logs 302`]);
    expect(logRequests.length).toBe(1);
    expect(logRequests[0]!.authorization, 'the log host never sees the token').toBeUndefined();

    // A run that passed opens on its jobs alone (here Prism's own example), saying no job failed.
    await row(page, String(RUN - 1)).getByTestId('resources-open').click();
    await page.locator(`[data-testid="resources-details"][data-row="${RUN - 1}"] [data-testid="resources-jobs-note"]`).waitFor({ timeout: 30_000 });
    expect(await details.getByTestId('resources-jobs-note').textContent()).toBe('No job failed.');
    expect(await details.getByTestId('resources-job').locator('summary').allTextContents()).toEqual(['success build 1 min 59 s']);
    expect(await details.getByTestId('resources-logs').count()).toBe(0);
    expect(passed.filter((request) => request.path.includes('/actions/jobs/')).length, 'no log is read when no job failed').toBe(1);
    everyRequestMetTheContract();
    expect(await page.content()).not.toContain(TOKEN);
    await page.close();
  }, 120_000);
});
