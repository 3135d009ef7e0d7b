import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as forward } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { githubArtifactDownload, githubArtifactList } from '../main/core/families/github/github-actions-artifact-tools';
import { githubRunLogs } from '../main/core/families/github/github-actions-log-tool';
import { githubRunCancel, githubRunGet, githubRunRerun } from '../main/core/families/github/github-actions-run-tools';
import { githubActionsTools, githubWorkflowDispatch, githubWorkflowList } from '../main/core/families/github/github-actions-tools';
import { classifyStep } from '../main/core/plan/classify-step';
import { PolicyEngine } from '../main/core/policy/policy-engine';
import { noSecrets } from '../main/core/tools/access';
import { type ToolContext, type ToolDefinition, toolContext } from '../main/core/tools/tool-definition';
import { githubMock, type PrismViolation, requestViolations } from './fixtures/github-mock';
import { requireInfrastructure } from './fixtures/infrastructure';
import { listenOnLoopback } from './fixtures/loopback-server';

// The GitHub Actions tools against the GitHub mock (.ci/peers/github-mock.sh): Prism serving
// GitHub's own OpenAPI description, which checks every request against GitHub's contract and
// answers with the description's examples. A loopback front before it forwards every request to
// Prism (so each is validated, and recorded with Prism's verdict), then changes the few answers
// a test needs: a failed run with one failed and one passed job, their logs (GitHub redirects to
// a URL serving text; here the front serves it), an artifact's zip, the run a dispatch started.

const { url, problem } = githubMock();
const need = 'The GitHub mock';
const token = `ghp_${'M0ck'.repeat(9)}`;
const repo = 'octocat/Hello-World';
const policy = new PolicyEngine();

const FAILED_RUN = 4242;
const RUNNING_RUN = 4245;
const DISPATCHED_RUN = 4243;
const POLLED_RUN = 4244;
const PASSED_JOB = 502;
const FAILED_JOB = 501;

/** What Prism said of one forwarded request: its status and the violations of GitHub's contract. */
interface Forwarded {
  readonly request: string;
  readonly body: string;
  readonly status: number;
  readonly violations: PrismViolation[];
}

/** A changed answer: another status, JSON body, or redirect target (a path the front serves itself). */
interface Changed {
  readonly status?: number;
  readonly json?: unknown;
  readonly location?: string;
}
type Rewrite = (method: string, path: string, prism: Record<string, unknown> | null) => Changed | undefined;

/** Prism's application/problem+json body where the description has no 4xx answer (see github-read-tools.spec.ts). */
function problemViolations(text: string, type: unknown): PrismViolation[] {
  if (!/problem\+json/.test(String(type)) || !text) return [];
  const found = JSON.parse(text) as { validation?: PrismViolation[] };
  return (found.validation ?? []).map((violation) => ({ ...violation, location: ['request', ...violation.location] }));
}

/** The front: files it serves itself under /served/, everything else forwarded to Prism and maybe rewritten. */
async function front(rewrite: Rewrite, served: Record<string, { type: string; body: string | Buffer }>) {
  const target = new URL(url!);
  const forwarded: Forwarded[] = [];
  const server = createServer((incoming, reply) => {
    const own = served[incoming.url!];
    if (own) {
      reply.writeHead(200, { 'content-type': own.type });
      reply.end(own.body);
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const sent = Buffer.concat(chunks);
      const outgoing = forward({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => parts.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          const status = answer.statusCode ?? 502;
          forwarded.push({ request: `${incoming.method} ${incoming.url}`, body: sent.toString('utf8'), status, violations: [...requestViolations(answer.headers), ...problemViolations(text, answer.headers['content-type'])] });
          const json = /json/.test(String(answer.headers['content-type'])) && text ? (JSON.parse(text) as Record<string, unknown>) : null;
          const changed = rewrite(incoming.method!, incoming.url!, json);
          const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = answer.headers;
          if (!changed) {
            reply.writeHead(status, headers);
            reply.end(text);
            return;
          }
          const out: Record<string, unknown> = { ...headers };
          if (changed.location) out.location = `${made.url}${changed.location}`;
          if (changed.json !== undefined) out['content-type'] = 'application/json; charset=utf-8';
          const newStatus = changed.status ?? status;
          reply.writeHead(newStatus, out as never);
          reply.end(newStatus === 204 ? undefined : changed.json !== undefined ? JSON.stringify(changed.json) : text);
        });
      });
      outgoing.end(sent);
    });
  });
  const made = await listenOnLoopback(server);
  fronts.push(made);
  /** Every forwarded request met GitHub's contract and Prism answered it (2xx, or the 302 of a download); then what was asked, cleared for the next part. */
  const asked = (): string[] => {
    for (const entry of forwarded) {
      expect(entry.violations, `${entry.request} met GitHub's contract`).toEqual([]);
      expect(entry.status, entry.request).toBeLessThan(400);
    }
    return forwarded.splice(0).map((entry) => entry.request);
  };
  return { url: made.url, asked, forwarded };
}
let fronts: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fronts.map((made) => made.close()));
  fronts = [];
});

