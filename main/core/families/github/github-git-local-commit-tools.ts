import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure, type UndoArgs } from '../../tools/tool-definition';
import { gitText, refSha, repoFacts, type RepoFacts, repoFolderTarget, shortSha } from './github-git-local-facts';
import { folderField, orFailure, pathsInRepository } from './github-git-local-paths';
import { runGit } from './github-git-local-run';
import { branchProblem } from './github-fields';

interface CommitInput {
  dir: string;
  message: string;
  paths?: string[];
  all: boolean;
}

/** What a commit would take: `git diff --cached --stat` once the paths are staged; empty when nothing would be committed. */
interface Staged {
  readonly stat: string;
  readonly files: number;
  /** The tree the commit would record: what an approval is bound to. */
  readonly tree: string | null;
}

/** `git add` arguments for the input: the named paths (literally, no pathspec magic), all changes, or nothing (what is staged already). */
function addArgs(ctx: ToolContext, facts: RepoFacts, input: CommitInput): string[] | null {
  if (input.all) return ['--literal-pathspecs', 'add', '--all'];
  if (input.paths?.length) return ['--literal-pathspecs', 'add', '--', ...pathsInRepository(ctx, facts.dir, input.paths)];
  return null;
}

/** The stat of `git diff --cached` for what the commit takes: only the named paths when some are named (a commit of paths takes only those). */
const statArgs = (ctx: ToolContext, facts: RepoFacts, input: CommitInput): string[] => ['--literal-pathspecs', 'diff', '--cached', '--stat', '--no-color', ...(input.paths?.length && !input.all ? ['--', ...pathsInRepository(ctx, facts.dir, input.paths)] : [])];

/**
 * What the commit would take, without changing what is staged or committed: the paths are staged
 * into a copy of the index (GIT_INDEX_FILE), and its diff against HEAD is read from there. (git
 * add stores the files' contents as objects; unreferenced, they are what git gc removes.)
 */
