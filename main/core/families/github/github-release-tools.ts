import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineReadTool, defineTool, type Preview, toolFailure } from '../../tools/tool-definition';
import { githubCall, githubKey } from './github-access';
import { assetFileFacts, type AssetFileFacts, assetName, assetNameProblem, readAssetFile } from './github-asset-file';
import type { Octokit } from './github-client';
import { githubFacts, isNotFound, writePreview } from './github-facts';
import { tagRef } from './github-refs';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { describeRelease, getRelease, type ReleaseFields, type ReleaseLike, releaseRefField, type ReleaseSnapshot, releaseSummary, releaseText, sizeText, snapshotRelease, trimRelease } from './github-release-shapes';
import { repoField, repoTarget, splitRepo } from './github-target';
import { uploadRoot } from './github-upload-url';

// Releases and their assets. A create may make its tag (undo deletes the tag only then); an
// upload goes to the upload host of the GitHub in use; an edit and a delete keep the release's
// fields so undo can put them back — a deleted release's assets cannot be, and its preview says so.

/** What is wrong with a tag name under git's rules for ref names (git check-ref-format), or null. */
export function tagProblem(tag: string): string | null {
  if (!tag) return 'the tag is empty';
  if (/[\s~^:?*[\\\u0000-\u001f\u007f]/.test(tag)) return `"${tag}" has a space or one of ~ ^ : ? * [ \\, which git does not allow in a tag`;
  if (tag.includes('..') || tag.includes('@{') || tag.includes('//')) return `"${tag}" has "..", "@{" or "//", which git does not allow in a tag`;
  if (/^[-/.]|[/.]$|\.lock$|\/\./.test(tag) || tag === '@') return `"${tag}" starts or ends in a way git does not allow (-, /, ., .lock)`;
  return null;
}

const tagField = z
  .string()
  .trim()
  .max(255)
  .superRefine((value, context) => {
    const problem = tagProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a tag: ${problem}.` });
  });

const notesField = z.string().max(125_000, 'GitHub takes release notes up to 125,000 characters');
const stateText = (release: { draft: boolean; prerelease: boolean }): string => (release.draft ? 'a draft (not published)' : release.prerelease ? 'a published pre-release' : 'published');

export const githubReleaseList = defineReadTool({
  name: 'github.release.list',
  description: 'Releases of a repository, newest first: id, tag, name, target, draft or pre-release, author, dates, notes (cut at 2000 characters) and assets (name, size, downloads).',
  input: z.object({ repo: repoField, limit: limitField }).strict(),
  output: z.object({ releases: z.array(releaseSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists releases',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} releases of ${input.repo}`, requestLine(`/repos/${input.repo}/releases`, { per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World' }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the releases of ${input.repo}`, async (octokit) => {
      const page = await paginateUpTo<ReleaseLike>(octokit, 'GET /repos/{owner}/{repo}/releases', splitRepo(input.repo), input.limit, signal);
      const releases = page.items.map(trimRelease);
      return { ok: true, output: { releases, count: releases.length, more: page.more } };
    }),
});


const createInput = z
  .object({
    repo: repoField,
    tag: tagField.describe('The tag to release (v1.4.0): an existing one, or one this step creates at target'),
    target: z.string().trim().min(1).max(255).optional().describe('Branch or commit SHA a new tag is made from (default: the default branch); ignored when the tag exists'),
    name: z.string().max(1024).optional().describe('The release title (default: the tag, or the generated title with generateNotes)'),
    notes: notesField.optional().describe('Release notes (Markdown); with generateNotes they come first, above the generated ones'),
    generateNotes: z.boolean().default(false).describe("Add notes GitHub generates from the pull requests merged since the previous release (GitHub's generate-notes)"),
    previousTag: tagField.optional().describe('With generateNotes: the tag to start from (default: the previous release)'),
    draft: z.boolean().default(false).describe('Create it as a draft: not published, no tag made until it is'),
    prerelease: z.boolean().default(false),
    latest: z.boolean().optional().describe("Whether it becomes the repository's latest release (default: GitHub's choice, by date and version)"),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.previousTag && !input.generateNotes) context.addIssue({ code: 'custom', message: 'previousTag is for generated notes: give generateNotes true, or leave previousTag out.', path: ['previousTag'] });
  });
type CreateInput = z.infer<typeof createInput>;

