import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { resolveInWorkspace } from '../../tools/workspace-paths';
import { githubCall } from './github-access';
import { type ArtifactLike, artifactSummary, type ArtifactSummary, bytesText, trimArtifact } from './github-actions-shapes';
import { runIdField } from './github-actions-workflow';
import { changePreview, githubFacts, statusOf } from './github-facts';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { repoField, repoTarget, splitRepo } from './github-target';

export const githubArtifactList = defineReadTool({
  name: 'github.artifact.list',
  description: 'The artifacts a GitHub Actions run uploaded: id (for github.artifact.download), name, size, whether it has expired, when it was made and expires.',
  input: z.object({ repo: repoField, run: runIdField, name: z.string().min(1).max(255).optional().describe('Only the artifact of this name'), limit: limitField }).strict(),
  output: z.object({ artifacts: z.array(artifactSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists the artifacts of a GitHub Actions run',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => readPreview(ctx, `List up to ${input.limit} artifacts of the run ${input.run} of ${input.repo}`, requestLine(`/repos/${input.repo}/actions/runs/${input.run}/artifacts`, { name: input.name, per_page: Math.min(input.limit, 100) })),
  examples: [{ repo: 'octocat/Hello-World', run: 30433642 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the artifacts of the run ${input.run} of ${input.repo}`, async (octokit) => {
      const page = await paginateUpTo<ArtifactLike>(octokit, 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { ...splitRepo(input.repo), run_id: input.run, name: input.name }, input.limit, signal);
      const artifacts = page.items.map(trimArtifact);
      return { ok: true, output: { artifacts, count: artifacts.length, more: page.more } };
    }),
});

const downloadInput = z
  .object({
    repo: repoField,
    artifact: z.number().int().positive().describe('The artifact id (github.artifact.list shows it)'),
    path: z.string().trim().min(1).max(4096).describe('Where to write the zip, relative to the workspace (e.g. artifacts/build.zip)'),
    overwrite: z.boolean().default(false).describe('Replace a file already there (default: refuse)'),
  })
  .strict();
type DownloadInput = z.infer<typeof downloadInput>;

/** What is at the path now: nothing, a file, or something that is not a file. */
async function pathState(ctx: ToolContext, path: string): Promise<{ absolute: string; state: 'none' | 'file' | 'other' }> {
  const absolute = resolveInWorkspace(ctx.workspace, path);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return { absolute, state: info === null ? 'none' : info.isFile() ? 'file' : 'other' };
}

/** Why writing the artifact to the path would be refused, or null. */
export function downloadRefusal(artifact: Pick<ArtifactSummary, 'name' | 'expired'>, path: string, state: 'none' | 'file' | 'other', overwrite: boolean): string | null {
  if (artifact.expired) return `the artifact ${artifact.name} has expired: GitHub no longer keeps it (re-run the workflow to make it again)`;
  if (state === 'other') return `${path} is a folder (or not a file) in the workspace: give the path of the zip to write, e.g. ${path.replace(/\/$/, '')}/${artifact.name}.zip`;
  if (state === 'file' && !overwrite) return `${path} already exists in the workspace: give another path, or overwrite: true to replace it`;
  return null;
}

interface DownloadFacts {
  readonly artifact: ArtifactSummary;
  readonly exists: boolean;
  readonly refusal: string | null;
}

const readDownloadFacts = (ctx: ToolContext, input: DownloadInput, signal?: AbortSignal): Promise<DownloadFacts> =>
  githubFacts(ctx, `Reading the artifact ${input.artifact} of ${input.repo}`, async (octokit) => {
    const [{ data }, { state }] = await Promise.all([octokit.rest.actions.getArtifact({ ...splitRepo(input.repo), artifact_id: input.artifact, request: { signal } }), pathState(ctx, input.path)]);
    const artifact = trimArtifact(data);
    return { artifact, exists: state === 'file', refusal: downloadRefusal(artifact, input.path, state, input.overwrite) };
  });

type DownloadOutput = { path: string; bytes: number; sha256: string; artifact: { id: number; name: string }; replaced: boolean };

export const githubArtifactDownload = defineTool<DownloadInput, DownloadOutput, { existed: boolean }, DownloadFacts>({
  name: 'github.artifact.download',
  description: 'Download an artifact of a GitHub Actions run (its zip, as GitHub keeps it) to a file in the workspace. Refuses to replace a file already there unless overwrite is true. Undo deletes the file it wrote (a replaced file cannot be restored).',
  input: downloadInput,
  output: z.object({ path: z.string(), bytes: z.number(), sha256: z.string(), artifact: z.object({ id: z.number(), name: z.string() }), replaced: z.boolean().describe('A file was there and was replaced') }),
  inspect: ({ input, ctx, signal }) => readDownloadFacts(ctx, input, signal),
  risk: ({ input, facts }) => {
    const what = facts ? `the artifact ${facts.artifact.name} (${bytesText(facts.artifact.sizeBytes)})` : `the artifact ${input.artifact}`;
    const detail = facts?.refusal ? `: refused, ${facts.refusal}` : facts?.exists ? ', replacing the file there' : '';
    return assess('write', `writes ${what} of ${input.repo} to ${input.path} in the workspace${detail}`);
  },
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const facts = await readDownloadFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return changePreview(ctx, [`Download the artifact ${input.artifact} of ${input.repo} to ${input.path}`, `Cannot read it: ${facts.message}`]);
    const head = `Download the artifact ${facts.artifact.name} (${bytesText(facts.artifact.sizeBytes)}, id ${facts.artifact.id}) of ${input.repo} to ${input.path} in the workspace`;
    if (facts.refusal) return changePreview(ctx, [head, `Refused: ${facts.refusal}. The step would fail and nothing would be written.`]);
    return changePreview(ctx, [
      head,
      facts.exists ? `Replaces the file at ${input.path} (overwrite: true); its content is not kept.` : `${input.path} is new.`,
      `GET /repos/${input.repo}/actions/artifacts/${input.artifact}/zip`,
      facts.exists ? 'No undo: the replaced file cannot be restored.' : 'Undo deletes the file again, while it is still the one downloaded.',
    ]);
  },
  snapshot: async ({ input, ctx }) => ({ existed: (await pathState(ctx, input.path)).state !== 'none' }),
  run: async ({ input, ctx, signal, log }) => {
    let place: Awaited<ReturnType<typeof pathState>>;
    try {
      place = await pathState(ctx, input.path);
    } catch (error) {
      return toolFailure((error as { code?: string }).code ?? 'PATH_INVALID', `Cannot write to ${input.path}: ${(error as Error).message}`);
    }
    return githubCall(ctx, `Downloading the artifact ${input.artifact} of ${input.repo}`, async (octokit) => {
      const where = { ...splitRepo(input.repo), artifact_id: input.artifact, request: { signal } };
      const artifact = trimArtifact((await octokit.rest.actions.getArtifact(where)).data);
      const refusal = downloadRefusal(artifact, input.path, place.state, input.overwrite);
      if (refusal) return { ok: false, error: { code: artifact.expired ? 'ARTIFACT_EXPIRED' : 'PATH_EXISTS', message: `Refused: ${refusal}.`, permanent: true } };
      let bytes: Buffer;
      try {
        // GitHub answers with a redirect to a short-lived URL of the zip; Octokit follows it.
        const { data } = await octokit.rest.actions.downloadArtifact({ ...where, archive_format: 'zip' });
        bytes = Buffer.from(data as ArrayBuffer);
      } catch (error) {
        if (statusOf(error) === 410) return { ok: false, error: { code: 'ARTIFACT_EXPIRED', message: `The artifact ${artifact.name} has expired: GitHub no longer keeps it.`, permanent: true } };
        throw error;
      }
      await mkdir(dirname(place.absolute), { recursive: true });
      try {
        // 'wx' fails when a file appeared since it was checked: an existing file is replaced only when asked.
        await writeFile(place.absolute, bytes, { flag: input.overwrite ? 'w' : 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, error: { code: 'PATH_EXISTS', message: `Refused: ${input.path} appeared in the workspace while the artifact was downloading; nothing was written. Give another path, or overwrite: true.`, permanent: true } };
        throw error;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      log('info', `wrote ${artifact.name} (${bytesText(bytes.length)}) to ${input.path}\n`);
      return { ok: true, output: { path: input.path, bytes: bytes.length, sha256, artifact: { id: artifact.id, name: artifact.name }, replaced: place.state === 'file' } };
    });
  },
  undo: async ({ input, output, snapshot, ctx }) => {
    if (!output) return { ok: true, output: null };
    if (snapshot.existed) return toolFailure('CANNOT_RESTORE', `${input.path} was there before and was replaced by the download; its old content was not kept, so it is left as downloaded.`);
    const absolute = resolveInWorkspace(ctx.workspace, input.path);
    const now = await readFile(absolute).catch(() => null);
    if (now === null) return { ok: true, output: { deleted: null } };
    // A file changed since is someone's work: never deleted by an undo.
    if (createHash('sha256').update(now).digest('hex') !== output.sha256) return toolFailure('FILE_CHANGED', `${input.path} was left in place: it has changed since the artifact was downloaded.`);
    await unlink(absolute);
    return { ok: true, output: { deleted: input.path } };
  },
  idempotent: false,
  describeChange: (input) => `downloaded the artifact ${input.artifact} of ${input.repo} to ${input.path}`,
  examples: [{ repo: 'octocat/Hello-World', artifact: 11, path: 'artifacts/rails.zip' }],
});

export const githubArtifactTools = [githubArtifactList, githubArtifactDownload];
