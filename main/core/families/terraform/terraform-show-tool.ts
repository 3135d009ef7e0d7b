import { z } from 'zod';
import { defineReadTool, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraformJson } from './terraform-exec';
import { maskPlanJson, maskStateJson } from './terraform-json-mask';
import { resolvePlanFile } from './terraform-plan-file';
import type { StateJson } from './terraform-plan-json';
import { placeFields, terraformPlace } from './terraform-place';
import { showPlanJson } from './terraform-saved-plan';

export const terraformShow = defineReadTool({
  name: 'terraform.show',
  description:
    'Read a saved plan (plan: its path or name) or, without plan, the current state of the workspace, as Terraform\'s JSON (resource values, outputs, changes), with every sensitive value masked. ' +
    'The plan JSON leaves out the configuration section.',
  reads: 'reads a saved plan or the state',
  input: z.object({ ...placeFields, plan: z.string().min(1).optional().describe('A saved plan (.reign/plans/NAME.tfplan or NAME); without it, the state') }).strict(),
  output: z.object({ of: z.enum(['plan', 'state']), json: z.record(z.string(), z.unknown()) }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `terraform show -json ${input.plan ?? '(the state)'}` }),
  run: async ({ input, ctx, signal }): Promise<ToolResult<{ of: 'plan' | 'state'; json: Record<string, unknown> }>> => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    if (input.plan) {
      const file = resolvePlanFile(place, input.plan);
      if ('problem' in file) return toolFailure('NOT_FOUND', file.problem);
      const shown = await showPlanJson(ctx, place, file.path, signal);
      return shown.ok ? { ok: true, output: { of: 'plan', json: maskPlanJson(shown.output) as unknown as Record<string, unknown> } } : shown;
    }
    const shown = await runTerraformJson<StateJson>(ctx, place.dir, ['show', '-json', '-no-color'], { signal, workspace: place.workspace, timeoutMs: 120_000 });
    return shown.ok ? { ok: true, output: { of: 'state', json: maskStateJson(shown.output) as unknown as Record<string, unknown> } } : shown;
  },
  examples: [{ dir: 'infra' }, { dir: 'infra', plan: '.reign/plans/plan-default-20260101-120000000.tfplan' }],
});
