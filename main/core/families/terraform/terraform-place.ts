import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Target, ToolContext } from '../../tools/tool-definition';

export const dirField = z
  .string()
  .min(1)
  .default('.')
  .refine((dir) => !isAbsolute(dir) && !dir.split(/[\\/]/).includes('..'), { message: 'dir is a folder inside the workspace, written relative to it (infra/prod, or . for the workspace itself)' })
  .describe('The Terraform working directory, relative to the workspace (default: the workspace itself)');

export const workspaceField = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,89}$/, 'a Terraform workspace name: letters, digits, _ . -')
  .optional()
  .describe('The Terraform workspace (default: the one selected in the folder, else default)');

export const placeFields = { dir: dirField, workspace: workspaceField };

/** Where a Terraform step runs: its folder, its workspace and the backend that keeps its state. */
export interface TerraformPlace {
  /** Absolute (real) path of the working directory. */
  readonly dir: string;
  /** As the person wrote it, relative to the Reign workspace. */
  readonly relative: string;
  readonly workspace: string;
  /** local, pg, s3, remote, cloud… */
  readonly backend: string;
  readonly target: Target;
  /** Why nothing can run here (no such folder, no configuration), or null. */
  readonly problem: string | null;
}

/**
 * The working directory and workspace of a step. The target id names the real path of the folder
 * and the workspace (`terraform:/abs/infra#prod`), so an approval never carries over to another
 * folder, another checkout or another workspace.
 */
export function terraformPlace(ctx: ToolContext, input: { dir?: string; workspace?: string }): TerraformPlace {
  const wanted = input.dir ?? '.';
  const root = realpathSync(ctx.workspace);
  const lexical = resolve(root, wanted);
  let dir = lexical;
  let problem: string | null = null;
  try {
    dir = realpathSync(lexical);
    if (dir !== root && !dir.startsWith(root + sep)) problem = `${wanted} leads outside the workspace ${root} (a symbolic link); Reign only runs Terraform inside it.`;
    else if (!statSync(dir).isDirectory()) problem = `${wanted} is a file, not a Terraform working directory.`;
    else if (!hasConfiguration(dir) && !hasStateOrInit(dir)) problem = `${wanted} has no Terraform configuration (*.tf or *.tf.json files). Write one there first, or name the folder that has it.`;
  } catch {
    problem = `There is no folder ${wanted} in the workspace ${root}.`;
  }
  const workspace = input.workspace ?? (ctx.env.TF_WORKSPACE || null) ?? selectedWorkspace(dir);
  const backend = backendType(dir);
  const shown = relative(root, dir) || '.';
  return { dir, relative: shown, workspace, backend, problem, target: { kind: 'terraform', id: `terraform:${dir}#${workspace}`, label: `${shown} #${workspace} (${backend} backend)` } };
}

function hasConfiguration(dir: string): boolean {
  return readdirSync(dir).some((name) => name.endsWith('.tf') || name.endsWith('.tf.json'));
}

/**
 * A folder whose configuration is gone but whose infrastructure is not (its files were removed by
 * hand or by a rollback, the state is still there) is still a working directory: a saved plan can
 * be applied there (it carries its configuration) and a plan shows everything the state still holds.
 */
function hasStateOrInit(dir: string): boolean {
  return existsSync(join(dir, '.terraform')) || existsSync(join(dir, 'terraform.tfstate'));
}

/** The workspace `terraform workspace select` chose, kept in .terraform/environment. */
function selectedWorkspace(dir: string): string {
  try {
    return readFileSync(join(dir, '.terraform', 'environment'), 'utf8').trim() || 'default';
  } catch {
    return 'default';
  }
}

/** The backend init configured (.terraform/terraform.tfstate), else the one the configuration declares, else local. */
export function backendType(dir: string): string {
  try {
    const initialized = JSON.parse(readFileSync(join(dir, '.terraform', 'terraform.tfstate'), 'utf8')) as { backend?: { type?: string } };
    if (initialized.backend?.type) return initialized.backend.type;
  } catch {
    // Not initialized, or a local backend (init writes no backend file for it).
  }
  try {
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.tf')).sort()) {
      const text = readFileSync(join(dir, name), 'utf8');
      const declared = /^\s*backend\s+"([A-Za-z0-9_-]+)"/m.exec(text);
      if (declared) return declared[1]!;
      if (/^\s*cloud\s*\{/m.test(text)) return 'cloud';
    }
  } catch {
    // No folder: nothing declared.
  }
  return 'local';
}

/** A path inside the working directory (a plan file, a var file), refusing ones that leave it. */
export function pathInDir(place: TerraformPlace, path: string): string | null {
  if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) return null;
  return join(place.dir, path);
}
