import { z } from 'zod';
import type { Target } from '../../tools/tool-definition';
import { ownerField, repoField, repoTarget, splitRepo } from './github-target';

// Actions secrets and variables live at three levels: a repository, one environment of a
// repository (seen only by jobs that deploy to it), or an organisation (shared with its
// repositories by visibility). Tools take the level as flat fields (`repo`, `repo` + `environment`,
// or `org`), which is how a person names it and how `reign github secret … --repo/--org` reads.

export const scopeFields = {
  repo: repoField.optional().describe('The repository (OWNER/REPO): its own secrets or variables, or with environment those of one of its environments'),
  environment: z.string().trim().min(1).max(255).optional().describe('An environment of repo (staging, production…): seen only by jobs that deploy to it'),
  org: ownerField.optional().describe('An organisation, for organisation-level secrets or variables (instead of repo)'),
};

export interface ScopeInput {
  readonly repo?: string;
  readonly environment?: string;
  readonly org?: string;
}

/** What is wrong with the combination of scope fields, or null. */
export function scopeProblem(input: ScopeInput): string | null {
  if (input.repo && input.org) return 'give either repo (OWNER/REPO) or org, not both';
  if (!input.repo && !input.org) return 'name where: repo (OWNER/REPO), repo and environment, or org';
  if (input.environment && !input.repo) return 'an environment belongs to a repository: give repo (OWNER/REPO) with environment';
  return null;
}

/** For `.superRefine` of an input object that spreads `scopeFields`. */
export function refineScope(input: ScopeInput, context: z.RefinementCtx): void {
  const problem = scopeProblem(input);
  if (problem) context.addIssue({ code: 'custom', message: `Not a place for secrets or variables: ${problem}.`, path: [] });
}

export type Scope =
  | { readonly kind: 'repository'; readonly owner: string; readonly repo: string; readonly full: string }
  | { readonly kind: 'environment'; readonly owner: string; readonly repo: string; readonly full: string; readonly environment: string }
  | { readonly kind: 'organisation'; readonly org: string };

/** The scope of a validated input (the schema refused every other combination). */
export function scopeOf(input: ScopeInput): Scope {
  if (input.org) return { kind: 'organisation', org: input.org };
  const full = input.repo!;
  const { owner, repo } = splitRepo(full);
  return input.environment ? { kind: 'environment', owner, repo, full, environment: input.environment } : { kind: 'repository', owner, repo, full };
}

/** In words: `octocat/Hello-World`, `the environment staging of octocat/Hello-World`, `the organisation octo-org`. */
export function scopeLabel(scope: Scope): string {
  if (scope.kind === 'organisation') return `the organisation ${scope.org}`;
  if (scope.kind === 'environment') return `the environment ${scope.environment} of ${scope.full}`;
  return scope.full;
}

/**
 * An organisation's secret or variable reaches its repositories: its id is the account's
 * `github:ORG/*`, so a rule or production mark written for the whole account holds for it.
 */
export function orgTarget(org: string): Target {
  return { kind: 'github', id: `github:${org.toLowerCase()}/*`, label: `${org} (organisation)` };
}

/** The repository (an environment's too: rules and production marks are per repository), or the organisation. */
export function scopeTarget(scope: Scope): Target {
  return scope.kind === 'organisation' ? orgTarget(scope.org) : repoTarget(scope.full);
}

export type Collection = 'secrets' | 'variables';

/** The collection's path as an Octokit route template, with the values of its parameters. */
export function collectionRoute(scope: Scope, collection: Collection): { path: string; params: Record<string, string> } {
  if (scope.kind === 'organisation') return { path: `/orgs/{org}/actions/${collection}`, params: { org: scope.org } };
  if (scope.kind === 'environment') return { path: `/repos/{owner}/{repo}/environments/{environment_name}/${collection}`, params: { owner: scope.owner, repo: scope.repo, environment_name: scope.environment } };
  return { path: `/repos/{owner}/{repo}/actions/${collection}`, params: { owner: scope.owner, repo: scope.repo } };
}

/** A route template with its parameters filled in as Octokit sends them (each one URL-encoded), for previews. */
export function expandRoute(path: string, params: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(String(params[name] ?? `{${name}}`)));
}

// GitHub's rules for secret and variable names (docs: "Naming your secrets"): letters, digits and
// underscores, not starting with a digit nor with GITHUB_; case-insensitive (GitHub keeps them in
// upper case). The same rules hold for variables.
const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What is wrong with a secret or variable name, or null. */
export function actionsNameProblem(name: string): string | null {
  if (!name) return 'the name is empty';
  if (/^[0-9]/.test(name)) return `"${name}" starts with a digit, which GitHub does not allow`;
  if (!namePattern.test(name)) return `"${name}" has characters GitHub does not allow (only letters, digits and _; no spaces or hyphens): e.g. ${name.replace(/[^A-Za-z0-9_]+/g, '_').toUpperCase()}`;
  if (/^GITHUB_/i.test(name)) return `"${name}" starts with GITHUB_, which GitHub keeps for its own`;
  return null;
}

export function actionsNameField(noun: 'secret' | 'variable') {
  return z
    .string()
    .max(255)
    .superRefine((value, context) => {
      const problem = actionsNameProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: `Not a ${noun} name: ${problem}.` });
    })
    .describe(`The ${noun}'s name (letters, digits and _, e.g. REGISTRY_TOKEN; GitHub ignores case)`);
}

/** Names GitHub compares without case. */
export const sameName = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** Which of an organisation's repositories see its secret or variable. */
export const visibilityField = z.enum(['all', 'private', 'selected']).describe('Organisation only: which repositories see it: all, private (private and internal ones), or selected (selectedRepositoryIds)');
export type Visibility = z.infer<typeof visibilityField>;

export const selectedRepositoryIdsField = z.array(z.number().int().positive()).max(1000).describe('Organisation only, with visibility selected: the ids of the repositories that see it');

/** What is wrong with org-only fields given for another scope, or with `selected` without repositories, or null. */
export function visibilityProblem(input: ScopeInput & { readonly visibility?: Visibility; readonly selectedRepositoryIds?: readonly number[] }): string | null {
  if (!input.org && (input.visibility || input.selectedRepositoryIds)) return 'visibility and selectedRepositoryIds are for organisation secrets and variables only (give org)';
  if (input.selectedRepositoryIds && input.visibility !== 'selected') return 'selectedRepositoryIds needs visibility selected';
  return null;
}
