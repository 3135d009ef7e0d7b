import { assess, type RiskAssessment } from '../../policy/risk';
import { checksLine } from './github-checks';
import { short } from './github-fields';
import type { PullDetail } from './github-pull-detail';

// What a merge step is rated, refused and shown as: pure functions of its input and of what
// inspect read (the pull request, its checks, the repository's default branch).

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface MergeInput {
  readonly repo: string;
  readonly number: number;
  readonly method: MergeMethod;
  /** Merge only while the head is this commit. */
  readonly sha?: string;
}

export interface MergeFacts extends PullDetail {
  readonly defaultBranch: string;
}

export interface CommitLine {
  readonly sha: string;
  readonly message: string;
  readonly author: string | null;
}

const what = (input: MergeInput, facts: MergeFacts) => `merges #${input.number} (${facts.head} → ${facts.base}) by ${input.method}`;

/** Why GitHub would refuse the merge, or the step does, or null when it can be tried. */
export function mergeRefusal(input: MergeInput, facts: Pick<MergeFacts, 'state' | 'draft' | 'headSha' | 'mergeable' | 'mergeableState' | 'base'>): string | null {
  if (facts.state === 'merged') return `#${input.number} is already merged`;
  if (facts.state === 'closed') return `#${input.number} is closed: reopen it first`;
  if (facts.draft) return `#${input.number} is a draft: mark it ready for review first`;
  if (input.sha && input.sha !== facts.headSha) return `its head is now ${short(facts.headSha)}, not ${short(input.sha)}: it was pushed to; review the new commits`;
  if (facts.mergeable === false) return facts.mergeableState === 'dirty' ? `it is not mergeable (it conflicts with ${facts.base}): resolve the conflicts first` : `it is not mergeable (${facts.mergeableState}): GitHub would refuse it`;
  return null;
}

/** What stands in a merge's way short of a refusal: failing or unfinished checks, missing reviews, an out-of-date branch. */
function cautions(facts: MergeFacts): string[] {
  const found: string[] = [];
  if (facts.checks.failed || facts.checks.pending) found.push(`checks on ${short(facts.headSha)}: ${checksLine(facts.checks)}`);
  if (facts.mergeableState === 'blocked') found.push('GitHub reports it blocked (required reviews or checks are missing): only an administrator can merge it now');
  if (facts.mergeableState === 'behind') found.push(`its branch is behind ${facts.base}`);
  if (facts.mergeable === null) found.push('GitHub has not yet worked out whether it merges cleanly');
  return found;
}

/** Into the default branch is destructive (what ships, and no undo); into another branch write. Unknown facts are rated as the worse. */
export function mergeRisk(input: MergeInput, facts: MergeFacts | undefined): RiskAssessment {
  if (!facts) return assess('destructive', `merges #${input.number} of ${input.repo} by ${input.method}, perhaps into the default branch (the pull request could not be read), with no undo`);
  const refusal = mergeRefusal(input, facts);
  const into = facts.base === facts.defaultBranch ? `into ${facts.base}, the default branch of ${input.repo}, with no undo` : `into ${facts.base} (not the default branch, ${facts.defaultBranch}), with no undo`;
  const reasons = [`${what(input, facts)} ${into}`, ...(refusal ? [`refused: ${refusal}`] : cautions(facts))];
  return assess(facts.base === facts.defaultBranch ? 'destructive' : 'write', ...reasons);
}

/** What an approval of the merge is bound to: the head commit it was shown, so one pushed after it is approved again. */
export const mergeContentHash = (facts: MergeFacts | undefined): string | null => (facts ? `head:${facts.headSha}` : null);

const methodEffect: Record<MergeMethod, string> = {
  merge: 'a merge commit on BASE keeps the commits below',
  squash: 'the commits below become one commit on BASE',
  rebase: 'the commits below are replayed onto BASE, one by one',
};

/** The merge preview's lines: base ← head, method, mergeability, checks and the commits. */
export function mergePreviewLines(input: MergeInput, facts: MergeFacts, commits: readonly CommitLine[]): string[] {
  const refusal = mergeRefusal(input, facts);
  const mergeability = facts.mergeable === null ? `not known yet (${facts.mergeableState})` : facts.mergeable ? `yes (${facts.mergeableState})` : `no (${facts.mergeableState})`;
  const unlisted = facts.commits - commits.length;
  return [
    `Merge pull request #${input.number} "${facts.title}" of ${input.repo}`,
    ...(refusal ? [`Refused: ${refusal}. The step would fail and nothing would be merged.`] : []),
    `${facts.base} ← ${facts.head} (head ${short(facts.headSha)})${facts.base === facts.defaultBranch ? `, into the default branch` : ''}`,
    `Method: ${input.method}: ${methodEffect[input.method].replace('BASE', facts.base)}`,
    `Mergeable: ${mergeability}`,
    `Checks on ${short(facts.headSha)}: ${checksLine(facts.checks)}`,
    `Commits (${facts.commits}), ${facts.changedFiles} file${facts.changedFiles === 1 ? '' : 's'} changed:`,
    ...commits.map((commit) => `  ${short(commit.sha)} ${commit.message.split('\n')[0]}${commit.author ? ` (${commit.author})` : ''}`),
    ...(unlisted > 0 ? [`  … and ${unlisted} more`] : []),
    `The approval holds for head ${short(facts.headSha)} only: if the branch is pushed to before the step runs, the merge is approved again.`,
    'A merge cannot be undone: there is no undo (revert it with a new pull request).',
  ];
}