/** The notes and title a create sends: the person's notes above GitHub's generated ones. */
async function releaseContent(octokit: Octokit, input: CreateInput, signal: AbortSignal): Promise<{ name: string | undefined; body: string | undefined }> {
  if (!input.generateNotes) return { name: input.name, body: input.notes };
  const { data } = await octokit.request('POST /repos/{owner}/{repo}/releases/generate-notes', {
    ...splitRepo(input.repo),
    tag_name: input.tag,
    ...(input.target ? { target_commitish: input.target } : {}),
    ...(input.previousTag ? { previous_tag_name: input.previousTag } : {}),
    request: { signal },
  });
  return { name: input.name ?? data.name, body: [input.notes, data.body].filter(Boolean).join('\n\n') };
}

type ReleaseOutput = z.infer<typeof releaseSummary>;

export const githubReleaseCreate = defineTool<CreateInput, ReleaseOutput, { tagExisted: boolean }, undefined>({
  name: 'github.release.create',
  description:
    'Create a release of a repository from a tag (made at target when it does not exist yet), with a name and Markdown notes, optionally notes GitHub generates from the pull requests merged since the previous release. Publishing starts the workflows that run on releases and new tags. Undo deletes the release, and the tag when this step made it.',
  input: createInput,
  output: releaseSummary,
  risk: ({ input }) => assess('write', `${input.draft ? 'drafts' : 'publishes'} the release ${input.tag} of ${input.repo}${input.draft ? '' : ': workflows that run on a release or a new tag start'}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const signal = new AbortController().signal;
    const found = await githubCall(ctx, `Reading ${input.repo}`, async (octokit) => {
      const commit = (await tagRef(octokit, input.repo, input.tag, signal))?.sha ?? null;
      // GitHub's generated notes are shown as they would be sent: what the person approves.
      const content = await releaseContent(octokit, input, signal);
      return { ok: true, output: { commit, content } };
    });
    if (!found.ok) return { kind: 'text', text: `Cannot preview the release ${input.tag} of ${input.repo}: ${found.error.message}` };
    const { commit, content } = found.output;
    const tagLine = commit ? `Tag: ${input.tag} exists (commit ${commit.slice(0, 12)}); undo keeps it.` : input.draft ? `Tag: ${input.tag} does not exist yet; a draft makes none until it is published.` : `Tag: ${input.tag} is created at ${input.target ?? 'the default branch'}; undo deletes it.`;
    return writePreview(ctx, `Create the release ${input.tag} of ${input.repo}, ${stateText(input)}`, [
      tagLine,
      `Name: ${content.name ?? input.tag}`,
      ...(input.latest !== undefined ? [`Latest release: ${input.latest ? 'yes' : 'no'}`] : []),
      `Notes${input.generateNotes ? ` (with GitHub's generated notes${input.previousTag ? ` since ${input.previousTag}` : ''})` : ''}:`,
      content.body ? content.body : '(none)',
      '',
      'Undo deletes the release (and the tag, if this step made it).',
    ]);
  },
  snapshot: async ({ input, ctx }) => ({ tagExisted: (await githubFacts(ctx, `Checking the tag ${input.tag} of ${input.repo}`, (octokit) => tagRef(octokit, input.repo, input.tag))) !== null }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Creating the release ${input.tag} of ${input.repo}`, async (octokit) => {
      const content = await releaseContent(octokit, input, signal);
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/releases', {
        ...splitRepo(input.repo),
        tag_name: input.tag,
        ...(input.target ? { target_commitish: input.target } : {}),
        ...(content.name !== undefined ? { name: content.name } : {}),
        ...(content.body !== undefined ? { body: content.body } : {}),
        draft: input.draft,
        prerelease: input.prerelease,
        ...(input.latest !== undefined ? { make_latest: input.latest ? 'true' : 'false' } : {}),
        request: { signal },
      });
      log('info', `created the release ${data.tag_name} of ${input.repo} (id ${data.id}): ${data.html_url}\n`);
      return { ok: true, output: trimRelease(data) };
    }),
  undo: ({ input, output, snapshot, ctx, signal }) =>
    githubCall<{ deletedRelease: number; deletedTag: string | null } | null>(ctx, `Undoing: deleting the release ${input.tag} of ${input.repo}`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      await octokit.request('DELETE /repos/{owner}/{repo}/releases/{release_id}', { ...splitRepo(input.repo), release_id: output.id, request: { signal } });
      // The tag only when the create made it: a draft makes none, and an existing tag is someone's.
      if (snapshot.tagExisted || input.draft) return { ok: true, output: { deletedRelease: output.id, deletedTag: null } };
      try {
        await octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { ...splitRepo(input.repo), ref: `tags/${input.tag}`, request: { signal } });
      } catch (error) {
        // Already gone (GitHub answers 422 "Reference does not exist"): nothing left to undo.
        if (!isNotFound(error) && (error as { status?: number }).status !== 422) throw error;
      }
      return { ok: true, output: { deletedRelease: output.id, deletedTag: input.tag } };
    }),
  idempotent: false,
  describeChange: (input) => `created the release ${input.tag} of ${input.repo}`,
  examples: [
    { repo: 'octocat/Hello-World', tag: 'v1.4.0', generateNotes: true },
    { repo: 'octocat/Hello-World', tag: 'v2.0.0-rc.1', target: 'main', name: 'v2.0.0 RC 1', notes: 'First release candidate.', prerelease: true },
  ],
});

