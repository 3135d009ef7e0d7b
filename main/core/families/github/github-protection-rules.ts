import { z } from 'zod';
import { listed } from './github-fields';

// Branch protection as a person reads it: the rules a protect step asks for, the rules GitHub has
// now (its GET answer, normalised), the lines a preview diffs, what counts as weakening (which
// rates a step destructive), and the PUT bodies that set them. Pure: no requests.

/** Who a rule lets through (logins, team slugs, app slugs). */
export interface Principals {
  readonly users: readonly string[];
  readonly teams: readonly string[];
  readonly apps: readonly string[];
}

export interface ReviewRules {
  readonly required: number;
  readonly dismissStale: boolean;
  readonly codeOwners: boolean;
  readonly lastPushApproval: boolean;
  /** Who may dismiss reviews; null: anyone with write access. */
  readonly dismissalRestrictions: Principals | null;
  /** Who may merge without the required reviews; null: nobody. */
  readonly bypass: Principals | null;
}

/** A branch's protection, every rule the REST API's PUT sets. */
export interface ProtectionRules {
  readonly reviews: ReviewRules | null;
  readonly checks: { readonly strict: boolean; readonly contexts: readonly string[] } | null;
  readonly enforceAdmins: boolean;
  readonly linearHistory: boolean;
  readonly allowForcePushes: boolean;
  readonly allowDeletions: boolean;
  readonly conversationResolution: boolean;
  readonly blockCreations: boolean;
  readonly lockBranch: boolean;
  readonly allowForkSyncing: boolean;
  /** Who may push; null: anyone with write access. */
  readonly restrictions: Principals | null;
}

const contextName = z.string().trim().min(1, 'a status check name is empty').max(255);

/** The rules a protect step asks for; every rule left out is GitHub's default (off). */
export const protectRulesInput = {
  reviews: z
    .object({
      required: z.number().int().min(0).max(6).describe('Approving reviews required before merging (0–6; 0 requires a pull request but no approval)'),
      dismissStale: z.boolean().default(false).describe('Dismiss approvals when new commits are pushed'),
      codeOwners: z.boolean().default(false).describe('Require a review from the code owners (CODEOWNERS)'),
    })
    .strict()
    .optional()
    .describe('Require a pull request with reviews before merging; leave out for none'),
  checks: z
    .object({
      contexts: z.array(contextName).min(1, 'name at least one status check, or leave checks out').max(100).transform((names) => [...new Set(names)]),
      strict: z.boolean().default(false).describe('The branch must be up to date with the base before merging'),
    })
    .strict()
    .optional()
    .describe('Status checks that must pass before merging (names as the checks report them, e.g. ci/test); leave out for none'),
  enforceAdmins: z.boolean().optional().describe('The rules apply to administrators too (default false)'),
  linearHistory: z.boolean().optional().describe('Require a linear history: no merge commits (default false)'),
  allowForcePushes: z.boolean().optional().describe('Allow force pushes by anyone with write access (default false)'),
  allowDeletions: z.boolean().optional().describe('Allow the branch to be deleted (default false)'),
  conversationResolution: z.boolean().optional().describe('Require every review conversation to be resolved before merging (default false)'),
};

export interface ProtectRules {
  readonly reviews?: { readonly required: number; readonly dismissStale: boolean; readonly codeOwners: boolean };
  readonly checks?: { readonly contexts: readonly string[]; readonly strict: boolean };
  readonly enforceAdmins?: boolean;
  readonly linearHistory?: boolean;
  readonly allowForcePushes?: boolean;
  readonly allowDeletions?: boolean;
  readonly conversationResolution?: boolean;
}

/** The protection a protect step leaves: what it asks for, GitHub's default (off) for the rest; nobody restricted from pushing. */
export function rulesFromInput(input: ProtectRules): ProtectionRules {
  return {
    reviews: input.reviews ? { ...input.reviews, lastPushApproval: false, dismissalRestrictions: null, bypass: null } : null,
    checks: input.checks ? { strict: input.checks.strict, contexts: [...input.checks.contexts] } : null,
    enforceAdmins: input.enforceAdmins ?? false,
    linearHistory: input.linearHistory ?? false,
    allowForcePushes: input.allowForcePushes ?? false,
    allowDeletions: input.allowDeletions ?? false,
    conversationResolution: input.conversationResolution ?? false,
    blockCreations: false,
    lockBranch: false,
    allowForkSyncing: false,
    restrictions: null,
  };
}