async function stagedPreview(ctx: ToolContext, facts: RepoFacts, input: CommitInput): Promise<Staged> {
  const scratch = mkdtempSync(join(tmpdir(), 'reign-git-index-'));
  try {
    const indexPath = await gitText(ctx, facts.dir, ['rev-parse', '--git-path', 'index']);
    const real = isAbsolute(indexPath!) ? indexPath! : resolve(facts.dir, indexPath!);
    const copy = join(scratch, 'index');
    if (existsSync(real)) copyFileSync(real, copy);
    const env = { GIT_INDEX_FILE: copy };
    const add = addArgs(ctx, facts, input);
    if (add) {
      const added = await runGit(ctx, facts.dir, add, { env });
      if (!added.ok) throw Object.assign(new Error(added.error.message), { code: added.error.code });
    }
    const diffed = await runGit(ctx, facts.dir, statArgs(ctx, facts, input), { env });
    if (!diffed.ok) throw Object.assign(new Error(diffed.error.message), { code: diffed.error.code });
    // Not trimmed at the start: git aligns the stat's columns with the leading space.
    const stat = diffed.output.stdout.trimEnd();
    const tree = await runGit(ctx, facts.dir, ['write-tree'], { env });
    return { stat, files: stat ? stat.split('\n').length - 1 : 0, tree: tree.ok ? tree.output.stdout.trim() : null };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface CommitOutput {
  sha: string;
  branch: string | null;
  files: number;
}

const nothingToCommit = (input: CommitInput): string =>
  `nothing to commit in ${input.dir}: ${input.all ? 'there are no changes' : input.paths?.length ? `${input.paths.join(', ')} ${input.paths.length === 1 ? 'has' : 'have'} no changes` : 'no changes are staged (name the paths to commit, or all: true)'}. Write the files first; an empty commit is never made`;

export const githubGitCommit = defineTool<CommitInput, CommitOutput, undefined, RepoFacts & { readonly tree: string | null }>({
  name: 'github.git.commit',
  description: 'Commit in a repository folder of the workspace: the named paths (relative to the folder), all changes (all: true), or what is staged already. Refuses an empty commit. Undo takes the commit back (git reset --soft, the changes stay staged) while it is still the commit checked out.',
  input: z
    .object({
      dir: folderField.default('.'),
      message: z.string().trim().min(1, 'the commit message is empty').max(65_536),
      paths: z.array(z.string().min(1)).max(1000).optional().describe('Files or folders to commit, relative to the repository folder'),
      all: z.boolean().default(false).describe('Commit every change, new files included (git add --all)'),
    })
    .strict()
    .refine((input) => !(input.all && input.paths?.length), 'give paths or all: true, not both'),
  output: z.object({ sha: z.string(), branch: z.string().nullable(), files: z.number() }),
  // The approval is bound to the tree it would commit: a file changed after it was shown is shown again.
  inspect: async ({ input, ctx }) => {
    const facts = await repoFacts(ctx, input.dir);
    return { ...facts, tree: (await stagedPreview(ctx, facts, input)).tree };
  },
  contentHash: (facts) => facts?.tree ?? null,
  risk: ({ input }) => assess('write', `commits ${input.all ? 'every change' : input.paths?.length ? `${input.paths.length} path${input.paths.length === 1 ? '' : 's'}` : 'the staged changes'} in ${input.dir} (in the workspace)`),
  target: ({ input, ctx, facts }) => repoFolderTarget(ctx, input.dir, facts),
  preview: async ({ input, ctx }) => {
    const title = `Commit in ${input.dir}: "${input.message.split('\n')[0]}"`;
    try {
      const facts = await repoFacts(ctx, input.dir);
      const staged = await stagedPreview(ctx, facts, input);
      if (!staged.files) return { kind: 'text', text: `${title}\nRefused: ${nothingToCommit(input)}.` };
      return { kind: 'text', text: [`${title} on ${facts.branch ?? `a detached HEAD at ${shortSha(facts.head)}`}`, staged.stat, 'Undo: git reset --soft HEAD~1 while this is still the commit checked out (the changes stay staged).'].join('\n') };
    } catch (error) {
      return { kind: 'text', text: `${title}\nCannot read the repository: ${(error as Error).message}` };
    }
  },
  run: orFailure(async ({ input, ctx, signal, log }) => {
    const facts = await repoFacts(ctx, input.dir);
    // Checked on a scratch index first: a refused commit leaves the real index as it was.
    const staged = await stagedPreview(ctx, facts, input);
    if (!staged.files) return { ok: false, error: { code: 'NOTHING_TO_COMMIT', message: `Refused: ${nothingToCommit(input)}.`, permanent: true } };
    const add = addArgs(ctx, facts, input);
    if (add) {
      const added = await runGit(ctx, facts.dir, add, { signal, log });
      if (!added.ok) return added;
    }
    const only = input.paths?.length && !input.all ? ['--', ...pathsInRepository(ctx, facts.dir, input.paths)] : [];
    const committed = await runGit(ctx, facts.dir, ['--literal-pathspecs', 'commit', '--quiet', '-m', input.message, ...only], { signal, log });
    if (!committed.ok) return committed;
    const sha = await refSha(ctx, facts.dir, 'HEAD');
    log('info', `committed ${shortSha(sha)} (${staged.files} file${staged.files === 1 ? '' : 's'})\n`);
    return { ok: true, output: { sha: sha!, branch: facts.branch, files: staged.files } };
  }),
  undo: orFailure<UndoArgs<CommitInput, CommitOutput, undefined>, unknown>(async ({ input, output, ctx, signal }) => {
    if (!output) return { ok: true, output: null };
    const facts = await repoFacts(ctx, input.dir);
    const parent = await refSha(ctx, facts.dir, `${output.sha}^`);
    // Only while it is the commit checked out: after another commit, a reset would take that one too.
    if (facts.head !== output.sha) return toolFailure('HEAD_MOVED', `The commit ${shortSha(output.sha)} was left in place: ${input.dir} is now at ${shortSha(facts.head)}, so it is no longer the last commit. Revert it with git revert ${shortSha(output.sha)} if it is not wanted.`);
    // The first commit of a repository has no parent to reset to: the branch is emptied, the changes stay staged.
    const back = parent === null ? await runGit(ctx, facts.dir, ['update-ref', '-d', 'HEAD'], { signal }) : await runGit(ctx, facts.dir, ['reset', '--soft', 'HEAD~1'], { signal });
    if (!back.ok) return back;
    return { ok: true, output: { undone: output.sha, head: parent } };
  }),
  idempotent: false,
  describeChange: (input) => `committed "${input.message.split('\n')[0]}" in ${input.dir}`,
  examples: [{ dir: 'hello-world', message: 'Fix the login form', paths: ['src/login.ts'] }, { dir: 'hello-world', message: 'Update the docs', all: true }],
});

const tagField = z
  .string()
  .superRefine((value, context) => {
    const problem = branchProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a tag: ${problem.replace(/branch/g, 'tag')}.` });
  })
  .describe('The tag, e.g. v1.4.0');

interface TagInput {
  dir: string;
  tag: string;
  message?: string;
  commit?: string;
}

interface TagOutput {
  tag: string;
  commit: string;
  annotated: boolean;
  object: string;
}

export const githubGitTag = defineTool<TagInput, TagOutput, undefined, RepoFacts>({
  name: 'github.git.tag',
  description: 'Tag a commit (default: the one checked out) in a repository folder of the workspace; with a message it is an annotated tag. Local only: push it with git to publish it. Undo deletes the tag while it is still the one made.',
  input: z
    .object({
      dir: folderField.default('.'),
      tag: tagField,
      message: z.string().trim().min(1).max(65_536).optional().describe('Makes an annotated tag with this message'),
      commit: z
        .string()
        .trim()
        .min(1)
        .refine((value) => !value.startsWith('-') && !/\s/.test(value), 'a branch, tag or commit, not starting with "-"')
        .optional()
        .describe('What to tag (default: the commit checked out)'),
    })
    .strict(),
  output: z.object({ tag: z.string(), commit: z.string(), annotated: z.boolean(), object: z.string().describe('What refs/tags/TAG points at (the tag object when annotated)') }),
  inspect: ({ input, ctx }) => repoFacts(ctx, input.dir),
  risk: ({ input }) => assess('write', `tags ${input.commit ?? 'the commit checked out'} as ${input.tag} in ${input.dir} (in the workspace)`),
  target: ({ input, ctx, facts }) => repoFolderTarget(ctx, input.dir, facts),
  preview: async ({ input, ctx }) => {
    const lines = [`Tag ${input.commit ?? 'the commit checked out'} as ${input.tag} in ${input.dir}${input.message ? ' (annotated)' : ''}`];
    try {
      const facts = await repoFacts(ctx, input.dir);
      const existing = await refSha(ctx, facts.dir, `refs/tags/${input.tag}`);
      const commit = await gitText(ctx, facts.dir, ['log', '-1', '--format=%h %s', '--end-of-options', input.commit ?? 'HEAD'], [128]);
      lines.push(existing ? `Refused: the tag ${input.tag} already exists (at ${shortSha(existing)}).` : commit ? `Commit: ${commit}` : `Refused: there is no commit ${input.commit ?? 'checked out'}.`);
    } catch (error) {
      lines.push(`Cannot read the repository: ${(error as Error).message}`);
    }
    lines.push('Undo: deletes the tag (locally), while it is still the tag made.');
    return { kind: 'text', text: lines.join('\n') };
  },
  run: orFailure(async ({ input, ctx, signal, log }) => {
    const facts = await repoFacts(ctx, input.dir)
    const commit = await refSha(ctx, facts.dir, input.commit ?? 'HEAD');
    if (!commit) return toolFailure('NOT_FOUND', `There is no commit ${input.commit ?? 'checked out'} in ${input.dir} to tag.`);
    const existing = await refSha(ctx, facts.dir, `refs/tags/${input.tag}`);
    if (existing) return { ok: false, error: { code: 'TAG_EXISTS', message: `Refused: the tag ${input.tag} already exists in ${input.dir} (at ${shortSha(existing)}). Name another tag.`, permanent: true } };
    const tagged = await runGit(ctx, facts.dir, ['tag', ...(input.message ? ['-a', '-m', input.message] : []), '--', input.tag, commit], { signal, log });
    if (!tagged.ok) return tagged;
    const object = await gitText(ctx, facts.dir, ['rev-parse', '--verify', `refs/tags/${input.tag}`]);
    return { ok: true, output: { tag: input.tag, commit, annotated: Boolean(input.message), object: object! } };
  }),
  undo: orFailure<UndoArgs<TagInput, TagOutput, undefined>, unknown>(async ({ input, output, ctx, signal }) => {
    if (!output) return { ok: true, output: null };
    const facts = await repoFacts(ctx, input.dir);
    const now = await gitText(ctx, facts.dir, ['rev-parse', '--verify', '--quiet', `refs/tags/${input.tag}`], [1]);
    if (now === null) return { ok: true, output: { deleted: null } };
    if (now !== output.object) return toolFailure('TAG_MOVED', `The tag ${input.tag} was left in place: it was made again since (it now points at ${shortSha(now)}).`);
    const deleted = await runGit(ctx, facts.dir, ['tag', '-d', '--', input.tag], { signal });
    if (!deleted.ok) return deleted;
    return { ok: true, output: { deleted: input.tag } };
  }),
  idempotent: false,
  describeChange: (input) => `tagged ${input.commit ?? 'the commit checked out'} as ${input.tag} in ${input.dir}`,
  examples: [{ dir: 'hello-world', tag: 'v1.4.0', message: 'Release 1.4.0' }],
});
