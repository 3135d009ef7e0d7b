import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { branchField, branchProblem, isFullSha, listed, short } from './github-fields';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { branchHead, createBranch, defaultBranchOf, deleteBranch } from './github-refs';
import { repoField, repoTarget, splitRepo } from './github-target';
import { changePreview, githubFacts } from './github-facts';

const branchSummary = z.object({ name: z.string(), sha: z.string().describe('The commit it points at'), protected: z.boolean() });

export const githubBranchList = defineReadTool({
  name: 'github.branch.list',
  description: 'Branches of a GitHub repository: name, the commit it points at (sha), and whether it is protected. Only protected ones with protected: true.',
  input: z.object({ repo: repoField, protected: z.boolean().optional().describe('Only protected (true) or unprotected (false) branches'), limit: limitField }).strict(),
  output: z.object({ branches: z.array(branchSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists branches',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} branches of ${input.repo}`, requestLine(`/repos/${input.repo}/branches`, { protected: input.protected, per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', protected: true, limit: 20 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the branches of ${input.repo}`, async (octokit) => {
      type Branch = { name: string; commit: { sha: string }; protected: boolean };
      const page = await paginateUpTo<Branch>(octokit, 'GET /repos/{owner}/{repo}/branches', { ...splitRepo(input.repo), protected: input.protected }, input.limit, signal);
      const branches = page.items.map((branch) => ({ name: branch.name, sha: branch.commit.sha, protected: branch.protected }));
      return { ok: true, output: { branches, count: branches.length, more: page.more } };
    }),
});

/** Where a new branch starts: a full sha as given, else the head of a branch (the default branch when none is named). */
const fromField = z
  .string()
  .superRefine((value, context) => {
    const problem = isFullSha(value) ? null : branchProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a branch or a full commit sha: ${problem}.` });
  })
  .describe('Where it starts: a branch (its head now) or a full 40-character commit sha; default the default branch');

async function startingPoint(octokit: Octokit, repo: string, from: string | undefined, signal: AbortSignal): Promise<{ sha: string | null; label: string }> {
  if (from && isFullSha(from)) return { sha: from.toLowerCase(), label: short(from) };
  const branch = from ?? (await defaultBranchOf(octokit, repo, signal));
  return { sha: await branchHead(octokit, repo, branch, signal), label: branch };
}

interface CreateInput {
  repo: string;
  branch: string;
  from?: string;
}

export const githubBranchCreate = defineTool<CreateInput, { branch: string; sha: string; from: string }, undefined, undefined>({
  name: 'github.branch.create',
  description: 'Create a branch in a GitHub repository, starting at the head of another branch (default: the default branch) or at a commit sha. Undo deletes it again, unless commits were pushed to it since.',
  input: z.object({ repo: repoField, branch: branchField, from: fromField.optional() }).strict(),
  output: z.object({ branch: z.string(), sha: z.string().describe('The commit it points at'), from: z.string() }),
  risk: ({ input }) => assess('write', `creates the branch ${input.branch} in ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    changePreview(ctx, [
      `Create the branch ${input.branch} in ${input.repo}`,
      `Starting at ${input.from ? (isFullSha(input.from) ? `commit ${input.from}` : `the head of ${input.from}`) : 'the head of the default branch'} (read when it runs).`,
      `POST /repos/${input.repo}/git/refs (refs/heads/${input.branch})`,
      'Undo deletes it, while it still points at the commit it was created at.',
    ]),
  examples: [{ repo: 'octocat/Hello-World', branch: 'feature/login' }, { repo: 'octocat/Hello-World', branch: 'fix-typo', from: 'master' }],
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Creating the branch ${input.branch} in ${input.repo}`, async (octokit) => {
      const start = await startingPoint(octokit, input.repo, input.from, signal);
      if (!start.sha) return toolFailure('NOT_FOUND', `There is no branch ${start.label} in ${input.repo} to start ${input.branch} from: name an existing branch or a commit sha (github.branch.list shows them).`);
      const sha = await createBranch(octokit, input.repo, input.branch, start.sha, signal);
      log('info', `created ${input.branch} at ${short(sha)} (from ${start.label})\n`);
      return { ok: true, output: { branch: input.branch, sha, from: start.label } };
    }),
  undo: ({ input, output, ctx, signal }) =>
    githubCall<{ deleted: string | null } | null>(ctx, `Deleting the branch ${input.branch} of ${input.repo} again`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      const head = await branchHead(octokit, input.repo, input.branch, signal);
      if (head === null) return { ok: true, output: { deleted: null } };
      // Commits pushed to it since are someone's work: never thrown away by an undo.
      if (head !== output.sha) return toolFailure('BRANCH_MOVED', `The branch ${input.branch} was left in place: it now points at ${short(head)}, not at ${short(output.sha)} where it was created, so commits were added to it. Delete it with github.branch.delete if they are not wanted.`);
      await deleteBranch(octokit, input.repo, input.branch, signal);
      return { ok: true, output: { deleted: input.branch } };
    }),
  idempotent: false,
  describeChange: (input) => `created the branch ${input.branch} in ${input.repo}`,
});

