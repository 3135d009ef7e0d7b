import type { PlanPreview } from '../../tools/plan-preview';
import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { runTerraform, runTerraformJson } from './terraform-exec';
import { fileSha256, resolvePlanFile } from './terraform-plan-file';
import { type PlanFacts, planFacts } from './terraform-plan-facts';
import type { PlanJson } from './terraform-plan-json';
import { countsLine, planPreview } from './terraform-plan-preview';
import type { TerraformPlace } from './terraform-place';

/** `terraform show -json PLAN`: what the saved plan does, with every value (callers mask them). */
export function showPlanJson(ctx: ToolContext, place: TerraformPlace, path: string, signal?: AbortSignal): Promise<ToolResult<PlanJson>> {
  return runTerraformJson<PlanJson>(ctx, place.dir, ['show', '-json', '-no-color', path], { signal, workspace: place.workspace, timeoutMs: 120_000 });
}

/** The plain `terraform show PLAN`, as a person reads it in a terminal (terraform masks sensitive values in it). */
export async function showPlanText(ctx: ToolContext, place: TerraformPlace, path: string, signal?: AbortSignal): Promise<ToolResult<string>> {
  const result = await runTerraform(ctx, place.dir, ['show', '-no-color', path], { signal, workspace: place.workspace, timeoutMs: 120_000, maxBufferBytes: 64 * 1024 * 1024 });
  return result.ok ? { ok: true, output: result.output.stdout } : result;
}

/**
 * The facts of a saved plan for its approval: its hash and what it does. Throws when the plan
 * cannot be read, so the step is rated without facts (never lower than write) and says why.
 */
export async function inspectSavedPlan(ctx: ToolContext, place: TerraformPlace, plan: string, signal?: AbortSignal): Promise<PlanFacts> {
  if (place.problem) throw new Error(place.problem);
  const file = resolvePlanFile(place, plan);
  if ('problem' in file) throw new Error(file.problem);
  const sha256 = fileSha256(file.path);
  const shown = await showPlanJson(ctx, place, file.path, signal);
  if (!shown.ok) throw new Error(`terraform show ${file.relative} failed: ${shown.error.message}`);
  return planFacts(shown.output, file.relative, sha256);
}

/** The rendered preview of a saved plan: the JSON for the changes, the plain text one click away. */
export async function renderSavedPlan(ctx: ToolContext, place: TerraformPlace, path: string, heading: string, signal?: AbortSignal): Promise<ToolResult<PlanPreview>> {
  const [json, text] = await Promise.all([showPlanJson(ctx, place, path, signal), showPlanText(ctx, place, path, signal)]);
  if (!json.ok) return json;
  if (!text.ok) return text;
  const preview = planPreview(json.output, text.output, heading);
  return { ok: true, output: { ...preview, title: `${heading}: ${countsLine(preview.counts)}${preview.drift.length ? `; ${preview.drift.length} changed outside Terraform` : ''}` } };
}

/** The preview of a saved plan named by a step's input; a failure becomes an error the plan shows. */
export async function savedPlanPreview(ctx: ToolContext, place: TerraformPlace, plan: string, heading: string): Promise<PlanPreview> {
  if (place.problem) throw new Error(place.problem);
  const file = resolvePlanFile(place, plan);
  if ('problem' in file) throw new Error(file.problem);
  const rendered = await renderSavedPlan(ctx, place, file.path, heading);
  if (!rendered.ok) throw new Error(rendered.error.message);
  return rendered.output;
}
