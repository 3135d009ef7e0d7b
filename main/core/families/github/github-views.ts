import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceRow } from '../../../../preload/contract';
import { ageCell, type ResourceScope, type ResourceViewDefinition, type ScopeLevel } from '../../resources-view/resource-view';
import type { ChecksSummary } from './github-checks';
import type { PullSummary, RepoSummary, RunSummary } from './github-shapes';
import { repoProblem } from './github-target';
import { checksCell, githubPrChecks, type PullWithChecks } from './github-view-pr-checks';
import { githubRunDetail } from './github-view-run-detail';

// GitHub in the Resources pane: the token's repositories, and for one of them its open pull
// requests with their checks and its latest workflow runs (a run opens on its jobs and failed log). Listing goes through the family's read tools (so the policy sees
// every call); GitHub pushes nothing to Reign, so the rows are read again when the view is shown.

type Tone = ResourceRow['tone'];

/** OWNER/REPO of the workspace's `origin` when it is a GitHub remote: where a person most likely wants to look first. */
export function originRepo(workspace: string): string | null {
  let config: string;
  try {
    config = readFileSync(join(workspace, '.git', 'config'), 'utf8');
  } catch {
    return null;
  }
  const origin = /\[remote "origin"\][^[]*?url\s*=\s*(\S+)/.exec(config)?.[1];
  const found = origin && /github[^/:]*[/:]([^/]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(origin);
  if (!found) return null;
  const repo = `${found[1]}/${found[2]}`;
  return repoProblem(repo) ? null : repo;
}

const repoLevel: ScopeLevel = {
  id: 'repo',
  label: 'Repository',
  options: async ({ ctx, read }) => {
    const origin = originRepo(ctx.workspace);
    const listed = ((await read('github.repo.list', { limit: 100 })).repositories as RepoSummary[]).map((repo) => repo.fullName);
    const names = origin && !listed.some((name) => name.toLowerCase() === origin.toLowerCase()) ? [origin, ...listed] : listed;
    return names.map((name, index) => ({ id: name, label: name, default: origin ? name.toLowerCase() === origin.toLowerCase() : index === 0 }));
  },
};

function repoOf(scope: ResourceScope): { repo: string } {
  if (!scope.repo) throw new Error('No repository to show: the token sees none. Store a GitHub token in Settings (or set GITHUB_TOKEN), then choose a repository above.');
  return { repo: scope.repo };
}

const repositories: ResourceViewDefinition<RepoSummary> = {
  id: 'github.repositories',
  title: 'Repositories',
  columns: [
    { key: 'name', label: 'Repository', kind: 'text' },
    { key: 'visibility', label: 'Visibility', kind: 'status' },
    { key: 'defaultBranch', label: 'Default branch', kind: 'text' },
    { key: 'stars', label: 'Stars', kind: 'number' },
    { key: 'openIssues', label: 'Open issues and PRs', kind: 'number' },
    { key: 'pushed', label: 'Last push', kind: 'age' },
  ],
  empty: 'The token sees no repositories. Store a GitHub token in Settings (or set GITHUB_TOKEN) with access to them.',
  sort: { key: 'pushed', direction: 'desc' },
  list: { tool: 'github.repo.list', input: { limit: 1000 }, rows: (output) => output.repositories as RepoSummary[] },
  row: (repo) => ({
    key: repo.fullName,
    cells: { name: repo.fullName, visibility: repo.archived ? 'archived' : repo.visibility, defaultBranch: repo.defaultBranch, stars: repo.stars, openIssues: repo.openIssues, pushed: ageCell(repo.pushedAt) },
    tone: repo.archived ? 'idle' : 'ok',
  }),
};

const pullTone = (pull: PullSummary): Tone => (pull.state !== 'open' ? 'idle' : pull.draft ? 'warn' : 'ok');

/** The Checks badge: red when any failed, amber while any runs, green when all passed. */
export function checksTone(checks: ChecksSummary | null): Tone {
  if (!checks || checks.state === 'none') return 'idle';
  return checks.state === 'failure' ? 'bad' : checks.state === 'pending' ? 'warn' : 'ok';
}

const pullRequests: ResourceViewDefinition<PullWithChecks> = {
  id: 'github.pulls',
  title: 'Pull requests',
  columns: [
    // The title names a row (the first column is the wide one); the number is beside it.
    { key: 'title', label: 'Title', kind: 'text' },
    { key: 'number', label: '#', kind: 'number' },
    { key: 'state', label: 'State', kind: 'status' },
    { key: 'checks', label: 'Checks', kind: 'status' },
    { key: 'author', label: 'Author', kind: 'text' },
    { key: 'branches', label: 'Base ← head', kind: 'text' },
    { key: 'labels', label: 'Labels', kind: 'text' },
    { key: 'updated', label: 'Updated', kind: 'age' },
  ],
  empty: 'No open pull requests in this repository. Ask the agent to open one, or choose another repository above.',
  sort: { key: 'updated', direction: 'desc' },
  scope: [repoLevel],
  // Each open pull request with its head commit's checks (github-view-pr-checks.ts).
  list: { tool: 'github.pr.checks', input: (scope) => ({ ...repoOf(scope), limit: 200 }), rows: (output) => output.pullRequests as PullWithChecks[] },
  row: (pull) => ({
    key: String(pull.number),
    cells: { number: pull.number, title: pull.title, state: pull.draft ? 'draft' : pull.state, checks: checksCell(pull.checks), author: pull.author, branches: `${pull.base} ← ${pull.head}`, labels: pull.labels.join(', ') || null, updated: ageCell(pull.updatedAt) },
    tone: pullTone(pull),
    tones: { checks: checksTone(pull.checks) },
  }),
};

/** A run's badge: what it concluded, or where it is while it runs. */
export function runTone(run: Pick<RunSummary, 'status' | 'conclusion'>): Tone {
  if (run.status !== 'completed') return 'warn';
  if (run.conclusion === 'success') return 'ok';
  if (run.conclusion === 'failure' || run.conclusion === 'timed_out' || run.conclusion === 'startup_failure') return 'bad';
  return 'idle'; // cancelled, skipped, neutral, stale
}

const runs: ResourceViewDefinition<RunSummary> = {
  id: 'github.runs',
  title: 'Workflow runs',
  columns: [
    { key: 'workflow', label: 'Workflow', kind: 'text' },
    { key: 'status', label: 'Status', kind: 'status' },
    { key: 'title', label: 'Title', kind: 'text' },
    { key: 'branch', label: 'Branch', kind: 'text' },
    { key: 'event', label: 'Event', kind: 'text' },
    { key: 'started', label: 'Started', kind: 'age' },
  ],
  empty: 'No workflow runs in this repository yet.',
  sort: { key: 'started', direction: 'desc' },
  scope: [repoLevel],
  list: { tool: 'github.run.list', input: (scope) => ({ ...repoOf(scope), limit: 100 }), rows: (output) => output.runs as RunSummary[] },
  // Opening a run shows its jobs with their steps and the failed job's last log lines (github-view-run-detail.ts).
  reads: { jobs: { tool: 'github.run.detail', input: (key, scope) => ({ ...repoOf(scope), run: Number(key), lines: 200 }) } },
  detail: { kind: 'jobs', jobs: 'jobs' },
  row: (run) => ({
    key: String(run.id),
    cells: { workflow: run.workflow ?? `run ${run.number}`, status: run.status === 'completed' ? (run.conclusion ?? 'completed') : (run.status ?? 'unknown'), title: run.title, branch: run.branch, event: run.event, started: ageCell(run.createdAt) },
    tone: runTone(run),
  }),
};

export const githubViews: ResourceViewDefinition<any>[] = [repositories, pullRequests, runs];

/** The read tools only these views need (the family registers them with its own): a PR list with checks, a run opened. */
export const githubViewTools = [githubPrChecks, githubRunDetail];
