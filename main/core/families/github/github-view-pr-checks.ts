import { z } from 'zod';
import { defineReadTool } from '../../tools/tool-definition';
import { type ChecksSummary, checksSummary, type CheckRunLike, summariseChecks } from './github-checks';
import { githubCall, githubKey } from './github-access';
import type { Octokit } from './github-client';
import { githubFailure } from './github-errors';
import { boundedMap } from './github-bounded-map';
import { paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { type PullLike, pullSummary, trimPull } from './github-shapes';
import { repoField, repoTarget, splitRepo } from './github-target';

// The open pull requests of the Resources pane with their checks. A pull request's checks are
// read from its head commit's check runs (GitHub Actions and Apps), one request per distinct head
// (a page of 100 holds every check of nearly every commit), a few at a time so a repository with
// hundreds of open PRs neither waits for them one by one nor bursts into GitHub's secondary
// rate limit. Commit statuses (older CI) are left out here: they would double the requests. A
// commit whose checks have all finished is not asked about again for a few minutes.

/** Check reads in flight at once. */
export const CHECK_READS_AT_ONCE = 6;
/** Most check runs read for one commit (more pages are asked for only when GitHub has them). */
const MAX_CHECK_RUNS = 300;

const pullWithChecks = pullSummary.extend({
  headSha: z.string(),
  checks: checksSummary.nullable().describe('Its head commit\'s check runs; null when they could not be read'),
});
export type PullWithChecks = z.infer<typeof pullWithChecks>;

export const githubPrChecks = defineReadTool({
  name: 'github.pr.checks',
  description: 'Open pull requests of a GitHub repository with their checks: how many check runs of each head commit passed, failed or are still running, and the names of those that failed.',
  input: z.object({ repo: repoField, limit: z.number().int().min(1).max(300).default(100).describe('At most this many pull requests, most recently updated first (default 100, up to 300)') }).strict(),
  output: z.object({
    pullRequests: z.array(pullWithChecks),
    count: z.number(),
    more: z.boolean().describe('GitHub has more open pull requests than limit'),
    checksProblem: z.string().nullable().describe('Why some checks could not be read (a token without the Checks permission), else null'),
  }),
  reads: 'lists open pull requests and their checks',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    readPreview(ctx, `List up to ${input.limit} open pull requests of ${input.repo} with their checks`, [requestLine(`/repos/${input.repo}/pulls`, { state: 'open', sort: 'updated', direction: 'desc', per_page: Math.min(input.limit, 100) }), `then for each head commit (${CHECK_READS_AT_ONCE} at a time): ${requestLine(`/repos/${input.repo}/commits/{sha}/check-runs`, { per_page: 100 })}`].join('\n')),
  examples: [{ repo: 'octocat/Hello-World' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the open pull requests of ${input.repo} with their checks`, async (octokit) => {
      const page = await paginateUpTo<PullLike & { head: { sha: string } }>(octokit, 'GET /repos/{owner}/{repo}/pulls', { ...splitRepo(input.repo), state: 'open', sort: 'updated', direction: 'desc' }, input.limit, signal);
      const shas = [...new Set(page.items.map((pull) => pull.head.sha))];
      let checksProblem: string | null = null;
      const place = ctx.access(githubKey).place;
      const checks = await boundedMap(shas, CHECK_READS_AT_ONCE, async (sha) => {
        try {
          return await readCheckRuns(octokit, place.apiUrl, input.repo, sha, signal);
        } catch (error) {
          if (signal.aborted) throw error;
          // One commit's checks that cannot be read leave its cell unknown, not the whole list.
          checksProblem ??= githubFailure(error, `Reading the checks of ${sha.slice(0, 7)}`, place).error.message;
          return null;
        }
      });
      const bySha = new Map(shas.map((sha, index) => [sha, checks[index] ?? null]));
      const pullRequests = page.items.map((pull) => ({ ...trimPull(pull), headSha: pull.head.sha, checks: bySha.get(pull.head.sha) ?? null }));
      return { ok: true, output: { pullRequests, count: pullRequests.length, more: page.more, checksProblem } };
    }),
});

/**
 * Checks that have all finished, kept a few minutes by API root, repository and commit: the pane
 * reads the list each time it is shown, and a finished commit's checks change only when someone
 * re-runs one. Checks still running are always read again.
 */
const finished = new Map<string, { readonly summary: ChecksSummary; readonly at: number }>();
const FINISHED_FOR_MS = 3 * 60_000;
const MAX_FINISHED = 2000;

/** The check runs of one commit (its latest run of each check, GitHub's default filter), summarised. */
async function readCheckRuns(octokit: Octokit, place: string, repo: string, sha: string, signal: AbortSignal, now = Date.now()): Promise<ChecksSummary> {
  const key = `${place}|${repo.toLowerCase()}|${sha}`;
  const kept = finished.get(key);
  if (kept && now - kept.at < FINISHED_FOR_MS) return kept.summary;
  const runs = await paginateUpTo<CheckRunLike>(octokit, 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...splitRepo(repo), ref: sha }, MAX_CHECK_RUNS, signal);
  const summary = summariseChecks([], runs.items);
  finished.delete(key);
  if (summary.pending === 0) finished.set(key, { summary, at: now });
  // The oldest go first (a Map keeps insertion order).
  while (finished.size > MAX_FINISHED) finished.delete(finished.keys().next().value!);
  return summary;
}


/**
 * What the Checks cell says, in GitHub's own marks so it fits a badge: "✕ 1 · ● 1 · ✓ 3" is one
 * failed, one still running and three passed (GitHub counts neutral and skipped as passed).
 */
export function checksCell(checks: ChecksSummary | null): string {
  if (!checks) return 'unknown';
  if (checks.state === 'none') return 'no checks';
  return [checks.failed && `✕ ${checks.failed}`, checks.pending && `● ${checks.pending}`, checks.passed && `✓ ${checks.passed}`].filter(Boolean).join(' · ');
}
