import { z } from 'zod';
import { defineReadTool } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { type RepoLike, repoSummary, trimRepo } from './github-shapes';
import { ownerField, ownerTarget, repoField, repoTarget, splitRepo, tokenReposTarget } from './github-target';

export const githubRepoGet = defineReadTool({
  name: 'github.repo.get',
  description: 'One GitHub repository: description, default branch, visibility, stars, open issues and pull requests, last push, whether it is archived, and its web address.',
  input: z.object({ repo: repoField }).strict(),
  output: repoSummary,
  reads: 'reads a GitHub repository',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `Read the repository ${input.repo}`, `GET /repos/${input.repo}`),
  examples: [{ repo: 'octocat/Hello-World' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Reading ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.repos.get({ ...splitRepo(input.repo), request: { signal } });
      return { ok: true, output: trimRepo(data) };
    }),
});

const repoSort = z.enum(['pushed', 'updated', 'created', 'full_name']).default('pushed').describe('Order: last push (default), last update, creation (newest first), or name');

export const githubRepoList = defineReadTool({
  name: 'github.repo.list',
  description: "Repositories of a GitHub user or organisation (owner), or without owner those the token can see: its own, its collaborations and its organisations'. A user's list shows only public repositories: for your own private ones, leave owner out. Most recently pushed first, up to limit.",
  input: z.object({ owner: ownerField.optional(), sort: repoSort, limit: limitField }).strict(),
  output: z.object({ repositories: z.array(repoSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists GitHub repositories',
  target: ({ input }) => (input.owner ? ownerTarget(input.owner) : tokenReposTarget),
  preview: async ({ input, ctx }) => {
    const query = { sort: input.sort, per_page: Math.min(input.limit, 100) };
    return input.owner
      ? readPreview(ctx, `List up to ${input.limit} repositories of ${input.owner}`, `${requestLine(`/orgs/${input.owner}/repos`, query)}\n(or /users/${input.owner}/repos when ${input.owner} is a user)`)
      : readPreview(ctx, `List up to ${input.limit} repositories the token can see`, requestLine('/user/repos', query));
  },
  examples: [{}, { owner: 'octocat', limit: 20 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, input.owner ? `Listing the repositories of ${input.owner}` : 'Listing your repositories', async (octokit) => {
      const list = (route: string, parameters: Record<string, unknown>) => paginateUpTo<RepoLike>(octokit, route, { ...parameters, sort: input.sort }, input.limit, signal);
      let page: { items: RepoLike[]; more: boolean };
      if (!input.owner) page = await list('GET /user/repos', {});
      else {
        // An organisation's list includes the private repositories the token may see; a user's
        // (GitHub answers 404 for /orgs/USER) only the public ones.
        page = await list('GET /orgs/{org}/repos', { org: input.owner }).catch((error: { status?: number }) => {
          if (error.status === 404) return list('GET /users/{username}/repos', { username: input.owner });
          throw error;
        });
      }
      const repositories = page.items.map(trimRepo);
      return { ok: true, output: { repositories, count: repositories.length, more: page.more } };
    }),
});
