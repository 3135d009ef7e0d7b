import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { checksSummary, readChecks } from './github-checks';
import type { Octokit } from './github-client';
import { pullSummary, trimPull } from './github-shapes';
import { splitRepo } from './github-target';

/** One pull request with what deciding on a merge takes: its head commit, mergeability and checks, its size. */
export const pullDetail = pullSummary.extend({
  headSha: z.string().describe('The commit at its head: what a review or a merge is of'),
  mergeable: z.boolean().nullable().describe('Whether it merges without conflicts; null while GitHub is still working it out'),
  mergeableState: z.string().describe('clean, unstable (non-required checks failing), blocked (required reviews or checks missing), behind, dirty (conflicts), draft or unknown'),
  checks: checksSummary.describe('The checks of its head commit: commit statuses and check runs'),
  commits: z.number(),
  changedFiles: z.number(),
});
export type PullDetail = z.infer<typeof pullDetail>;

// GitHub works mergeability out in the background after a push: the first read may say null.
const MERGEABILITY_WAIT_MS = 1_000;

/** A pull request, read once more when GitHub had not yet worked out whether it merges, with the checks of its head. */
export async function readPullDetail(octokit: Octokit, repo: string, number: number, signal?: AbortSignal): Promise<PullDetail> {
  const read = () => octokit.rest.pulls.get({ ...splitRepo(repo), pull_number: number, request: { signal } });
  let { data } = await read();
  if (data.state === 'open' && data.mergeable === null) {
    await sleep(MERGEABILITY_WAIT_MS, undefined, { signal });
    ({ data } = await read());
  }
  const checks = await readChecks(octokit, repo, data.head.sha, signal);
  return {
    ...trimPull(data),
    headSha: data.head.sha,
    mergeable: data.mergeable,
    mergeableState: data.mergeable_state,
    checks,
    commits: data.commits,
    changedFiles: data.changed_files,
  };
}
