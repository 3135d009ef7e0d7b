import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import type { Octokit } from './github-client';
import { limitField, paginateUpTo } from './github-paginate';
import { readPreview, requestLine } from './github-preview';
import { type RunLike, runSummary, trimRun } from './github-shapes';
import { repoField, repoTarget, splitRepo } from './github-target';

/** The statuses and conclusions GitHub filters runs by (`status` of the list endpoint). */
export const runStatuses = ['completed', 'action_required', 'cancelled', 'failure', 'neutral', 'skipped', 'stale', 'success', 'timed_out', 'in_progress', 'queued', 'requested', 'waiting', 'pending'] as const;

const workflowField = z
  .union([z.number().int().positive(), z.string().min(1).max(255)])
  .describe('The workflow: its file (deploy.yml), its id, or its name as GitHub shows it (Deploy)');

export const githubRunList = defineReadTool({
  name: 'github.run.list',
  description: 'GitHub Actions workflow runs of a repository, newest first: workflow, title, status, conclusion, branch, event, when, and the run id (for its jobs and logs). Filter by workflow, branch, event or status (failure, success, in_progress…).',
  input: z
    .object({
      repo: repoField,
      workflow: workflowField.optional(),
      branch: z.string().min(1).max(255).optional().describe('Only runs of this branch'),
      status: z.enum(runStatuses).optional().describe('Only runs with this status or conclusion'),
      event: z.string().regex(/^[a-z_]+$/, 'an event name such as push, pull_request or workflow_dispatch').optional().describe('Only runs started by this event (push, pull_request, workflow_dispatch, schedule…)'),
      limit: limitField,
    })
    .strict(),
  output: z.object({ runs: z.array(runSummary), count: z.number(), more: z.boolean().describe('GitHub has more than limit') }),
  reads: 'lists GitHub Actions runs',
  target: ({ input }) => repoTarget(input.repo),
  preview: async ({ input, ctx }) => {
    const workflow = input.workflow === undefined ? null : workflowFile(input.workflow);
    const path = workflow === null ? `/repos/${input.repo}/actions/runs` : `/repos/${input.repo}/actions/workflows/${workflow ?? `{the id of workflow "${input.workflow}"}`}/runs`;
    const filters = [input.workflow !== undefined && `of ${input.workflow}`, input.branch && `on ${input.branch}`, input.status && `that are ${input.status}`, input.event && `started by ${input.event}`].filter(Boolean).join(' ');
    return readPreview(ctx, `List up to ${input.limit} workflow runs of ${input.repo}${filters ? ` ${filters}` : ''}`, requestLine(path, { branch: input.branch, status: input.status, event: input.event, per_page: Math.min(input.limit, 100) }));
  },
  examples: [{ repo: 'octocat/Hello-World' }, { repo: 'octocat/Hello-World', workflow: 'deploy.yml', branch: 'main', status: 'failure', limit: 5 }],
  run: ({ input, ctx, signal }) =>
    githubCall(ctx, `Listing the workflow runs of ${input.repo}`, async (octokit) => {
      const repository = splitRepo(input.repo);
      const filters = { ...repository, branch: input.branch, status: input.status, event: input.event };
      let page: { items: RunLike[]; more: boolean };
      if (input.workflow === undefined) page = await paginateUpTo<RunLike>(octokit, 'GET /repos/{owner}/{repo}/actions/runs', filters, input.limit, signal);
      else {
        const workflow = workflowFile(input.workflow) ?? (await workflowByName(octokit, repository, String(input.workflow), signal));
        if (typeof workflow === 'object') return toolFailure('NOT_FOUND', workflow.problem);
        page = await paginateUpTo<RunLike>(octokit, 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', { ...filters, workflow_id: workflow }, input.limit, signal);
      }
      const runs = page.items.map(trimRun);
      return { ok: true, output: { runs, count: runs.length, more: page.more } };
    }),
});

/** What the runs endpoint takes as workflow_id (an id, or a file name), or null for a name to look up. */
export function workflowFile(workflow: number | string): number | string | null {
  if (typeof workflow === 'number') return workflow;
  if (/^\d+$/.test(workflow)) return Number(workflow);
  // `.github/workflows/deploy.yml` (as a run's `path` shows it, maybe with `@ref`) → `deploy.yml`.
  const file = /(?:^|\/)([^/@]+\.ya?ml)(?:@.*)?$/.exec(workflow);
  return file ? file[1]! : null;
}

/**
 * A workflow from its name (case-insensitive), as its file name (what a person recognises in the
 * request; GitHub's description also makes a numeric id ambiguous), or its id when it has no file
 * (GitHub's own dynamic workflows); else what names there are.
 */
async function workflowByName(octokit: Octokit, repository: { owner: string; repo: string }, name: string, signal: AbortSignal): Promise<number | string | { problem: string }> {
  const workflows = await octokit.paginate(octokit.rest.actions.listRepoWorkflows, { ...repository, per_page: 100, request: { signal } });
  const found = workflows.find((workflow) => workflow.name.toLowerCase() === name.toLowerCase());
  if (found) return workflowFile(found.path) ?? found.id;
  const known = workflows.map((workflow) => `${workflow.name} (${workflow.path.split('/').pop()})`);
  return { problem: `${repository.owner}/${repository.repo} has no workflow named "${name}"${known.length ? `: it has ${known.join(', ')}` : ' (it has no workflows)'}. Give its name, file or id.` };
}