const uploadInput = z
  .object({
    repo: repoField,
    release: releaseRefField,
    path: z.string().min(1).describe('The file to upload, relative to the workspace'),
    name: z
      .string()
      .max(255)
      .superRefine((value, context) => {
        const problem = assetNameProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: `Not an asset name: ${problem}.` });
      })
      .optional()
      .describe("The asset's name on GitHub (default: the file's name)"),
    label: z.string().max(255).optional().describe('A short description GitHub shows instead of the name'),
    contentType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/zip')
      .default('application/octet-stream')
      .describe('The media type GitHub serves it with (default application/octet-stream)'),
  })
  .strict();
type UploadInput = z.infer<typeof uploadInput>;
type AssetOutput = { id: number; name: string; size: number; downloadUrl: string; releaseId: number };

export const githubReleaseUploadAsset = defineTool<UploadInput, AssetOutput, undefined, AssetFileFacts>({
  name: 'github.release.upload-asset',
  description: "Upload a workspace file as an asset of a release (by tag, or by id for a draft). The approval is bound to the file's content: if it changes before the step runs, it is approved again. Undo deletes the asset.",
  input: uploadInput,
  output: z.object({ id: z.number(), name: z.string(), size: z.number(), downloadUrl: z.string(), releaseId: z.number() }),
  inspect: ({ input, ctx }) => assetFileFacts(ctx, input.path),
  contentHash: (facts) => facts?.sha256 ?? null,
  risk: ({ input, facts }) => assess('write', `uploads ${input.path}${facts ? ` (${sizeText(facts.size)})` : ''} as ${assetName(input.path, input.name)} to the ${describeRelease(input.release)} of ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    let file: AssetFileFacts;
    try {
      file = await assetFileFacts(ctx, input.path);
    } catch (error) {
      return { kind: 'text', text: `Cannot upload ${input.path}: ${(error as Error).message}.` };
    }
    const root = uploadRoot(ctx.access(githubKey).apiUrl);
    return writePreview(ctx, `Upload ${input.path} to the ${describeRelease(input.release)} of ${input.repo}`, [
      `Asset: ${assetName(input.path, input.name)}${input.label ? ` ("${input.label}")` : ''}, ${sizeText(file.size)}, ${input.contentType}`,
      `SHA-256: ${file.sha256}${file.planned ? ' (as an earlier step of this plan writes it)' : ''}`,
      `POST ${root}/repos/${input.repo}/releases/{id}/assets?name=${encodeURIComponent(assetName(input.path, input.name))}`,
      'Undo deletes the asset.',
    ]);
  },
  run: async ({ input, ctx, signal, log }) => {
    let bytes: Buffer;
    try {
      bytes = await readAssetFile(ctx, input.path);
    } catch (error) {
      return toolFailure('ASSET_FILE_UNREADABLE', `Cannot upload ${input.path}: ${(error as Error).message}.`);
    }
    const access = ctx.access(githubKey);
    const name = assetName(input.path, input.name);
    return githubCall(ctx, `Uploading ${name} to the ${describeRelease(input.release)} of ${input.repo}`, async (octokit) => {
      const release = await getRelease(octokit, input.repo, input.release, signal);
      // Not the release's upload_url: the token goes only to the upload host of the API root in use.
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}', {
        baseUrl: uploadRoot(access.apiUrl),
        ...splitRepo(input.repo),
        release_id: release.id,
        name,
        ...(input.label ? { label: input.label } : {}),
        data: bytes as unknown as string,
        headers: { 'content-type': input.contentType },
        request: { signal },
      });
      log('info', `uploaded ${name} (${sizeText(bytes.length)}) to the release ${release.tag_name} of ${input.repo}\n`);
      return { ok: true, output: { id: data.id, name: data.name, size: data.size, downloadUrl: data.browser_download_url, releaseId: release.id } };
    });
  },
  undo: ({ input, output, ctx, signal }) =>
    githubCall(ctx, `Undoing: deleting the asset ${output?.name ?? ''} of ${input.repo}`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      await octokit.request('DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}', { ...splitRepo(input.repo), asset_id: output.id, request: { signal } });
      return { ok: true, output: { deletedAsset: output.id } };
    }),
  idempotent: false,
  describeChange: (input) => `uploaded ${input.path} to the ${describeRelease(input.release)} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', release: 'v1.4.0', path: 'dist/app-linux-x64.tar.gz', contentType: 'application/gzip' }],
});

const editInput = z
  .object({
    repo: repoField,
    release: releaseRefField,
    tag: tagField.optional().describe('A new tag for it'),
    target: z.string().trim().min(1).max(255).optional().describe('A new target for a tag not made yet'),
    name: z.string().max(1024).optional(),
    notes: notesField.optional().describe('New release notes (Markdown), in place of the old ones'),
    draft: z.boolean().optional().describe('false publishes a draft; true turns a release back into a draft'),
    prerelease: z.boolean().optional(),
    latest: z.boolean().optional().describe("Make it the repository's latest release (true), or not"),
  })
  .strict()
  .superRefine((input, context) => {
    if ([input.tag, input.target, input.name, input.notes, input.draft, input.prerelease, input.latest].every((value) => value === undefined)) context.addIssue({ code: 'custom', message: 'Nothing to change: give at least one of tag, target, name, notes, draft, prerelease, latest.', path: [] });
  });
type EditInput = z.infer<typeof editInput>;

/** The release's fields after the edit. */
function edited(before: ReleaseFields, input: EditInput): ReleaseFields {
  return { tag: input.tag ?? before.tag, target: input.target ?? before.target, name: input.name ?? before.name, notes: input.notes ?? before.notes, draft: input.draft ?? before.draft, prerelease: input.prerelease ?? before.prerelease };
}

const releaseFields = (release: ReleaseLike): ReleaseFields => ({ tag: release.tag_name, target: release.target_commitish, name: release.name ?? null, notes: release.body ?? null, draft: release.draft, prerelease: release.prerelease });

/** The fields of a PATCH that put a release back as its snapshot was. */
const restoring = (snapshot: ReleaseSnapshot) => ({ tag_name: snapshot.tag, target_commitish: snapshot.target, name: snapshot.name ?? '', body: snapshot.notes ?? '', draft: snapshot.draft, prerelease: snapshot.prerelease });

const readForSnapshot = (ctx: Parameters<typeof githubFacts>[0], repo: string, ref: z.infer<typeof releaseRefField>) =>
  githubFacts(ctx, `Reading the ${describeRelease(ref)} of ${repo} for undo`, async (octokit) => snapshotRelease(await getRelease(octokit, repo, ref, new AbortController().signal)));

async function previewOfRelease(ctx: Parameters<typeof githubFacts>[0], repo: string, ref: z.infer<typeof releaseRefField>, show: (release: ReleaseLike) => Preview): Promise<Preview> {
  const found = await githubCall(ctx, `Reading the ${describeRelease(ref)} of ${repo}`, async (octokit) => ({ ok: true, output: await getRelease(octokit, repo, ref, new AbortController().signal) }));
  return found.ok ? show(found.output) : { kind: 'text', text: `Cannot read the ${describeRelease(ref)} of ${repo}, so the step would fail: ${found.error.message}` };
}

export const githubReleaseEdit = defineTool<EditInput, ReleaseOutput, ReleaseSnapshot, undefined>({
  name: 'github.release.edit',
  description: 'Edit a release: its tag, target, name, notes, draft or pre-release state, or whether it is the latest. Publishing a draft (draft false) starts the workflows that run on releases. Undo puts the old fields back.',
  input: editInput,
  output: releaseSummary,
  risk: ({ input }) => combine([assess('write', `edits the ${describeRelease(input.release)} of ${input.repo} (undo puts it back)`), ...(input.draft === false ? [assess('write', 'publishes it if it is a draft: workflows that run on a release start')] : [])]),
  target: ({ input }) => repoTarget(input.repo),
  preview: ({ input, ctx }) =>
    previewOfRelease(ctx, input.repo, input.release, (release) => {
      const before = releaseFields(release);
      return { kind: 'file', path: `release ${release.tag_name} of ${input.repo} (undo puts it back)`, before: releaseText(before), after: releaseText(edited(before, input)) };
    }),
  snapshot: ({ input, ctx }) => readForSnapshot(ctx, input.repo, input.release),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Editing the ${describeRelease(input.release)} of ${input.repo}`, async (octokit) => {
      const id = typeof input.release === 'number' ? input.release : (await getRelease(octokit, input.repo, input.release, signal)).id;
      const { data } = await octokit.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', {
        ...splitRepo(input.repo),
        release_id: id,
        ...(input.tag !== undefined ? { tag_name: input.tag } : {}),
        ...(input.target !== undefined ? { target_commitish: input.target } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.notes !== undefined ? { body: input.notes } : {}),
        ...(input.draft !== undefined ? { draft: input.draft } : {}),
        ...(input.prerelease !== undefined ? { prerelease: input.prerelease } : {}),
        ...(input.latest !== undefined ? { make_latest: input.latest ? 'true' : 'false' } : {}),
        request: { signal },
      });
      log('info', `edited the release ${data.tag_name} of ${input.repo}\n`);
      return { ok: true, output: trimRelease(data) };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Undoing: restoring the release ${snapshot.tag} of ${input.repo}`, async (octokit) => {
      await octokit.request('PATCH /repos/{owner}/{repo}/releases/{release_id}', { ...splitRepo(input.repo), release_id: snapshot.id, ...restoring(snapshot), request: { signal } });
      return { ok: true, output: { restored: snapshot.id } };
    }),
  idempotent: true,
  describeChange: (input) => `edited the ${describeRelease(input.release)} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', release: 'v1.4.0', notes: 'Fixes the login redirect.' }, { repo: 'octocat/Hello-World', release: 42, draft: false }],
});

const deleteInput = z.object({ repo: repoField, release: releaseRefField }).strict();
type DeleteInput = z.infer<typeof deleteInput>;

export const githubReleaseDelete = defineTool<DeleteInput, { deleted: number; tag: string }, ReleaseSnapshot, undefined>({
  name: 'github.release.delete',
  description: 'Delete a release (its tag stays). Undo recreates it with the same tag, name, notes and state; its uploaded assets cannot be restored.',
  input: deleteInput,
  output: z.object({ deleted: z.number(), tag: z.string() }),
  risk: ({ input }) => assess('destructive', `deletes the ${describeRelease(input.release)} of ${input.repo} and its assets: undo recreates the release, but its assets cannot be restored`),
  target: ({ input }) => repoTarget(input.repo),
  preview: ({ input, ctx }) =>
    previewOfRelease(ctx, input.repo, input.release, (release) => {
      const assets = release.assets ?? [];
      return writePreview(ctx, `Delete the release ${release.tag_name} of ${input.repo} (${release.name ?? 'no name'}, ${stateText(release)})`, [
        assets.length ? `Its assets are deleted with it: ${assets.map((asset) => `${asset.name} (${sizeText(asset.size)})`).join(', ')}.` : 'It has no assets.',
        `The tag ${release.tag_name} stays.`,
        `Undo recreates the release with the same tag, name, notes and state${assets.length ? `, but its ${assets.length === 1 ? 'asset' : `${assets.length} assets`} cannot be restored (upload ${assets.length === 1 ? 'it' : 'them'} again)` : ''}.`,
      ]);
    }),
  snapshot: ({ input, ctx }) => readForSnapshot(ctx, input.repo, input.release),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Deleting the ${describeRelease(input.release)} of ${input.repo}`, async (octokit) => {
      const release = await getRelease(octokit, input.repo, input.release, signal);
      await octokit.request('DELETE /repos/{owner}/{repo}/releases/{release_id}', { ...splitRepo(input.repo), release_id: release.id, request: { signal } });
      log('info', `deleted the release ${release.tag_name} of ${input.repo}; its tag stays\n`);
      return { ok: true, output: { deleted: release.id, tag: release.tag_name } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Undoing: recreating the release ${snapshot.tag} of ${input.repo}`, async (octokit) => {
      const { tag_name, target_commitish, name, body, draft, prerelease } = restoring(snapshot);
      const { data } = await octokit.request('POST /repos/{owner}/{repo}/releases', { ...splitRepo(input.repo), tag_name, target_commitish, name, body, draft, prerelease, request: { signal } });
      return { ok: true, output: { recreated: data.id, tag: data.tag_name, assetsNotRestored: snapshot.assets, note: snapshot.assets.length ? `the release's assets (${snapshot.assets.join(', ')}) cannot be restored: upload them again` : null } };
    }),
  idempotent: false,
  describeChange: (input) => `deleted the ${describeRelease(input.release)} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', release: 'v1.4.0' }],
});

export const githubReleaseTools = [githubReleaseList, githubReleaseCreate, githubReleaseUploadAsset, githubReleaseEdit, githubReleaseDelete];
