import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { changePreview, githubFacts, isNotFound, statusOf } from './github-facts';
import { branchProblem, isFullSha, short } from './github-fields';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { branchHead, defaultBranchOf, type TagRef, tagRef } from './github-refs';
import { tagProblem } from './github-release-tools';
import { repoField, repoTarget, splitRepo } from './github-target';

// Tags through the git data API. A lightweight tag is a ref at a commit; an annotated one is a tag
// object (message, tagger, date) and a ref at it. Undo of a create deletes the tag only while it
// still points where the step made it; undo of a delete makes the ref again at the sha it had.

const tagField = z
  .string()
  .trim()
  .max(255)
  .superRefine((value, context) => {
    const problem = value.startsWith('refs/') ? `give the tag without refs/tags/: ${value.replace(/^refs\/(tags\/)?/, '')}` : tagProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a tag: ${problem}.` });
  })
  .describe('The tag name, e.g. v1.4.0');

export const githubTagList = defineReadTool({
  name: 'github.tag.list',
  description: 'Tags of a GitHub repository, newest first as GitHub orders them: name and the commit it points at.',
  input: z.object({ repo: repoField, limit: limitField }).strict(),
  output: z.object({ tags: z.array(z.object({ name: z.string(), commit: z.string() })), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists tags',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} tags of ${input.repo}`, requestLine(`/repos/${input.repo}/tags`, { per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the tags of ${input.repo}`, async (octokit) => {
      const page = await paginateUpTo<{ name: string; commit: { sha: string } }>(octokit, 'GET /repos/{owner}/{repo}/tags', splitRepo(input.repo), input.limit, signal);
      const tags = page.items.map((tag) => ({ name: tag.name, commit: tag.commit.sha }));
      return { ok: true, output: { tags, count: tags.length, more: page.more } };
    }),
});

/** Where a tag is made: a full sha as given, else the head of a branch. */
const atField = z
  .string()
  .superRefine((value, context) => {
    const problem = isFullSha(value) ? null : branchProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a branch or a full commit sha: ${problem}.` });
  })
  .describe('Where the tag points: a branch (its head when the step runs) or a full 40-character commit sha; default the default branch');

interface CreateInput {
  repo: string;
  tag: string;
  at?: string;
  message?: string;
}

interface CreateOutput {
  tag: string;
  /** What the ref points at: the commit (lightweight) or the tag object (annotated). */
  sha: string;
  commit: string;
  annotated: boolean;
}

const existing = (ctx: ToolContext, input: { repo: string; tag: string }, signal?: AbortSignal) => githubFacts(ctx, `Reading the tag ${input.tag} of ${input.repo}`, (octokit) => tagRef(octokit, input.repo, input.tag, signal));
const whereText = (at: string | undefined): string => (at ? (isFullSha(at) ? `commit ${at.toLowerCase()}` : `the head of ${at}`) : 'the head of the default branch');
const existsRefusal = (input: { repo: string; tag: string }, ref: TagRef): string => `the tag ${input.tag} already exists in ${input.repo} (at ${short(ref.sha)}): a tag is never moved; delete it first with github.tag.delete, or choose another name`;

