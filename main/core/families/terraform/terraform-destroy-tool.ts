import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { planOptionFields } from './terraform-make-plan';
import { defaultPlanName, planFile, planNameField } from './terraform-plan-file';
import { placeFields, terraformPlace } from './terraform-place';
import { speculativePlanPreview } from './terraform-speculative-plan';

/**
 * Destroying is a plan like any other: this planner becomes a destroy plan saved to a file and the
 * apply of exactly that file, so the approval shows what goes and is bound to the plan's hash.
 */
export const terraformDestroy = defineTool({
  name: 'terraform.destroy',
  description:
    'Destroy every resource of a Terraform workspace: expands into terraform.plan with destroy: true (saved to .reign/plans/NAME.tfplan) and terraform.apply of that saved plan, whose approval shows every resource that goes. Never destroys without a saved plan.',
  input: z.object({ ...placeFields, name: planNameField, vars: planOptionFields.vars, varFiles: planOptionFields.varFiles }).strict(),
  output: z.object({}),
  risk: ({ input, ctx }) => assess('critical', `destroys every resource of ${terraformPlace(ctx, input).target.label} (its plan and apply steps are classified on their own)`),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    return speculativePlanPreview(ctx, place, { ...input, targets: [], replace: [], mode: 'destroy' }, `Destroy ${place.target.label}`);
  },
  expand: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const name = input.name ?? defaultPlanName('destroy', place.workspace);
    const where = { dir: input.dir, ...(input.workspace ? { workspace: input.workspace } : {}) };
    return {
      ok: true,
      output: [
        { id: 'plan', tool: 'terraform.plan', input: { ...where, name, destroy: true, vars: input.vars, varFiles: input.varFiles }, dependsOn: [], name: `plan the destruction of ${place.relative}` },
        { id: 'apply', tool: 'terraform.apply', input: { ...where, plan: planFile(name) }, dependsOn: ['plan'], name: `destroy ${place.relative}` },
      ],
    };
  },
  run: async () => toolFailure('PLANNER', 'terraform.destroy is a planner: it is replaced by its plan and apply steps before a plan runs.'),
  idempotent: true,
  describeChange: (input) => `destroyed every resource of ${input.dir}`,
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'staging', varFiles: ['envs/staging.tfvars'] }],
});