/** The PUT body of a protect step: the four rules GitHub requires, and only the optional ones the step names. */
export function protectBody(input: ProtectRules): Record<string, unknown> {
  const flags: [keyof ProtectRules, string][] = [
    ['linearHistory', 'required_linear_history'],
    ['allowForcePushes', 'allow_force_pushes'],
    ['allowDeletions', 'allow_deletions'],
    ['conversationResolution', 'required_conversation_resolution'],
  ];
  return {
    required_status_checks: input.checks ? { strict: input.checks.strict, contexts: input.checks.contexts } : null,
    required_pull_request_reviews: input.reviews ? { dismiss_stale_reviews: input.reviews.dismissStale, require_code_owner_reviews: input.reviews.codeOwners, required_approving_review_count: input.reviews.required } : null,
    restrictions: null,
    enforce_admins: input.enforceAdmins ?? false,
    ...Object.fromEntries(flags.filter(([key]) => input[key] !== undefined).map(([key, field]) => [field, input[key]])),
  };
}

const principalsBody = (principals: Principals) => ({ users: [...principals.users], teams: [...principals.teams], apps: [...principals.apps] });

/** The PUT body that sets a protection back exactly as a snapshot kept it (undo): every rule explicit. */
export function restoreBody(rules: ProtectionRules): Record<string, unknown> {
  const reviews = rules.reviews;
  return {
    required_status_checks: rules.checks ? { strict: rules.checks.strict, contexts: [...rules.checks.contexts] } : null,
    required_pull_request_reviews: reviews
      ? {
          dismiss_stale_reviews: reviews.dismissStale,
          require_code_owner_reviews: reviews.codeOwners,
          required_approving_review_count: reviews.required,
          require_last_push_approval: reviews.lastPushApproval,
          ...(reviews.dismissalRestrictions ? { dismissal_restrictions: principalsBody(reviews.dismissalRestrictions) } : {}),
          ...(reviews.bypass ? { bypass_pull_request_allowances: principalsBody(reviews.bypass) } : {}),
        }
      : null,
    restrictions: rules.restrictions ? principalsBody(rules.restrictions) : null,
    enforce_admins: rules.enforceAdmins,
    required_linear_history: rules.linearHistory,
    allow_force_pushes: rules.allowForcePushes,
    allow_deletions: rules.allowDeletions,
    block_creations: rules.blockCreations,
    required_conversation_resolution: rules.conversationResolution,
    lock_branch: rules.lockBranch,
    allow_fork_syncing: rules.allowForkSyncing,
  };
}

type Named = { readonly login?: string; readonly slug?: string; readonly name?: string };
type PrincipalsLike = { readonly users?: readonly Named[]; readonly teams?: readonly Named[]; readonly apps?: readonly Named[] } | null | undefined;
const enabled = (flag: { readonly enabled?: boolean } | null | undefined): boolean => flag?.enabled === true;

function principals(value: PrincipalsLike): Principals | null {
  if (!value) return null;
  const names = (list: readonly Named[] | undefined, key: 'login' | 'slug') => (list ?? []).map((entry) => entry[key] ?? entry.name ?? '').filter(Boolean);
  return { users: names(value.users, 'login'), teams: names(value.teams, 'slug'), apps: names(value.apps, 'slug') };
}

/** GitHub's answer to GET …/branches/BRANCH/protection, as the rules it holds. */
export interface ProtectionLike {
  readonly required_status_checks?: { readonly strict?: boolean; readonly contexts?: readonly string[] } | null;
  readonly required_pull_request_reviews?: {
    readonly required_approving_review_count?: number;
    readonly dismiss_stale_reviews?: boolean;
    readonly require_code_owner_reviews?: boolean;
    readonly require_last_push_approval?: boolean;
    readonly dismissal_restrictions?: PrincipalsLike;
    readonly bypass_pull_request_allowances?: PrincipalsLike;
  } | null;
  readonly restrictions?: PrincipalsLike;
  readonly enforce_admins?: { readonly enabled?: boolean } | null;
  readonly required_linear_history?: { readonly enabled?: boolean } | null;
  readonly allow_force_pushes?: { readonly enabled?: boolean } | null;
  readonly allow_deletions?: { readonly enabled?: boolean } | null;
  readonly block_creations?: { readonly enabled?: boolean } | null;
  readonly required_conversation_resolution?: { readonly enabled?: boolean } | null;
  readonly lock_branch?: { readonly enabled?: boolean } | null;
  readonly allow_fork_syncing?: { readonly enabled?: boolean } | null;
}