const ctxFor = (apiUrl: string, workspace = '/tmp'): ToolContext => toolContext(workspace, { GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token }, {} as never, noSecrets);
const signal = () => new AbortController().signal;
const parse = <I>(tool: ToolDefinition<I>, input: Record<string, unknown>): I => tool.input.parse(input);
const run = <I, O>(tool: ToolDefinition<I, O>, ctx: ToolContext, input: Record<string, unknown>, logged: string[] = []) =>
  tool.run({ input: parse(tool, input), ctx, signal: signal(), log: (_stream, text) => logged.push(text), progress: () => {} });
const previewText = async (tool: ToolDefinition, ctx: ToolContext, input: Record<string, unknown>) => {
  const made = await tool.preview({ input: parse(tool, input), ctx });
  return made.kind === 'text' ? made.text : JSON.stringify(made);
};

const path = (route: string) => `/repos/${repo}${route}`;
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Prism's example job, as the given job of the failed run. */
const asJob = (example: Record<string, unknown>, id: number, name: string, conclusion: string) => ({ ...example, id, name, run_id: FAILED_RUN, conclusion, status: 'completed', steps: [{ name: 'Set up job', status: 'completed', conclusion: 'success', number: 1, started_at: '2020-01-20T17:42:40Z', completed_at: '2020-01-20T17:42:41Z' }, { name: name === 'test' ? 'Run tests' : 'Build', status: 'completed', conclusion, number: 2, started_at: '2020-01-20T17:42:41Z', completed_at: '2020-01-20T17:44:39Z' }] });

/** The log lines of the failed job: long, ending with the failure, with the token in it (a script printed it) to be masked. */
const failedLog = `\uFEFF${Array.from({ length: 450 }, (_, index) => `2020-01-20T17:43:${String(index % 60).padStart(2, '0')}.0000000Z test ${index + 1} ok`).join('\n')}\n2020-01-20T17:44:38.0000000Z curl -H "Authorization: token ${token}" failed\n2020-01-20T17:44:39.0000000Z ##[error]Process completed with exit code 1.\n`;
const passedLog = '2020-01-20T17:42:41.0000000Z Building\n2020-01-20T17:44:39.0000000Z Build succeeded\n';
const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('the artifact Rails, as GitHub keeps it')]);
const workflowYaml = (on: string) => Buffer.from(`name: CI\non:\n${on}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n`).toString('base64');
const dispatchable = workflowYaml('  push:\n  workflow_dispatch:\n    inputs:\n      environment:\n        type: choice\n        options: [staging, production]\n        required: true');

