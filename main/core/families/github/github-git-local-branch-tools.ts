import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure, type UndoArgs } from '../../tools/tool-definition';
import { displayUrl, githubCloneUrl, githubRepoOf, remoteUrlProblem } from './github-git-local-remote';
import { refSha, repoFacts, type RepoFacts, repoFolderTarget, shortSha } from './github-git-local-facts';
import { folderField, folderLabel, folderTarget, isMissingOrEmpty, orFailure, workspaceFolder } from './github-git-local-paths';
import { runGit } from './github-git-local-run';
import { branchField } from './github-fields';
import { repoProblem, repoTarget } from './github-target';
import { resolveApiUrl } from './github-api-url';

/** Where a clone comes from: OWNER/REPO on the configured GitHub, or an address as it was given. */
function cloneSource(ctx: ToolContext, source: string): { url: string; github: string | null } {
  if (!repoProblem(source)) return { url: githubCloneUrl(ctx.env, source), github: source };
  return { url: source, github: githubRepoOf(source, ctx.env) };
}

const sourceField = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = repoProblem(value) === null ? null : remoteUrlProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a repository to clone: ${problem}.` });
  })
  .describe('OWNER/REPO on the configured GitHub, or a git address: https://HOST/OWNER/REPO.git, git@HOST:OWNER/REPO.git, file:///path/to/repo.git');

interface CloneInput {
  source: string;
  dir: string;
  branch?: string;
}

export const githubGitClone = defineTool<CloneInput, { dir: string; url: string; branch: string | null; head: string | null }>({
  name: 'github.git.clone',
  description: 'Clone a git repository (OWNER/REPO on the configured GitHub, or any https, ssh or file:// address) into a new or empty folder of the workspace. The GitHub token reaches git through Reign’s credential helper, never in the address. No undo (delete the folder to remove the clone).',
  input: z.object({ source: sourceField, dir: folderField.describe('The new folder for the clone, relative to the workspace'), branch: branchField.optional().describe('The branch to check out (default: the remote’s default branch)') }).strict(),
  output: z.object({ dir: z.string(), url: z.string(), branch: z.string().nullable(), head: z.string().nullable() }),
  risk: ({ input, ctx }) => assess('write', `clones ${displayUrl(cloneSource(ctx, input.source).url)} into ${input.dir} in the workspace`),
  target: ({ input, ctx }) => {
    const { github } = cloneSource(ctx, input.source);
    return github ? repoTarget(github) : folderTarget(ctx, input.dir);
  },
  preview: async ({ input, ctx }) => {
    const { url, github } = cloneSource(ctx, input.source);
    const host = resolveApiUrl(ctx.env).host;
    return {
      kind: 'text',
      text: [
        `Clone ${displayUrl(url)} into ${input.dir} (in the workspace)${input.branch ? `, branch ${input.branch}` : ''}`,
        `git clone --origin origin${input.branch ? ` --branch ${input.branch}` : ''} -- ${displayUrl(url)} ${input.dir}`,
        github ? `Credentials: the GitHub token for ${host}, given to git by Reign’s credential helper (not stored in the clone).` : `Credentials: none (not a repository of ${host}): Reign gives git a password only for ${host}, so this works for public, ssh and file:// remotes.`,
        'No undo (delete the folder to remove the clone).',
      ].join('\n'),
    };
  },
  run: orFailure(async ({ input, ctx, signal, log }) => {
    const dest = workspaceFolder(ctx, input.dir);
    if (!isMissingOrEmpty(dest)) return toolFailure('FOLDER_NOT_EMPTY', `${input.dir} already exists in the workspace and is not empty: git clones only into a new or empty folder. Name another folder.`);
    const { url } = cloneSource(ctx, input.source);
    const cloned = await runGit(ctx, workspaceFolder(ctx, '.'), ['clone', '--origin', 'origin', ...(input.branch ? ['--branch', input.branch] : []), '--', url, dest], { network: true, signal, log });
    if (!cloned.ok) return cloned;
    const facts = await repoFacts(ctx, input.dir);
    return { ok: true, output: { dir: folderLabel(ctx, facts.dir), url: displayUrl(url), branch: facts.branch, head: facts.head } };
  }),
  idempotent: false,
  describeChange: (input) => `cloned ${displayUrl(input.source)} into ${input.dir}`,
  examples: [{ source: 'octocat/Hello-World', dir: 'hello-world' }, { source: 'https://github.com/octocat/Spoon-Knife.git', dir: 'spoon', branch: 'main' }],
});

/** A revision to start a branch at: a branch, tag or commit (never an option). */
const revisionField = z
  .string()
  .trim()
  .min(1)
  .refine((value) => !value.startsWith('-') && !/[\s\x00-\x1f\x7f]/.test(value), 'a branch, tag or commit, without spaces and not starting with "-"')
  .describe('A branch, tag or commit to start at (default: the commit checked out)');

interface BranchInput {
  dir: string;
  branch: string;
  create: boolean;
  from?: string;
}

interface BranchFacts extends RepoFacts {
  /** The branch's commit when it exists locally; null when it does not. */
  readonly existing: string | null;
}

interface BranchOutput {
  branch: string;
  sha: string | null;
  created: boolean;
  /** What was checked out before: a branch name, or a commit when HEAD was detached. */
  previous: string | null;
}

