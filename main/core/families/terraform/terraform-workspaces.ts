import { z } from 'zod';
import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { dirField, type TerraformPlace, terraformPlace, workspaceField } from './terraform-place';

/** The workspace a workspace tool acts on (`name`, not `workspace`: that field says where a step runs). */
export const workspaceNameField = workspaceField.unwrap().describe('The Terraform workspace');

export const workspaceToolFields = { dir: dirField, name: workspaceNameField };

/**
 * The context without TF_WORKSPACE: workspace commands act on the folder's own selection
 * (.terraform/environment), which TF_WORKSPACE would hide.
 */
export function folderContext(ctx: ToolContext): ToolContext {
  const { TF_WORKSPACE: _, ...env } = ctx.env;
  return { ...ctx, env };
}

/** The workspace selected in the folder (what `terraform` run there acts on without TF_WORKSPACE). */
export const selectedInFolder = (ctx: ToolContext, dir: string): string => terraformPlace(folderContext(ctx), { dir }).workspace;

/** `terraform workspace list`: every workspace of the folder's backend, the selected one marked with *. */
export async function listWorkspaces(ctx: ToolContext, place: TerraformPlace, signal?: AbortSignal): Promise<ToolResult<{ workspaces: string[]; selected: string | null }>> {
  const result = await runTerraform(folderContext(ctx), place.dir, ['workspace', 'list', '-no-color'], { signal, timeoutMs: 120_000 });
  if (!result.ok) return result;
  const lines = result.output.stdout.split('\n').filter((line) => /^[* ] \S/.test(line));
  return { ok: true, output: { workspaces: lines.map((line) => line.slice(2).trim()), selected: lines.find((line) => line.startsWith('*'))?.slice(2).trim() ?? null } };
}

/** `terraform workspace select NAME` in the folder. */
export function selectWorkspace(ctx: ToolContext, place: TerraformPlace, name: string, signal?: AbortSignal): Promise<ToolResult<unknown>> {
  return runTerraform(folderContext(ctx), place.dir, ['workspace', 'select', '-no-color', name], { signal, timeoutMs: 120_000 });
}

/** `terraform workspace delete [-force] NAME`. */
export function deleteWorkspace(ctx: ToolContext, place: TerraformPlace, name: string, force: boolean, signal?: AbortSignal): Promise<ToolResult<unknown>> {
  return runTerraform(folderContext(ctx), place.dir, ['workspace', 'delete', '-no-color', '-lock-timeout=30s', ...(force ? ['-force'] : []), name], { signal, timeoutMs: 120_000 });
}

/** `terraform workspace new [-state=FILE] NAME`, then the folder's selection put back: terraform selects a new workspace, Reign does not behind the person's back. */
export async function newWorkspace(ctx: ToolContext, place: TerraformPlace, name: string, options: { state?: string; select?: boolean; signal?: AbortSignal } = {}): Promise<ToolResult<{ selected: string }>> {
  const previous = selectedInFolder(ctx, place.dir);
  const created = await runTerraform(folderContext(ctx), place.dir, ['workspace', 'new', '-no-color', '-lock-timeout=30s', ...(options.state ? [`-state=${options.state}`] : []), name], { signal: options.signal, timeoutMs: 120_000 });
  if (!created.ok) return created;
  if (options.select || previous === name) return { ok: true, output: { selected: name } };
  const back = await selectWorkspace(ctx, place, previous, options.signal);
  if (!back.ok) return { ok: false, error: { ...back.error, message: `Workspace ${name} was created, but selecting ${previous} again failed, so ${name} is selected now: ${back.error.message}` } };
  return { ok: true, output: { selected: previous } };
}