export function rulesFromGitHub(data: ProtectionLike): ProtectionRules {
  const reviews = data.required_pull_request_reviews;
  const checks = data.required_status_checks;
  const dismissal = principals(reviews?.dismissal_restrictions);
  const bypass = principals(reviews?.bypass_pull_request_allowances);
  const some = (value: Principals | null) => (value && value.users.length + value.teams.length + value.apps.length > 0 ? value : null);
  return {
    reviews: reviews
      ? {
          // GitHub leaves the count out when it is its default, 1.
          required: reviews.required_approving_review_count ?? 1,
          dismissStale: reviews.dismiss_stale_reviews === true,
          codeOwners: reviews.require_code_owner_reviews === true,
          lastPushApproval: reviews.require_last_push_approval === true,
          dismissalRestrictions: some(dismissal),
          bypass: some(bypass),
        }
      : null,
    checks: checks ? { strict: checks.strict === true, contexts: [...(checks.contexts ?? [])] } : null,
    enforceAdmins: enabled(data.enforce_admins),
    linearHistory: enabled(data.required_linear_history),
    allowForcePushes: enabled(data.allow_force_pushes),
    allowDeletions: enabled(data.allow_deletions),
    conversationResolution: enabled(data.required_conversation_resolution),
    blockCreations: enabled(data.block_creations),
    lockBranch: enabled(data.lock_branch),
    allowForkSyncing: enabled(data.allow_fork_syncing),
    restrictions: principals(data.restrictions),
  };
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

function whoText(who: Principals | null, nobody: string): string {
  if (!who) return nobody;
  const parts = [who.users.length > 0 && `users ${listed([...who.users])}`, who.teams.length > 0 && `teams ${listed([...who.teams])}`, who.apps.length > 0 && `apps ${listed([...who.apps])}`].filter(Boolean);
  return parts.length ? `only ${parts.join('; ')}` : 'nobody';
}

/** Each rule as `label: value`, in a fixed order, so two protections diff line by line; none: one line saying so. */
export function ruleLines(rules: ProtectionRules | null): [string, string][] {
  if (!rules) return [['Protection', 'none (anyone with write access can push, force-push or delete it)']];
  const reviews = rules.reviews;
  return [
    ['Pull request before merging', reviews ? `required, ${reviews.required} approving review${reviews.required === 1 ? '' : 's'}` : 'not required'],
    ...(reviews
      ? ([
          ['Dismiss stale approvals on new commits', yesNo(reviews.dismissStale)],
          ['Code owners must review', yesNo(reviews.codeOwners)],
          ['The last push must be approved by someone else', yesNo(reviews.lastPushApproval)],
          ['Who may dismiss reviews', whoText(reviews.dismissalRestrictions, 'anyone with write access')],
          ['Who may merge without the reviews', whoText(reviews.bypass, 'nobody')],
        ] as [string, string][])
      : []),
    ['Required status checks', rules.checks ? (rules.checks.contexts.length ? listed([...rules.checks.contexts]) : 'none named') : 'none'],
    ...(rules.checks ? ([['Branch must be up to date before merging', yesNo(rules.checks.strict)]] as [string, string][]) : []),
    ['Rules apply to administrators', yesNo(rules.enforceAdmins)],
    ['Linear history required', yesNo(rules.linearHistory)],
    ['Conversations must be resolved', yesNo(rules.conversationResolution)],
    ['Force pushes allowed', yesNo(rules.allowForcePushes)],
    ['Deleting the branch allowed', yesNo(rules.allowDeletions)],
    ['Who may push', whoText(rules.restrictions, 'anyone with write access')],
    ...(rules.blockCreations ? ([['Creating matching branches blocked', 'yes']] as [string, string][]) : []),
    ['Branch locked (read-only)', yesNo(rules.lockBranch)],
    ...(rules.allowForkSyncing ? ([['Fork syncing allowed while locked', 'yes']] as [string, string][]) : []),
  ];
}

// Every label ruleLines can give, in its order: a protection with every rule present.
const everyPrincipal: Principals = { users: ['-'], teams: [], apps: [] };
const LABEL_ORDER = [
  ...ruleLines(null),
  ...ruleLines({
    reviews: { required: 1, dismissStale: true, codeOwners: true, lastPushApproval: true, dismissalRestrictions: everyPrincipal, bypass: everyPrincipal },
    checks: { strict: true, contexts: [] },
    enforceAdmins: true,
    linearHistory: true,
    allowForcePushes: true,
    allowDeletions: true,
    conversationResolution: true,
    blockCreations: true,
    lockBranch: true,
    allowForkSyncing: true,
    restrictions: everyPrincipal,
  }),
].map(([label]) => label);

/**
 * The change as readable diff lines: `  label: value` where a rule stays, `- label: old` and
 * `+ label: new` where it changes (rules only one side has are only removed or added).
 */
export function protectionDiff(before: ProtectionRules | null, after: ProtectionRules | null): string[] {
  const old = new Map(ruleLines(before));
  const now = new Map(ruleLines(after));
  const lines: string[] = [];
  for (const label of LABEL_ORDER.filter((entry) => old.has(entry) || now.has(entry))) {
    const was = old.get(label);
    const will = now.get(label);
    if (was === will) lines.push(`  ${label}: ${was}`);
    else {
      if (was !== undefined) lines.push(`- ${label}: ${was}`);
      if (will !== undefined) lines.push(`+ ${label}: ${will}`);
    }
  }
  return lines;
}

const lost = (before: Principals | null, after: Principals | null): boolean => before !== null && after === null;

/** How the new protection is weaker than the current one, in words (empty: it is as strong or stronger). */
export function weakenings(before: ProtectionRules | null, after: ProtectionRules | null): string[] {
  if (!before) return [];
  if (!after) return ['removes every protection rule'];
  const found: string[] = [];
  const was = before.reviews;
  const will = after.reviews;
  if (was && !will) found.push('no longer requires a pull request with reviews');
  if (was && will) {
    if (will.required < was.required) found.push(`requires fewer approving reviews (${was.required} → ${will.required})`);
    if (was.dismissStale && !will.dismissStale) found.push('stops dismissing stale approvals');
    if (was.codeOwners && !will.codeOwners) found.push('no longer requires code owner reviews');
    if (was.lastPushApproval && !will.lastPushApproval) found.push('no longer requires approval of the last push');
    if (lost(was.dismissalRestrictions, will.dismissalRestrictions)) found.push('lets anyone with write access dismiss reviews');
  }
  if (before.checks) {
    const dropped = before.checks.contexts.filter((name) => !after.checks?.contexts.includes(name));
    if (!after.checks) found.push('no longer requires status checks');
    else if (dropped.length) found.push(`drops the required status check${dropped.length === 1 ? '' : 's'} ${listed(dropped)}`);
    if (after.checks && before.checks.strict && !after.checks.strict) found.push('no longer requires the branch to be up to date');
  }
  if (before.enforceAdmins && !after.enforceAdmins) found.push('lets administrators bypass the rules');
  if (before.linearHistory && !after.linearHistory) found.push('allows merge commits again');
  if (before.conversationResolution && !after.conversationResolution) found.push('no longer requires conversations to be resolved');
  if (!before.allowForcePushes && after.allowForcePushes) found.push('allows force pushes');
  if (!before.allowDeletions && after.allowDeletions) found.push('allows deleting the branch');
  if (lost(before.restrictions, after.restrictions)) found.push('lets anyone with write access push (it is restricted now)');
  if (before.blockCreations && !after.blockCreations) found.push('no longer blocks creating matching branches');
  if (before.lockBranch && !after.lockBranch) found.push('unlocks the branch (it is read-only now)');
  return found;
}
