import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { githubCall, githubKey } from './github-access';
import { DEFAULT_LOG_LINES, isFailedJob, jobLogBlock, logText, MAX_LOG_LINES, orderJobsForLogs } from './github-actions-logs';
import { readJobs } from './github-actions-run-read';
import type { JobLike } from './github-actions-shapes';
import { runIdField } from './github-actions-workflow';
import type { Octokit } from './github-client';
import { statusOf } from './github-facts';
import { readPreview } from './github-preview';
import { repoField, repoTarget, splitRepo } from './github-target';

const jobLog = z.object({
  id: z.number(),
  name: z.string(),
  conclusion: z.string().nullable(),
  failed: z.boolean(),
  totalLines: z.number(),
  shownLines: z.number(),
  cutLines: z.number().describe('Lines left out from the start of its log'),
  missing: z.string().nullable().describe('Why there is no log (skipped, not started, expired), or null'),
});

/** Why a job has no log to fetch yet, or null when it has one. */
function noLogYet(job: JobLike): string | null {
  if (job.conclusion === 'skipped') return 'skipped: it did not run, so it has no log';
  if (job.status === 'queued' || job.status === 'waiting' || job.status === 'pending' || job.status === 'requested') return `${job.status}: it has not started, so it has no log yet`;
  return null;
}

/**
 * A job's log as text, or why there is none. GitHub answers with a redirect to a short-lived URL
 * that serves the text; Octokit follows it (and a fetch drops the token when that URL is on another host).
 */
async function fetchJobLog(octokit: Octokit, repo: string, job: JobLike, signal: AbortSignal): Promise<{ text: string } | { missing: string }> {
  const none = noLogYet(job);
  if (none) return { missing: none };
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { ...splitRepo(repo), job_id: job.id, request: { signal } });
    return { text: logText(data) };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410) return { missing: 'GitHub has no log for it: expired (past the retention period) or deleted' };
    throw error;
  }
}

export const githubRunLogs = defineReadTool({
  name: 'github.run.logs',
  description: "The logs of a GitHub Actions run's jobs, failed jobs first (the answer to \"why did it fail?\"), each cut to its last lines (default 200; ask for more with lines), as plain text with a header per job, shown in a terminal. One job with job (its id from github.run.get).",
  input: z
    .object({
      repo: repoField,
      run: runIdField,
      lines: z.number().int().min(1).max(MAX_LOG_LINES).default(DEFAULT_LOG_LINES).describe(`The last this many lines of each job's log (default ${DEFAULT_LOG_LINES}, up to ${MAX_LOG_LINES})`),
      jobs: z.number().int().min(1).max(100).default(10).describe('The logs of at most this many jobs (failed ones first; default 10)'),
      job: z.number().int().positive().optional().describe('Only this job (its id, from github.run.get)'),
      failedOnly: z.boolean().default(false).describe('Only the jobs that failed'),
    })
    .strict(),
  output: z.object({
    run: z.number(),
    text: z.string().describe('The logs as a terminal shows them: per job a header line, a note of what was cut, its last lines'),
    jobs: z.array(jobLog).describe('The jobs shown, in the order shown'),
    omittedJobs: z.number().describe('Jobs of the run left out (past jobs, or not failed with failedOnly)'),
  }),
  reads: 'reads the logs of a GitHub Actions run',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    readPreview(
      ctx,
      `Read the last ${input.lines} lines of the ${input.job ? `log of job ${input.job}` : `logs of ${input.failedOnly ? 'the failed' : `up to ${input.jobs}`} jobs (failed first)`} of the run ${input.run} of ${input.repo}`,
      `${input.job ? `GET /repos/${input.repo}/actions/jobs/${input.job}` : `GET /repos/${input.repo}/actions/runs/${input.run}/jobs?filter=latest`}\nGET /repos/${input.repo}/actions/jobs/{job_id}/logs, for each job`,
    ),
  examples: [{ repo: 'octocat/Hello-World', run: 30433642 }, { repo: 'octocat/Hello-World', run: 30433642, failedOnly: true, lines: 1000 }],
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Reading the logs of the run ${input.run} of ${input.repo}`, async (octokit) => {
      let all: JobLike[];
      if (input.job === undefined) all = (await readJobs(octokit, input.repo, input.run, undefined, signal)).jobs;
      else {
        const { data } = await octokit.rest.actions.getJobForWorkflowRun({ ...splitRepo(input.repo), job_id: input.job, request: { signal } });
        if (data.run_id !== input.run) return toolFailure('NOT_FOUND', `The job ${input.job} belongs to the run ${data.run_id}, not to ${input.run}: give that run, or a job of ${input.run} (github.run.get lists them).`);
        all = [data];
      }
      const wanted = orderJobsForLogs(all).filter((job) => !input.failedOnly || isFailedJob(job));
      const shown = wanted.slice(0, input.jobs);
      const logs = await Promise.all(shown.map((job) => fetchJobLog(octokit, input.repo, job, signal)));
      // GitHub masks the workflow's secrets in its logs; the token this connection uses is masked here too.
      const mask = ctx.access(githubKey).place.mask;
      const blocks = shown.map((job, index) => {
        const found = logs[index]!;
        return { job, missing: 'missing' in found ? found.missing : null, ...jobLogBlock(job, 'text' in found ? mask(found.text) : null, input.lines, 'missing' in found ? found.missing : undefined) };
      });
      const omitted = all.length - shown.length;
      const failedCount = all.filter(isFailedJob).length;
      const heading = `Run ${input.run} of ${input.repo}: ${all.length} job${all.length === 1 ? '' : 's'}, ${failedCount} failed; ${shown.length ? `the logs of ${shown.length}${failedCount && !input.failedOnly ? ', failed first' : ''}` : 'no log to show'}${omitted ? ` (${omitted} left out: ${input.failedOnly ? 'not failed, or ' : ''}past the first ${input.jobs})` : ''}\n`;
      log('stdout', heading);
      for (const { block } of blocks) log('stdout', `\n${block}`);
      return {
        ok: true,
        output: {
          run: input.run,
          text: [heading, ...blocks.map(({ block }) => block)].join('\n'),
          jobs: blocks.map(({ job, missing, total, shown: count, cut }) => ({ id: job.id, name: job.name, conclusion: job.conclusion, failed: isFailedJob(job), totalLines: total, shownLines: count, cutLines: cut, missing })),
          omittedJobs: omitted,
        },
      };
    }),
});
