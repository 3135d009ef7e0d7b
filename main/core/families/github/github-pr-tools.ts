import { z } from 'zod';
import { defineReadTool } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { type PullLike, pullSummary, trimPull } from './github-shapes';
import { repoField, repoTarget, splitRepo } from './github-target';

const branch = z.string().min(1).max(255).regex(/^[^\s~^:?*[\\]+(:[^\s~^:?*[\\]+)?$/, 'a branch name (no spaces, ~ ^ : ? * [ or \\), or OWNER:BRANCH for a fork');

export const githubPrList = defineReadTool({
  name: 'github.pr.list',
  description: 'Pull requests of a GitHub repository: number, title, state (open, closed or merged), draft, author, base and head branches, labels, last update. Open ones by default; filter by base or head branch.',
  input: z
    .object({
      repo: repoField,
      state: z.enum(['open', 'closed', 'all']).default('open').describe('open (default), closed (merged or not), or all'),
      base: branch.optional().describe('Only those merging into this branch'),
      head: branch.optional().describe('Only those from this branch (OWNER:BRANCH for a fork)'),
      sort: z.enum(['updated', 'created']).default('updated').describe('Most recently updated (default) or created first'),
      limit: limitField,
    })
    .strict(),
  output: z.object({ pullRequests: z.array(pullSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists pull requests',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} ${input.state === 'all' ? '' : `${input.state} `}pull requests of ${input.repo}`, requestLine(`/repos/${input.repo}/pulls`, { ...query(input), per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', state: 'all', base: 'main', limit: 20 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the pull requests of ${input.repo}`, async (octokit) => {
      const page = await paginateUpTo<PullLike>(octokit, 'GET /repos/{owner}/{repo}/pulls', { ...splitRepo(input.repo), ...query(input) }, input.limit, signal);
      const pullRequests = page.items.map(trimPull);
      return { ok: true, output: { pullRequests, count: pullRequests.length, more: page.more } };
    }),
});

/** GitHub filters by head only as OWNER:BRANCH; a bare branch is the repository's own. */
function query(input: { repo: string; state: string; base?: string; head?: string; sort: string }) {
  const head = input.head && !input.head.includes(':') ? `${splitRepo(input.repo).owner}:${input.head}` : input.head;
  return { state: input.state, base: input.base, head, sort: input.sort, direction: 'desc' };
}
