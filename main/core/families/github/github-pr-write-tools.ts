import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type Preview, type ToolContext } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { branchField, headField, markdownField, numberField, titleField } from './github-fields';
import { defaultBranchOf } from './github-refs';
import { trimPull } from './github-shapes';
import { repoField, repoTarget, splitRepo } from './github-target';
import { changePreview, githubFacts } from './github-facts';

/** The editable fields of a pull request, as a preview and a snapshot keep them. */
interface PullFields {
  title: string;
  body: string | null;
  base: string;
  state: 'open' | 'closed';
}

async function readFields(octokit: Octokit, repo: string, number: number, signal?: AbortSignal): Promise<PullFields & { merged: boolean }> {
  const { data } = await octokit.rest.pulls.get({ ...splitRepo(repo), pull_number: number, request: { signal } });
  return { title: data.title, body: data.body, base: data.base.ref, state: data.state === 'open' ? 'open' : 'closed', merged: Boolean(data.merged_at) && data.state !== 'open' };
}

const setState = (octokit: Octokit, repo: string, number: number, state: 'open' | 'closed', signal: AbortSignal) => octokit.rest.pulls.update({ ...splitRepo(repo), pull_number: number, state, request: { signal } });

const indented = (body: string | null | undefined): string => (body ? body.split('\n').map((line) => `  ${line}`).join('\n') : '  (no description)');

interface CreateInput {
  repo: string;
  head: string;
  base?: string;
  title: string;
  body?: string;
  draft: boolean;
}

export const githubPrCreate = defineTool<CreateInput, { number: number; htmlUrl: string; base: string; head: string; draft: boolean }, undefined, undefined>({
  name: 'github.pr.create',
  description: 'Open a pull request from a head branch (OWNER:BRANCH for a fork) into a base branch (default: the default branch), with a title and a Markdown description; draft to open it as a draft. Undo closes it.',
  input: z
    .object({
      repo: repoField,
      head: headField,
      base: branchField.optional().describe('The branch it merges into (default: the default branch)'),
      title: titleField,
      body: markdownField.optional().describe('The description, in Markdown'),
      draft: z.boolean().default(false).describe('Open it as a draft (not ready for review; it cannot be merged until marked ready)'),
    })
    .strict()
    .refine((input) => input.head !== input.base, { message: 'head and base are the same branch: a pull request merges one branch into another' }),
  output: z.object({ number: z.number(), htmlUrl: z.string(), base: z.string(), head: z.string(), draft: z.boolean() }),
  risk: ({ input }) => assess('write', `opens a pull request in ${input.repo} from ${input.head} into ${input.base ?? 'the default branch'}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    changePreview(ctx, [
      `Open a ${input.draft ? 'draft ' : ''}pull request in ${input.repo}`,
      `${input.base ?? 'the default branch'} ← ${input.head}`,
      `Title: ${input.title}`,
      'Description:',
      indented(input.body),
      'Undo closes it (GitHub keeps closed pull requests: they cannot be deleted).',
    ]),
  examples: [{ repo: 'octocat/Hello-World', head: 'feature/login', base: 'master', title: 'Add login', body: 'Adds the login page.' }],
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Opening a pull request in ${input.repo} from ${input.head}`, async (octokit) => {
      const base = input.base ?? (await defaultBranchOf(octokit, input.repo, signal));
      const { data } = await octokit.rest.pulls.create({ ...splitRepo(input.repo), head: input.head, base, title: input.title, body: input.body, draft: input.draft, request: { signal } });
      log('info', `opened #${data.number}: ${data.html_url}\n`);
      const { head } = trimPull(data);
      return { ok: true, output: { number: data.number, htmlUrl: data.html_url, base: data.base.ref, head, draft: data.draft ?? false } };
    }),
  undo: ({ input, output, ctx, signal }) =>
    githubCall(ctx, `Closing pull request #${output?.number ?? ''} of ${input.repo}`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      await setState(octokit, input.repo, output.number, 'closed', signal);
      return { ok: true, output: { closed: output.number } };
    }),
  idempotent: false,
  describeChange: (input) => `opened a pull request in ${input.repo} from ${input.head} ("${input.title}")`,
});

interface UpdateInput {
  repo: string;
  number: number;
  title?: string;
  body?: string;
  base?: string;
  state?: 'open' | 'closed';
}
const editable = ['title', 'body', 'base', 'state'] as const;
const changedFields = (input: UpdateInput) => editable.filter((field) => input[field] !== undefined);

function fieldsText(fields: PullFields): string {
  return `title: ${fields.title}\nbase: ${fields.base}\nstate: ${fields.state}\nbody:\n${indented(fields.body)}\n`;
}

