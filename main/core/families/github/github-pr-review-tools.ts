import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { listed, loginsField, markdownField, numberField, shaField, short } from './github-fields';
import { repoField, repoTarget, splitRepo } from './github-target';
import { changePreview, githubFacts } from './github-facts';

const teamSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'a team slug as in its URL (github.com/orgs/ORG/teams/SLUG), e.g. justice-league')
  .max(255);

interface RequestInput {
  repo: string;
  number: number;
  reviewers: string[];
  teams: string[];
}

const whom = (input: Pick<RequestInput, 'reviewers' | 'teams'>): string => listed([...input.reviewers, ...input.teams.map((team) => `team ${team}`)]);

export const githubPrRequestReview = defineTool<RequestInput, { number: number; requested: string[] }, { reviewers: string[]; teams: string[] }, undefined>({
  name: 'github.pr.request-review',
  description: 'Ask people (by login) and teams (by slug, in an organisation) to review a pull request. Undo withdraws the requests this step added (ones made before stay).',
  input: z
    .object({ repo: repoField, number: numberField, reviewers: loginsField(15).describe('GitHub logins'), teams: z.array(teamSlug).max(15).default([]).describe('Team slugs of the owning organisation') })
    .strict()
    .refine((input) => input.reviewers.length + input.teams.length > 0, { message: 'nobody to ask: give reviewers (logins) or teams (slugs)' }),
  output: z.object({ number: z.number(), requested: z.array(z.string()) }),
  risk: ({ input }) => assess('write', `asks ${whom(input)} to review #${input.number} of ${input.repo} (they are notified)`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => changePreview(ctx, [`Ask ${whom(input)} to review pull request #${input.number} of ${input.repo}`, 'GitHub notifies them.', 'Undo withdraws the requests this step adds.']),
  snapshot: ({ input, ctx }) =>
    githubFacts(ctx, `Reading the review requests of #${input.number} of ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.pulls.listRequestedReviewers({ ...splitRepo(input.repo), pull_number: input.number });
      return { reviewers: data.users.map((user) => user.login), teams: data.teams.map((team) => team.slug) };
    }),
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Requesting reviews of #${input.number} of ${input.repo}`, async (octokit) => {
      await octokit.rest.pulls.requestReviewers({ ...splitRepo(input.repo), pull_number: input.number, reviewers: input.reviewers, team_reviewers: input.teams, request: { signal } });
      return { ok: true, output: { number: input.number, requested: [...input.reviewers, ...input.teams.map((team) => `team ${team}`)] } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Withdrawing the review requests of #${input.number} of ${input.repo}`, async (octokit) => {
      const lower = (names: string[]) => new Set(names.map((name) => name.toLowerCase()));
      const before = { reviewers: lower(snapshot.reviewers), teams: lower(snapshot.teams) };
      const added = { reviewers: input.reviewers.filter((login) => !before.reviewers.has(login.toLowerCase())), teams: input.teams.filter((slug) => !before.teams.has(slug.toLowerCase())) };
      if (added.reviewers.length + added.teams.length === 0) return { ok: true, output: { withdrawn: [] } };
      await octokit.rest.pulls.removeRequestedReviewers({ ...splitRepo(input.repo), pull_number: input.number, reviewers: added.reviewers, team_reviewers: added.teams, request: { signal } });
      return { ok: true, output: { withdrawn: [...added.reviewers, ...added.teams.map((team) => `team ${team}`)] } };
    }),
  idempotent: true,
  describeChange: (input) => `asked ${whom(input)} to review #${input.number} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', number: 1347, reviewers: ['hubot'] }, { repo: 'octo-org/api', number: 12, teams: ['justice-league'] }],
});

type ReviewEvent = 'approve' | 'request_changes' | 'comment';
const githubEvent = { approve: 'APPROVE', request_changes: 'REQUEST_CHANGES', comment: 'COMMENT' } as const;
const verb = { approve: 'Approve', request_changes: 'Request changes to', comment: 'Comment on' } as const;

interface ReviewInput {
  repo: string;
  number: number;
  event: ReviewEvent;
  body?: string;
  commit?: string;
}

export const githubPrReview = defineTool<ReviewInput, { id: number; state: string; htmlUrl: string; commit: string | null }, undefined, undefined>({
  name: 'github.pr.review',
  description:
    'Review a pull request: approve, request changes, or comment (request changes and comment need a body). commit binds the review to that head commit (default: its head when sent). ' +
    'Undo dismisses an approval or a changes request; a comment review cannot be taken back.',
  input: z
    .object({
      repo: repoField,
      number: numberField,
      event: z.enum(['approve', 'request_changes', 'comment']).describe('approve, request_changes or comment'),
      body: markdownField.optional().describe('The review text, in Markdown'),
      commit: shaField.optional().describe('The head commit reviewed (from github.pr.get)'),
    })
    .strict()
    .refine((input) => input.event === 'approve' || Boolean(input.body?.trim()), { message: 'a changes request or a comment review needs a body saying what it is about', path: ['body'] }),
  output: z.object({ id: z.number(), state: z.string(), htmlUrl: z.string(), commit: z.string().nullable() }),
  risk: ({ input }) => assess('write', `${input.event === 'approve' ? 'approves' : input.event === 'request_changes' ? 'requests changes to' : 'comments on'} pull request #${input.number} of ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    changePreview(ctx, [
      `${verb[input.event]} pull request #${input.number} of ${input.repo}${input.commit ? ` at ${short(input.commit)}` : ' (its head when sent)'}`,
      ...(input.body ? ['Review:', ...input.body.split('\n').map((line) => `  ${line}`)] : []),
      input.event === 'comment' ? 'A comment review cannot be undone: GitHub does not let a submitted one be taken back.' : 'Undo dismisses the review (it stays in the timeline, marked dismissed).',
    ]),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Reviewing #${input.number} of ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.pulls.createReview({ ...splitRepo(input.repo), pull_number: input.number, event: githubEvent[input.event], body: input.body, commit_id: input.commit, request: { signal } });
      log('info', `review ${data.id} on #${input.number}: ${data.state}\n`);
      return { ok: true, output: { id: data.id, state: data.state, htmlUrl: data.html_url, commit: data.commit_id } };
    }),
  undo: ({ input, output, ctx, signal }) =>
    githubCall(ctx, `Dismissing review ${output?.id ?? ''} of #${input.number} of ${input.repo}`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      if (input.event === 'comment') return toolFailure('NO_UNDO', `Review ${output.id} of #${input.number} is a comment review: GitHub does not let one be dismissed or deleted once submitted. Edit or answer it on GitHub (${output.htmlUrl}).`);
      await octokit.rest.pulls.dismissReview({ ...splitRepo(input.repo), pull_number: input.number, review_id: output.id, message: 'Dismissed by Reign: the step that submitted this review was undone.', request: { signal } });
      return { ok: true, output: { dismissed: output.id } };
    }),
  idempotent: false,
  describeChange: (input) => `${input.event === 'approve' ? 'approved' : input.event === 'request_changes' ? 'requested changes to' : 'commented on'} pull request #${input.number} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', number: 1347, event: 'approve' }, { repo: 'octocat/Hello-World', number: 1347, event: 'request_changes', body: 'Please add tests.' }],
});

export const githubPrReviewTools = [githubPrRequestReview, githubPrReview];
