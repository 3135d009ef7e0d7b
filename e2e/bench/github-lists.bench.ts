import { mkdtempSync } from 'node:fs';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readNow } from '../../main/core/plan/read-now';
import { ResourcesService } from '../../main/core/resources-view/resources-service';
import { toolContext } from '../../main/core/tools/tool-definition';
import { githubMock, requestViolations } from '../fixtures/github-mock';
import { requireInfrastructure } from '../fixtures/infrastructure';
import { listenOnLoopback } from '../fixtures/loopback-server';
import { createTestCore } from '../fixtures/test-core';
import { median, runsList } from './figures';

// Listing 1,000 pull requests and 1,000 workflow runs (ten pages of 100) against the GitHub mock:
// Reign's github.pr.list / github.run.list (through the policy and the redactor, as the chat and
// the CLI read) and the Pull requests view's first rows (ResourcesService: scope choices, policy,
// the list), against the same requests made directly with a plain @octokit/rest client in the
// same run. Every page is asked of Prism (which checks each request against GitHub's description);
// a front in between multiplies its one example item to a full page with GitHub's Link header, so
// the answers have GitHub's shapes and sizes. Figures are printed; nothing asserts a time.

const TOTAL = 1000;
const RUNS = 5;
const TOKEN = `ghp_${'B3nch'.repeat(7)}x`;
const REPO = { owner: 'octocat', repo: 'Hello-World' };
const { url, problem } = githubMock();
let front: { url: string; close(): Promise<void> } | undefined;
let violations = 0;

/** The mock's answer for one page, made a full page of distinct items, with a next link until TOTAL. */
function page(path: string, body: string, self: URL): { body: string; link?: string } {
  const perPage = Number(self.searchParams.get('per_page') ?? '30');
  const number = Number(self.searchParams.get('page') ?? '1');
  const count = Math.max(0, Math.min(perPage, TOTAL - (number - 1) * perPage));
  const offset = (number - 1) * perPage;
  const link = offset + count < TOTAL ? (self.searchParams.set('page', String(number + 1)), `<${self.href}>; rel="next"`) : undefined;
  const parsed = JSON.parse(body) as unknown;
  const many = (item: Record<string, unknown>) => Array.from({ length: count }, (_, index) => ({ ...item, id: offset + index + 1, number: offset + index + 1 }));
  if (path.endsWith('/pulls')) return { body: JSON.stringify(many((parsed as Record<string, unknown>[])[0]!)), link };
  const runs = parsed as { workflow_runs: Record<string, unknown>[] };
  return { body: JSON.stringify({ total_count: TOTAL, workflow_runs: many(runs.workflow_runs[0]!) }), link };
}

beforeAll(async () => {
  if (!url) return;
  const target = new URL(url);
  const server = createServer((incoming, reply) => {
    const outgoing = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
      violations += requestViolations(answer.headers).length;
      const self = new URL(incoming.url!, front!.url);
      const listed = answer.statusCode === 200 && /\/(pulls|actions\/runs)$/.test(self.pathname);
      if (!listed) {
        reply.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(reply);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const made = page(self.pathname, Buffer.concat(chunks).toString('utf8'), self);
        reply.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...(made.link ? { link: made.link } : {}) });
        reply.end(made.body);
      });
    });
    incoming.pipe(outgoing);
  });
  front = await listenOnLoopback(server);
});

afterAll(async () => {
  await front?.close();
});

