import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineTool, toolFailure, type ToolResult } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { type BranchRule, NO_PROTECTION, type Protection, protectionText, readProtection, type Reviewer, weakenings, writeProtection } from './github-environment-protection';
import { githubFacts, writePreview } from './github-facts';
import { repoField, repoTarget, splitRepo } from './github-target';

// Deployment environments with their protection rules: who must approve a deployment, a wait
// timer, which branches may deploy. A field left out keeps what the environment has, so "add a
// wait timer to production" is one field. Weakening a protection is destructive, by code.

const environmentName = z.string().trim().min(1).max(255).regex(/^[^/'"`]+$/, 'an environment name without /, quotes or backticks').describe('The environment (staging, production…)');
const login = z.string().regex(/^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/, 'a GitHub login');
const slug = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a team slug');

const setInput = z
  .object({
    repo: repoField,
    name: environmentName,
    reviewers: z.array(login).max(6).optional().describe('Users who must approve a deployment (replaces the list; [] for none). GitHub allows 6 reviewers, users and teams together'),
    teams: z.array(slug).max(6).optional().describe('Teams of the owning organisation who must approve (replaces the list)'),
    preventSelfReview: z.boolean().optional().describe('Whoever started the run cannot approve it'),
    waitTimerMinutes: z.number().int().min(0).max(43_200).optional().describe('Minutes a job waits before it deploys (0–43200)'),
    branches: z.enum(['any', 'protected', 'custom']).optional().describe('Which branches may deploy: any, protected (protected branches only), or custom (branchPatterns)'),
    branchPatterns: z.array(z.string().trim().min(1).max(255)).max(50).optional().describe('With custom: branch name patterns (release/*), and tag patterns written `tag v*`'),
  })
  .strict()
  .superRefine((input, context) => {
    if ((input.reviewers?.length ?? 0) + (input.teams?.length ?? 0) > 6) context.addIssue({ code: 'custom', message: 'GitHub allows at most 6 required reviewers, users and teams together.', path: ['reviewers'] });
    if (input.branchPatterns && input.branches !== 'custom') context.addIssue({ code: 'custom', message: 'branchPatterns go with branches: custom.', path: ['branchPatterns'] });
  });
type SetInput = z.infer<typeof setInput>;

interface Facts {
  readonly current: Protection | null;
}
interface Snapshot {
  readonly current: Protection | null;
}

/** What the environment will be: the current protection, with each field the input names replaced. Reviewers' ids are filled in when the step runs. */
function desired(current: Protection | null, input: SetInput): Protection {
  const base = current ?? NO_PROTECTION;
  const named = (type: Reviewer['type'], names: readonly string[] | undefined): readonly Reviewer[] =>
    names === undefined ? base.reviewers.filter((reviewer) => reviewer.type === type) : names.map((name) => base.reviewers.find((reviewer) => reviewer.type === type && reviewer.name.toLowerCase() === name.toLowerCase()) ?? { type, name, id: 0 });
  const branches: BranchRule = input.branches ?? base.branches;
  return {
    reviewers: [...named('User', input.reviewers), ...named('Team', input.teams)],
    preventSelfReview: input.preventSelfReview ?? base.preventSelfReview,
    waitTimerMinutes: input.waitTimerMinutes ?? base.waitTimerMinutes,
    branches,
    patterns: branches === 'custom' ? (input.branchPatterns ?? base.patterns) : [],
  };
}

/** GitHub takes reviewers by id: a user's from /users/LOGIN, a team's from the owning organisation. */
async function withIds(octokit: Octokit, owner: string, reviewers: readonly Reviewer[], signal: AbortSignal): Promise<Reviewer[]> {
  return Promise.all(
    reviewers.map(async (reviewer) => {
      if (reviewer.id) return reviewer;
      const { data } =
        reviewer.type === 'User'
          ? await octokit.request('GET /users/{username}', { username: reviewer.name, request: { signal } })
          : await octokit.request('GET /orgs/{org}/teams/{team_slug}', { org: owner, team_slug: reviewer.name, request: { signal } });
      return { ...reviewer, id: Number(data.id) };
    }),
  );
}

const where = (input: { repo: string; name: string }): string => `the environment ${input.name} of ${input.repo}`;

export const githubEnvironmentSet = defineTool<SetInput, { name: string; created: boolean }, Snapshot, Facts>({
  name: 'github.environment.set',
  description:
    'Create a deployment environment of a repository, or change its protection rules: required reviewers (users, teams), prevent self-review, wait timer, and which branches may deploy (any, protected, custom patterns). Fields left out stay as they are. Weakening a protection is destructive. Undo restores the rules it had, or deletes an environment the step created.',
  input: setInput,
  output: z.object({ name: z.string(), created: z.boolean() }),
  inspect: async ({ input, ctx, signal }) => {
    const { owner, repo } = splitRepo(input.repo);
    return { current: (await githubFacts(ctx, `Reading ${where(input)}`, (octokit) => readProtection(octokit, owner, repo, input.name, signal)))?.protection ?? null };
  },
  risk: ({ input, facts }) => {
    if (!facts) return assess('destructive', `changes ${where(input)}, whose protection could not be read: the change may weaken it`);
    if (!facts.current) return assess('write', `creates ${where(input)} (undo deletes it)`);
    const weaker = weakenings(facts.current, desired(facts.current, input));
    return combine([assess('write', `changes the protection of ${where(input)} (undo restores it)`), ...weaker.map((change) => assess('destructive', `weakens the protection of ${where(input)}: ${change}`))]);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const { owner, repo } = splitRepo(input.repo);
    const read = await githubCall(ctx, `Reading ${where(input)}`, async (octokit) => ({ ok: true, output: await readProtection(octokit, owner, repo, input.name, new AbortController().signal) }));
    if (!read.ok) return writePreview(ctx, `Set the protection of ${where(input)}`, [`Its protection now could not be read: ${read.error.message}`]);
    const current = read.output?.protection ?? null;
    return { kind: 'file', path: `environment ${input.name} of ${input.repo}${current ? '' : ' (new)'}`, before: protectionText(current), after: protectionText(desired(current, input)) };
  },
  snapshot: async ({ input, ctx }) => {
    const { owner, repo } = splitRepo(input.repo);
    return { current: (await githubFacts(ctx, `Reading ${where(input)} for undo`, (octokit) => readProtection(octokit, owner, repo, input.name, new AbortController().signal)))?.protection ?? null };
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Setting ${where(input)}`, async (octokit) => {
      const { owner, repo } = splitRepo(input.repo);
      const now = await readProtection(octokit, owner, repo, input.name, signal);
      const wanted = desired(now?.protection ?? null, input);
      await writeProtection(octokit, owner, repo, input.name, { ...wanted, reviewers: await withIds(octokit, owner, wanted.reviewers, signal) }, now?.patternIds ?? {}, signal);
      log('info', `${now ? 'updated' : 'created'} ${where(input)}\n`);
      return { ok: true, output: { name: input.name, created: !now } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Undoing: restoring ${where(input)}`, async (octokit): Promise<ToolResult<Record<string, string>>> => {
      const { owner, repo } = splitRepo(input.repo);
      if (!snapshot.current) {
        // Made by this step, but secrets put in it since are someone's, and a delete would lose them.
        const { data } = await octokit.request('GET /repos/{owner}/{repo}/environments/{environment_name}/secrets', { owner, repo, environment_name: input.name, per_page: 1, request: { signal } });
        if (data.total_count > 0) return toolFailure('ENVIRONMENT_IN_USE', `${where(input)} has ${data.total_count} secret${data.total_count === 1 ? '' : 's'} now, put there after this step created it, so undo leaves it (delete it with github.environment.delete if that is what you want).`);
        await octokit.request('DELETE /repos/{owner}/{repo}/environments/{environment_name}', { owner, repo, environment_name: input.name, request: { signal } });
        return { ok: true, output: { deleted: input.name } };
      }
      const now = await readProtection(octokit, owner, repo, input.name, signal);
      await writeProtection(octokit, owner, repo, input.name, snapshot.current, now?.patternIds ?? {}, signal);
      return { ok: true, output: { restored: input.name } };
    }),
  idempotent: true,
  describeChange: (input) => `set the protection of ${where(input)}`,
  examples: [
    { repo: 'octocat/Hello-World', name: 'production', reviewers: ['octocat'], preventSelfReview: true, waitTimerMinutes: 10, branches: 'protected' },
    { repo: 'octocat/Hello-World', name: 'staging', branches: 'custom', branchPatterns: ['main', 'release/*'] },
  ],
});

const deleteInput = z.object({ repo: repoField, name: environmentName }).strict();
type DeleteInput = z.infer<typeof deleteInput>;

export const githubEnvironmentDelete = defineTool<DeleteInput, { deleted: string }, Snapshot, undefined>({
  name: 'github.environment.delete',
  description: "Delete a deployment environment of a repository, with its protection rules, secrets and variables. Undo recreates it with the protection rules it had; its secrets and variables cannot be brought back.",
  input: deleteInput,
  output: z.object({ deleted: z.string() }),
  risk: ({ input }) => assess('destructive', `deletes ${where(input)} with its secrets and variables, which cannot be restored (undo recreates only its protection rules)`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const { owner, repo } = splitRepo(input.repo);
    const read = await githubCall(ctx, `Reading ${where(input)}`, async (octokit) => ({ ok: true, output: await readProtection(octokit, owner, repo, input.name, new AbortController().signal) }));
    if (!read.ok) return writePreview(ctx, `Delete ${where(input)}`, [`It could not be read: ${read.error.message}`]);
    if (!read.output) return writePreview(ctx, `Delete ${where(input)}`, [`${input.repo} has no environment ${input.name}: the step would fail.`]);
    return { kind: 'file', path: `environment ${input.name} of ${input.repo} (deleted with its secrets and variables; undo recreates only these rules)`, before: protectionText(read.output.protection), after: null };
  },
  snapshot: async ({ input, ctx }) => {
    const { owner, repo } = splitRepo(input.repo);
    return { current: (await githubFacts(ctx, `Reading ${where(input)} for undo`, (octokit) => readProtection(octokit, owner, repo, input.name, new AbortController().signal)))?.protection ?? null };
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Deleting ${where(input)}`, async (octokit) => {
      const { owner, repo } = splitRepo(input.repo);
      await octokit.request('DELETE /repos/{owner}/{repo}/environments/{environment_name}', { owner, repo, environment_name: input.name, request: { signal } });
      log('info', `deleted ${where(input)}\n`);
      return { ok: true, output: { deleted: input.name } };
    }),
  undo: ({ input, snapshot, ctx, signal }) => {
    const previous = snapshot.current;
    if (!previous) return Promise.resolve({ ok: true, output: null });
    return githubCall(ctx, `Undoing: recreating ${where(input)}`, async (octokit) => {
      const { owner, repo } = splitRepo(input.repo);
      await writeProtection(octokit, owner, repo, input.name, previous, {}, signal);
      return { ok: true, output: { recreated: input.name, lost: 'its secrets and variables' } };
    });
  },
  idempotent: false,
  describeChange: (input) => `deleted ${where(input)}`,
  examples: [{ repo: 'octocat/Hello-World', name: 'review-42' }],
});

export const githubEnvironmentWriteTools = [githubEnvironmentSet, githubEnvironmentDelete];
