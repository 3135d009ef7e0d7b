import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanPreview } from '../../tools/plan-preview';
import type { ToolContext } from '../../tools/tool-definition';
import { makePlan, type PlanOptions } from './terraform-make-plan';
import { defaultPlanName } from './terraform-plan-file';
import type { TerraformPlace } from './terraform-place';
import { renderSavedPlan } from './terraform-saved-plan';

/**
 * What a plan would do, rendered, without keeping it: a plan saved under a preview name, shown and
 * removed. A preview may run while the person reads the plan, so it never leaves a file to apply.
 */
export async function speculativePlanPreview(ctx: ToolContext, place: TerraformPlace, options: PlanOptions, heading: string): Promise<PlanPreview> {
  if (place.problem) throw new Error(place.problem);
  // Previews of several steps may run at once: each its own file.
  const made = await makePlan(ctx, place, `${defaultPlanName('preview', place.workspace)}-${randomBytes(3).toString('hex')}`, { ...options, speculative: true }, { signal: AbortSignal.timeout(5 * 60_000) });
  if (!made.ok) throw new Error(made.error.message);
  try {
    const rendered = await renderSavedPlan(ctx, place, join(place.dir, made.output.plan), heading);
    if (!rendered.ok) throw new Error(rendered.error.message);
    return rendered.output;
  } finally {
    rmSync(join(place.dir, made.output.plan), { force: true });
  }
}