interface DeleteFacts {
  readonly defaultBranch: string;
  /** Its head now; null when there is no such branch. */
  readonly sha: string | null;
  /** Open pull requests from it, which GitHub closes when it is deleted. */
  readonly openPulls: readonly number[];
}

async function deleteFacts(ctx: ToolContext, input: { repo: string; branch: string }, signal?: AbortSignal): Promise<DeleteFacts> {
  return githubFacts(ctx, `Reading the branch ${input.branch} of ${input.repo}`, async (octokit) => {
    const [defaultBranch, sha, pulls] = await Promise.all([
      defaultBranchOf(octokit, input.repo, signal),
      branchHead(octokit, input.repo, input.branch, signal),
      octokit.rest.pulls.list({ ...splitRepo(input.repo), head: `${splitRepo(input.repo).owner}:${input.branch}`, state: 'open', per_page: 100, request: { signal } }),
    ]);
    return { defaultBranch, sha, openPulls: pulls.data.map((pull) => pull.number) };
  });
}

/** Why deleting the branch is refused (the default branch; one that does not exist), or null. */
export function branchDeleteRefusal(input: { repo: string; branch: string }, facts: DeleteFacts): string | null {
  if (input.branch === facts.defaultBranch) return `${input.branch} is the default branch of ${input.repo}: it is never deleted (make another branch the default first)`;
  if (facts.sha === null) return `there is no branch ${input.branch} in ${input.repo}`;
  return null;
}

const closesPulls = (pulls: readonly number[]): string => (pulls.length ? `; GitHub closes the ${pulls.length === 1 ? 'open pull request' : `${pulls.length} open pull requests`} from it (${listed(pulls.map((number) => `#${number}`))})` : '');

export const githubBranchDelete = defineTool<{ repo: string; branch: string }, { deleted: string }, { sha: string | null }, DeleteFacts>({
  name: 'github.branch.delete',
  description: 'Delete a branch of a GitHub repository. Never the default branch. GitHub closes the open pull requests from it. Undo creates it again at the commit it pointed at (closed pull requests stay closed).',
  input: z.object({ repo: repoField, branch: branchField }).strict(),
  output: z.object({ deleted: z.string() }),
  inspect: ({ input, ctx, signal }) => deleteFacts(ctx, input, signal),
  risk: ({ input, facts }) => {
    if (!facts) return assess('destructive', `deletes the branch ${input.branch} of ${input.repo}`);
    const refusal = branchDeleteRefusal(input, facts);
    if (refusal) return assess('destructive', `deletes the branch ${input.branch} of ${input.repo}: refused, ${refusal}`);
    return assess('destructive', `deletes the branch ${input.branch} of ${input.repo} (at ${short(facts.sha!)})${closesPulls(facts.openPulls)}`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const facts = await deleteFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return changePreview(ctx, [`Delete the branch ${input.branch} of ${input.repo}`, `Cannot read it: ${facts.message}`]);
    const refusal = branchDeleteRefusal(input, facts);
    if (refusal) return changePreview(ctx, [`Delete the branch ${input.branch} of ${input.repo}`, `Refused: ${refusal}. The step would fail and nothing would be deleted.`]);
    return changePreview(ctx, [
      `Delete the branch ${input.branch} of ${input.repo}, at ${facts.sha}`,
      facts.openPulls.length ? `GitHub closes the open pull requests from it: ${listed(facts.openPulls.map((number) => `#${number}`))}.` : 'No open pull request comes from it.',
      `Undo creates it again at ${short(facts.sha!)}${facts.openPulls.length ? '; the pull requests GitHub closed stay closed (reopen them)' : ''}.`,
    ]);
  },
  snapshot: async ({ input, ctx }) => ({ sha: await githubFacts(ctx, `Reading the branch ${input.branch} of ${input.repo}`, (octokit) => branchHead(octokit, input.repo, input.branch)) }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Deleting the branch ${input.branch} of ${input.repo}`, async (octokit) => {
      // Checked again here: an approval or a rule may let the step run, the default branch is never deleted.
      const defaultBranch = await defaultBranchOf(octokit, input.repo, signal);
      if (defaultBranch === input.branch) return { ok: false, error: { code: 'DEFAULT_BRANCH', message: `Refused: ${input.branch} is the default branch of ${input.repo}, which is never deleted. Make another branch the default first.`, permanent: true } };
      await deleteBranch(octokit, input.repo, input.branch, signal);
      log('info', `deleted ${input.branch}\n`);
      return { ok: true, output: { deleted: input.branch } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Creating the branch ${input.branch} of ${input.repo} again`, async (octokit) => {
      if (!snapshot.sha) return toolFailure('NO_SNAPSHOT', `The branch ${input.branch} did not exist when the step ran, so there is nothing to create again.`);
      const sha = await createBranch(octokit, input.repo, input.branch, snapshot.sha, signal);
      return { ok: true, output: { branch: input.branch, sha } };
    }),
  idempotent: false,
  describeChange: (input) => `deleted the branch ${input.branch} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', branch: 'feature/login' }],
});

export const githubBranchTools = [githubBranchList, githubBranchCreate, githubBranchDelete];
