import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { readOutputs } from './terraform-outputs';
import { placeFields, terraformPlace } from './terraform-place';

export const terraformOutput = defineReadTool({
  name: 'terraform.output',
  description: 'The output values of a Terraform workspace\'s state (terraform output -json), with their types; outputs marked sensitive are listed with their value masked.',
  reads: 'reads output values from the state',
  input: z.object({ ...placeFields }).strict(),
  output: z.object({ outputs: z.array(z.object({ name: z.string(), sensitive: z.boolean(), type: z.unknown(), value: z.unknown() })) }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `terraform output -json in ${terraformPlace(ctx, input).target.label}` }),
  run: async ({ input, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const outputs = await readOutputs(ctx, place, signal);
    if (!outputs.ok) return toolFailure(outputs.error.code, `terraform output failed in ${place.relative}: ${outputs.error.message}`, outputs.error.detail);
    return { ok: true, output: { outputs: outputs.output } };
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'prod' }],
});
