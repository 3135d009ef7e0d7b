import { z } from 'zod';
import type { Octokit } from './github-client';
import { listed } from './github-fields';
import { paginateUpTo } from './github-paginate';
import { splitRepo } from './github-target';

// A commit's checks come from two APIs: commit statuses (older CI, external services) and check
// runs (GitHub Actions, GitHub Apps). A pull request's checks are both, on its head commit.

export const checksSummary = z.object({
  state: z.enum(['success', 'failure', 'pending', 'none']).describe('failure when any check failed, else pending while any runs, success when all passed; none without checks'),
  passed: z.number(),
  failed: z.number(),
  pending: z.number(),
  failing: z.array(z.string()).describe('The names of the checks that failed'),
  running: z.array(z.string()).describe('The names of the checks not finished yet'),
});
export type ChecksSummary = z.infer<typeof checksSummary>;

export interface StatusLike {
  readonly context: string;
  readonly state: string;
}
export interface CheckRunLike {
  readonly name: string;
  readonly status: string | null;
  readonly conclusion: string | null;
}

// Conclusions that do not block a merge: GitHub shows neutral and skipped as passing.
const passing = new Set(['success', 'neutral', 'skipped']);

/** The checks of a commit, from its statuses (the latest per context, as GitHub's combined status has them) and check runs. */
export function summariseChecks(statuses: readonly StatusLike[], runs: readonly CheckRunLike[]): ChecksSummary {
  const results: { name: string; result: 'passed' | 'failed' | 'pending' }[] = [
    ...statuses.map((status) => ({ name: status.context, result: status.state === 'success' ? ('passed' as const) : status.state === 'pending' ? ('pending' as const) : ('failed' as const) })),
    ...runs.map((run) => ({ name: run.name, result: run.status !== 'completed' ? ('pending' as const) : passing.has(run.conclusion ?? '') ? ('passed' as const) : ('failed' as const) })),
  ];
  const named = (result: string) => results.filter((entry) => entry.result === result).map((entry) => entry.name);
  const failing = named('failed');
  const running = named('pending');
  const passed = results.length - failing.length - running.length;
  const state = results.length === 0 ? 'none' : failing.length ? 'failure' : running.length ? 'pending' : 'success';
  return { state, passed, failed: failing.length, pending: running.length, failing, running };
}

/** One line for a preview or a risk reason: "3 passed", "1 failing (lint), 2 passed". */
export function checksLine(checks: ChecksSummary): string {
  if (checks.state === 'none') return 'no checks';
  return [checks.failed && `${checks.failed} failing (${listed(checks.failing)})`, checks.pending && `${checks.pending} not finished (${listed(checks.running)})`, checks.passed && `${checks.passed} passed`].filter(Boolean).join(', ');
}

/** Most check runs a summary reads (GitHub's pages are 100 long). */
const MAX_CHECK_RUNS = 300;

/** The checks of a commit: its combined status and its check runs, read at once. */
export async function readChecks(octokit: Octokit, repo: string, sha: string, signal?: AbortSignal): Promise<ChecksSummary> {
  const [combined, runs] = await Promise.all([
    octokit.rest.repos.getCombinedStatusForRef({ ...splitRepo(repo), ref: sha, per_page: 100, request: { signal } }),
    paginateUpTo<CheckRunLike>(octokit, 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...splitRepo(repo), ref: sha }, MAX_CHECK_RUNS, signal ?? new AbortController().signal),
  ]);
  return summariseChecks(combined.data.statuses, runs.items);
}
