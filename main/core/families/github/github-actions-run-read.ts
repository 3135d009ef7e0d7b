import type { JobLike, RunDetailLike } from './github-actions-shapes';
import type { Octokit } from './github-client';
import { MAX_LIST_LIMIT, paginateUpTo } from './github-paginate';
import { splitRepo } from './github-target';

/** A run (or one attempt of it), as GitHub has it now. */
export async function readRun(octokit: Octokit, repo: string, runId: number, attempt: number | undefined, signal?: AbortSignal): Promise<RunDetailLike> {
  const where = { ...splitRepo(repo), run_id: runId, request: { signal } };
  const { data } = attempt === undefined ? await octokit.rest.actions.getWorkflowRun(where) : await octokit.rest.actions.getWorkflowRunAttempt({ ...where, attempt_number: attempt });
  return data;
}

/** The jobs of a run's latest attempt (or of the attempt given), every page. */
export async function readJobs(octokit: Octokit, repo: string, runId: number, attempt: number | undefined, signal: AbortSignal | undefined): Promise<{ jobs: JobLike[]; more: boolean }> {
  const where = { ...splitRepo(repo), run_id: runId };
  const page =
    attempt === undefined
      ? await paginateUpTo<JobLike>(octokit, 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { ...where, filter: 'latest' }, MAX_LIST_LIMIT, signal ?? new AbortController().signal)
      : await paginateUpTo<JobLike>(octokit, 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs', { ...where, attempt_number: attempt }, MAX_LIST_LIMIT, signal ?? new AbortController().signal);
  return { jobs: page.items, more: page.more };
}
