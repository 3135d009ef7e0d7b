import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { readDriftRecord } from './terraform-drift-record';
import { placeFields, terraformPlace } from './terraform-place';
import { pullState } from './terraform-state-snapshot';
import { type RawState, stateResourceRows } from './terraform-state-resources';

const row = z.object({
  address: z.string(),
  module: z.string().nullable(),
  mode: z.enum(['managed', 'data']),
  type: z.string(),
  provider: z.string(),
  id: z.string().nullable(),
  drift: z.enum(['in sync', 'drifted', 'deleted', 'not checked']),
  driftedAttributes: z.array(z.string()),
});

export const terraformResources = defineReadTool({
  name: 'terraform.resources',
  description:
    'The resources in a Terraform workspace\'s state with their ids, and for each what the last drift check (terraform.drift) found: in sync, drifted (which attributes changed outside Terraform), deleted outside Terraform, or not checked since the state last changed. ' +
    'Reads the state only; run terraform.drift to check again.',
  reads: 'reads the resources in the state and the last drift check',
  input: z.object({ ...placeFields }).strict(),
  output: z.object({
    workspace: z.string(),
    backend: z.string(),
    serial: z.number().nullable(),
    resources: z.array(row),
    lastCheck: z.object({ checkedAt: z.string(), drifted: z.number(), current: z.boolean() }).nullable(),
  }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `terraform state pull in ${terraformPlace(ctx, input).target.label}: lists its resources and the last drift check` }),
  run: async ({ input, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const pulled = await pullState(ctx, place, signal);
    if (!pulled.ok) return toolFailure(pulled.error.code, `The state of ${place.target.label} cannot be read: ${pulled.error.message}`, pulled.error.detail);
    const state = pulled.output.state as RawState;
    return { ok: true, output: { workspace: place.workspace, backend: place.backend, serial: state.serial ?? null, ...stateResourceRows(state, readDriftRecord(place)) } };
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'prod' }],
});