/** GitHub as the tests need it: a failed run, its jobs and logs, an artifact's zip, the runs a dispatch starts; the rest as Prism answers. */
function actionsAnswers(options: { workflowFile?: string; dispatch?: Changed } = {}): Rewrite {
  return (method, requested, prism) => {
    const [route = '', query = ''] = requested.split('?');
    const runAnswer = (id: number, change: Record<string, unknown>) => ({ json: { ...prism, id, ...change } });
    if (method === 'GET' && route === path(`/actions/runs/${FAILED_RUN}`)) return runAnswer(FAILED_RUN, { name: 'CI', status: 'completed', conclusion: 'failure', run_attempt: 1, head_branch: 'master' });
    if (method === 'GET' && route === path(`/actions/runs/${RUNNING_RUN}`)) return runAnswer(RUNNING_RUN, { name: 'CI', status: 'in_progress', conclusion: null });
    if (method === 'GET' && route === path(`/actions/runs/${DISPATCHED_RUN}`)) return runAnswer(DISPATCHED_RUN, { name: 'CI', event: 'workflow_dispatch', head_branch: 'master', created_at: now() });
    if (method === 'GET' && route === path(`/actions/runs/${FAILED_RUN}/jobs`) && prism) {
      const example = (prism.jobs as Record<string, unknown>[])[0]!;
      // GitHub's order: the passed job first, so showing the failed one first is the tool's doing.
      return { json: { total_count: 2, jobs: [asJob(example, PASSED_JOB, 'build', 'success'), asJob(example, FAILED_JOB, 'test', 'failure')] } };
    }
    if (method === 'GET' && route === path(`/actions/jobs/${FAILED_JOB}`) && prism) return { json: asJob(prism, FAILED_JOB, 'test', 'failure') };
    if (method === 'GET' && route === path(`/actions/jobs/${FAILED_JOB}/logs`)) return { location: `/served/logs/${FAILED_JOB}` };
    if (method === 'GET' && route === path(`/actions/jobs/${PASSED_JOB}/logs`)) return { location: `/served/logs/${PASSED_JOB}` };
    if (method === 'GET' && route === path('/actions/artifacts/11/zip')) return { location: '/served/artifact.zip' };
    if (method === 'GET' && route.startsWith(path('/contents/')) && options.workflowFile) return { json: { ...prism, name: 'blank.yaml', path: '.github/workflows/blank.yaml', sha: 'b'.repeat(40), content: options.workflowFile } };
    if (method === 'POST' && route === path('/actions/workflows/blank.yaml/dispatches')) return options.dispatch;
    if (method === 'GET' && route === path('/actions/workflows/blank.yaml/runs') && /event=workflow_dispatch/.test(query) && prism) {
      const example = (prism.workflow_runs as Record<string, unknown>[])[0]!;
      const listed = (id: number, event: string, created: string) => ({ ...example, id, event, head_branch: 'master', created_at: created, name: 'CI' });
      return { json: { total_count: 3, workflow_runs: [listed(POLLED_RUN, 'workflow_dispatch', now()), listed(101, 'push', now()), listed(100, 'workflow_dispatch', new Date(Date.now() - 3600_000).toISOString())] } };
    }
    return undefined;
  };
}

const served = {
  [`/served/logs/${FAILED_JOB}`]: { type: 'text/plain; charset=utf-8', body: failedLog },
  [`/served/logs/${PASSED_JOB}`]: { type: 'text/plain; charset=utf-8', body: passedLog },
  '/served/artifact.zip': { type: 'application/zip', body: zip },
};