it(`listing ${TOTAL} pull requests and ${TOTAL} runs: Reign's tools and the Pull requests view against direct Octokit`, async (context) => {
  requireInfrastructure(context, problem, 'The GitHub mock');
  const env = { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'reign-bench-home-')), GITHUB_API_URL: front!.url, GITHUB_TOKEN: TOKEN };
  const core = createTestCore(env);
  const ctx = toolContext(mkdtempSync(join(tmpdir(), 'reign-bench-ws-')), env, await core.shell(), undefined);
  const signal = new AbortController().signal;
  const views = core.families.flatMap((family) => (family.views ?? []).map((view) => ({ family, view })));
  const { Octokit } = await import('@octokit/rest');
  const octokit = new Octokit({ auth: TOKEN, baseUrl: front!.url });

  const timed = async (work: () => Promise<number>): Promise<{ ms: number; rows: number }> => {
    const started = performance.now();
    const rows = await work();
    return { ms: performance.now() - started, rows };
  };
  const reignPulls = () => timed(async () => (await readNow<{ count: number }>({ registry: core.tools, policy: core.policy, redactor: core.redactor }, 'github.pr.list', { repo: 'octocat/Hello-World', state: 'all', limit: TOTAL }, ctx, signal)).count);
  const reignRuns = () => timed(async () => (await readNow<{ count: number }>({ registry: core.tools, policy: core.policy, redactor: core.redactor }, 'github.run.list', { repo: 'octocat/Hello-World', limit: TOTAL }, ctx, signal)).count);
  const direct = (route: 'GET /repos/{owner}/{repo}/pulls' | 'GET /repos/{owner}/{repo}/actions/runs', first = false) =>
    timed(async () => {
      let rows = 0;
      for await (const response of octokit.paginate.iterator(route, { ...REPO, per_page: 100, ...(route.endsWith('pulls') ? { state: 'all' as const } : {}) })) {
        rows += (response.data as unknown[]).length;
        if (first || rows >= TOTAL) break;
      }
      return rows;
    });
  /** A fresh service each time, as a window opening the pane: the Pull requests view's first rows, scope choices included. */
  const pullsView = () =>
    timed(async () => {
      const service = new ResourcesService({ views, env, registry: core.tools, policy: core.policy, shell: () => core.shell(), operations: core.operations, redactor: core.redactor, events: core.events });
      const answer = await service.rows('github.pulls', signal, { repo: 'octocat/Hello-World' });
      service.dispose();
      expect(answer.problem).toBeNull();
      return answer.rows.length;
    });

  // Warm-up (module loading, the first connection), checking each gets every row; then alternate.
  expect((await reignPulls()).rows).toBe(TOTAL);
  expect((await reignRuns()).rows).toBe(TOTAL);
  expect((await direct('GET /repos/{owner}/{repo}/pulls')).rows).toBe(TOTAL);
  expect((await direct('GET /repos/{owner}/{repo}/actions/runs')).rows).toBe(TOTAL);
  expect((await pullsView()).rows).toBeGreaterThan(0);
  const figures: Record<string, number[]> = { reignPulls: [], directPulls: [], reignRuns: [], directRuns: [], view: [], firstPage: [] };
  for (let run = 0; run < RUNS; run++) {
    figures.reignPulls!.push((await reignPulls()).ms);
    figures.directPulls!.push((await direct('GET /repos/{owner}/{repo}/pulls')).ms);
    figures.reignRuns!.push((await reignRuns()).ms);
    figures.directRuns!.push((await direct('GET /repos/{owner}/{repo}/actions/runs')).ms);
    figures.view!.push((await pullsView()).ms);
    figures.firstPage!.push((await direct('GET /repos/{owner}/{repo}/pulls', true)).ms);
  }
  expect(violations, 'every request met GitHub’s contract').toBe(0);
  const line = (label: string, values: number[], what: string) => `  ${label.padEnd(30)} ${median(values).toFixed(0)} ms median [${runsList(values)}] ${what}`;
  const ratio = (a: number[], b: number[]) => (median(a) / Math.max(1, median(b))).toFixed(2);
  console.log(
    [
      `bench github-lists: ${TOTAL} pull requests and ${TOTAL} runs in pages of 100, GitHub mock (Prism) behind a paging front`,
      line('github.pr.list, 1000', figures.reignPulls!, '(readNow: policy, Octokit with retry/throttling, trimming, redaction)'),
      line('Octokit paginate, 1000 PRs', figures.directPulls!, '(plain @octokit/rest, one warm client)'),
      `  ratio                          ${ratio(figures.reignPulls!, figures.directPulls!)}× baseline`,
      line('github.run.list, 1000', figures.reignRuns!, ''),
      line('Octokit paginate, 1000 runs', figures.directRuns!, ''),
      `  ratio                          ${ratio(figures.reignRuns!, figures.directRuns!)}× baseline`,
      line('Pull requests view, first rows', figures.view!, '(ResourcesService.rows: scope choices, policy, github.pr.list of the open PRs)'),
      line('Octokit, first page of 100', figures.firstPage!, ''),
      `  ratio                          ${ratio(figures.view!, figures.firstPage!)}× baseline`,
    ].join('\n'),
  );
  core.dispose();
}, 300_000);
