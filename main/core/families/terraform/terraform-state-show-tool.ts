import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { stateAddressField } from './terraform-address';
import { formatPath } from './terraform-attribute-diff';
import { runTerraformJson } from './terraform-exec';
import { maskStateJson } from './terraform-json-mask';
import { type StateJson, type StateResource, stateResources } from './terraform-plan-json';
import { placeFields, terraformPlace } from './terraform-place';
import { addressList } from './terraform-state-list';

type Segment = string | number;

/** The attribute paths Terraform marks sensitive (`result`, `tags["token"]`): what is shown masked. */
function markedPaths(marks: unknown, prefix: Segment[] = []): string[] {
  if (marks === true) return prefix.length ? [formatPath(prefix)] : ['(the whole value)'];
  if (!marks || typeof marks !== 'object') return [];
  const entries: [Segment, unknown][] = Array.isArray(marks) ? marks.map((mark, index) => [index, mark]) : Object.entries(marks);
  return entries.flatMap(([key, mark]) => markedPaths(mark, [...prefix, key]));
}

type ShownResource = StateResource & { readonly provider_name?: string; readonly index?: string | number; readonly tainted?: boolean; readonly depends_on?: readonly string[] };

export const terraformStateShow = defineReadTool({
  name: 'terraform.state.show',
  description:
    'Show one resource instance of a workspace\'s state: its attributes as JSON (from terraform show -json), with every attribute the provider marks sensitive masked and listed in sensitiveAttributes. ' +
    'address as terraform.state.list prints it.',
  reads: 'reads one resource\'s attributes from the state',
  input: z.object({ ...placeFields, address: stateAddressField }).strict(),
  output: z.object({
    address: z.string(),
    mode: z.string(),
    type: z.string(),
    name: z.string(),
    provider: z.string().nullable(),
    tainted: z.boolean(),
    dependsOn: z.array(z.string()),
    values: z.record(z.string(), z.unknown()),
    sensitiveAttributes: z.array(z.string()),
  }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `The attributes of ${input.address} in the state of ${terraformPlace(ctx, input).target.label}, sensitive values masked` }),
  run: async ({ input, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const shown = await runTerraformJson<StateJson>(ctx, place.dir, ['show', '-json', '-no-color'], { signal, workspace: place.workspace, timeoutMs: 120_000 });
    if (!shown.ok) return toolFailure(shown.error.code, `terraform show failed in ${place.target.label}: ${shown.error.message}`, shown.error.detail);
    const raw = stateResources(shown.output?.values?.root_module);
    const index = raw.findIndex((resource) => resource.address === input.address);
    if (index < 0) {
      const near = raw.map((resource) => resource.address).filter((address) => address.startsWith(`${input.address}[`) || address.startsWith(`${input.address}.`));
      const hint = near.length ? ` It has ${addressList(near)}: name one instance.` : raw.length ? ` terraform.state.list shows what it has (${raw.length} instances).` : ' The state is empty.';
      return toolFailure('NOT_FOUND', `There is no ${input.address} in the state of ${place.target.label}.${hint}`);
    }
    // Masked from the whole state, so a secret copied into another resource's attribute is masked too.
    const resource = stateResources(maskStateJson(shown.output).values?.root_module)[index] as ShownResource;
    return {
      ok: true,
      output: {
        address: resource.address,
        mode: resource.mode,
        type: resource.type,
        name: resource.name,
        provider: resource.provider_name ?? null,
        tainted: resource.tainted ?? false,
        dependsOn: [...(resource.depends_on ?? [])],
        values: (resource.values ?? {}) as Record<string, unknown>,
        sensitiveAttributes: markedPaths(raw[index]!.sensitive_values),
      },
    };
  },
  examples: [{ dir: 'infra', address: 'random_password.db' }, { dir: 'infra', workspace: 'prod', address: 'module.network.aws_subnet.this["a"]' }],
});
