import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { stateAddressField } from './terraform-address';
import { placeFields, terraformPlace } from './terraform-place';
import { listState } from './terraform-state-list';

export const terraformStateList = defineReadTool({
  name: 'terraform.state.list',
  description:
    'List the resource instances Terraform tracks in a workspace\'s state (terraform state list), as addresses like random_pet.name or module.net.aws_subnet.this["a"]. ' +
    'addresses narrows it to those resources or modules; id to the instances whose id is that value. Use it before terraform.state.show, .mv or .rm.',
  reads: 'lists the resource addresses in the state',
  input: z
    .object({
      ...placeFields,
      addresses: z.array(stateAddressField).default([]).describe('Only these resources or modules (module.net lists everything in it)'),
      id: z.string().min(1).optional().describe('Only the instances whose id attribute is this value'),
    })
    .strict(),
  output: z.object({ workspace: z.string(), addresses: z.array(z.string()), count: z.number() }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `terraform state list${input.id ? ` -id=${input.id}` : ''}${input.addresses.length ? ` ${input.addresses.join(' ')}` : ''} in ${terraformPlace(ctx, input).target.label}` }),
  run: async ({ input, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const listed = await listState(ctx, place, input.addresses, { id: input.id, signal });
    if (!listed.ok) return toolFailure(listed.error.code, `terraform state list failed in ${place.target.label}: ${listed.error.message}`, listed.error.detail);
    return { ok: true, output: { workspace: place.workspace, addresses: listed.output, count: listed.output.length } };
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'prod', addresses: ['module.network'] }],
});
