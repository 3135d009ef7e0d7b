import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ToolContext } from '../../tools/tool-definition';
import { preparePlansFolder, resolvePlanFile } from './terraform-plan-file';
import type { TerraformPlace } from './terraform-place';
import { showPlanJson } from './terraform-saved-plan';

/**
 * The input variables an applied plan was made with (`-var`, var files, TF_VAR_…), as a var file
 * for the plan that undoes it: destroying needs the same provider settings (a kubeconfig path, a
 * region). The values are read from the saved plan when the undo runs, never kept by Reign, and go
 * through a file in .reign/plans (git-ignored, owner-only), not the command line, because some may
 * be secrets. `release` removes the file. Null when the plan cannot be read (then no variables).
 */
export async function appliedVariablesFile(ctx: ToolContext, place: TerraformPlace, plan: string, name: string, signal: AbortSignal): Promise<{ file: string; release(): void } | null> {
  const saved = resolvePlanFile(place, plan);
  if ('problem' in saved) return null;
  const shown = await showPlanJson(ctx, place, saved.path, signal);
  if (!shown.ok) return null;
  const values = Object.fromEntries(Object.entries(shown.output.variables ?? {}).filter(([, variable]) => variable.value !== undefined).map(([key, variable]) => [key, variable.value]));
  if (!Object.keys(values).length) return null;
  preparePlansFolder(place);
  // A name of its own (two undos of one plan never share it), created new: never through a link planted there.
  const file = `.reign/plans/${name}-${randomUUID().slice(0, 8)}.tfvars.json`;
  writeFileSync(join(place.dir, file), JSON.stringify(values), { mode: 0o600, flag: 'wx' });
  return { file, release: () => rmSync(join(place.dir, file), { force: true }) };
}
