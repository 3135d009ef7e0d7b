import { z } from 'zod';
import { assess, combine, type RiskAssessment } from '../../policy/risk';
import { defineTool, type ToolContext } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { changePreview, githubFacts } from './github-facts';
import { branchField, listed } from './github-fields';
import { repoField, repoTarget, splitRepo } from './github-target';

// A repository's settings (update), archiving and deletion. Each reads the repository once (GET
// /repos/o/r) for what risk and the preview need; the delete preview adds one request for the
// open pull requests' count (a page of one, whose last-page link gives the count).

/** The settings github.repo.update changes, by input name, with GitHub's field. */
const settingKeys = {
  description: 'description',
  homepage: 'homepage',
  visibility: 'visibility',
  defaultBranch: 'default_branch',
  hasIssues: 'has_issues',
  hasWiki: 'has_wiki',
  hasProjects: 'has_projects',
  allowMergeCommit: 'allow_merge_commit',
  allowSquashMerge: 'allow_squash_merge',
  allowRebaseMerge: 'allow_rebase_merge',
  deleteBranchOnMerge: 'delete_branch_on_merge',
} as const;
export type SettingName = keyof typeof settingKeys;
export type RepoSettings = { -readonly [K in SettingName]: K extends 'description' | 'homepage' ? string | null : K extends 'visibility' | 'defaultBranch' ? string : boolean };

type RepoData = Record<string, unknown> & { visibility?: string; private: boolean };

/** The settings as GitHub answers them (GET /repos/o/r). */
export function settingsOf(data: RepoData): RepoSettings {
  const flag = (key: string, fallback: boolean) => (typeof data[key] === 'boolean' ? (data[key] as boolean) : fallback);
  return {
    description: (data.description as string | null) || null,
    homepage: (data.homepage as string | null) || null,
    visibility: data.visibility ?? (data.private ? 'private' : 'public'),
    defaultBranch: String(data.default_branch ?? 'main'),
    hasIssues: flag('has_issues', true),
    hasWiki: flag('has_wiki', true),
    hasProjects: flag('has_projects', true),
    allowMergeCommit: flag('allow_merge_commit', true),
    allowSquashMerge: flag('allow_squash_merge', true),
    allowRebaseMerge: flag('allow_rebase_merge', true),
    deleteBranchOnMerge: flag('delete_branch_on_merge', false),
  };
}

export type RepoUpdateInput = { repo: string } & Partial<RepoSettings>;

const named = (input: RepoUpdateInput): SettingName[] => (Object.keys(settingKeys) as SettingName[]).filter((name) => input[name] !== undefined);

/** The settings the input changes, old → new (the ones it names with another value than now). */
export function settingChanges(input: RepoUpdateInput, now: RepoSettings): { name: SettingName; before: RepoSettings[SettingName]; after: RepoSettings[SettingName] }[] {
  return named(input).flatMap((name) => ((input[name] ?? null) === now[name] ? [] : [{ name, before: now[name], after: input[name]! }]));
}

/** Why the update is refused (every merge method turned off), or null. */
export function updateRefusal(input: RepoUpdateInput, now: RepoSettings): string | null {
  const merged = { ...now, ...Object.fromEntries(named(input).map((name) => [name, input[name]])) } as RepoSettings;
  if (!merged.allowMergeCommit && !merged.allowSquashMerge && !merged.allowRebaseMerge) return 'it would turn off every merge method (merge commit, squash and rebase): GitHub needs at least one';
  return null;
}

export function updateRisk(input: RepoUpdateInput, now: RepoSettings | undefined): RiskAssessment {
  const parts: RiskAssessment[] = [assess('write', `changes the settings of ${input.repo}: ${listed(named(input))}`)];
  const from = now?.visibility;
  if (input.visibility === 'public' && from !== 'public') parts.push(assess('destructive', `makes ${input.repo} public${from ? ` (it is ${from})` : ''}: its code, history and issues become readable by anyone, and copies made then cannot be taken back`));
  if (input.visibility && input.visibility !== 'public' && from === 'public') parts.push(assess('destructive', `makes the public ${input.repo} ${input.visibility}: GitHub erases its stars and watchers and splits its public forks off, which making it public again does not bring back`));
  if (input.visibility && input.visibility !== 'public' && from === undefined) parts.push(assess('destructive', `changes the visibility of ${input.repo} (the current one could not be read)`));
  if (now) {
    const refusal = updateRefusal(input, now);
    if (refusal) parts.push(assess('write', `refused: ${refusal}`));
  }
  return combine(parts);
}

