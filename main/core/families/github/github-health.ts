import { createHash } from 'node:crypto';
import type { FamilyTargetHealth } from '../../../../preload/contract';
import type { HealthWhere } from '../family';
import { resolveApiUrl } from './github-api-url';
import { openOctokit } from './github-client';
import { probeGithub } from './github-probe';
import { repoTarget, tokenReposTarget } from './github-target';
import { maskToken, resolveToken } from './github-token';

/** Repositories shown with their latest workflow runs: the ones pushed to most recently. */
const REPOS_SHOWN = 4;
const RUNS_READ = 10;
/** GitHub's hourly rate limit is shared with the person's steps: the dashboard reads again at most this often. */
const KEPT_MS = 120_000;
const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'startup_failure']);

let kept: { key: string; at: number; cards: FamilyTargetHealth[] } | null = null;

/** The account card (the doctor's own check), then the recently pushed repositories with their failed workflow runs. */
export async function githubHealth(where: HealthWhere): Promise<FamilyTargetHealth[]> {
  const api = resolveApiUrl(where.env);
  const found = resolveToken(where.env, where.secret);
  // Kept per API and token (a new token is read afresh); only a digest of the token is held.
  const key = `${api.url}|${found ? createHash('sha256').update(found.token).digest('hex') : ''}`;
  // The account is read as `github.repo.list` reads the token's repositories, asked before the probe (it reads /user).
  const refused = where.readRefusal(tokenReposTarget.id, 'github.repo.list');
  if (refused) return [{ id: `github:${api.host}`, kind: 'GitHub account', label: api.host, ...refused }];
  // Kept cards are checked again: a rule added since is honoured at once (one removed, once they expire).
  if (kept && kept.key === key && Date.now() - kept.at < KEPT_MS) return kept.cards.map((card) => (card.kind === 'GitHub repository' ? refusedRepo(where, card) ?? card : card));
  const check = await probeGithub(where);
  const account: FamilyTargetHealth = {
    id: `github:${api.host}`,
    kind: 'GitHub account',
    label: check.account ? `${check.account} on ${api.host}` : api.host,
    tone: check.status === 'ok' ? 'ok' : check.status === 'warning' ? (check.account ? 'warn' : 'idle') : 'bad',
    state: check.account ? 'signed in' : found ? 'refused' : 'not configured',
    summary: check.summary,
    fix: check.fix,
    facts: check.rateLimit ? [{ label: 'Rate limit', value: `${check.rateLimit.remaining} of ${check.rateLimit.limit} left` }] : [],
    counts: [],
    open: check.account ? { view: 'github.repositories' } : null,
  };
  if (!check.account || !found) return remember(key, [account]);
  const octokit = await openOctokit({ baseUrl: api.url, token: found.token, retries: 0, waitForRateLimit: false });
  const request = { signal: where.signal };
  const repos = (await octokit.rest.repos.listForAuthenticatedUser({ sort: 'pushed', per_page: REPOS_SHOWN, request })).data.slice(0, REPOS_SHOWN);
  const cards = await Promise.all(
    repos.map(async (repo): Promise<FamilyTargetHealth> => {
      const base = { id: `github:${api.host}/${repo.full_name}`, kind: 'GitHub repository', label: repo.full_name, facts: [{ label: 'Default branch', value: repo.default_branch ?? 'unknown' }], open: { view: 'github.runs', scope: { repo: repo.full_name } } };
      const refused = refusedRepo(where, base);
      if (refused) return refused;
      try {
        const runs = (await octokit.rest.actions.listWorkflowRunsForRepo({ owner: repo.owner.login, repo: repo.name, per_page: RUNS_READ, request })).data.workflow_runs;
        const failed = runs.filter((run) => FAILED_CONCLUSIONS.has(run.conclusion ?? '')).length;
        const running = runs.filter((run) => run.status === 'in_progress' || run.status === 'queued').length;
        return {
          ...base,
          tone: failed ? 'warn' : 'ok',
          state: failed ? 'runs failed' : runs.length ? 'runs passing' : 'no runs',
          summary: failed ? `${failed} of its last ${runs.length} workflow runs failed.` : runs.length ? `Its last ${runs.length} workflow runs did not fail.` : 'No workflow runs yet.',
          fix: failed ? 'Open its workflow runs to read the failed jobs\u2019 logs.' : null,
          counts: [
            { label: 'failed runs', value: failed, tone: failed ? 'bad' : 'idle' },
            { label: 'in progress', value: running, tone: running ? 'warn' : 'idle' },
          ],
        };
      } catch (error) {
        return { ...base, tone: 'idle', state: 'runs unknown', summary: `Its workflow runs could not be read: ${maskToken((error as Error).message, found.token)}`, fix: 'The token may lack the actions:read permission for it.', counts: [] };
      }
    }),
  );
  return remember(key, [account, ...cards]);
}

/** A repository card (its label is `owner/repo`) as the policy refusing `github.run.list` on it shows it, or null when allowed. */
function refusedRepo(where: HealthWhere, card: Pick<FamilyTargetHealth, 'id' | 'kind' | 'label'>): FamilyTargetHealth | null {
  const refused = where.readRefusal(repoTarget(card.label).id, 'github.run.list');
  return refused ? { id: card.id, kind: card.kind, label: card.label, ...refused } : null;
}

function remember(key: string, cards: FamilyTargetHealth[]): FamilyTargetHealth[] {
  kept = { key, at: Date.now(), cards };
  return cards;
}
