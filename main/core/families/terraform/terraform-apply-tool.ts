import { basename } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool } from '../../tools/tool-definition';
import { type AppliedPlan, appliedText, applySavedPlan } from './terraform-apply-run';
import { undoApply } from './terraform-apply-undo';
import { planFileField } from './terraform-plan-file';
import type { PlanFacts } from './terraform-plan-facts';
import { planRisk } from './terraform-plan-risk';
import { placeFields, terraformPlace } from './terraform-place';
import { inspectSavedPlan, savedPlanPreview } from './terraform-saved-plan';
import { type ApplySnapshot, snapshotBeforeApply } from './terraform-state-snapshot';

interface ApplyInput {
  dir: string;
  workspace?: string;
  plan: string;
}

export const terraformApply = defineTool<ApplyInput, AppliedPlan, ApplySnapshot, PlanFacts>({
  name: 'terraform.apply',
  description:
    'Apply a plan saved by terraform.plan (or terraform.drift), exactly as saved: never a fresh plan. The approval shows the rendered plan and is bound to the plan file\'s sha256; ' +
    'risk comes from what the plan does (destroying or replacing resources is destructive, destroying everything or a database, bucket, volume or cluster is critical). ' +
    'A plan made before another apply changed the state is stale and refused: plan again. Undo plans the destruction of what the apply created and asks for its approval.',
  input: z.object({ ...placeFields, plan: planFileField }).strict(),
  output: z.object({ plan: z.string(), sha256: z.string(), applied: z.array(z.object({ address: z.string(), action: z.string() })), summary: z.object({ add: z.number(), change: z.number(), remove: z.number() }), outputs: z.record(z.string(), z.unknown()) }),
  inspect: ({ input, ctx, signal }) => inspectSavedPlan(ctx, terraformPlace(ctx, input), input.plan, signal),
  inspectTimeoutMs: 60_000,
  contentHash: (facts) => facts?.sha256 ?? null,
  risk: ({ facts }) => (facts ? planRisk(facts) : assess('write', 'the saved plan cannot be read yet (an earlier step makes it), so what it changes is not known; the step is classified again from the plan before it runs')),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    return savedPlanPreview(ctx, place, input.plan, `Apply ${input.plan} to ${place.target.label}`);
  },
  snapshot: ({ input, ctx }) => snapshotBeforeApply(ctx, terraformPlace(ctx, input), basename(input.plan).replace(/\.tfplan$/, '')),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    const applied = await applySavedPlan(ctx, place, input.plan, { signal, log });
    if (applied.ok) log('info', `applied ${applied.output.plan} to ${place.target.label}${applied.output.applied.length ? `: ${appliedText(applied.output.applied)}` : ': no changes'}\n`);
    return applied;
  },
  undo: ({ input, snapshot, ctx, signal }) => undoApply(ctx, terraformPlace(ctx, input), input.plan, snapshot, signal),
  idempotent: false,
  describeChange: (input) => `applied the saved plan ${input.plan} in ${input.dir} (undo only plans the destruction of what it created, for approval)`,
  examples: [{ dir: 'infra', plan: '.reign/plans/plan-default-20260101-120000000.tfplan' }, { dir: 'infra', workspace: 'prod', plan: 'prod-web' }],
});