const shown = (value: unknown): string => (value === null ? '(none)' : typeof value === 'string' ? JSON.stringify(value) : String(value));
const settingsText = (settings: Partial<RepoSettings>, names: readonly SettingName[]): string => names.map((name) => `${name}: ${shown(settings[name])}\n`).join('');

async function readRepo(octokit: Octokit, repo: string, signal?: AbortSignal): Promise<RepoData> {
  const { data } = await octokit.rest.repos.get({ ...splitRepo(repo), request: { signal } });
  return data as unknown as RepoData;
}

const readSettings = (ctx: ToolContext, repo: string, signal?: AbortSignal) => githubFacts(ctx, `Reading the settings of ${repo}`, async (octokit) => settingsOf(await readRepo(octokit, repo, signal)));

const patchOf = (settings: Partial<RepoSettings>, names: readonly SettingName[]): Record<string, unknown> => Object.fromEntries(names.map((name) => [settingKeys[name], settings[name] ?? (name === 'description' || name === 'homepage' ? '' : settings[name])]));

export const githubRepoUpdate = defineTool<RepoUpdateInput, { repo: string; changed: SettingName[] }, RepoSettings, RepoSettings>({
  name: 'github.repo.update',
  description:
    'Change settings of a GitHub repository: description, homepage, visibility (public, private, internal), default branch, issues / wiki / projects on or off, the merge methods allowed, and deleting head branches after merge. ' +
    'Making a private repository public (or a public one private) is destructive. Undo puts the old values back.',
  input: z
    .object({
      repo: repoField,
      description: z.string().trim().max(350).nullable().optional().describe('null clears it'),
      homepage: z.string().url().max(255).nullable().optional().describe('null clears it'),
      visibility: z.enum(['public', 'private', 'internal']).optional().describe('internal: visible to the enterprise\'s members (organisations of an enterprise only)'),
      defaultBranch: branchField.optional().describe('An existing branch to make the default'),
      hasIssues: z.boolean().optional(),
      hasWiki: z.boolean().optional(),
      hasProjects: z.boolean().optional(),
      allowMergeCommit: z.boolean().optional(),
      allowSquashMerge: z.boolean().optional(),
      allowRebaseMerge: z.boolean().optional(),
      deleteBranchOnMerge: z.boolean().optional().describe('Delete a pull request\'s head branch once it is merged'),
    })
    .strict()
    .refine((input) => named(input).length > 0, { message: 'nothing to change: give at least one setting (description, homepage, visibility, defaultBranch, hasIssues, hasWiki, hasProjects, allowMergeCommit, allowSquashMerge, allowRebaseMerge, deleteBranchOnMerge)' }),
  output: z.object({ repo: z.string(), changed: z.array(z.string()) }),
  inspect: ({ input, ctx, signal }) => readSettings(ctx, input.repo, signal),
  contentHash: (facts) => (facts ? `settings:${JSON.stringify(facts)}` : null),
  risk: ({ input, facts }) => updateRisk(input, facts),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const now = await readSettings(ctx, input.repo).catch((error: Error) => error);
    if (now instanceof Error) return changePreview(ctx, [`Change the settings of ${input.repo}: ${listed(named(input))}`, `Cannot read them: ${now.message}`]);
    const refusal = updateRefusal(input, now);
    if (refusal) return changePreview(ctx, [`Change the settings of ${input.repo}`, `Refused: ${refusal}.`]);
    const changes = settingChanges(input, now);
    if (!changes.length) return changePreview(ctx, [`Change the settings of ${input.repo}`, `Nothing changes: ${listed(named(input))} already ${named(input).length === 1 ? 'has' : 'have'} these values.`]);
    const names = changes.map((change) => change.name);
    const loss = input.visibility && input.visibility !== 'public' && now.visibility === 'public' ? '; stars and watchers GitHub erases do not come back' : '';
    return { kind: 'file', path: `settings of ${input.repo} (undo puts the old values back${loss})`, before: settingsText(now, names), after: settingsText(input, names) };
  },
  snapshot: ({ input, ctx }) => readSettings(ctx, input.repo),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Changing the settings of ${input.repo}`, async (octokit) => {
      const now = settingsOf(await readRepo(octokit, input.repo, signal));
      const refusal = updateRefusal(input, now);
      if (refusal) return { ok: false, error: { code: 'REFUSED', message: `The settings of ${input.repo} were not changed: ${refusal}.`, permanent: true } };
      const changed = settingChanges(input, now).map((change) => change.name);
      if (changed.length) await octokit.rest.repos.update({ ...splitRepo(input.repo), ...patchOf(input, changed), request: { signal } } as never);
      log('info', changed.length ? `changed ${listed(changed)} of ${input.repo}\n` : `nothing to change in ${input.repo}\n`);
      return { ok: true, output: { repo: input.repo, changed } };
    }),
  undo: ({ input, output, snapshot, ctx, signal }) =>
    githubCall(ctx, `Putting back the settings of ${input.repo}`, async (octokit) => {
      const changed = output?.changed ?? named(input);
      if (!changed.length) return { ok: true, output: { restored: [] } };
      await octokit.rest.repos.update({ ...splitRepo(input.repo), ...patchOf(snapshot, changed), request: { signal } } as never);
      return { ok: true, output: { restored: changed } };
    }),
  idempotent: true,
  describeChange: (input) => `changed ${listed(named(input))} of ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World', description: 'The first repository', deleteBranchOnMerge: true }, { repo: 'octocat/Hello-World', visibility: 'private' }],
});

