import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type RunArgs, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { GENERATED_FILE } from './terraform-import-blocks';
import { type MadePlan, planFlags } from './terraform-make-plan';
import { fileSha256, planFile, preparePlansFolder } from './terraform-plan-file';
import type { TerraformPlace } from './terraform-place';
import { parseJsonLines } from './terraform-messages';

export interface ImportPlan extends MadePlan {
  /** GENERATED_FILE when this plan wrote configuration for imported resources that had none, else null. */
  readonly generated: string | null;
}

/**
 * `terraform plan -out=… [-generate-config-out=generated.tf]` of a configuration with import
 * blocks: the saved plan imports the objects (and makes whatever else the configuration changes),
 * for terraform.apply to run once approved. Configuration is generated only into a new file:
 * terraform refuses to write over one, and an earlier generated.tf is the person's to review.
 */
export async function planImport(ctx: ToolContext, place: TerraformPlace, name: string, options: { vars: Readonly<Record<string, unknown>>; varFiles: readonly string[] }, run: Pick<RunArgs<unknown>, 'signal' | 'log'>): Promise<ToolResult<ImportPlan>> {
  const flags = planFlags(place, { ...options, targets: [], replace: [] });
  if ('problem' in flags) return toolFailure('INVALID_INPUT', flags.problem);
  preparePlansFolder(place);
  const plan = planFile(name);
  const generate = !existsSync(join(place.dir, GENERATED_FILE));
  const args = ['plan', '-input=false', '-no-color', '-json', '-lock-timeout=30s', `-out=${plan}`, ...(generate ? [`-generate-config-out=${GENERATED_FILE}`] : []), ...flags.flags];
  const result = await runTerraform(ctx, place.dir, args, { signal: run.signal, log: run.log, jsonLines: true, workspace: place.workspace });
  const generated = generate && existsSync(join(place.dir, GENERATED_FILE)) ? GENERATED_FILE : null;
  if (!result.ok) {
    // Neither a half-made plan nor configuration generated for an import that did not plan may stay: the next plan would create those resources.
    rmSync(join(place.dir, plan), { force: true });
    if (generated) rmSync(join(place.dir, generated), { force: true });
    const earlier = !generate && /does not exist|no configuration/i.test(result.error.message) ? ` ${GENERATED_FILE} already exists (from an earlier import?), so no configuration was generated: move its resources into your configuration or remove it, then import again.` : '';
    return toolFailure(result.error.code, `The import plan failed in ${place.target.label}: ${result.error.message}.${earlier}`, result.error.detail);
  }
  const summary = parseJsonLines(result.output.stdout).find((message) => message.type === 'change_summary')?.changes;
  return { ok: true, output: { plan, sha256: fileSha256(join(place.dir, plan)), generated, summary: { add: summary?.add ?? 0, change: summary?.change ?? 0, remove: summary?.remove ?? 0, import: summary?.import ?? 0 } } };
}
