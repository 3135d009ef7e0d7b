import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { runTerraformJson } from './terraform-exec';
import { placeFields, terraformPlace } from './terraform-place';
import { SENSITIVE } from './terraform-sensitive';

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
    const result = await runTerraformJson<Record<string, { sensitive: boolean; type: unknown; value: unknown }>>(ctx, place.dir, ['output', '-json', '-no-color'], { signal, workspace: place.workspace, timeoutMs: 120_000 });
    if (!result.ok) return toolFailure(result.error.code, `terraform output failed in ${place.relative}: ${result.error.message}`, result.error.detail);
    const outputs = Object.entries(result.output ?? {}).map(([name, output]) => ({ name, sensitive: output.sensitive, type: output.type, value: output.sensitive ? SENSITIVE : output.value }));
    return { ok: true, output: { outputs } };
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', workspace: 'prod' }],
});
