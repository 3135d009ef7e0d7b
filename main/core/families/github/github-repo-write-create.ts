import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { checkWorkflowFiles, workflowNotes, workflowRefusal } from './github-commit-checks';
import { commitDiff } from './github-commit-diff';
import { changePreview, githubFacts, isNotFound } from './github-facts';
import { short } from './github-fields';
import { createCommit, type FileChange, moveBranch, readBranch } from './github-git-data';
import { type RepoFile, type RepoLicence, repoLicences, renderRepoTemplate, repoTemplate, repoTemplateIds, templateValues } from './github-repo-templates';
import { ownerField, repoField, repoProblem, repoTarget, splitRepo } from './github-target';

// Creating a repository (empty, or from one of Reign's templates) and forking one. A template's
// files go in one commit through the git data API, on top of the first commit GitHub makes (its
// licence), so the repository starts with two commits: GitHub's and Reign's.

/** A repository's name, without owner. */
export const repoNameField = z
  .string()
  .superRefine((value, context) => {
    const problem = value.includes('/') ? `give the name alone (the owner goes in owner): ${value.split('/').pop()}` : repoProblem(`owner/${value}`);
    if (problem) context.addIssue({ code: 'custom', message: `Not a repository name: ${problem}.` });
  })
  .describe('The repository name, without owner (e.g. payments-api)');

const templateChoice = z.enum([...repoTemplateIds, 'none']);
const licenceChoice = z.enum(Object.keys(repoLicences) as [RepoLicence, ...RepoLicence[]]);

export interface RepoCreateInput {
  owner: string;
  name: string;
  template: z.infer<typeof templateChoice>;
  description?: string;
  homepage?: string;
  private: boolean;
  license: RepoLicence;
  values?: Record<string, string>;
}

export interface RepoCreateOutput {
  fullName: string;
  htmlUrl: string;
  defaultBranch: string;
  private: boolean;
  template: string;
  /** The last commit Reign knows of on the default branch (the template's, else GitHub's first); null for an empty repository. */
  head: string | null;
  files: string[];
}

/** The template's files for this input (the CI workflow's branch filters on `defaultBranch`). */
export function templateFiles(input: RepoCreateInput, defaultBranch = 'main'): RepoFile[] {
  if (input.template === 'none') return [];
  return renderRepoTemplate(input.template, { owner: input.owner, name: input.name, description: input.description, license: input.license, defaultBranch, values: input.values });
}

/** Who the token is: a repository for that login is created under /user/repos, any other owner is an organisation. */
async function tokenLogin(octokit: Octokit, signal?: AbortSignal): Promise<string> {
  const { data } = await octokit.rest.users.getAuthenticated({ request: { signal } });
  return data.login;
}

const fullNameOf = (input: { owner: string; name: string }): string => `${input.owner}/${input.name}`;
const initialised = (input: RepoCreateInput): boolean => input.template !== 'none' || input.license !== 'none';

/** Right after creation GitHub may take a moment before the first commit's branch can be read. */
async function firstBranch(octokit: Octokit, repo: string, branch: string, signal: AbortSignal) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const found = await readBranch(octokit, repo, branch, signal);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
  }
  return null;
}