async function branchFacts(ctx: ToolContext, input: BranchInput): Promise<BranchFacts> {
  const facts = await repoFacts(ctx, input.dir);
  return { ...facts, existing: await refSha(ctx, facts.dir, `refs/heads/${input.branch}`) };
}

/** Why the step would fail (create an existing branch; switch to a missing one), or null. */
function branchRefusal(input: BranchInput, facts: BranchFacts): string | null {
  if (input.create && facts.existing) return `the branch ${input.branch} already exists (at ${shortSha(facts.existing)}): switch to it with create: false, or name a new branch`;
  if (!input.create && input.from) return 'from is only for a new branch (create: true)';
  return null;
}

export const githubGitBranch = defineTool<BranchInput, BranchOutput, undefined, BranchFacts>({
  name: 'github.git.branch',
  description: 'In a repository folder of the workspace: create a branch and switch to it (create: true, from a branch, tag or commit), or switch to an existing one. Undo switches back, and deletes a branch it created while it still points where it was created.',
  input: z.object({ dir: folderField.default('.'), branch: branchField, create: z.boolean().default(false).describe('Create the branch (true) or switch to an existing one (false)'), from: revisionField.optional() }).strict(),
  output: z.object({ branch: z.string(), sha: z.string().nullable(), created: z.boolean(), previous: z.string().nullable() }),
  inspect: ({ input, ctx }) => branchFacts(ctx, input),
  risk: ({ input, facts }) => {
    const what = input.create ? `creates the branch ${input.branch} in ${input.dir} and switches to it` : `switches ${input.dir} to the branch ${input.branch} (the working tree changes to its files)`;
    const refusal = facts ? branchRefusal(input, facts) : null;
    return refusal ? assess('write', what, `refused: ${refusal}`) : assess('write', what);
  },
  target: ({ input, ctx, facts }) => repoFolderTarget(ctx, input.dir, facts),
  preview: async ({ input, ctx }) => {
    const facts = await branchFacts(ctx, input).catch((error: Error) => error);
    if (facts instanceof Error) return { kind: 'text', text: `${input.create ? 'Create' : 'Switch to'} the branch ${input.branch} in ${input.dir}\nCannot read the repository: ${facts.message}` };
    const refusal = branchRefusal(input, facts);
    const now = facts.branch ?? `a detached HEAD at ${shortSha(facts.head)}`;
    return {
      kind: 'text',
      text: [
        input.create ? `Create the branch ${input.branch} in ${input.dir} at ${input.from ?? `the commit checked out (${shortSha(facts.head)})`} and switch to it` : `Switch ${input.dir} from ${now} to ${input.branch}`,
        refusal ? `Refused: ${refusal}. The step would fail and nothing would change.` : `git switch ${input.create ? `-c ${input.branch}${input.from ? ` ${input.from}` : ''}` : input.branch}`,
        `Undo: switches back to ${now}${input.create ? `, then deletes ${input.branch} while it still points at the commit it was created at` : ''}.`,
      ].join('\n'),
    };
  },
  run: orFailure(async ({ input, ctx, signal, log }) => {
    const facts = await branchFacts(ctx, input)
    const refusal = branchRefusal(input, facts);
    if (refusal) return { ok: false, error: { code: input.create ? 'BRANCH_EXISTS' : 'BAD_INPUT', message: `Refused: ${refusal}.`, permanent: true } };
    const args = input.create ? ['switch', '-c', input.branch, ...(input.from ? [input.from] : [])] : ['switch', input.branch];
    const switched = await runGit(ctx, facts.dir, args, { signal, log });
    if (!switched.ok) return switched;
    return { ok: true, output: { branch: input.branch, sha: await refSha(ctx, facts.dir, 'HEAD'), created: input.create, previous: facts.branch ?? facts.head } };
  }),
  undo: orFailure<UndoArgs<BranchInput, BranchOutput, undefined>, unknown>(async ({ input, output, ctx, signal }) => {
    if (!output) return { ok: true, output: null };
    const facts = await repoFacts(ctx, input.dir);
    const { previous } = output;
    if (previous && facts.branch === input.branch) {
      const isBranch = (await refSha(ctx, facts.dir, `refs/heads/${previous}`)) !== null;
      const back = await runGit(ctx, facts.dir, isBranch ? ['switch', previous] : ['switch', '--detach', previous], { signal });
      if (!back.ok) return back;
    }
    if (!output.created) return { ok: true, output: { switchedBack: previous } };
    const head = await refSha(ctx, facts.dir, `refs/heads/${input.branch}`);
    if (head === null) return { ok: true, output: { switchedBack: previous, deleted: null } };
    // Commits made on it since are someone's work: never thrown away by an undo.
    if (head !== output.sha) return toolFailure('BRANCH_MOVED', `Switched back to ${previous}, and left the branch ${input.branch} in place: it now points at ${shortSha(head)}, not at ${shortSha(output.sha)} where it was created, so commits were made on it. Delete it with git branch -D ${input.branch} if they are not wanted.`);
    const deleted = await runGit(ctx, facts.dir, ['branch', '-D', '--', input.branch], { signal });
    if (!deleted.ok) return deleted;
    return { ok: true, output: { switchedBack: previous, deleted: input.branch } };
  }),
  idempotent: false,
  describeChange: (input) => (input.create ? `created the branch ${input.branch} in ${input.dir} and switched to it` : `switched ${input.dir} to ${input.branch}`),
  examples: [{ dir: 'hello-world', branch: 'feature/login', create: true }, { dir: 'hello-world', branch: 'main' }],
});
