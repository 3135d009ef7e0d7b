import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { labelsField, listed, loginsField, markdownField, numberField, titleField } from './github-fields';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { ownerProblem, repoField, repoTarget, splitRepo } from './github-target';
import { changePreview, githubFacts } from './github-facts';

const issueSummary = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string().describe('open or closed'),
  stateReason: z.string().nullable().describe('Why it was closed: completed, not_planned…'),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  comments: z.number(),
  pullRequest: z.boolean().describe('A pull request (GitHub counts them as issues)'),
  updatedAt: z.string(),
  htmlUrl: z.string(),
});

interface IssueLike {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  user: { login: string } | null;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
  comments: number;
  pull_request?: unknown;
  updated_at: string;
  html_url: string;
}

const trimIssue = (issue: IssueLike): z.infer<typeof issueSummary> => ({
  number: issue.number,
  title: issue.title,
  state: issue.state,
  stateReason: issue.state_reason ?? null,
  author: issue.user?.login ?? null,
  labels: issue.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter(Boolean),
  assignees: (issue.assignees ?? []).map((user) => user.login),
  comments: issue.comments,
  pullRequest: Boolean(issue.pull_request),
  updatedAt: issue.updated_at,
  htmlUrl: issue.html_url,
});

const assigneeFilter = z
  .string()
  .superRefine((value, context) => {
    const problem = value === 'none' || value === '*' ? null : ownerProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not an assignee filter: ${problem}; give a login, none or *.` });
  })
  .describe('A login, none (unassigned) or * (assigned to anyone)');

export const githubIssueList = defineReadTool({
  name: 'github.issue.list',
  description: 'Issues of a GitHub repository: number, title, state, labels, assignees, comments, last update. Open ones by default; filter by labels (all of them) or assignee. Pull requests, which GitHub lists as issues, are left out unless pullRequests is true.',
  input: z
    .object({
      repo: repoField,
      state: z.enum(['open', 'closed', 'all']).default('open'),
      labels: z.array(z.string().min(1).max(50)).max(20).optional().describe('Only issues with every one of these labels'),
      assignee: assigneeFilter.optional(),
      pullRequests: z.boolean().default(false).describe('Also list pull requests'),
      sort: z.enum(['updated', 'created', 'comments']).default('updated'),
      limit: limitField,
    })
    .strict(),
  output: z.object({ issues: z.array(issueSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists issues',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} ${input.state === 'all' ? '' : `${input.state} `}issues of ${input.repo}`, requestLine(`/repos/${input.repo}/issues`, { ...query(input), per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', state: 'all', labels: ['bug'], assignee: 'none', limit: 20 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the issues of ${input.repo}`, async (octokit) => {
      // The limit counts what GitHub lists, pull requests included: fewer issues may come back, with more set.
      const page = await paginateUpTo<IssueLike>(octokit, 'GET /repos/{owner}/{repo}/issues', { ...splitRepo(input.repo), ...query(input) }, input.limit, signal);
      const issues = page.items.filter((issue) => input.pullRequests || !issue.pull_request).map(trimIssue);
      return { ok: true, output: { issues, count: issues.length, more: page.more } };
    }),
});

function query(input: { state: string; labels?: string[]; assignee?: string; sort: string }) {
  return { state: input.state, labels: input.labels?.join(','), assignee: input.assignee, sort: input.sort, direction: 'desc' };
}

const setIssueState = (octokit: Octokit, repo: string, number: number, state: 'open' | 'closed', reason: 'completed' | 'not_planned' | 'reopened', signal: AbortSignal) =>
  octokit.rest.issues.update({ ...splitRepo(repo), issue_number: number, state, state_reason: reason, request: { signal } });

interface CreateInput {
  repo: string;
  title: string;
  body?: string;
  labels: string[];
  assignees: string[];
}

