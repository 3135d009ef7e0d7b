import { z } from 'zod';
import { JobsDetailSchema, type JobsDetail, type ResourceRow } from '../../../../preload/contract';
import { defineReadTool } from '../../tools/tool-definition';
import { githubCall, githubKey } from './github-access';
import { failedConclusion, isFailedJob, lastLines } from './github-actions-logs';
import type { Octokit } from './github-client';
import { githubFailure } from './github-errors';
import { paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { repoField, repoTarget, splitRepo } from './github-target';

// A workflow run opened in the Resources pane: its jobs with their steps, and the last lines of
// the log of the job that failed (the first one that did), which is what a person opens a red run
// for. Two requests at most: the jobs, then the failed job's log. GitHub answers the log request
// with a redirect to a signed URL on another host; fetch follows it without the token (the
// Authorization header is dropped on a cross-origin redirect).

type Tone = ResourceRow['tone'];

interface StepLike {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly started_at?: string | null;
  readonly completed_at?: string | null;
}
interface JobLike extends StepLike {
  readonly id: number;
  readonly steps?: readonly StepLike[];
}

/** Most jobs read for one run (a large matrix); their pages are asked for only when GitHub has them. */
const MAX_JOBS = 300;
/** The tail kept while a log streams past: enough for the last lines, however long the log. */
const TAIL_BYTES = 256 * 1024;

export const githubRunDetail = defineReadTool({
  name: 'github.run.detail',
  description: 'One GitHub Actions run as the Resources pane opens it: its jobs with their steps (status, conclusion, duration), and the last lines of the log of the first job that failed.',
  input: z
    .object({
      repo: repoField,
      run: z.number().int().positive().describe('The run id (from github.run.list)'),
      lines: z.number().int().min(1).max(2000).default(200).describe('How many of the failed job\'s last log lines (default 200)'),
    })
    .strict(),
  output: JobsDetailSchema,
  reads: 'reads a workflow run\'s jobs and its failed job\'s log',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    readPreview(ctx, `Read the jobs of run ${input.run} of ${input.repo}, and the last ${input.lines} log lines of its failed job`, [requestLine(`/repos/${input.repo}/actions/runs/${input.run}/jobs`, { filter: 'latest', per_page: 100 }), `GET /repos/${input.repo}/actions/jobs/{the failed job}/logs`].join('\n')),
  examples: [{ repo: 'octocat/Hello-World', run: 30433642 }],
  run: ({ input, ctx, signal }) =>
    githubCall<JobsDetail>(ctx, `Reading run ${input.run} of ${input.repo}`, async (octokit) => {
      const { items } = await paginateUpTo<JobLike>(octokit, 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { ...splitRepo(input.repo), run_id: input.run, filter: 'latest' }, MAX_JOBS, signal);
      const jobs = items.map((job) => ({ ...stepOf(job), steps: (job.steps ?? []).map(stepOf) }));
      const failed = items.find((job) => isFailedJob(job));
      if (!failed) return { ok: true, output: { jobs, log: null, note: items.length ? 'No job failed.' : 'This run has no jobs yet.' } };
      const failedStep = failed.steps?.find((step) => failedConclusion(step.conclusion))?.name ?? null;
      const title = `${failed.name}${failedStep ? ` · ${failedStep}` : ''}`;
      try {
        const tail = await logTail(octokit, input.repo, failed.id, input.lines, signal);
        return { ok: true, output: { jobs, log: { title, ...tail }, note: null } };
      } catch (error) {
        if (signal.aborted) throw error;
        // The jobs are still worth showing when the log is gone (GitHub keeps logs 90 days at most).
        const why = githubFailure(error, `Reading the log of ${failed.name}`, ctx.access(githubKey).place).error.message;
        return { ok: true, output: { jobs, log: null, note: why } };
      }
    }),
});

/** A job or step as the detail shows it: the word for where it is, its tone, and how long it took (so far). */
export function stepOf(step: StepLike, now = Date.now()): JobsDetail['jobs'][number]['steps'][number] {
  const completed = step.status === 'completed';
  return { name: step.name, status: completed ? (step.conclusion ?? 'completed') : step.status, tone: toneOf(step), seconds: secondsOf(step.started_at, completed ? step.completed_at : null, now) };
}

function toneOf(step: StepLike): Tone {
  if (step.status !== 'completed') return 'warn';
  if (step.conclusion === 'success') return 'ok';
  if (failedConclusion(step.conclusion)) return 'bad';
  return 'idle'; // skipped, cancelled, neutral
}

function secondsOf(started: string | null | undefined, completed: string | null | undefined, now: number): number | null {
  const start = started ? Date.parse(started) : Number.NaN;
  if (Number.isNaN(start)) return null;
  const end = completed ? Date.parse(completed) : now;
  return Number.isNaN(end) ? null : Math.max(0, Math.round((end - start) / 1000));
}

/** The last `lines` lines of a job's log, read as a stream so a long log never sits in memory whole. */
async function logTail(octokit: Octokit, repo: string, job: number, lines: number, signal: AbortSignal): Promise<{ lines: string[]; truncated: boolean }> {
  const response = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { ...splitRepo(repo), job_id: job, request: { signal, parseSuccessResponseBody: false } });
  const body = response.data as unknown as ReadableStream<Uint8Array> | string | null;
  let text = '';
  let cut = false;
  if (typeof body === 'string') text = body;
  else if (body) {
    const decoder = new TextDecoder();
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      if (text.length > TAIL_BYTES * 2) {
        text = text.slice(-TAIL_BYTES);
        cut = true;
      }
    }
    text += decoder.decode();
  }
  return lastReadableLines(text, lines, cut);
}

/** The last lines of a log, without GitHub's timestamp prefixes and terminal colours; `cut` when the text was already the tail. */
export function lastReadableLines(text: string, count: number, cut = false): { lines: string[]; truncated: boolean } {
  // A tail cut mid-line starts with part of one: it goes.
  const tail = lastLines(cut ? text.slice(text.indexOf('\n') + 1) : text, count);
  return { lines: tail.lines.map(readable), truncated: cut || tail.cut > 0 };
}

// eslint-disable-next-line no-control-regex -- the escapes are what is removed
const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g;
const readable = (line: string): string => line.replace(/^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/, '').replace(ansi, '');
