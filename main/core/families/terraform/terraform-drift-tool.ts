import { join } from 'node:path';
import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { makePlan, planOptionFields } from './terraform-make-plan';
import { defaultPlanName } from './terraform-plan-file';
import { planChanges } from './terraform-plan-preview';
import { placeFields, terraformPlace } from './terraform-place';
import { showPlanJson } from './terraform-saved-plan';
import { writeDriftRecord } from './terraform-drift-record';
import { pullState } from './terraform-state-snapshot';

const attribute = z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable(), sensitive: z.boolean(), forcesReplacement: z.boolean() });
const drifted = z.object({ address: z.string(), module: z.string().nullable(), type: z.string(), name: z.string(), action: z.string(), attributes: z.array(attribute) });

export const terraformDrift = defineReadTool({
  name: 'terraform.drift',
  description:
    'Detect drift: what changed outside Terraform since the last apply (a resource edited or deleted by hand), from a refresh-only plan. Changes nothing; ' +
    'the refresh-only plan is saved, and applying it with terraform.apply records what changed in the state (a plain terraform.plan instead plans putting things back).',
  reads: 'detects drift with a refresh-only plan (reads the infrastructure, changes nothing)',
  input: z.object({ ...placeFields, vars: planOptionFields.vars, varFiles: planOptionFields.varFiles }).strict(),
  output: z.object({ checkedAt: z.string(), plan: z.string(), sha256: z.string(), count: z.number(), drifted: z.array(drifted) }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `terraform plan -refresh-only in ${terraformPlace(ctx, input).target.label}: lists what changed outside Terraform, changes nothing` }),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const checkedAt = new Date().toISOString();
    // Which state the check is of: the Resources view shows its result only while the state is still that one.
    const before = await pullState(ctx, place, signal);
    if (!before.ok) return toolFailure(before.error.code, `The state of ${place.target.label} cannot be read: ${before.error.message}`);
    const made = await makePlan(ctx, place, defaultPlanName('drift', place.workspace), { vars: input.vars, varFiles: input.varFiles, targets: [], replace: [], mode: 'refresh-only' }, { signal, log });
    if (!made.ok) return made;
    const shown = await showPlanJson(ctx, place, join(place.dir, made.output.plan), signal);
    if (!shown.ok) return toolFailure(shown.error.code, `The refresh-only plan ${made.output.plan} cannot be read: ${shown.error.message}`);
    const drift = planChanges(shown.output).drift.map(({ replaceBecause: _, ...change }) => change);
    writeDriftRecord(place, {
      checkedAt,
      lineage: before.output.state.lineage ?? null,
      serial: before.output.state.serial ?? null,
      drifted: drift.map((change) => ({ address: change.address, action: change.action, attributes: change.attributes.map((attribute) => attribute.path) })),
    });
    log('info', drift.length ? `${drift.length} resource${drift.length === 1 ? '' : 's'} changed outside Terraform: ${drift.map((change) => `${change.address} (${change.action})`).join(', ')}\n` : 'no drift: the infrastructure matches the state\n');
    return { ok: true, output: { checkedAt, plan: made.output.plan, sha256: made.output.sha256, count: drift.length, drifted: drift } };
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'prod' }],
});