export const githubTagCreate = defineTool<CreateInput, CreateOutput, undefined, { existing: TagRef | null }>({
  name: 'github.tag.create',
  description:
    'Create a tag in a GitHub repository at a branch head or a commit sha (default: the default branch). With a message it is an annotated tag (message, tagger, date), without one a lightweight tag. An existing tag is refused, never moved. Pushing a tag starts the workflows that run on tags. Undo deletes it while it still points where it was made.',
  input: z.object({ repo: repoField, tag: tagField, at: atField.optional(), message: z.string().min(1, 'the message is empty: leave it out for a lightweight tag').max(65_536).optional().describe('Makes an annotated tag with this message') }).strict(),
  output: z.object({ tag: z.string(), sha: z.string().describe('What the tag ref points at: the commit, or the tag object of an annotated tag'), commit: z.string(), annotated: z.boolean() }),
  inspect: async ({ input, ctx, signal }) => ({ existing: await existing(ctx, input, signal) }),
  risk: ({ input, facts }) => {
    if (facts?.existing) return assess('write', `creates the tag ${input.tag} in ${input.repo}: refused, ${existsRefusal(input, facts.existing)}`);
    return assess('write', `creates the ${input.message ? 'annotated' : 'lightweight'} tag ${input.tag} in ${input.repo} at ${whereText(input.at)}: workflows that run on tags start`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const found = await existing(ctx, input).catch((error: Error) => error);
    const what = `Create the ${input.message ? 'annotated' : 'lightweight'} tag ${input.tag} in ${input.repo}`;
    if (found instanceof Error) return changePreview(ctx, [what, `Cannot read the tag now: ${found.message}`]);
    if (found) return changePreview(ctx, [what, `Refused: ${existsRefusal(input, found)}. The step would fail and nothing would change.`]);
    return changePreview(ctx, [
      what,
      `At ${whereText(input.at)}${input.at && isFullSha(input.at) ? '' : ' (read when it runs)'}.`,
      ...(input.message ? ['Message:', ...input.message.split('\n').map((line) => `  ${line}`), `POST /repos/${input.repo}/git/tags, then POST /repos/${input.repo}/git/refs (refs/tags/${input.tag})`] : [`POST /repos/${input.repo}/git/refs (refs/tags/${input.tag})`]),
      'Undo deletes it, while it still points where it was made.',
    ]);
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Creating the tag ${input.tag} in ${input.repo}`, async (octokit) => {
      // Checked again here: the tag may have been made since the step was approved, and a tag is never moved.
      const found = await tagRef(octokit, input.repo, input.tag, signal);
      if (found) return { ok: false, error: { code: 'TAG_EXISTS', message: `Refused: ${existsRefusal(input, found)}.`, permanent: true } };
      let commit: string | null;
      let from: string;
      if (input.at && isFullSha(input.at)) [commit, from] = [input.at.toLowerCase(), short(input.at)];
      else {
        from = input.at ?? (await defaultBranchOf(octokit, input.repo, signal));
        commit = await branchHead(octokit, input.repo, from, signal);
      }
      if (!commit) return toolFailure('NOT_FOUND', `There is no branch ${from} in ${input.repo} to tag: name an existing branch or a commit sha (github.branch.list shows them).`);
      let target = commit;
      if (input.message) {
        const { data } = await octokit.rest.git.createTag({ ...splitRepo(input.repo), tag: input.tag, message: input.message, object: commit, type: 'commit', request: { signal } });
        target = data.sha;
      }
      const { data } = await octokit.rest.git.createRef({ ...splitRepo(input.repo), ref: `refs/tags/${input.tag}`, sha: target, request: { signal } });
      log('info', `created the tag ${input.tag} at ${short(commit)} (from ${from})\n`);
      return { ok: true, output: { tag: input.tag, sha: data.object.sha, commit, annotated: Boolean(input.message) } };
    }),
  undo: ({ input, output, ctx, signal }) =>
    githubCall<{ deleted: string | null } | null>(ctx, `Deleting the tag ${input.tag} of ${input.repo} again`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      const now = await tagRef(octokit, input.repo, input.tag, signal);
      if (!now) return { ok: true, output: { deleted: null } };
      // Someone made it point elsewhere since: that tag is theirs, never deleted by an undo.
      if (now.sha !== output.sha) return toolFailure('TAG_MOVED', `The tag ${input.tag} was left in place: it now points at ${short(now.sha)}, not at ${short(output.sha)} where it was made. Delete it with github.tag.delete if it is not wanted.`);
      await octokit.rest.git.deleteRef({ ...splitRepo(input.repo), ref: `tags/${input.tag}`, request: { signal } });
      return { ok: true, output: { deleted: input.tag } };
    }),
  idempotent: false,
  describeChange: (input) => `created the tag ${input.tag} in ${input.repo}`,
  examples: [
    { repo: 'octocat/Hello-World', tag: 'v1.4.0' },
    { repo: 'octocat/Hello-World', tag: 'v1.4.0', at: 'release/1.4', message: 'Release 1.4.0' },
  ],
});

interface DeleteFacts {
  readonly ref: TagRef | null;
  /** The release made from the tag, which GitHub turns into a draft when its tag goes. */
  readonly release: { readonly id: number; readonly name: string | null; readonly draft: boolean } | null;
}

async function deleteFacts(ctx: ToolContext, input: { repo: string; tag: string }, signal?: AbortSignal): Promise<DeleteFacts> {
  return githubFacts(ctx, `Reading the tag ${input.tag} of ${input.repo}`, async (octokit) => {
    const [ref, release] = await Promise.all([
      tagRef(octokit, input.repo, input.tag, signal),
      octokit
        .request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { ...splitRepo(input.repo), tag: input.tag, request: { signal } })
        .then(({ data }) => ({ id: data.id, name: data.name || null, draft: data.draft }))
        .catch((error: unknown) => {
          if (isNotFound(error)) return null;
          throw error;
        }),
    ]);
    return { ref, release };
  });
}

const releaseText = (release: NonNullable<DeleteFacts['release']>): string => `the release ${release.name ? `"${release.name}" ` : ''}(id ${release.id})`;
const releaseNote = (release: DeleteFacts['release']): string => (release ? `${releaseText(release)} is made from it; GitHub turns a published release whose tag is deleted into a draft, and undo does not publish it again` : '');

export const githubTagDelete = defineTool<{ repo: string; tag: string }, { deleted: string }, { ref: TagRef | null }, DeleteFacts>({
  name: 'github.tag.delete',
  description: 'Delete a tag of a GitHub repository. The preview names a release made from it. Undo creates it again at the same sha (a commit, or the tag object of an annotated tag).',
  input: z.object({ repo: repoField, tag: tagField }).strict(),
  output: z.object({ deleted: z.string() }),
  inspect: ({ input, ctx, signal }) => deleteFacts(ctx, input, signal),
  // Bound to where the tag pointed when it was shown: a tag moved since is shown again.
  contentHash: (facts) => (facts?.ref ? `tag:${facts.ref.sha}` : null),
  risk: ({ input, facts }) => {
    if (!facts) return assess('destructive', `deletes the tag ${input.tag} of ${input.repo}`);
    if (!facts.ref) return assess('destructive', `deletes the tag ${input.tag} of ${input.repo}: refused, there is no such tag`);
    return assess('destructive', [`deletes the tag ${input.tag} of ${input.repo} (at ${short(facts.ref.sha)})`, releaseNote(facts.release)].filter(Boolean).join(': '));
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const facts = await deleteFacts(ctx, input).catch((error: Error) => error);
    const what = `Delete the tag ${input.tag} of ${input.repo}`;
    if (facts instanceof Error) return changePreview(ctx, [what, `Cannot read it: ${facts.message}`]);
    if (!facts.ref) return changePreview(ctx, [what, `Refused: there is no tag ${input.tag} in ${input.repo}. The step would fail and nothing would change.`]);
    return changePreview(ctx, [
      `${what}, at ${facts.ref.sha} (${facts.ref.type === 'tag' ? 'an annotated tag' : 'a lightweight tag'})`,
      facts.release ? `It is used by ${releaseText(facts.release)}${facts.release.draft ? ', a draft' : ''}: GitHub turns a published release whose tag is deleted into a draft.` : 'No release is made from it.',
      `DELETE /repos/${input.repo}/git/refs/tags/${input.tag}`,
      `Undo creates it again at ${short(facts.ref.sha)}${facts.release && !facts.release.draft ? '; the release stays a draft until it is published again (github.release.edit)' : ''}.`,
    ]);
  },
  snapshot: async ({ input, ctx }) => ({ ref: await existing(ctx, input) }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Deleting the tag ${input.tag} of ${input.repo}`, async (octokit) => {
      try {
        await octokit.rest.git.deleteRef({ ...splitRepo(input.repo), ref: `tags/${input.tag}`, request: { signal } });
      } catch (error) {
        // GitHub answers 422 "Reference does not exist" for a tag that is not there.
        if (statusOf(error) === 422) return { ok: false, error: { code: 'NOT_FOUND', message: `There is no tag ${input.tag} in ${input.repo} to delete (github.tag.list shows its tags).`, permanent: true } };
        throw error;
      }
      log('info', `deleted the tag ${input.tag} of ${input.repo}\n`);
      return { ok: true, output: { deleted: input.tag } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Creating the tag ${input.tag} of ${input.repo} again`, async (octokit) => {
      if (!snapshot.ref) return toolFailure('NO_SNAPSHOT', `The tag ${input.tag} did not exist when the step ran, so there is nothing to create again.`);
      const { data } = await octokit.rest.git.createRef({ ...splitRepo(input.repo), ref: `refs/tags/${input.tag}`, sha: snapshot.ref.sha, request: { signal } });
      return { ok: true, output: { tag: input.tag, sha: data.object.sha } };
    }),
  idempotent: false,
  describeChange: (input) => `deleted the tag ${input.tag} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', tag: 'v0.9.0-rc.1' }],
});

export const githubTagTools = [githubTagList, githubTagCreate, githubTagDelete];
