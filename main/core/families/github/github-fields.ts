import { z } from 'zod';
import { ownerProblem } from './github-target';

// Input fields of the write tools, with GitHub's and git's rules checked before anything is sent,
// so bad input is refused with the reason at planning time rather than as GitHub's 422.

/** What is wrong with a branch name under git's rules (git check-ref-format) and GitHub's, or null. */
export function branchProblem(name: string): string | null {
  if (!name) return 'the branch name is empty';
  if (name.startsWith('refs/')) return `give the branch without refs/heads/: ${name.replace(/^refs\/(heads\/)?/, '')}`;
  if (name.length > 255) return `"${name.slice(0, 40)}…" is longer than 255 characters`;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return `"${name}" has a character git refuses in a branch name (space, ~ ^ : ? * [ or \\)`;
  if (name.includes('..') || name.includes('@{') || name === '@') return `"${name}" has ".." or "@{" (or is "@"), which git refuses in a branch name`;
  if (name.startsWith('-')) return `"${name}" starts with "-", which git refuses`;
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return `"${name}" has an empty part between slashes`;
  if (name.endsWith('.')) return `"${name}" ends with ".", which git refuses`;
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) return `"${name}" has a part starting with "." or ending with ".lock", which git refuses`;
  return null;
}

const checked = (what: string, problem: (value: string) => string | null) =>
  z.string().superRefine((value, context) => {
    const found = problem(value);
    if (found) context.addIssue({ code: 'custom', message: `Not ${what}: ${found}.` });
  });

/** A branch of the repository. */
export const branchField = checked('a branch', branchProblem).describe('A branch name, e.g. main or feature/login');

/** A pull request's head: a branch of the repository, or OWNER:BRANCH for one in a fork. */
export const headField = checked('a head branch', (value) => {
  const [owner, branch, extra] = value.split(':');
  if (extra !== undefined) return `"${value}" has more than one ":" (give BRANCH, or OWNER:BRANCH for a fork)`;
  if (branch === undefined) return branchProblem(value);
  return ownerProblem(owner ?? '') ?? branchProblem(branch);
}).describe('The branch with the changes: BRANCH, or OWNER:BRANCH when it is in a fork');

export const isFullSha = (value: string): boolean => /^[0-9a-f]{40}$/i.test(value);

/** A commit, as its full sha (GitHub's refs and merges take no abbreviation). */
export const shaField = z
  .string()
  .regex(/^[0-9a-fA-F]{40}$/, 'a full 40-character commit sha (abbreviated ones are not taken): copy it from github.pr.get or github.branch.list')
  .transform((value) => value.toLowerCase());

/** A pull request or issue number. */
export const numberField = z.number().int().min(1).describe('The number GitHub shows after # (e.g. 1347)');

/** GitHub user logins (reviewers, assignees). */
export const loginsField = (max: number) =>
  z
    .array(checked('a GitHub user', (value) => ownerProblem(value.replace(/\[bot\]$/, ''))))
    .max(max)
    .default([])
    .transform((logins) => [...new Set(logins)]);

/** Label names, as GitHub shows them (any text up to 50 characters). */
export const labelsField = z
  .array(z.string().trim().min(1, 'a label name is empty').max(50, 'a label name is at most 50 characters'))
  .max(100)
  .default([])
  .transform((labels) => [...new Set(labels)]);

/** Text GitHub renders as Markdown (titles are plain); its limit is 65,536 characters. */
export const markdownField = z.string().max(65_536, 'GitHub takes at most 65,536 characters');
export const titleField = z.string().trim().min(1, 'the title is empty').max(256, 'a title is at most 256 characters');

/** The short form of a sha, as GitHub shows it. */
export const short = (sha: string): string => sha.slice(0, 7);

/** "a, b and c", for lists in previews and reasons. */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
