import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type RunArgs, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { parseJsonLines } from './terraform-messages';
import { fileSha256, planFile, preparePlansFolder } from './terraform-plan-file';
import { pathInDir, type TerraformPlace } from './terraform-place';

export const planOptionFields = {
  vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/), z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())])).default({}).describe('Input variables (-var); put secrets in a var file instead, since inputs are journaled'),
  varFiles: z.array(z.string().min(1)).default([]).describe('*.tfvars files relative to dir (-var-file), e.g. envs/prod.tfvars'),
  targets: z.array(z.string().min(1)).default([]).describe('Only these resource addresses and what they depend on (-target); for exceptional cases'),
  replace: z.array(z.string().min(1)).default([]).describe('Resource addresses to replace even though nothing forces it (-replace)'),
};

export interface PlanOptions {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly varFiles: readonly string[];
  readonly targets: readonly string[];
  readonly replace: readonly string[];
  readonly mode?: 'normal' | 'destroy' | 'refresh-only';
  /** A plan only shown, never applied (a preview): it takes no state lock, so it never holds up a real plan or apply. */
  readonly speculative?: boolean;
}

export interface MadePlan {
  /** Relative to the working directory. */
  readonly plan: string;
  readonly sha256: string;
  readonly summary: { readonly add: number; readonly change: number; readonly remove: number; readonly import: number };
}

/** The flags of a plan's options, or why one is not allowed. */
export function planFlags(place: TerraformPlace, options: PlanOptions): { flags: string[] } | { problem: string } {
  const flags: string[] = [];
  if (options.mode === 'destroy') flags.push('-destroy');
  if (options.mode === 'refresh-only') flags.push('-refresh-only');
  for (const file of options.varFiles) {
    if (!pathInDir(place, file)) return { problem: `The var file ${file} must be inside ${place.relative}, written relative to it.` };
    flags.push(`-var-file=${file}`);
  }
  for (const [name, value] of Object.entries(options.vars)) flags.push(`-var=${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  for (const address of options.targets) flags.push(`-target=${address}`);
  for (const address of options.replace) flags.push(`-replace=${address}`);
  return { flags };
}

/**
 * `terraform plan -out=.reign/plans/NAME.tfplan`: refreshes what the state knows and saves the plan
 * that terraform.apply runs, byte for byte. Changes nothing in the infrastructure or the state.
 */
export async function makePlan(ctx: ToolContext, place: TerraformPlace, name: string, options: PlanOptions, run: Pick<RunArgs<unknown>, 'signal'> & Partial<Pick<RunArgs<unknown>, 'log'>>): Promise<ToolResult<MadePlan>> {
  if (place.problem) return toolFailure('NOT_FOUND', place.problem);
  const flags = planFlags(place, options);
  if ('problem' in flags) return toolFailure('INVALID_INPUT', flags.problem);
  preparePlansFolder(place);
  const plan = planFile(name);
  const result = await runTerraform(ctx, place.dir, ['plan', '-input=false', '-no-color', '-json', options.speculative ? '-lock=false' : '-lock-timeout=30s', `-out=${plan}`, ...flags.flags], { signal: run.signal, log: run.log, jsonLines: true, workspace: place.workspace });
  if (!result.ok) {
    // A plan that failed half way may have left a file behind; it must never be applied.
    rmSync(join(place.dir, plan), { force: true });
    return toolFailure(result.error.code, `terraform plan failed in ${place.relative} (workspace ${place.workspace}): ${result.error.message}`, result.error.detail);
  }
  const summary = parseJsonLines(result.output.stdout).find((message) => message.type === 'change_summary')?.changes;
  return { ok: true, output: { plan, sha256: fileSha256(join(place.dir, plan)), summary: { add: summary?.add ?? 0, change: summary?.change ?? 0, remove: summary?.remove ?? 0, import: summary?.import ?? 0 } } };
}
