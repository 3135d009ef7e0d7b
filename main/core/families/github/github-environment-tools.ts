import { z } from 'zod';
import { defineReadTool } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { repoField, repoTarget, splitRepo } from './github-target';

// A deployment environment's protection rules decide who and what may deploy to it: required
// reviewers (and whether the one who started a run may approve it), a wait timer, and the branches
// (or tags) allowed to deploy. The branch patterns are behind one more request per environment
// that has custom ones.

export const environmentSummary = z.object({
  name: z.string(),
  reviewers: z.array(z.string()).describe('Required reviewers, as "user LOGIN" or "team SLUG"; empty when none are required'),
  preventSelfReview: z.boolean().describe('The person who started the run cannot approve it'),
  waitTimerMinutes: z.number().describe('Minutes a job waits before it may deploy; 0 for none'),
  branches: z.string().describe('Which branches may deploy: "any", "protected branches", or "custom"'),
  branchPatterns: z.array(z.string()).describe('With custom: the branch and tag name patterns allowed'),
  otherRules: z.array(z.string()).describe('Protection rules of other kinds (custom deployment protection rules of apps)'),
  updatedAt: z.string(),
  htmlUrl: z.string(),
});
export type EnvironmentSummary = z.infer<typeof environmentSummary>;

interface ReviewerLike {
  readonly type?: string;
  readonly reviewer?: { readonly login?: string; readonly slug?: string; readonly name?: string } | null;
}

interface RuleLike {
  readonly type: string;
  readonly wait_timer?: number;
  readonly prevent_self_review?: boolean;
  readonly reviewers?: readonly ReviewerLike[];
}

export interface EnvironmentLike {
  readonly name: string;
  readonly updated_at: string;
  readonly html_url: string;
  readonly protection_rules?: readonly RuleLike[];
  readonly deployment_branch_policy?: { readonly protected_branches: boolean; readonly custom_branch_policies: boolean } | null;
}

const reviewerName = (entry: ReviewerLike): string => {
  const who = entry.reviewer;
  if (entry.type === 'Team') return `team ${who?.slug ?? who?.name ?? '?'}`;
  return `user ${who?.login ?? '?'}`;
};

/** An environment as a person reads its protection; `branchPatterns` from its deployment branch policies, when custom. */
export function trimEnvironment(environment: EnvironmentLike, branchPatterns: readonly string[] = []): EnvironmentSummary {
  const rules = environment.protection_rules ?? [];
  const reviewers = rules.filter((rule) => rule.type === 'required_reviewers');
  const policy = environment.deployment_branch_policy;
  return {
    name: environment.name,
    reviewers: reviewers.flatMap((rule) => (rule.reviewers ?? []).map(reviewerName)),
    preventSelfReview: reviewers.some((rule) => rule.prevent_self_review === true),
    waitTimerMinutes: rules.find((rule) => rule.type === 'wait_timer')?.wait_timer ?? 0,
    branches: !policy ? 'any' : policy.protected_branches ? 'protected branches' : policy.custom_branch_policies ? 'custom' : 'any',
    branchPatterns: policy?.custom_branch_policies ? [...branchPatterns] : [],
    otherRules: rules.filter((rule) => !['required_reviewers', 'wait_timer', 'branch_policy'].includes(rule.type)).map((rule) => rule.type),
    updatedAt: environment.updated_at,
    htmlUrl: environment.html_url,
  };
}

async function branchPatterns(octokit: Octokit, owner: string, repo: string, environment: string, signal: AbortSignal): Promise<string[]> {
  const { items } = await paginateUpTo<{ name?: string; type?: string }>(octokit, 'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies', { owner, repo, environment_name: environment }, 1000, signal);
  return items.map((policy) => (policy.type === 'tag' ? `tag ${policy.name ?? ''}` : (policy.name ?? '')));
}

export const githubEnvironmentList = defineReadTool({
  name: 'github.environment.list',
  description: 'Deployment environments of a repository with their protection rules: required reviewers (users and teams, and whether self-review is prevented), wait timer, and which branches may deploy (any, protected ones, or custom patterns).',
  input: z.object({ repo: repoField, limit: limitField }).strict(),
  output: z.object({ environments: z.array(environmentSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists deployment environments and their protection rules',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    readPreview(ctx, `List up to ${input.limit} environments of ${input.repo} with their protection rules`, `${requestLine(`/repos/${input.repo}/environments`, { per_page: Math.min(input.limit, 100) })}\n(and GET /repos/${input.repo}/environments/NAME/deployment-branch-policies for each with custom branch patterns)`),
  examples: [{ repo: 'octocat/Hello-World' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the environments of ${input.repo}`, async (octokit) => {
      const { owner, repo } = splitRepo(input.repo);
      const page = await paginateUpTo<EnvironmentLike>(octokit, 'GET /repos/{owner}/{repo}/environments', { owner, repo }, input.limit, signal);
      const environments = await Promise.all(
        page.items.map(async (environment) => trimEnvironment(environment, environment.deployment_branch_policy?.custom_branch_policies ? await branchPatterns(octokit, owner, repo, environment.name, signal) : [])),
      );
      return { ok: true, output: { environments, count: environments.length, more: page.more } };
    }),
});

export const githubEnvironmentTools = [githubEnvironmentList];
