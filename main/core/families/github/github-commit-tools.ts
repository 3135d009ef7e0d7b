import { z } from 'zod';
import { assess, type RiskAssessment } from '../../policy/risk';
import { defineTool, type Preview, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { checkWorkflowFiles, type WorkflowFileCheck, workflowNotes, workflowRefusal } from './github-commit-checks';
import { commitDiff, readFilesAt } from './github-commit-diff';
import { changePreview, githubFacts } from './github-facts';
import { branchField, shaField, short } from './github-fields';
import { type BranchState, createCommit, type FileChange, fileChangesField, moveBranch, readBranch, treeOfCommit } from './github-git-data';
import { defaultBranchOf, forceRefusal } from './github-refs';
import { repoField, repoTarget } from './github-target';

export interface CommitInput {
  repo: string;
  branch: string;
  message: string;
  files: FileChange[];
  expectedHead?: string;
  force: boolean;
  parent?: string;
}

export interface CommitFacts {
  readonly defaultBranch: string;
  /** The branch now; null when there is no such branch. */
  readonly branch: BranchState | null;
  /** Every workflow file the commit writes, checked. */
  readonly workflows: readonly WorkflowFileCheck[];
}

export interface CommitOutput {
  branch: string;
  sha: string;
  parent: string;
  previousHead: string;
  files: string[];
  forced: boolean;
}

/**
 * Why the commit is refused, or null: a workflow with errors, no such branch, a forced update of
 * the default or a protected branch, or a branch that moved from the head the step expected.
 */
export function commitRefusal(input: CommitInput, facts: CommitFacts): string | null {
  const workflows = workflowRefusal(facts.workflows);
  if (workflows) return `a workflow file has errors, so nothing is committed:\n${workflows}`;
  if (!facts.branch) return `there is no branch ${input.branch} in ${input.repo} (create it first with github.branch.create)`;
  const forced = input.force ? forceRefusal(input.branch, input.repo, { defaultBranch: facts.defaultBranch, protected: facts.branch.protected }) : null;
  if (forced) return forced;
  if (input.expectedHead && facts.branch.sha !== input.expectedHead) return `${input.branch} moved: it is at ${short(facts.branch.sha)}, not at ${short(input.expectedHead)} as expected (someone pushed to it); read it again and commit on top of the new head`;
  return null;
}

export function commitRisk(input: CommitInput, facts: CommitFacts | undefined): RiskAssessment {
  const what = `${input.files.length === 1 ? input.files[0]!.path : `${input.files.length} files`} to ${input.branch} of ${input.repo}`;
  const refusal = facts ? commitRefusal(input, facts) : null;
  const refused = refusal ? `: refused, ${refusal.split('\n')[0]}` : '';
  if (input.force) return assess('critical', `commits ${what} on top of ${short(input.parent ?? '')} with force, replacing the branch's history after it${refused}`);
  return assess('write', `commits ${what}${refused}`);
}

function commitFacts(ctx: ToolContext, input: CommitInput, signal?: AbortSignal): Promise<CommitFacts> {
  return githubFacts(ctx, `Reading the branch ${input.branch} of ${input.repo}`, async (octokit) => {
    const [defaultBranch, branch, workflows] = await Promise.all([defaultBranchOf(octokit, input.repo, signal), readBranch(octokit, input.repo, input.branch, signal), checkWorkflowFiles(input.files)]);
    return { defaultBranch, branch, workflows };
  });
}

const UNDO_NOTE = 'Undo moves the branch back to its previous head while it still points at this commit. That is a forced update (the previous head is behind the commit), so it is refused where the branch forbids force pushes.';

export const githubCommitCreate = defineTool<CommitInput, CommitOutput, { previousHead: string | null }, CommitFacts>({
  name: 'github.commit.create',
  description:
    'Commit files (written or deleted) to a branch of a GitHub repository in one commit, through the git data API (no clone). Files not named stay as they are. ' +
    'Every .github/workflows file is checked first (GitHub\'s schema, actionlint, risky patterns): one with errors is refused with its problems. ' +
    'Give expectedHead to fail rather than commit if the branch moved. force (with parent: the commit goes on top of that older commit, dropping those after it) is critical and refused on the default branch and on protected branches. Undo moves the branch back. Writing .github/workflows needs a token with the workflow scope (classic) or Workflows write (fine-grained).',
  input: z
    .object({
      repo: repoField,
      branch: branchField,
      message: z.string().trim().min(1, 'the commit message is empty').max(65_536),
      files: fileChangesField,
      expectedHead: shaField.optional().describe('Commit only while the branch is at this commit (from github.branch.list); else the step fails and nothing is committed'),
      force: z.boolean().default(false).describe('Replace history: put the commit on top of parent, dropping the commits after it. Critical; refused on the default and on protected branches'),
      parent: shaField.optional().describe('With force only: the commit the new one goes on top of'),
    })
    .strict()
    .refine((input) => input.force === (input.parent !== undefined), { message: 'force and parent go together: force puts the commit on top of parent (an older commit) and drops the commits after it; without force the commit goes on the branch head' }),
  output: z.object({ branch: z.string(), sha: z.string().describe('The new commit'), parent: z.string(), previousHead: z.string(), files: z.array(z.string()), forced: z.boolean() }),
  inspect: ({ input, ctx, signal }) => commitFacts(ctx, input, signal),
  contentHash: (facts) => (facts?.branch ? `head:${facts.branch.sha}` : null),
  risk: ({ input, facts }) => commitRisk(input, facts),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const title = `Commit "${input.message.split('\n')[0]}" to ${input.branch} of ${input.repo}${input.force ? ' with force' : ''}`;
    const read = await commitFacts(ctx, input).catch((error: Error) => error);
    if (read instanceof Error) return changePreview(ctx, [title, `Cannot read the branch: ${read.message}`]);
    const refusal = commitRefusal(input, read);
    if (refusal) return changePreview(ctx, [title, `Refused: ${refusal}`, 'The step would fail and nothing would be committed.']);
    const base = input.force ? input.parent! : read.branch!.sha;
    const before = await githubFacts(ctx, `Reading the files at ${short(base)}`, (octokit) => readFilesAt(octokit, input.repo, base, input.files.map((file) => file.path))).catch((error: Error) => error);
    const notes = workflowNotes(read.workflows);
    const on = input.force ? `on top of ${short(base)} with force: the commits after it are dropped from ${input.branch}` : `on top of ${short(base)}`;
    const label = [`${title}, ${on}.`, ...notes.map((note) => `${note}.`), UNDO_NOTE].join(' ');
    if (before instanceof Error) return changePreview(ctx, [title, on, `Cannot read the files the branch holds: ${before.message}`, ...input.files.map((file) => `  ${file.path}`), UNDO_NOTE]);
    return commitDiff(label, input.files, before) satisfies Preview;
  },
  snapshot: async ({ input, ctx }) => ({ previousHead: (await githubFacts(ctx, `Reading the branch ${input.branch} of ${input.repo}`, (octokit) => readBranch(octokit, input.repo, input.branch)))?.sha ?? null }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Committing to ${input.branch} of ${input.repo}`, async (octokit) => {
      // Checked again as it runs, before anything is sent: an approval never lets a broken workflow or a forced default branch through.
      const workflows = await checkWorkflowFiles(input.files);
      const broken = workflowRefusal(workflows);
      if (broken) return { ok: false, error: { code: 'WORKFLOW_INVALID', message: `Nothing was committed to ${input.branch} of ${input.repo}: a workflow file has errors:\n${broken}`, permanent: true } };
      const [defaultBranch, branch] = await Promise.all([defaultBranchOf(octokit, input.repo, signal), readBranch(octokit, input.repo, input.branch, signal)]);
      const refusal = commitRefusal(input, { workflows, defaultBranch, branch });
      if (refusal) return { ok: false, error: { code: !branch ? 'NOT_FOUND' : input.force && (branch.protected || input.branch === defaultBranch) ? 'FORCE_REFUSED' : 'BRANCH_MOVED', message: `Nothing was committed to ${input.branch} of ${input.repo}: ${refusal}.`, permanent: true } };
      const parent = input.force ? { sha: input.parent!, tree: await treeOfCommit(octokit, input.repo, input.parent!, signal) } : { sha: branch!.sha, tree: branch!.tree };
      const commit = await createCommit(octokit, { repo: input.repo, message: input.message, changes: input.files, parent }, signal);
      // Without force GitHub refuses the move unless the branch is still at the parent: a push in between is never overwritten.
      await moveBranch(octokit, input.repo, input.branch, commit.sha, input.force, signal);
      log('info', `committed ${short(commit.sha)} to ${input.branch} (${input.files.length} file${input.files.length === 1 ? '' : 's'}) on top of ${short(parent.sha)}\n`);
      return { ok: true, output: { branch: input.branch, sha: commit.sha, parent: parent.sha, previousHead: branch!.sha, files: input.files.map((file) => file.path), forced: input.force } };
    }),
  undo: ({ input, output, snapshot, ctx, signal }) =>
    githubCall<{ branch: string; movedBackTo: string } | null>(ctx, `Moving ${input.branch} of ${input.repo} back`, async (octokit) => {
      if (!output) return { ok: true, output: null };
      // The head the run read just before committing (the snapshot's, taken a moment earlier, when there is no output).
      const previous = output.previousHead ?? snapshot.previousHead;
      const now = await readBranch(octokit, input.repo, input.branch, signal);
      if (!now) return toolFailure('BRANCH_GONE', `The branch ${input.branch} of ${input.repo} no longer exists, so there is nothing to move back.`);
      // Commits pushed on top since are someone's work: an undo never drops them.
      if (now.sha !== output.sha) return toolFailure('BRANCH_MOVED', `${input.branch} was left in place: it is at ${short(now.sha)}, not at the commit ${short(output.sha)} this step made, so commits were added since. Revert ${short(output.sha)} with a new commit instead.`);
      // A forced update: the previous head is the commit's parent (or, after a forced commit, not even that), never a fast-forward.
      await moveBranch(octokit, input.repo, input.branch, previous, true, signal);
      return { ok: true, output: { branch: input.branch, movedBackTo: previous } };
    }),
  idempotent: false,
  describeChange: (input) => `committed ${input.files.length} file${input.files.length === 1 ? '' : 's'} to ${input.branch} of ${input.repo}${input.force ? ' with force' : ''}`,
  examples: [
    { repo: 'octocat/Hello-World', branch: 'feature/login', message: 'Add the login page', files: [{ path: 'src/login.js', content: 'export const login = () => {};\n' }] },
    { repo: 'octocat/Hello-World', branch: 'feature/login', message: 'Remove the old page', files: [{ path: 'old.html', delete: true }], expectedHead: '6dcb09b5b57875f334f61aebed695e2e4193db5e' },
  ],
});

export const githubCommitTools = [githubCommitCreate];
