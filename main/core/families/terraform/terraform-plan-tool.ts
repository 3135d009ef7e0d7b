import { join } from 'node:path';
import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { makePlan, planOptionFields } from './terraform-make-plan';
import { defaultPlanName, planNameField } from './terraform-plan-file';
import { placeFields, terraformPlace } from './terraform-place';
import { renderSavedPlan } from './terraform-saved-plan';
import { speculativePlanPreview } from './terraform-speculative-plan';

const countsShape = z.object({ create: z.number(), update: z.number(), replace: z.number(), delete: z.number(), read: z.number(), forget: z.number() });

export const terraformPlan = defineReadTool({
  name: 'terraform.plan',
  description:
    'Plan a Terraform directory and save the plan to .reign/plans/NAME.tfplan (nothing in the infrastructure or the state changes). ' +
    'Returns the saved plan\'s path and sha256 and its counts; terraform.apply applies exactly that file, and its approval shows the rendered plan. ' +
    'destroy: true plans the destruction of everything in the workspace.',
  reads: 'plans: reads the state and the infrastructure, saves a plan file, changes nothing',
  input: z.object({ ...placeFields, name: planNameField, destroy: z.boolean().default(false).describe('Plan to destroy every resource of the workspace (-destroy)'), ...planOptionFields }).strict(),
  output: z.object({ plan: z.string(), sha256: z.string(), workspace: z.string(), counts: countsShape, changes: z.array(z.object({ address: z.string(), action: z.string() })), drifted: z.number() }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    return speculativePlanPreview(ctx, place, { ...input, mode: input.destroy ? 'destroy' : 'normal' }, `${input.destroy ? 'Destroy plan' : 'Plan'} for ${place.target.label}`);
  },
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    const made = await makePlan(ctx, place, input.name ?? defaultPlanName(input.destroy ? 'destroy' : 'plan', place.workspace), { ...input, mode: input.destroy ? 'destroy' : 'normal' }, { signal, log });
    if (!made.ok) return made;
    const rendered = await renderSavedPlan(ctx, place, join(place.dir, made.output.plan), 'Plan', signal);
    if (!rendered.ok) return toolFailure(rendered.error.code, `The plan was saved as ${made.output.plan} but cannot be read back: ${rendered.error.message}`);
    const { counts, changes, drift } = rendered.output;
    log('info', `saved ${made.output.plan} (sha256 ${made.output.sha256.slice(0, 12)}…): ${rendered.output.title.replace(/^Plan: /, '')}\n`);
    return { ok: true, output: { plan: made.output.plan, sha256: made.output.sha256, workspace: place.workspace, counts, changes: changes.map(({ address, action }) => ({ address, action })), drifted: drift.length } };
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'staging', varFiles: ['envs/staging.tfvars'], name: 'staging-web' }, { dir: 'infra', destroy: true }],
});