describe('GitHub Actions tools against GitHub’s contract', () => {
  it('exports every Actions tool once', () => {
    expect(githubActionsTools.map((tool) => tool.name)).toEqual(['github.workflow.list', 'github.workflow.dispatch', 'github.run.get', 'github.run.logs', 'github.run.rerun', 'github.run.cancel', 'github.artifact.list', 'github.artifact.download']);
  });

  it('github.workflow.list: id, name, path and state, paginated', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(() => undefined, {});
    const ctx = ctxFor(mock.url);
    expect(await run(githubWorkflowList, ctx, { repo })).toEqual({
      ok: true,
      output: {
        workflows: [
          { id: 161335, name: 'CI', path: '.github/workflows/blank.yaml', state: 'active' },
          { id: 269289, name: 'Linter', path: '.github/workflows/linter.yaml', state: 'active' },
        ],
        count: 2,
        more: false,
      },
    });
    expect(mock.asked()).toEqual([`GET ${path('/actions/workflows')}?per_page=100`]);
  });

  it('github.workflow.dispatch: previews the workflow, ref and inputs, and returns the run GitHub says it started', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(actionsAnswers({ workflowFile: dispatchable, dispatch: { json: { workflow_run_id: DISPATCHED_RUN, run_url: `https://api.github.com/repos/${repo}/actions/runs/${DISPATCHED_RUN}`, html_url: `https://github.com/${repo}/actions/runs/${DISPATCHED_RUN}` } } }), served);
    const ctx = ctxFor(mock.url);
    const input = { repo, workflow: 'CI', inputs: { environment: 'staging' } };
    const preview = await previewText(githubWorkflowDispatch, ctx, input);
    expect(preview).toContain(`Dispatch the workflow CI (.github/workflows/blank.yaml) of ${repo} on master (the default branch)`);
    expect(preview).toContain('Inputs: environment="staging"');
    expect(preview).toContain('No undo: a started run cannot be taken back; cancel it with github.run.cancel.');
    const rated = await classifyStep(githubWorkflowDispatch, parse(githubWorkflowDispatch, input), ctx, policy);
    expect(rated).toMatchObject({ risk: 'write', target: { id: 'github:octocat/hello-world' }, reasons: [`starts the workflow CI (.github/workflows/blank.yaml) of ${repo} on master (the default branch)`] });
    mock.asked();

    const result = await run(githubWorkflowDispatch, ctx, input);
    expect(result).toMatchObject({ ok: true, output: { workflow: { name: 'CI', path: '.github/workflows/blank.yaml' }, ref: 'master', inputs: { environment: 'staging' }, foundBy: 'github', run: { id: DISPATCHED_RUN, event: 'workflow_dispatch', branch: 'master' } } });
    const dispatch = mock.forwarded.find((entry) => entry.request.startsWith('POST'));
    expect(JSON.parse(dispatch!.body)).toEqual({ ref: 'master', inputs: { environment: 'staging' }, return_run_details: true });
    expect(mock.asked()).toEqual([
      `GET ${path('/actions/workflows')}?per_page=100`,
      `GET ${path('')}`,
      `GET ${path('/contents/.github%2Fworkflows%2Fblank.yaml')}?ref=master`,
      `POST ${path('/actions/workflows/blank.yaml/dispatches')}`,
      `GET ${path(`/actions/runs/${DISPATCHED_RUN}`)}`,
    ]);
  });

  it('github.workflow.dispatch without run details: finds its run among the workflow_dispatch runs created since', async (context) => {
    requireInfrastructure(context, problem, need);
    // An older GitHub Enterprise Server answers 204 with nothing: the run is looked for.
    const mock = await front(actionsAnswers({ workflowFile: dispatchable, dispatch: { status: 204 } }), served);
    const result = await run(githubWorkflowDispatch, ctxFor(mock.url), { repo, workflow: 'blank.yaml', ref: 'master', inputs: { environment: 'production' } });
    expect(result).toMatchObject({ ok: true, output: { foundBy: 'runs', run: { id: POLLED_RUN, event: 'workflow_dispatch', branch: 'master' } } });
    expect(mock.asked().slice(-2)).toEqual([`POST ${path('/actions/workflows/blank.yaml/dispatches')}`, `GET ${path('/actions/workflows/blank.yaml/runs')}?event=workflow_dispatch&branch=master&per_page=20`]);
  });

  it('github.workflow.dispatch refuses a workflow without workflow_dispatch, and inputs it does not take, before sending anything', async (context) => {
    requireInfrastructure(context, problem, need);
    const pushOnly = await front(actionsAnswers({ workflowFile: workflowYaml('  push:') }), served);
    const ctx = ctxFor(pushOnly.url);
    const refused = await run(githubWorkflowDispatch, ctx, { repo, workflow: 'CI' });
    expect(refused).toEqual({ ok: false, error: { code: 'NOT_DISPATCHABLE', permanent: true, message: 'Refused: .github/workflows/blank.yaml cannot be dispatched: its `on:` has no workflow_dispatch. Add `workflow_dispatch:` to its triggers (on the branch you dispatch on), or start it another way.' } });
    expect(await previewText(githubWorkflowDispatch, ctx, { repo, workflow: 'CI' })).toContain('Refused: .github/workflows/blank.yaml cannot be dispatched');
    expect(pushOnly.asked().filter((entry) => entry.startsWith('POST'))).toEqual([]);

    const withInputs = await front(actionsAnswers({ workflowFile: dispatchable }), served);
    expect(await run(githubWorkflowDispatch, ctxFor(withInputs.url), { repo, workflow: 'CI', inputs: { environment: 'staging', region: 'eu' } })).toMatchObject({ ok: false, error: { code: 'NOT_DISPATCHABLE', message: 'Refused: .github/workflows/blank.yaml has no input region: it takes environment.' } });
    expect(withInputs.asked().filter((entry) => entry.startsWith('POST'))).toEqual([]);
  });

  it('github.workflow.dispatch says so when GitHub refuses a workflow whose file it could not read', async (context) => {
    requireInfrastructure(context, problem, need);
    // Prism's contents example is a README: not a workflow, so the tool leaves it to GitHub.
    const mock = await front(actionsAnswers({ dispatch: { status: 422, json: { message: "Workflow does not have 'workflow_dispatch' trigger", documentation_url: 'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event' } } }), served);
    expect(await run(githubWorkflowDispatch, ctxFor(mock.url), { repo, workflow: 'CI' })).toEqual({ ok: false, error: { code: 'NOT_DISPATCHABLE', permanent: true, message: "GitHub refused to dispatch .github/workflows/blank.yaml on master: Workflow does not have 'workflow_dispatch' trigger" } });
    mock.asked();
  });

  it('github.run.get: the run with its jobs and steps, durations and attempt', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(actionsAnswers(), served);
    const ctx = ctxFor(mock.url);
    const result = await run(githubRunGet, ctx, { repo, run: FAILED_RUN });
    expect(result).toMatchObject({ ok: true, output: { run: { id: FAILED_RUN, status: 'completed', conclusion: 'failure', attempt: 1 }, jobCount: 2, more: false } });
    const jobs = (result as { output: { jobs: { name: string; conclusion: string; durationSeconds: number; steps: { name: string; durationSeconds: number }[] }[] } }).output.jobs;
    expect(jobs.map((job) => [job.name, job.conclusion, job.durationSeconds])).toEqual([['build', 'success', 119], ['test', 'failure', 119]]);
    expect(jobs[1]!.steps.map((step) => [step.name, step.durationSeconds])).toEqual([['Set up job', 1], ['Run tests', 118]]);
    // An earlier attempt, as GitHub's example has it.
    expect(await run(githubRunGet, ctx, { repo, run: FAILED_RUN, attempt: 1 })).toMatchObject({ ok: true, output: { jobCount: 1 } });
    expect(mock.asked()).toEqual([
      `GET ${path(`/actions/runs/${FAILED_RUN}`)}`,
      `GET ${path(`/actions/runs/${FAILED_RUN}/jobs`)}?filter=latest&per_page=100`,
      `GET ${path(`/actions/runs/${FAILED_RUN}/attempts/1`)}`,
      `GET ${path(`/actions/runs/${FAILED_RUN}/attempts/1/jobs`)}?per_page=100`,
    ]);
  });

  it('github.run.logs: the failed job’s log first, cut to its last lines with a note, the token masked, shown in the terminal', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(actionsAnswers(), served);
    const logged: string[] = [];
    const result = await run(githubRunLogs, ctxFor(mock.url), { repo, run: FAILED_RUN }, logged);
    expect(result.ok).toBe(true);
    const output = (result as { output: { text: string; jobs: { name: string; failed: boolean; totalLines: number; shownLines: number; cutLines: number }[] } }).output;
    expect(output.jobs.map((job) => [job.name, job.failed, job.totalLines, job.shownLines, job.cutLines])).toEqual([['test', true, 452, 200, 252], ['build', false, 2, 2, 0]]);
    const text = output.text;
    expect(text.startsWith(`Run ${FAILED_RUN} of ${repo}: 2 jobs, 1 failed; the logs of 2, failed first\n`)).toBe(true);
    expect(text.indexOf('==== test · failure · 1m 59s · job 501 ====')).toBeLessThan(text.indexOf('==== build · success · 1m 59s · job 502 ===='));
    expect(text).toContain('==== test · failure · 1m 59s · job 501 ====\n(252 earlier lines cut: showing the last 200 of 452; ask for more lines to see them)\n');
    expect(text).toContain('##[error]Process completed with exit code 1.\n\n==== build');
    expect(text).not.toContain('test 252 ok');
    expect(text).toContain('test 253 ok');
    expect(text).toContain('curl -H "Authorization: token [REDACTED github token]" failed');
    expect(JSON.stringify(result)).not.toContain(token);
    expect(logged.join('')).toContain('==== test · failure');
    expect(logged.join('')).not.toContain(token);
    expect(mock.asked()).toEqual([`GET ${path(`/actions/runs/${FAILED_RUN}/jobs`)}?filter=latest&per_page=100`, `GET ${path(`/actions/jobs/${FAILED_JOB}/logs`)}`, `GET ${path(`/actions/jobs/${PASSED_JOB}/logs`)}`]);

    // More lines when asked, only the failed jobs when asked.
    const more = await run(githubRunLogs, ctxFor(mock.url), { repo, run: FAILED_RUN, lines: 1000, failedOnly: true });
    expect(more).toMatchObject({ ok: true, output: { jobs: [{ name: 'test', shownLines: 452, cutLines: 0 }], omittedJobs: 1 } });
    mock.asked();

    // One job by its id; a job of another run is refused, saying which run it belongs to.
    expect(await run(githubRunLogs, ctxFor(mock.url), { repo, run: FAILED_RUN, job: FAILED_JOB, lines: 1 })).toMatchObject({ ok: true, output: { jobs: [{ id: FAILED_JOB, shownLines: 1, cutLines: 451 }], omittedJobs: 0 } });
    expect(mock.asked()).toEqual([`GET ${path(`/actions/jobs/${FAILED_JOB}`)}`, `GET ${path(`/actions/jobs/${FAILED_JOB}/logs`)}`]);
    expect(await run(githubRunLogs, ctxFor(mock.url), { repo, run: FAILED_RUN, job: 399444496 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `The job 399444496 belongs to the run 29679449, not to ${FAILED_RUN}: give that run, or a job of ${FAILED_RUN} (github.run.get lists them).` } });
    mock.asked();
  });

  it('github.run.rerun: only the failed jobs by default, the whole run when asked; a running run is refused', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(actionsAnswers(), served);
    const ctx = ctxFor(mock.url);
    expect(await previewText(githubRunRerun, ctx, { repo, run: FAILED_RUN })).toContain(`Re-run the failed job test (and the jobs that need them) of CI #562 (run ${FAILED_RUN}`);
    expect((await classifyStep(githubRunRerun, parse(githubRunRerun, { repo, run: FAILED_RUN }), ctx, policy)).risk).toBe('write');
    mock.asked();
    expect(await run(githubRunRerun, ctx, { repo, run: FAILED_RUN })).toEqual({ ok: true, output: { run: FAILED_RUN, mode: 'failed-jobs', previousAttempt: 1, jobs: ['test'] } });
    expect(mock.asked().filter((entry) => entry.startsWith('POST'))).toEqual([`POST ${path(`/actions/runs/${FAILED_RUN}/rerun-failed-jobs`)}`]);
    expect(await run(githubRunRerun, ctx, { repo, run: FAILED_RUN, all: true })).toMatchObject({ ok: true, output: { mode: 'all' } });
    expect(mock.asked().filter((entry) => entry.startsWith('POST'))).toEqual([`POST ${path(`/actions/runs/${FAILED_RUN}/rerun`)}`]);
    expect(await run(githubRunRerun, ctx, { repo, run: RUNNING_RUN })).toMatchObject({ ok: false, error: { code: 'NOT_RERUNNABLE', message: expect.stringContaining(`the run ${RUNNING_RUN} is in_progress`) } });
    expect(mock.asked().filter((entry) => entry.startsWith('POST'))).toEqual([]);
  });

  it('github.run.cancel: cancels a running run, says there is no undo, refuses a completed one', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(actionsAnswers(), served);
    const ctx = ctxFor(mock.url);
    expect(await previewText(githubRunCancel, ctx, { repo, run: RUNNING_RUN })).toContain('No undo: a cancelled run can be re-run with github.run.rerun.');
    expect(githubRunCancel.undo).toBeUndefined();
    mock.asked();
    expect(await run(githubRunCancel, ctx, { repo, run: RUNNING_RUN })).toEqual({ ok: true, output: { run: RUNNING_RUN, cancelled: true, wasStatus: 'in_progress' } });
    expect(mock.asked()).toEqual([`GET ${path(`/actions/runs/${RUNNING_RUN}`)}`, `POST ${path(`/actions/runs/${RUNNING_RUN}/cancel`)}`]);
    expect(await run(githubRunCancel, ctx, { repo, run: FAILED_RUN })).toMatchObject({ ok: false, error: { code: 'NOT_CANCELLABLE', message: `Refused: the run ${FAILED_RUN} has already completed (failure): there is nothing to cancel.` } });
    expect(mock.asked()).toEqual([`GET ${path(`/actions/runs/${FAILED_RUN}`)}`]);
  });

  it('without a token every Actions tool fails saying how to store one, and nothing reaches GitHub', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(() => undefined, {});
    const ctx = toolContext('/tmp', { GITHUB_API_URL: mock.url }, {} as never, noSecrets);
    for (const tool of githubActionsTools as ToolDefinition[]) {
      const result = await run(tool, ctx, tool.examples![0]!);
      expect(result, tool.name).toMatchObject({ ok: false, error: { code: 'GITHUB_TOKEN_MISSING', message: expect.stringMatching(/^[^:]+: No GitHub token was found .*Store a GitHub token in Settings/) } });
    }
    expect(mock.forwarded).toEqual([]);
  });

  it('github.artifact.list and download: the zip written in the workspace, an existing file refused unless overwrite, undo deletes it', async (context) => {
    requireInfrastructure(context, problem, need);
    const mock = await front(actionsAnswers(), served);
    const workspace = await mkdtemp(join(tmpdir(), 'reign-actions-'));
    try {
      const ctx = ctxFor(mock.url, workspace);
      expect(await run(githubArtifactList, ctx, { repo, run: FAILED_RUN })).toMatchObject({ ok: true, output: { artifacts: [{ id: 11, name: 'Rails', sizeBytes: 556, expired: false }, { id: 13, name: 'Test output' }], count: 2, more: false } });
      const input = { repo, artifact: 11, path: 'artifacts/rails.zip' };
      expect(await previewText(githubArtifactDownload, ctx, input)).toContain(`Download the artifact Rails (556 B, id 11) of ${repo} to artifacts/rails.zip in the workspace`);
      expect(await classifyStep(githubArtifactDownload, parse(githubArtifactDownload, input), ctx, policy)).toMatchObject({ risk: 'write', target: { id: 'github:octocat/hello-world' } });
      mock.asked();

      const parsed = parse(githubArtifactDownload, input);
      const snapshot = await githubArtifactDownload.snapshot!({ input: parsed, ctx });
      const written = await githubArtifactDownload.run({ input: parsed, ctx, signal: signal(), log: () => {}, progress: () => {} });
      expect(written).toMatchObject({ ok: true, output: { path: 'artifacts/rails.zip', bytes: zip.length, artifact: { id: 11, name: 'Rails' }, replaced: false } });
      expect(await readFile(join(workspace, 'artifacts/rails.zip'))).toEqual(zip);
      expect(mock.asked()).toEqual([`GET ${path('/actions/artifacts/11')}`, `GET ${path('/actions/artifacts/11/zip')}`]);

      // A file there is never replaced unless asked.
      await writeFile(join(workspace, 'artifacts/rails.zip'), 'mine');
      expect(await run(githubArtifactDownload, ctx, input)).toEqual({ ok: false, error: { code: 'PATH_EXISTS', permanent: true, message: 'Refused: artifacts/rails.zip already exists in the workspace: give another path, or overwrite: true to replace it.' } });
      expect(await readFile(join(workspace, 'artifacts/rails.zip'), 'utf8')).toBe('mine');
      expect(await previewText(githubArtifactDownload, ctx, input)).toContain('Refused: artifacts/rails.zip already exists');
      expect(await run(githubArtifactDownload, ctx, { ...input, overwrite: true })).toMatchObject({ ok: true, output: { replaced: true } });
      expect(await readFile(join(workspace, 'artifacts/rails.zip'))).toEqual(zip);
      expect(mock.asked().filter((entry) => entry.endsWith('/zip'))).toHaveLength(1);

      // Undo of the first download: the file is the one downloaded, so it goes.
      expect(await githubArtifactDownload.undo!({ input: parsed, output: written.ok ? written.output : null, snapshot, ctx, signal: signal() })).toEqual({ ok: true, output: { deleted: 'artifacts/rails.zip' } });
      await expect(readFile(join(workspace, 'artifacts/rails.zip'))).rejects.toThrow(/ENOENT/);
      expect(await run(githubArtifactDownload, ctx, { ...input, path: '../outside.zip' })).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WORKSPACE' } });
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});
