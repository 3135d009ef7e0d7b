import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { pathInDir, type TerraformPlace } from './terraform-place';

/** Saved plans and state snapshots live here, inside the working directory. */
export const REIGN_FOLDER = '.reign';
const PLANS = `${REIGN_FOLDER}/plans`;

export const planNameField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$/, 'a plan name: letters, digits, _ . - (it becomes .reign/plans/NAME.tfplan)')
  .optional()
  .describe('Name of the saved plan (default: from the workspace and the time)');

export const planFileField = z
  .string()
  .min(1)
  .describe('The saved plan terraform.plan made: its path relative to dir (.reign/plans/NAME.tfplan, as terraform.plan returned it) or just NAME');

/** `.reign/plans/NAME.tfplan`, relative to the working directory. */
export function planFile(name: string): string {
  return `${PLANS}/${name}.tfplan`;
}

export function defaultPlanName(kind: 'plan' | 'destroy' | 'drift' | 'preview' | 'undo', workspace: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '').replace('Z', '');
  return `${kind}-${workspace}-${stamp}`;
}

/**
 * Creates .reign/plans in the working directory, with a .gitignore: saved plans and state
 * snapshots hold the values of sensitive attributes and must never be committed.
 */
export function preparePlansFolder(place: TerraformPlace): void {
  mkdirSync(join(place.dir, PLANS), { recursive: true });
  const ignore = join(place.dir, REIGN_FOLDER, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Saved Terraform plans and state snapshots hold secrets: never commit them.\n*\n');
}

/** The absolute path of a saved plan named by the input, or why it cannot be used. */
export function resolvePlanFile(place: TerraformPlace, plan: string): { path: string; relative: string } | { problem: string } {
  const relative = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(plan) && !plan.endsWith('.tfplan') ? planFile(plan) : plan;
  const path = pathInDir(place, relative);
  if (!path) return { problem: `The plan ${plan} must be a path inside ${place.relative} (like .reign/plans/NAME.tfplan).` };
  if (!existsSync(path)) {
    return { problem: `There is no saved plan ${relative} in ${place.relative} yet. terraform.plan makes it; an apply planned after it in the same run is shown and approved again once the plan exists.` };
  }
  return { path, relative };
}

export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
