import type { Octokit } from './github-client';
import { isNotFound } from './github-facts';
import { paginateUpTo } from './github-paginate';

// A deployment environment's protection as Reign reads, compares and writes it: who must approve
// (users and teams, by id on the wire), whether the one who started a run may approve it, a wait
// timer, and which branches or tags may deploy. Compared field by field so a change that weakens
// it (a reviewer fewer, a shorter wait, more branches allowed) is known to risk.

export type BranchRule = 'any' | 'protected' | 'custom';

export interface Reviewer {
  readonly type: 'User' | 'Team';
  /** A user's login or a team's slug, as a person names them. */
  readonly name: string;
  readonly id: number;
}

export interface Protection {
  readonly reviewers: readonly Reviewer[];
  readonly preventSelfReview: boolean;
  readonly waitTimerMinutes: number;
  readonly branches: BranchRule;
  /** With custom: branch patterns, and tag patterns as `tag v*`. */
  readonly patterns: readonly string[];
}

export const NO_PROTECTION: Protection = { reviewers: [], preventSelfReview: false, waitTimerMinutes: 0, branches: 'any', patterns: [] };

interface RawRule {
  readonly type: string;
  readonly wait_timer?: number;
  readonly prevent_self_review?: boolean;
  readonly reviewers?: readonly { readonly type?: string; readonly reviewer?: { readonly id?: number; readonly login?: string; readonly slug?: string } | null }[];
}
interface RawEnvironment {
  readonly protection_rules?: readonly RawRule[];
  readonly deployment_branch_policy?: { readonly protected_branches: boolean; readonly custom_branch_policies: boolean } | null;
}
interface RawPattern {
  readonly id?: number;
  readonly name?: string;
  readonly type?: string;
}

const patternName = (pattern: RawPattern): string => (pattern.type === 'tag' ? `tag ${pattern.name ?? ''}` : (pattern.name ?? ''));

/** The environment's protection now, with the ids of its branch patterns (to delete them), or null when there is no such environment. */
export async function readProtection(octokit: Octokit, owner: string, repo: string, name: string, signal: AbortSignal): Promise<{ protection: Protection; patternIds: Record<string, number> } | null> {
  let data: RawEnvironment;
  try {
    data = (await octokit.request('GET /repos/{owner}/{repo}/environments/{environment_name}', { owner, repo, environment_name: name, request: { signal } })).data as unknown as RawEnvironment;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const rules = data.protection_rules ?? [];
  const reviewing = rules.filter((rule) => rule.type === 'required_reviewers');
  const policy = data.deployment_branch_policy;
  const branches: BranchRule = !policy ? 'any' : policy.protected_branches ? 'protected' : policy.custom_branch_policies ? 'custom' : 'any';
  const patternIds: Record<string, number> = {};
  if (branches === 'custom') {
    const { items } = await paginateUpTo<RawPattern>(octokit, 'GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies', { owner, repo, environment_name: name }, 1000, signal);
    for (const item of items) if (item.id !== undefined) patternIds[patternName(item)] = item.id;
  }
  return {
    protection: {
      reviewers: reviewing.flatMap((rule) =>
        (rule.reviewers ?? []).map((entry): Reviewer => ({ type: entry.type === 'Team' ? 'Team' : 'User', name: entry.reviewer?.slug ?? entry.reviewer?.login ?? '?', id: entry.reviewer?.id ?? 0 })),
      ),
      preventSelfReview: reviewing.some((rule) => rule.prevent_self_review === true),
      waitTimerMinutes: rules.find((rule) => rule.type === 'wait_timer')?.wait_timer ?? 0,
      branches,
      patterns: Object.keys(patternIds),
    },
    patternIds,
  };
}

/** How `to` is weaker than `from`, in words (empty when it is not): what makes a change destructive. */
export function weakenings(from: Protection, to: Protection): string[] {
  const found: string[] = [];
  const kept = new Set(to.reviewers.map((reviewer) => `${reviewer.type} ${reviewer.name.toLowerCase()}`));
  const dropped = from.reviewers.filter((reviewer) => !kept.has(`${reviewer.type} ${reviewer.name.toLowerCase()}`));
  if (dropped.length) found.push(`no longer requires ${dropped.map((reviewer) => reviewer.name).join(', ')} to approve`);
  if (from.preventSelfReview && !to.preventSelfReview) found.push('lets whoever started a run approve it');
  if (to.waitTimerMinutes < from.waitTimerMinutes) found.push(`shortens the wait timer from ${from.waitTimerMinutes} to ${to.waitTimerMinutes} minutes`);
  const rank: Record<BranchRule, number> = { protected: 0, custom: 1, any: 2 };
  if (rank[to.branches] > rank[from.branches]) found.push(`lets ${to.branches === 'any' ? 'any branch' : 'branches matching patterns'} deploy (was ${from.branches === 'protected' ? 'protected branches only' : 'named patterns only'})`);
  if (from.branches === 'custom' && to.branches === 'custom') {
    const added = to.patterns.filter((pattern) => !from.patterns.includes(pattern));
    if (added.length) found.push(`lets ${added.join(', ')} deploy too`);
  }
  return found;
}

/** The protection as lines a person compares, for the preview's diff. */
export function protectionText(protection: Protection | null): string | null {
  if (!protection) return null;
  return [
    `required reviewers: ${protection.reviewers.length ? protection.reviewers.map((reviewer) => `${reviewer.type === 'Team' ? 'team' : 'user'} ${reviewer.name}`).join(', ') : 'none'}`,
    `prevent self-review: ${protection.preventSelfReview ? 'yes' : 'no'}`,
    `wait timer: ${protection.waitTimerMinutes} minutes`,
    `deploys from: ${protection.branches === 'any' ? 'any branch' : protection.branches === 'protected' ? 'protected branches' : `branches and tags matching ${protection.patterns.join(', ') || '(none yet)'}`}`,
    '',
  ].join('\n');
}

/** Creates or updates the environment to exactly this protection (its custom patterns too). */
export async function writeProtection(octokit: Octokit, owner: string, repo: string, name: string, protection: Protection, existingPatterns: Record<string, number>, signal: AbortSignal): Promise<void> {
  await octokit.request('PUT /repos/{owner}/{repo}/environments/{environment_name}', {
    owner,
    repo,
    environment_name: name,
    wait_timer: protection.waitTimerMinutes,
    prevent_self_review: protection.preventSelfReview,
    reviewers: protection.reviewers.map((reviewer) => ({ type: reviewer.type, id: reviewer.id })),
    deployment_branch_policy: protection.branches === 'any' ? null : { protected_branches: protection.branches === 'protected', custom_branch_policies: protection.branches === 'custom' },
    request: { signal },
  });
  if (protection.branches !== 'custom') return;
  const route = '/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies';
  for (const [pattern, id] of Object.entries(existingPatterns))
    if (!protection.patterns.includes(pattern)) await octokit.request(`DELETE ${route}/{branch_policy_id}`, { owner, repo, environment_name: name, branch_policy_id: id, request: { signal } });
  for (const pattern of protection.patterns) {
    if (pattern in existingPatterns) continue;
    const tag = pattern.startsWith('tag ');
    await octokit.request(`POST ${route}`, { owner, repo, environment_name: name, name: tag ? pattern.slice(4) : pattern, type: tag ? 'tag' : 'branch', request: { signal } });
  }
}
