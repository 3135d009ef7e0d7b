import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { labelsField, listed, loginsField, numberField } from './github-fields';
import { repoField, repoTarget, splitRepo } from './github-target';
import { changePreview, githubFacts, statusOf } from './github-facts';

// Labels and assignees of an issue or a pull request, added and removed. Undo takes back exactly
// what the step changed (from the snapshot of before), so changes others made meanwhile stay.

interface ChangeInput {
  repo: string;
  number: number;
  add: string[];
  remove: string[];
}

/** Both lists given, neither empty together, and nothing both added and removed. */
const changeInput = (item: z.ZodType<string[], unknown>, what: string) =>
  z
    .object({ repo: repoField, number: numberField, add: item, remove: item })
    .strict()
    .refine((input) => input.add.length + input.remove.length > 0, { message: `nothing to change: give ${what} to add or to remove` })
    .refine((input) => !input.add.some((name) => input.remove.includes(name)), { message: `the same ${what.replace(/s$/, '')} is both added and removed` });

/** What undo does: take off what was added and was not there, put back what was removed and was there. */
export function inverseChange(before: readonly string[], input: Pick<ChangeInput, 'add' | 'remove'>): { add: string[]; remove: string[] } {
  const had = new Set(before.map((name) => name.toLowerCase()));
  return { add: input.remove.filter((name) => had.has(name.toLowerCase())), remove: input.add.filter((name) => !had.has(name.toLowerCase())) };
}

const changeLine = (input: Pick<ChangeInput, 'add' | 'remove'>, what: string): string => [input.add.length > 0 && `add ${what} ${listed(input.add)}`, input.remove.length > 0 && `remove ${what} ${listed(input.remove)}`].filter(Boolean).join('; ');

async function changeLabels(octokit: Octokit, repo: string, number: number, change: { add: string[]; remove: string[] }, signal: AbortSignal): Promise<string[] | null> {
  let labels: string[] | null = null;
  if (change.add.length) labels = (await octokit.rest.issues.addLabels({ ...splitRepo(repo), issue_number: number, labels: change.add, request: { signal } })).data.map((label) => label.name);
  for (const name of change.remove) {
    try {
      labels = (await octokit.rest.issues.removeLabel({ ...splitRepo(repo), issue_number: number, name, request: { signal } })).data.map((label) => label.name);
    } catch (error) {
      // 404: the issue did not have it, which is what removing it asks for.
      if (statusOf(error) !== 404) throw error;
    }
  }
  return labels;
}

export const githubIssueLabel = defineTool<ChangeInput, { number: number; labels: string[] | null }, { labels: string[] }, undefined>({
  name: 'github.issue.label',
  description: 'Add labels to and remove labels from an issue or a pull request. Undo takes back what it changed.',
  input: changeInput(labelsField, 'labels'),
  output: z.object({ number: z.number(), labels: z.array(z.string()).nullable().describe('Its labels afterwards') }),
  risk: ({ input }) => assess('write', `${changeLine(input, 'labels')} on #${input.number} of ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => changePreview(ctx, [`Labels of #${input.number} of ${input.repo}: ${changeLine(input, 'labels')}`, 'Undo takes back what this step changes.']),
  examples: [{ repo: 'octocat/Hello-World', number: 1347, add: ['bug'], remove: ['needs triage'] }],
  snapshot: ({ input, ctx }) =>
    githubFacts(ctx, `Reading the labels of #${input.number} of ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.issues.listLabelsOnIssue({ ...splitRepo(input.repo), issue_number: input.number, per_page: 100 });
      return { labels: data.map((label) => label.name) };
    }),
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Changing the labels of #${input.number} of ${input.repo}`, async (octokit) => ({ ok: true, output: { number: input.number, labels: await changeLabels(octokit, input.repo, input.number, input, signal) } })),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Putting back the labels of #${input.number} of ${input.repo}`, async (octokit) => {
      const inverse = inverseChange(snapshot.labels, input);
      return { ok: true, output: { ...inverse, labels: await changeLabels(octokit, input.repo, input.number, inverse, signal) } };
    }),
  idempotent: true,
  describeChange: (input) => `${changeLine(input, 'labels')} on #${input.number} of ${input.repo}`,
});

/** The assignees afterwards, and the logins asked for that GitHub did not assign (it skips them without an error). */
async function changeAssignees(octokit: Octokit, repo: string, number: number, change: { add: string[]; remove: string[] }, signal: AbortSignal): Promise<{ assignees: string[] | null; skipped: string[] }> {
  const logins = (data: { assignees?: { login: string }[] | null }) => (data.assignees ?? []).map((user) => user.login);
  let assignees: string[] | null = null;
  let skipped: string[] = [];
  if (change.add.length) {
    assignees = logins((await octokit.rest.issues.addAssignees({ ...splitRepo(repo), issue_number: number, assignees: change.add, request: { signal } })).data);
    const now = new Set(assignees.map((login) => login.toLowerCase()));
    skipped = change.add.filter((login) => !now.has(login.toLowerCase()));
  }
  if (change.remove.length) assignees = logins((await octokit.rest.issues.removeAssignees({ ...splitRepo(repo), issue_number: number, assignees: change.remove, request: { signal } })).data);
  return { assignees, skipped };
}

export const githubIssueAssign = defineTool<ChangeInput, { number: number; assignees: string[] | null; notAssigned: string[] }, { assignees: string[] }, undefined>({
  name: 'github.issue.assign',
  description: 'Assign people to an issue or a pull request, or unassign them (at most 10 assignees). GitHub silently skips logins that cannot be assigned (no access to the repository): notAssigned names them. Undo takes back what it changed.',
  input: changeInput(loginsField(10), 'assignees'),
  output: z.object({ number: z.number(), assignees: z.array(z.string()).nullable().describe('Its assignees afterwards'), notAssigned: z.array(z.string()).describe('Logins GitHub did not assign') }),
  risk: ({ input }) => assess('write', `${changeLine(input, 'assignees')} on #${input.number} of ${input.repo}`),
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => changePreview(ctx, [`Assignees of #${input.number} of ${input.repo}: ${changeLine(input, 'assignees')}`, input.add.length > 0 && 'GitHub notifies those assigned.', 'Undo takes back what this step changes.']),
  examples: [{ repo: 'octocat/Hello-World', number: 1347, add: ['hubot'] }],
  snapshot: ({ input, ctx }) =>
    githubFacts(ctx, `Reading the assignees of #${input.number} of ${input.repo}`, async (octokit) => {
      const { data } = await octokit.rest.issues.get({ ...splitRepo(input.repo), issue_number: input.number });
      return { assignees: (data.assignees ?? []).map((user) => user.login) };
    }),
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Changing the assignees of #${input.number} of ${input.repo}`, async (octokit) => {
      const { assignees, skipped } = await changeAssignees(octokit, input.repo, input.number, input, signal);
      return { ok: true, output: { number: input.number, assignees, notAssigned: skipped } };
    }),
  undo: ({ input, snapshot, ctx, signal }) =>
    githubCall(ctx, `Putting back the assignees of #${input.number} of ${input.repo}`, async (octokit) => {
      const inverse = inverseChange(snapshot.assignees, input);
      return { ok: true, output: { ...inverse, assignees: (await changeAssignees(octokit, input.repo, input.number, inverse, signal)).assignees } };
    }),
  idempotent: true,
  describeChange: (input) => `${changeLine(input, 'assignees')} on #${input.number} of ${input.repo}`,
});

export const githubIssueChangeTools = [githubIssueLabel, githubIssueAssign];
