import { z } from 'zod';

// What the read tools return: the fields a person (and the model) needs to answer a question,
// never GitHub's whole object (a repository is ~100 fields, most of them API URLs). The inputs
// are structural: Octokit's response types fit them, and so do the examples of GitHub's
// description the tests use.

export const repoSummary = z.object({
  fullName: z.string(),
  description: z.string().nullable(),
  defaultBranch: z.string(),
  visibility: z.string().describe('public, private or internal'),
  stars: z.number(),
  openIssues: z.number().describe('Open issues and pull requests'),
  pushedAt: z.string().nullable().describe('Last push (ISO 8601)'),
  archived: z.boolean(),
  fork: z.boolean(),
  htmlUrl: z.string(),
});
export type RepoSummary = z.infer<typeof repoSummary>;

export interface RepoLike {
  readonly full_name: string;
  readonly description: string | null;
  readonly default_branch?: string;
  readonly visibility?: string;
  readonly private: boolean;
  readonly stargazers_count?: number;
  readonly open_issues_count?: number;
  readonly pushed_at?: string | null;
  readonly archived?: boolean;
  readonly fork: boolean;
  readonly html_url: string;
}

export function trimRepo(repo: RepoLike): RepoSummary {
  return {
    fullName: repo.full_name,
    description: repo.description || null,
    defaultBranch: repo.default_branch ?? 'main',
    // `visibility` is newer than `private` (and absent from some Enterprise Server answers).
    visibility: repo.visibility ?? (repo.private ? 'private' : 'public'),
    stars: repo.stargazers_count ?? 0,
    openIssues: repo.open_issues_count ?? 0,
    pushedAt: repo.pushed_at ?? null,
    archived: repo.archived ?? false,
    fork: repo.fork,
    htmlUrl: repo.html_url,
  };
}

export const pullSummary = z.object({
  number: z.number(),
  title: z.string(),
  state: z.enum(['open', 'closed', 'merged']),
  draft: z.boolean(),
  author: z.string().nullable(),
  base: z.string().describe('The branch it merges into'),
  head: z.string().describe('Its branch, as OWNER:BRANCH when it comes from a fork'),
  labels: z.array(z.string()),
  updatedAt: z.string(),
  htmlUrl: z.string(),
});
export type PullSummary = z.infer<typeof pullSummary>;

export interface PullLike {
  readonly number: number;
  readonly title: string;
  readonly state: string;
  readonly draft?: boolean;
  readonly merged_at: string | null;
  readonly user: { readonly login: string } | null;
  readonly base: { readonly ref: string; readonly repo?: { readonly full_name: string } | null };
  readonly head: { readonly ref: string; readonly label?: string; readonly repo?: { readonly full_name: string } | null };
  readonly labels: readonly { readonly name?: string }[];
  readonly updated_at: string;
  readonly html_url: string;
}

export function trimPull(pull: PullLike): PullSummary {
  // A branch of the same repository is its name; a fork's is OWNER:BRANCH, as GitHub shows it.
  const sameRepository = !pull.head.repo || !pull.base.repo || pull.head.repo.full_name === pull.base.repo.full_name;
  return {
    number: pull.number,
    title: pull.title,
    // `state` first: only a closed pull request was merged (GitHub's own example has an open one with merged_at).
    state: pull.state === 'open' ? 'open' : pull.merged_at ? 'merged' : 'closed',
    draft: pull.draft ?? false,
    author: pull.user?.login ?? null,
    base: pull.base.ref,
    head: sameRepository ? pull.head.ref : (pull.head.label ?? pull.head.ref),
    labels: pull.labels.map((label) => label.name ?? '').filter(Boolean),
    updatedAt: pull.updated_at,
    htmlUrl: pull.html_url,
  };
}

export const runSummary = z.object({
  id: z.number().describe('The run id, for reading its jobs and logs'),
  number: z.number(),
  workflow: z.string().nullable().describe('The workflow name'),
  title: z.string().nullable().describe('What GitHub shows for the run: the commit message or PR title'),
  status: z.string().nullable().describe('queued, in_progress, completed…'),
  conclusion: z.string().nullable().describe('success, failure, cancelled… once completed'),
  branch: z.string().nullable(),
  event: z.string(),
  createdAt: z.string(),
  htmlUrl: z.string(),
});
export type RunSummary = z.infer<typeof runSummary>;

export interface RunLike {
  readonly id: number;
  readonly run_number: number;
  readonly name?: string | null;
  readonly display_title?: string;
  readonly status: string | null;
  readonly conclusion: string | null;
  readonly head_branch: string | null;
  readonly event: string;
  readonly created_at: string;
  readonly html_url: string;
}

export function trimRun(run: RunLike): RunSummary {
  return {
    id: run.id,
    number: run.run_number,
    workflow: run.name ?? null,
    title: run.display_title ?? null,
    status: run.status,
    conclusion: run.conclusion,
    branch: run.head_branch,
    event: run.event,
    createdAt: run.created_at,
    htmlUrl: run.html_url,
  };
}
