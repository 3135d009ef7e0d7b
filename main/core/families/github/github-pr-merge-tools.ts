import { z } from 'zod';
import { defineReadTool, defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { numberField, shaField, short } from './github-fields';
import { type CommitLine, type MergeFacts, type MergeInput, mergeContentHash, mergePreviewLines, mergeRefusal, mergeRisk } from './github-merge-plan';
import { readPreview } from './github-preview';
import { pullDetail, readPullDetail } from './github-pull-detail';
import { defaultBranchOf } from './github-refs';
import { repoField, repoTarget, splitRepo } from './github-target';
import { changePreview, githubFacts } from './github-facts';

export const githubPrGet = defineReadTool({
  name: 'github.pr.get',
  description: 'One pull request: title, state, draft, base and head branches, head commit, whether it merges (mergeable, mergeable_state), the checks of its head commit (statuses and check runs), how many commits and changed files.',
  input: z.object({ repo: repoField, number: numberField }).strict(),
  output: pullDetail,
  reads: 'reads a pull request and its checks',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    readPreview(ctx, `Read pull request #${input.number} of ${input.repo} and the checks of its head`, [`GET /repos/${input.repo}/pulls/${input.number}`, `GET /repos/${input.repo}/commits/{head}/status`, `GET /repos/${input.repo}/commits/{head}/check-runs`].join('\n')),
  examples: [{ repo: 'octocat/Hello-World', number: 1347 }],
  run: ({ input, ctx, signal }) => githubCall(ctx, `Reading pull request #${input.number} of ${input.repo}`, async (octokit) => ({ ok: true, output: await readPullDetail(octokit, input.repo, input.number, signal) })),
});

const MERGE_PREVIEW_COMMITS = 50;

function mergeFacts(ctx: ToolContext, input: MergeInput, signal?: AbortSignal): Promise<MergeFacts> {
  return githubFacts(ctx, `Reading pull request #${input.number} of ${input.repo}`, async (octokit) => {
    const [pull, defaultBranch] = await Promise.all([readPullDetail(octokit, input.repo, input.number, signal), defaultBranchOf(octokit, input.repo, signal)]);
    return { ...pull, defaultBranch };
  });
}

type PrMergeInput = MergeInput & { title?: string; message?: string };

export const githubPrMerge = defineTool<PrMergeInput, { merged: boolean; sha: string; method: string; base: string; head: string }, undefined, MergeFacts>({
  name: 'github.pr.merge',
  description:
    'Merge a pull request by merge commit, squash or rebase. Merging into the default branch is destructive; into another branch write. Refused when it is not mergeable (conflicts, closed, draft). ' +
    'The approval is bound to its head commit: pushed to after approval, it is approved again. A merge has no undo (revert it with a new pull request).',
  input: z
    .object({
      repo: repoField,
      number: numberField,
      method: z.enum(['merge', 'squash', 'rebase']).default('merge').describe('merge (a merge commit), squash (one commit) or rebase (the commits replayed); the repository may allow only some'),
      sha: shaField.optional().describe('Merge only while its head is this commit (from github.pr.get)'),
      title: z.string().trim().min(1).max(256).optional().describe('The merge or squash commit title (default GitHub\'s)'),
      message: z.string().max(65_536).optional().describe('The merge or squash commit message (default GitHub\'s)'),
    })
    .strict()
    .refine((input) => input.method !== 'rebase' || (input.title === undefined && input.message === undefined), { message: 'a rebase makes no merge commit, so it takes no title or message' }),
  output: z.object({ merged: z.boolean(), sha: z.string().describe('The commit the merge made on the base'), method: z.string(), base: z.string(), head: z.string() }),
  inspect: ({ input, ctx, signal }) => mergeFacts(ctx, input, signal),
  contentHash: mergeContentHash,
  risk: ({ input, facts }) => mergeRisk(input, facts),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const read = await mergeFacts(ctx, input).then(
      async (facts) => ({ facts, commits: await githubFacts(ctx, `Listing the commits of #${input.number}`, (octokit) => listCommits(octokit, input)) }),
      (error: Error) => error,
    );
    if (read instanceof Error) return changePreview(ctx, [`Merge pull request #${input.number} of ${input.repo} by ${input.method}`, `Cannot read it: ${read.message}`, 'A merge cannot be undone: there is no undo.']);
    return changePreview(ctx, mergePreviewLines(input, read.facts, read.commits));
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Merging pull request #${input.number} of ${input.repo}`, async (octokit) => {
      // Read again as it runs: the step is refused rather than sent when GitHub would refuse it.
      const { data } = await octokit.rest.pulls.get({ ...splitRepo(input.repo), pull_number: input.number, request: { signal } });
      const now = { state: data.state === 'open' ? 'open' : data.merged_at ? 'merged' : 'closed', draft: data.draft ?? false, headSha: data.head.sha, mergeable: data.mergeable, mergeableState: data.mergeable_state, base: data.base.ref } as const;
      const refusal = mergeRefusal(input, now);
      if (refusal) return { ok: false, error: { code: 'NOT_MERGEABLE', message: `Pull request #${input.number} of ${input.repo} was not merged: ${refusal}.`, permanent: true } };
      // `sha` makes GitHub itself refuse (409) if the head moves between this read and the merge.
      const { data: merged } = await octokit.rest.pulls.merge({ ...splitRepo(input.repo), pull_number: input.number, merge_method: input.method, sha: input.sha ?? data.head.sha, commit_title: input.title, commit_message: input.message, request: { signal } });
      if (!merged.merged) return toolFailure('NOT_MERGED', `GitHub did not merge #${input.number}: ${merged.message}`);
      log('info', `merged #${input.number} (${short(data.head.sha)}) into ${data.base.ref} by ${input.method}: ${short(merged.sha)}\n`);
      return { ok: true, output: { merged: true, sha: merged.sha, method: input.method, base: data.base.ref, head: data.head.ref } };
    }),
  idempotent: false,
  describeChange: (input) => `merged pull request #${input.number} of ${input.repo} by ${input.method} (no undo: revert it with a new pull request)`,
  examples: [{ repo: 'octocat/Hello-World', number: 1347 }, { repo: 'octocat/Hello-World', number: 1347, method: 'squash', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' }],
});

async function listCommits(octokit: Octokit, input: MergeInput): Promise<CommitLine[]> {
  const { data } = await octokit.rest.pulls.listCommits({ ...splitRepo(input.repo), pull_number: input.number, per_page: MERGE_PREVIEW_COMMITS });
  return data.map((commit) => ({ sha: commit.sha, message: commit.commit.message, author: commit.author?.login ?? commit.commit.author?.name ?? null }));
}

export const githubPrMergeTools = [githubPrGet, githubPrMerge];