export const githubRepoArchive = defineTool<{ repo: string }, { repo: string; archived: true; already: boolean }, { archived: boolean }, { archived: boolean }>({
  name: 'github.repo.archive',
  description: 'Archive a GitHub repository: it becomes read-only for everyone (no pushes, issues, pull requests or comments) and shows as archived. Undo unarchives it.',
  input: z.object({ repo: repoField }).strict(),
  output: z.object({ repo: z.string(), archived: z.literal(true), already: z.boolean().describe('It was archived already: nothing changed') }),
  inspect: ({ input, ctx, signal }) => githubFacts(ctx, `Reading ${input.repo}`, async (octokit) => ({ archived: Boolean((await readRepo(octokit, input.repo, signal)).archived) })),
  risk: ({ input, facts }) => assess('destructive', facts?.archived ? `archives ${input.repo}, which is archived already: nothing changes` : `archives ${input.repo}: read-only for everyone (no pushes, issues, pull requests or comments) until it is unarchived`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) =>
    changePreview(ctx, [
      `Archive ${input.repo}`,
      'It becomes read-only: no pushes, issues, pull requests or comments; its open pull requests and issues stay open but frozen.',
      `PATCH /repos/${input.repo} (archived: true)`,
      'Undo unarchives it.',
    ]),
  snapshot: async ({ input, ctx }) => githubFacts(ctx, `Reading ${input.repo}`, async (octokit) => ({ archived: Boolean((await readRepo(octokit, input.repo)).archived) })),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Archiving ${input.repo}`, async (octokit) => {
      const already = Boolean((await readRepo(octokit, input.repo, signal)).archived);
      if (!already) await octokit.rest.repos.update({ ...splitRepo(input.repo), archived: true, request: { signal } });
      log('info', already ? `${input.repo} was archived already\n` : `archived ${input.repo}\n`);
      return { ok: true, output: { repo: input.repo, archived: true, already } };
    }),
  undo: ({ input, output, snapshot, ctx, signal }) =>
    githubCall<{ unarchived: string | null }>(ctx, `Unarchiving ${input.repo}`, async (octokit) => {
      // Archived before the step ran: undo leaves it as it was.
      if (snapshot.archived || output?.already) return { ok: true, output: { unarchived: null } };
      await octokit.rest.repos.update({ ...splitRepo(input.repo), archived: false, request: { signal } });
      return { ok: true, output: { unarchived: input.repo } };
    }),
  idempotent: true,
  describeChange: (input) => `archived ${input.repo}`,
  examples: [{ repo: 'octocat/Hello-World' }],
});

export interface DeleteFacts {
  readonly fullName: string;
  readonly visibility: string;
  readonly stars: number;
  readonly forks: number;
  readonly openPulls: number;
  readonly pushedAt: string | null;
  readonly archived: boolean;
}

/** How many open pull requests: one page of one, whose `rel="last"` link names the last page (the count). */
async function openPullCount(octokit: Octokit, repo: string, signal?: AbortSignal): Promise<number> {
  const { data, headers } = await octokit.rest.pulls.list({ ...splitRepo(repo), state: 'open', per_page: 1, request: { signal } });
  const last = /[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(String(headers.link ?? ''));
  return last ? Number(last[1]) : data.length;
}

function deleteFacts(ctx: ToolContext, repo: string, signal?: AbortSignal): Promise<DeleteFacts> {
  return githubFacts(ctx, `Reading ${repo}`, async (octokit) => {
    const [data, openPulls] = await Promise.all([readRepo(octokit, repo, signal), openPullCount(octokit, repo, signal)]);
    return {
      fullName: String(data.full_name ?? repo),
      visibility: settingsOf(data).visibility,
      stars: Number(data.stargazers_count ?? 0),
      forks: Number(data.forks_count ?? 0),
      openPulls,
      pushedAt: (data.pushed_at as string | null | undefined) ?? null,
      archived: Boolean(data.archived),
    };
  });
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** What deleting it throws away, in one line: stars, open pull requests, last push. */
export function deleteSummary(facts: DeleteFacts): string {
  return `${plural(facts.stars, 'star')}, ${plural(facts.openPulls, 'open pull request')}, last push ${facts.pushedAt ?? 'never'}`;
}

export const githubRepoDelete = defineTool<{ repo: string }, { deleted: string }, undefined, DeleteFacts>({
  name: 'github.repo.delete',
  description: 'Delete a GitHub repository for good: its code, issues, pull requests, releases, wiki and settings. Critical, with no undo (GitHub may restore a deleted repository for 90 days from its settings page, not through Reign). Needs a token with the delete_repo scope.',
  input: z.object({ repo: repoField }).strict(),
  output: z.object({ deleted: z.string() }),
  inspect: ({ input, ctx, signal }) => deleteFacts(ctx, input.repo, signal),
  // A push or a new pull request after the approval is asked about again.
  contentHash: (facts) => (facts ? `pushed:${facts.pushedAt};pulls:${facts.openPulls};stars:${facts.stars}` : null),
  risk: ({ input, facts }) => assess('critical', `deletes the repository ${input.repo} for good${facts ? ` (${deleteSummary(facts)})` : ''}, with no undo`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const facts = await deleteFacts(ctx, input.repo).catch((error: Error) => error);
    if (facts instanceof Error) return changePreview(ctx, [`Delete the repository ${input.repo} for good`, `Cannot read it: ${facts.message}`, 'There is no undo.']);
    return changePreview(ctx, [
      `Delete the repository ${facts.fullName} for good`,
      `${facts.visibility}${facts.archived ? ', archived' : ''}: ${plural(facts.stars, 'star')}, ${plural(facts.forks, 'fork')}, ${plural(facts.openPulls, 'open pull request')}`,
      `Last push: ${facts.pushedAt ?? 'never'}`,
      'Its code, issues, pull requests, releases, wiki and settings go with it; forks stay.',
      'There is no undo (GitHub may restore it for 90 days from the account\'s settings).',
    ]);
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Deleting the repository ${input.repo}`, async (octokit) => {
      await octokit.rest.repos.delete({ ...splitRepo(input.repo), request: { signal } });
      log('info', `deleted ${input.repo}\n`);
      return { ok: true, output: { deleted: input.repo } };
    }),
  idempotent: false,
  describeChange: (input) => `deleted the repository ${input.repo} (no undo)`,
  examples: [{ repo: 'octocat/Hello-World' }],
});

export const githubRepoSettingsTools = [githubRepoUpdate, githubRepoArchive, githubRepoDelete];
