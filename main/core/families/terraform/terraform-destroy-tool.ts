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
    'Destroy every resource of a Terraform workspace, or with targets only those resources (and what depends on them): expands into terraform.plan with destroy: true (saved to .reign/plans/NAME.tfplan) and terraform.apply of that saved plan, whose approval shows every resource that goes. Never destroys without a saved plan.',
  input: z
    .object({
      ...placeFields,
      name: planNameField,
      vars: planOptionFields.vars,
      varFiles: planOptionFields.varFiles,
      targets: z.array(z.string().min(1)).default([]).describe('Only these resource addresses, and what depends on them (-target); default: everything'),
    })
    .strict(),
  output: z.object({}),
  risk: ({ input, ctx }) => {
    const where = terraformPlace(ctx, input).target.label;
    const what = input.targets.length ? `${input.targets.join(', ')} and what depends on ${input.targets.length === 1 ? 'it' : 'them'} in ${where}` : `every resource of ${where}`;
    // Every resource gone is critical; a few named ones are a delete, and the apply step's own risk (from the saved plan) still rates stateful ones critical.
    return assess(input.targets.length ? 'destructive' : 'critical', `destroys ${what} (its plan and apply steps are classified on their own)`);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    return speculativePlanPreview(ctx, place, { ...input, replace: [], mode: 'destroy' }, `Destroy ${input.targets.length ? `${input.targets.join(', ')} in ` : ''}${place.target.label}`);
  },
  expand: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const name = input.name ?? defaultPlanName('destroy', place.workspace);
    const where = { dir: input.dir, ...(input.workspace ? { workspace: input.workspace } : {}) };
    return {
      ok: true,
      output: [
        { id: 'plan', tool: 'terraform.plan', input: { ...where, name, destroy: true, vars: input.vars, varFiles: input.varFiles, targets: input.targets }, dependsOn: [], name: `plan the destruction of ${place.relative}` },
        { id: 'apply', tool: 'terraform.apply', input: { ...where, plan: planFile(name) }, dependsOn: ['plan'], name: `destroy ${place.relative}` },
      ],
    };
  },
  run: async () => toolFailure('PLANNER', 'terraform.destroy is a planner: it is replaced by its plan and apply steps before a plan runs.'),
  idempotent: true,
  describeChange: (input) => (input.targets.length ? `destroyed ${input.targets.join(', ')} in ${input.dir}` : `destroyed every resource of ${input.dir}`),
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'staging', varFiles: ['envs/staging.tfvars'] }],
});
