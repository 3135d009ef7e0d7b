import { z } from 'zod';
import type { Target } from '../../tools/tool-definition';

// GitHub's naming rules. An account (user or organisation) is 1–39 letters, digits and single
// hyphens, not starting or ending with one; managed (EMU) accounts add `_SHORTCODE`. A repository is
// 1–100 letters, digits, `.`, `_` and `-`, other than `.` and `..`.
const ownerPattern = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:_[A-Za-z0-9]+)?$/;
const repoPattern = /^[A-Za-z0-9._-]{1,100}$/;

/** What is wrong with an account name, or null. */
export function ownerProblem(owner: string): string | null {
  if (!owner) return 'the owner is empty';
  if (owner.length > 39 && !owner.includes('_')) return `the owner "${owner}" is longer than GitHub's 39 characters`;
  if (!ownerPattern.test(owner)) return `"${owner}" is not a GitHub account name (letters, digits and single hyphens, not starting or ending with a hyphen)`;
  return null;
}

/** What is wrong with OWNER/REPO, with the fix when the mistake is a common one (a URL, a clone address, no owner), or null. */
export function repoProblem(value: string): string | null {
  const url = /^(?:https?:\/\/|git@|ssh:\/\/)[^/:]+[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(value);
  if (url) return `give the repository as OWNER/REPO (${url[1]}/${url[2]}), not as a URL`;
  const parts = value.split('/');
  if (parts.length !== 2) return parts.length === 1 ? `"${value}" has no owner: give OWNER/REPO, e.g. octocat/Hello-World` : `"${value}" is not OWNER/REPO: a repository is an owner and a name with one / between them`;
  const [owner, repo] = parts as [string, string];
  const owned = ownerProblem(owner);
  if (owned) return owned;
  if (!repo) return `"${value}" has no repository name after the /`;
  if (repo.endsWith('.git')) return `give the repository without .git: ${owner}/${repo.slice(0, -4)}`;
  if (repo === '.' || repo === '..' || !repoPattern.test(repo)) return `"${repo}" is not a GitHub repository name (up to 100 letters, digits, ".", "_" and "-")`;
  return null;
}

/** A repository input field: OWNER/REPO, refused with the reason otherwise. */
export const repoField = z
  .string()
  .superRefine((value, context) => {
    const problem = repoProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not a repository: ${problem}.` });
  })
  .describe('The repository, as OWNER/REPO (e.g. octocat/Hello-World)');

/** An account (user or organisation) input field. */
export const ownerField = z
  .string()
  .superRefine((value, context) => {
    const problem = ownerProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `Not an account: ${problem}.` });
  })
  .describe('A GitHub user or organisation (e.g. octocat)');

export function splitRepo(value: string): { owner: string; repo: string } {
  const [owner = '', repo = ''] = value.split('/');
  return { owner, repo };
}

// GitHub names are case-insensitive: ids are lower-case so a rule or a production mark written
// `github:acme/api` holds for a step that says `Acme/API`. Labels keep the spelling given.

/** `github:OWNER/REPO`, what rules, production marks and approvals bind to. */
export function repoTarget(value: string): Target {
  return { kind: 'github', id: `github:${value.toLowerCase()}`, label: value };
}

/** Every repository of an account: `github:OWNER/*` (a rule or production mark for the whole account matches it). */
export function ownerTarget(owner: string): Target {
  return { kind: 'github', id: `github:${owner.toLowerCase()}/*`, label: `${owner}, every repository` };
}

/** The repositories the token can see, whoever owns them. */
export const tokenReposTarget: Target = { kind: 'github', id: 'github:*/*', label: "the token's repositories" };