export const githubIssueCreate = defineTool<CreateInput, { number: number; htmlUrl: string }, undefined, undefined>({
  name: 'github.issue.create',
  description: 'Open an issue with a title, a Markdown body, labels and assignees. Undo closes it as not planned (GitHub issues cannot be deleted through the API).',
  input: z.object({ repo: repoField, title: titleField, body: markdownField.optional(), labels: labelsField, assignees: loginsField(10) }).strict(),
  output: z.object({ number: z.number(), htmlUrl: z.string() }),
  risk: ({ input }) => assess('write', `opens an issue in ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    changePreview(ctx, [
      `Open an issue in ${input.repo}`,
      `Title: ${input.title}`,
      input.labels.length > 0 && `Labels: ${listed(input.labels)}`,
      input.assignees.length > 0 && `Assigned to: ${listed(input.assignees)}`,
      ...(input.body ? ['Body:', ...input.body.split('\n').map((line) => `  ${line}`)] : []),
      'Undo closes it as not planned.',
    ]),
  examples: [{ repo: 'octocat/Hello-World', title: 'Login fails on Safari', body: 'Steps to reproduce…', labels: ['bug'] }],
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Opening an issue in ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.issues.create({ ...splitRepo(input.repo), title: input.title, body: input.body, labels: input.labels, assignees: input.assignees, request: { signal } });
      log('info', `opened #${data.number}: ${data.html_url}\n`);
      return { ok: true, output: { number: data.number, htmlUrl: data.html_url } };
    }),
  undo: ({ input, output, ctx, signal }) =>
    githubCall(ctx, `Closing issue #${output?.number ?? ''} of ${input.repo}`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      await setIssueState(octokit, input.repo, output.number, 'closed', 'not_planned', signal);
      return { ok: true, output: { closed: output.number } };
    }),
  idempotent: false,
  describeChange: (input) => `opened an issue in ${input.repo} ("${input.title}")`,
});

export const githubIssueComment = defineTool<{ repo: string; number: number; body: string }, { id: number; htmlUrl: string }, undefined, undefined>({
  name: 'github.issue.comment',
  description: 'Comment on an issue or a pull request (its conversation). Undo deletes the comment.',
  input: z.object({ repo: repoField, number: numberField, body: markdownField.min(1, 'the comment is empty') }).strict(),
  output: z.object({ id: z.number(), htmlUrl: z.string() }),
  risk: ({ input }) => assess('write', `comments on #${input.number} of ${input.repo} (people watching it are notified)`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => changePreview(ctx, [`Comment on #${input.number} of ${input.repo}`, ...input.body.split('\n').map((line) => `  ${line}`), 'Undo deletes the comment (notifications already sent stay sent).']),
  examples: [{ repo: 'octocat/Hello-World', number: 1347, body: 'Fixed in #1350.' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Commenting on #${input.number} of ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.issues.createComment({ ...splitRepo(input.repo), issue_number: input.number, body: input.body, request: { signal } });
      return { ok: true, output: { id: data.id, htmlUrl: data.html_url } };
    }),
  undo: ({ input, output, ctx, signal }) =>
    githubCall(ctx, `Deleting comment ${output?.id ?? ''} on #${input.number} of ${input.repo}`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      await octokit.rest.issues.deleteComment({ ...splitRepo(input.repo), comment_id: output.id, request: { signal } });
      return { ok: true, output: { deleted: output.id } };
    }),
  idempotent: false,
  describeChange: (input) => `commented on #${input.number} of ${input.repo}`,
});

type CloseReason = 'completed' | 'not_planned';

export const githubIssueClose = defineTool<{ repo: string; number: number; reason: CloseReason }, { number: number; state: string }, { state: string }, undefined>({
  name: 'github.issue.close',
  description: 'Close an issue, as completed (default) or not planned. Undo reopens it.',
  input: z.object({ repo: repoField, number: numberField, reason: z.enum(['completed', 'not_planned']).default('completed') }).strict(),
  output: z.object({ number: z.number(), state: z.string() }),
  risk: ({ input }) => assess('write', `closes issue #${input.number} of ${input.repo} as ${input.reason.replace('_', ' ')}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => changePreview(ctx, [`Close issue #${input.number} of ${input.repo} as ${input.reason.replace('_', ' ')}`, `PATCH /repos/${input.repo}/issues/${input.number} (state: closed, state_reason: ${input.reason})`, 'Undo reopens it.']),
  examples: [{ repo: 'octocat/Hello-World', number: 1347 }, { repo: 'octocat/Hello-World', number: 1347, reason: 'not_planned' }],
  snapshot: ({ input, ctx }) =>
    githubFacts(ctx, `Reading issue #${input.number} of ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.issues.get({ ...splitRepo(input.repo), issue_number: input.number });
      return { state: data.state };
    }),
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Closing issue #${input.number} of ${input.repo}`, async (octokit) => {
      await setIssueState(octokit, input.repo, input.number, 'closed', input.reason, signal);
      return { ok: true, output: { number: input.number, state: 'closed' } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Reopening issue #${input.number} of ${input.repo}`, async (octokit) => {
      // One that was closed already stays closed.
      if (snapshot.state !== 'open') return { ok: true, output: null };
      await setIssueState(octokit, input.repo, input.number, 'open', 'reopened', signal);
      return { ok: true, output: { reopened: input.number } };
    }),
  idempotent: true,
  describeChange: (input) => `closed issue #${input.number} of ${input.repo}`,
});

export const githubIssueTools = [githubIssueList, githubIssueCreate, githubIssueComment, githubIssueClose];