export const githubRepoCreate = defineTool<RepoCreateInput, RepoCreateOutput, undefined, undefined>({
  name: 'github.repo.create',
  description:
    "Create a GitHub repository for the token's user or an organisation (owner), private unless private: false. From a template (microservice, library, monorepo, documentation: README, .gitignore, code, tests and a CI workflow, committed in one commit) or empty; a licence chosen by name is written by GitHub. " +
    'Undo deletes it again, only while nothing else was pushed to it.',
  input: z
    .object({
      owner: ownerField.describe("The user (the token's own login) or organisation that will own it"),
      name: repoNameField,
      template: templateChoice.default('none').describe('A Reign repository template, or none for an empty repository'),
      description: z.string().trim().max(350, 'GitHub takes at most 350 characters').refine((text) => !/[\r\n]/.test(text), 'the description is one line').optional(),
      homepage: z.string().url().max(255).optional(),
      private: z.boolean().default(true).describe('Private (default) or public'),
      license: licenceChoice.default('none').describe('A licence GitHub writes into LICENSE (mit, apache-2.0, …), or none'),
      values: z.record(z.string(), z.string()).optional().describe("The template's variables (e.g. { port: '8080' }); defaults otherwise"),
    })
    .strict()
    .superRefine((input, context) => {
      if (input.template === 'none') {
        if (input.values && Object.keys(input.values).length) context.addIssue({ code: 'custom', message: 'values are for a template: give template too, or leave values out' });
        return;
      }
      try {
        templateValues(repoTemplate(input.template), { owner: input.owner, name: input.name, description: input.description, license: input.license, values: input.values });
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  output: z.object({ fullName: z.string(), htmlUrl: z.string(), defaultBranch: z.string(), private: z.boolean(), template: z.string(), head: z.string().nullable(), files: z.array(z.string()) }),
  risk: ({ input }) => assess('write', `creates the ${input.private ? 'private' : 'public'} repository ${fullNameOf(input)}${input.template === 'none' ? '' : ` from the ${input.template} template`}`),
  target: ({ input }) => repoTarget(fullNameOf(input)),
  preview: async ({ input, ctx }) => {
    const full = fullNameOf(input);
    const summary = [
      `Create the ${input.private ? 'private' : 'PUBLIC (anyone can read it)'} repository ${full}${input.template === 'none' ? ', empty' : ` from the ${input.template} template`}`,
      input.license === 'none' ? 'No licence.' : `LICENSE: ${repoLicences[input.license]}, written by GitHub in its first commit.`,
      'Undo deletes it again while nothing else was pushed to it.',
    ];
    if (input.template === 'none') return changePreview(ctx, [...summary, `POST /user/repos (or /orgs/${input.owner}/repos when ${input.owner} is an organisation)`]);
    const files = templateFiles(input);
    const checks = await checkWorkflowFiles(files);
    const refusal = workflowRefusal(checks);
    if (refusal) return changePreview(ctx, [...summary, `Refused: the template's workflow has errors:\n${refusal}`]);
    const label = [`${summary[0]}: one commit on its default branch (main assumed here; the CI workflow follows the real one).`, ...summary.slice(1), ...workflowNotes(checks).map((note) => `${note}.`)].join(' ');
    return commitDiff(label, files, new Map());
  },
  run: ({ input, ctx, signal, log }) =>
    githubCall<RepoCreateOutput>(ctx, `Creating the repository ${fullNameOf(input)}`, async (octokit) => {
      const firstFiles = templateFiles(input);
      // The template's workflow is checked before the repository exists: a broken one creates nothing.
      const refusal = workflowRefusal(await checkWorkflowFiles(firstFiles));
      if (refusal) return { ok: false, error: { code: 'WORKFLOW_INVALID', message: `${fullNameOf(input)} was not created: the template's workflow has errors:\n${refusal}`, permanent: true } };
      const login = await tokenLogin(octokit, signal);
      const settings = { name: input.name, description: input.description, homepage: input.homepage, private: input.private, auto_init: initialised(input), ...(input.license === 'none' ? {} : { license_template: input.license }), request: { signal } };
      const { data } = login.toLowerCase() === input.owner.toLowerCase() ? await octokit.rest.repos.createForAuthenticatedUser(settings) : await octokit.rest.repos.createInOrg({ org: input.owner, ...settings });
      const made = { fullName: data.full_name, htmlUrl: data.html_url, defaultBranch: data.default_branch, private: data.private, template: input.template };
      log('info', `created ${data.full_name} (${data.private ? 'private' : 'public'})\n`);
      if (!initialised(input)) return { ok: true, output: { ...made, head: null, files: [] } };
      // The repository exists from here on: a failure says so, and what to do with it.
      return githubCall<RepoCreateOutput>(ctx, `${data.full_name} was created and is left in place, but ${input.template === 'none' ? 'reading its first commit' : `committing the ${input.template} template to it`} failed`, async () => {
        const first = await firstBranch(octokit, data.full_name, data.default_branch, signal);
        if (!first) return toolFailure('NO_FIRST_COMMIT', `${data.full_name} was created, but its branch ${data.default_branch} could not be read to commit the template on: commit the files with github.commit.create, or delete the repository with github.repo.delete.`);
        if (!firstFiles.length) return { ok: true, output: { ...made, head: first.sha, files: [] } };
        const files = data.default_branch === 'main' ? firstFiles : templateFiles(input, data.default_branch);
        const changes: FileChange[] = files.map((file) => ({ path: file.path, content: file.content }));
        // On top of GitHub's first commit's tree: its LICENSE stays, its README is the template's.
        const commit = await createCommit(octokit, { repo: data.full_name, message: `Start from Reign's ${input.template} template`, changes, parent: first }, signal);
        await moveBranch(octokit, data.full_name, data.default_branch, commit.sha, false, signal);
        log('info', `committed the ${input.template} template (${files.length} files) as ${short(commit.sha)}\n`);
        return { ok: true, output: { ...made, head: commit.sha, files: files.map((file) => file.path) } };
      });
    }),
  undo: ({ output, ctx, signal }) =>
    githubCall<{ deleted: string } | null>(ctx, 'Deleting the repository it created', async (octokit) => {
      if (!output) return { ok: true, output: null };
      const [{ data: branches }, { data: tags }] = await Promise.all([
        octokit.rest.repos.listBranches({ ...splitRepo(output.fullName), per_page: 100, request: { signal } }),
        octokit.rest.repos.listTags({ ...splitRepo(output.fullName), per_page: 10, request: { signal } }),
      ]);
      const expected = output.head ? [{ name: output.defaultBranch, sha: output.head }] : [];
      const found = branches.map((branch) => ({ name: branch.name, sha: branch.commit.sha }));
      const untouched = tags.length === 0 && found.length === expected.length && found.every((branch, index) => branch.name === expected[index]!.name && branch.sha === expected[index]!.sha);
      // Someone's pushes (a branch, a commit, a tag) are never deleted with it.
      const pushedTags = tags.length ? `; tags: ${tags.map((tag) => tag.name).join(', ')}${tags.length === 10 ? ' …' : ''}` : '';
      if (!untouched) return toolFailure('REPO_CHANGED', `${output.fullName} was left in place: it has changed since it was created (branches now: ${found.map((branch) => `${branch.name} at ${short(branch.sha)}`).join(', ') || 'none'}${pushedTags}; Reign left ${expected.map((branch) => `${branch.name} at ${short(branch.sha)}`).join(', ') || 'no commit'}). Delete it with github.repo.delete if that work is not wanted.`);
      await octokit.rest.repos.delete({ ...splitRepo(output.fullName), request: { signal } });
      return { ok: true, output: { deleted: output.fullName } };
    }),
  idempotent: false,
  describeChange: (input) => `created the repository ${fullNameOf(input)}${input.template === 'none' ? '' : ` from the ${input.template} template`}`,
  examples: [
    { owner: 'octocat', name: 'payments-api', template: 'microservice', description: 'Takes payments', values: { port: '8080' } },
    { owner: 'acme', name: 'handbook', template: 'documentation', license: 'mit', private: false },
    { owner: 'octocat', name: 'scratch' },
  ],
});

export interface ForkInput {
  repo: string;
  organization?: string;
  name?: string;
  defaultBranchOnly: boolean;
}

function forkDestination(input: ForkInput, login: string | undefined): string | null {
  const owner = input.organization ?? login;
  return owner ? `${owner}/${input.name ?? splitRepo(input.repo).repo}` : null;
}

async function forkFacts(ctx: ToolContext, input: ForkInput, signal?: AbortSignal): Promise<{ login: string }> {
  return githubFacts(ctx, 'Reading who the token is', async (octokit) => ({ login: input.organization ?? (await tokenLogin(octokit, signal)) }));
}

export const githubRepoFork = defineTool<ForkInput, { fullName: string; htmlUrl: string; parent: string }, { existed: boolean; destination: string }, { login: string }>({
  name: 'github.repo.fork',
  description: "Fork a GitHub repository into the token's account or an organisation, optionally under another name or with the default branch only. GitHub makes the fork in the background: it may take a moment to fill. Undo deletes the fork (not one that was already there).",
  input: z
    .object({
      repo: repoField.describe('The repository to fork, as OWNER/REPO'),
      organization: ownerField.optional().describe("The organisation to fork into; default the token's account"),
      name: repoNameField.optional().describe("The fork's name; default the repository's"),
      defaultBranchOnly: z.boolean().default(false).describe('Copy only the default branch'),
    })
    .strict(),
  output: z.object({ fullName: z.string(), htmlUrl: z.string(), parent: z.string() }),
  inspect: ({ input, ctx, signal }) => forkFacts(ctx, input, signal),
  risk: ({ input, facts }) => assess('write', `forks ${input.repo} into ${forkDestination(input, facts?.login) ?? "the token's account"}`),
  target: ({ input, facts }) => {
    const destination = forkDestination(input, facts?.login);
    return destination ? repoTarget(destination) : repoTarget(input.repo);
  },
  preview: async ({ input, ctx }) =>
    changePreview(ctx, [
      `Fork ${input.repo} into ${input.organization ?? "the token's account"}${input.name ? ` as ${input.name}` : ''}`,
      input.defaultBranchOnly ? 'Only the default branch is copied.' : 'Every branch is copied.',
      `POST /repos/${input.repo}/forks`,
      'Undo deletes the fork, unless the account had it already (then GitHub returns the existing fork and undo leaves it).',
    ]),
  snapshot: async ({ input, ctx }) =>
    githubFacts(ctx, 'Reading where the fork goes', async (octokit) => {
      const destination = forkDestination(input, input.organization ?? (await tokenLogin(octokit)))!;
      const existed = await octokit.rest.repos.get(splitRepo(destination)).then(
        () => true,
        (error: unknown) => {
          if (isNotFound(error)) return false;
          throw error;
        },
      );
      return { existed, destination };
    }),
  run: ({ input, ctx, signal, log }) =>
    githubCall(ctx, `Forking ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.repos.createFork({ ...splitRepo(input.repo), organization: input.organization, name: input.name, default_branch_only: input.defaultBranchOnly, request: { signal } });
      log('info', `forked ${input.repo} as ${data.full_name}\n`);
      return { ok: true, output: { fullName: data.full_name, htmlUrl: data.html_url, parent: input.repo } };
    }),
  undo: ({ output, snapshot, ctx, signal }) =>
    githubCall<{ deleted: string } | null>(ctx, 'Deleting the fork', async (octokit) => {
      if (!output) return { ok: true, output: null };
      if (snapshot.existed) return toolFailure('FORK_EXISTED', `${output.fullName} was there before the step ran (GitHub returned the existing fork), so undo leaves it.`);
      // GitHub answers a fork request with the account's existing fork, whatever its name: one not where this step put a new one was there before.
      if (output.fullName.toLowerCase() !== snapshot.destination.toLowerCase()) return toolFailure('FORK_EXISTED', `GitHub returned ${output.fullName}, a fork the account already had (not ${snapshot.destination}), so undo leaves it.`);
      const { data } = await octokit.rest.repos.get({ ...splitRepo(output.fullName), request: { signal } });
      // Only a fork of the repository forked is deleted, never another repository by that name.
      const parent = data.parent?.full_name ?? '';
      if (!data.fork || parent.toLowerCase() !== output.parent.toLowerCase()) return toolFailure('NOT_THE_FORK', `${output.fullName} was left in place: it is not a fork of ${output.parent}${data.fork ? ` (its parent is ${parent})` : ''}.`);
      await octokit.rest.repos.delete({ ...splitRepo(output.fullName), request: { signal } });
      return { ok: true, output: { deleted: output.fullName } };
    }),
  idempotent: false,
  describeChange: (input) => `forked ${input.repo}${input.organization ? ` into ${input.organization}` : ''}`,
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', organization: 'acme', name: 'hello-fork', defaultBranchOnly: true }],
});