async function updatePreview(ctx: ToolContext, input: UpdateInput): Promise<Preview> {
  const before = await githubFacts(ctx, `Reading pull request #${input.number} of ${input.repo}`, (octokit) => readFields(octokit, input.repo, input.number)).catch((error: Error) => error);
  if (before instanceof Error) return changePreview(ctx, [`Change ${changedFields(input).join(', ')} of pull request #${input.number} of ${input.repo}`, `Cannot read it: ${before.message}`, 'Undo puts the values back.']);
  const after = { ...before, ...Object.fromEntries(changedFields(input).map((field) => [field, input[field]])) } as PullFields;
  return { kind: 'file', path: `pull request #${input.number} of ${input.repo} (undo puts these values back)`, before: fieldsText(before), after: fieldsText(after) };
}

export const githubPrUpdate = defineTool<UpdateInput, { number: number; changed: string[] }, Partial<PullFields> & { merged: boolean }, undefined>({
  name: 'github.pr.update',
  description: 'Change a pull request: its title, description (body), base branch, or state (closed, or open again). The preview shows the values before and after; undo puts the old ones back.',
  input: z
    .object({
      repo: repoField,
      number: numberField,
      title: titleField.optional(),
      body: markdownField.optional().describe('The new description, in Markdown (replaces the old one)'),
      base: branchField.optional().describe('Another branch for it to merge into'),
      state: z.enum(['open', 'closed']).optional(),
    })
    .strict()
    .refine((input) => changedFields(input).length > 0, { message: 'nothing to change: give a title, body, base or state' }),
  output: z.object({ number: z.number(), changed: z.array(z.string()) }),
  risk: ({ input }) => assess('write', `changes ${changedFields(input).join(', ')} of pull request #${input.number} of ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: ({ input, ctx }) => updatePreview(ctx, input),
  snapshot: async ({ input, ctx }) => {
    const fields = await githubFacts(ctx, `Reading pull request #${input.number} of ${input.repo}`, (octokit) => readFields(octokit, input.repo, input.number));
    // Only the fields the step changes: what undo puts back.
    return { ...Object.fromEntries(changedFields(input).map((field) => [field, fields[field]])), merged: fields.merged };
  },
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Changing pull request #${input.number} of ${input.repo}`, async (octokit) => {
      await octokit.rest.pulls.update({ ...splitRepo(input.repo), pull_number: input.number, title: input.title, body: input.body, base: input.base, state: input.state, request: { signal } });
      return { ok: true, output: { number: input.number, changed: changedFields(input) } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Putting back ${changedFields(input).join(', ')} of pull request #${input.number} of ${input.repo}`, async (octokit) => {
      // A merged pull request cannot be reopened; its other fields still can be put back.
      const state = snapshot.merged ? undefined : snapshot.state;
      await octokit.rest.pulls.update({ ...splitRepo(input.repo), pull_number: input.number, title: snapshot.title, body: snapshot.body ?? (snapshot.body === null ? '' : undefined), base: snapshot.base, state, request: { signal } });
      return { ok: true, output: { restored: changedFields(input) } };
    }),
  idempotent: true,
  describeChange: (input) => `changed ${changedFields(input).join(', ')} of pull request #${input.number} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', number: 1347, title: 'Add the login page', base: 'develop' }],
});

export const githubPrClose = defineTool<{ repo: string; number: number }, { number: number; state: string }, { state: 'open' | 'closed' }, undefined>({
  name: 'github.pr.close',
  description: 'Close a pull request without merging it. Undo reopens it.',
  input: z.object({ repo: repoField, number: numberField }).strict(),
  output: z.object({ number: z.number(), state: z.string() }),
  risk: ({ input }) => assess('write', `closes pull request #${input.number} of ${input.repo} without merging it`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => changePreview(ctx, [`Close pull request #${input.number} of ${input.repo}, unmerged`, `PATCH /repos/${input.repo}/pulls/${input.number} (state: closed)`, 'Undo reopens it.']),
  snapshot: async ({ input, ctx }) => ({ state: (await githubFacts(ctx, `Reading pull request #${input.number} of ${input.repo}`, (octokit) => readFields(octokit, input.repo, input.number))).state }),
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Closing pull request #${input.number} of ${input.repo}`, async (octokit) => {
      await setState(octokit, input.repo, input.number, 'closed', signal);
      return { ok: true, output: { number: input.number, state: 'closed' } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Reopening pull request #${input.number} of ${input.repo}`, async (octokit) => {
      // One that was closed already stays closed.
      if (snapshot.state !== 'open') return { ok: true, output: null };
      await setState(octokit, input.repo, input.number, 'open', signal);
      return { ok: true, output: { reopened: input.number } };
    }),
  idempotent: true,
  describeChange: (input) => `closed pull request #${input.number} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', number: 1347 }],
});

export const githubPrWriteTools = [githubPrCreate, githubPrUpdate, githubPrClose];
