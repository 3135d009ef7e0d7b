import { z } from 'zod';
import type { Octokit } from './github-client';
import { statusOf } from './github-facts';
import { type WorkflowLike } from './github-actions-shapes';
import { workflowFile } from './github-run-tools';
import { splitRepo } from './github-target';

/** A workflow as a person names it: its file, its path, its id, or its name. */
export const workflowRefField = z
  .union([z.number().int().positive(), z.string().trim().min(1).max(255)])
  .describe('The workflow: its file (deploy.yml), its id, or its name as GitHub shows it (Deploy)');

/** A run id, as github.run.list shows it. */
export const runIdField = z.number().int().positive().describe('The run id (github.run.list shows it)');

const fileOf = (path: string): string => path.split('/').pop() ?? path;

/** The workflow named by file, path, id or name (case-insensitive), among a list of them. */
export function matchWorkflow<W extends WorkflowLike>(workflows: readonly W[], wanted: number | string): W | null {
  const id = typeof wanted === 'number' ? wanted : /^\d+$/.test(wanted) ? Number(wanted) : null;
  if (id !== null) return workflows.find((workflow) => workflow.id === id) ?? null;
  const file = workflowFile(wanted);
  if (typeof file === 'string') return workflows.find((workflow) => fileOf(workflow.path).toLowerCase() === file.toLowerCase()) ?? null;
  return workflows.find((workflow) => workflow.name.toLowerCase() === String(wanted).toLowerCase()) ?? null;
}

/**
 * The repository's workflow named `wanted`, or what is wrong (with the workflows there are). Found
 * in the list rather than asked for by id: GitHub's description makes an id in a path ambiguous,
 * and the list answers every way a person names one.
 */
export async function findWorkflow(octokit: Octokit, repo: string, wanted: number | string, signal?: AbortSignal): Promise<WorkflowLike | { problem: string }> {
  const workflows = await octokit.paginate(octokit.rest.actions.listRepoWorkflows, { ...splitRepo(repo), per_page: 100, request: { signal } });
  const found = matchWorkflow(workflows, wanted);
  if (found) return found;
  const known = workflows.map((workflow) => `${workflow.name} (${fileOf(workflow.path)})`);
  return { problem: `${repo} has no workflow ${typeof wanted === 'number' ? `with id ${wanted}` : `"${wanted}"`}${known.length ? `: it has ${known.join(', ')}` : ' (it has no workflows)'}. Give its name, file or id (github.workflow.list shows them).` };
}

/** What the workflow endpoints take as workflow_id: its file name (what GitHub's docs and a person use), or its id when it has no file. */
export const workflowPathId = (workflow: WorkflowLike): number | string => workflowFile(workflow.path) ?? workflow.id;

/** The workflow file's text and blob sha on `ref`, or null when it is not there (another ref, a dynamic workflow). */
export async function readWorkflowFile(octokit: Octokit, repo: string, path: string, ref: string, signal?: AbortSignal): Promise<{ text: string; sha: string } | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...splitRepo(repo), path, ref, request: { signal } });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    return { text: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
