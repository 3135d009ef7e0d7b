import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { stateAddressField } from './terraform-address';
import { runTerraform } from './terraform-exec';
import { placeFields, type TerraformPlace, terraformPlace } from './terraform-place';
import { backUpState, currentIdentity, pushStateBack, type StateBackup } from './terraform-state-backup';
import { addressList, listState } from './terraform-state-list';

interface RmInput {
  dir: string;
  workspace?: string;
  addresses: string[];
}

interface Forgotten {
  forgotten: string[];
  /** The state's serial once they are forgotten: the undo pushes the snapshot back only while it is still this. */
  serial: number | null;
  lineage: string | null;
}

/** The instances the addresses name in the state now: exactly what `state rm` forgets. */
async function forgets(ctx: ToolContext, place: TerraformPlace, addresses: readonly string[], signal?: AbortSignal): Promise<{ forgotten: string[] }> {
  if (place.problem) throw new Error(place.problem);
  const listed = await listState(ctx, place, addresses, { signal });
  if (!listed.ok) throw new Error(listed.error.message);
  return { forgotten: listed.output };
}

export const terraformStateRm = defineTool<RmInput, Forgotten, StateBackup, { forgotten: string[] }>({
  name: 'terraform.state.rm',
  description:
    'Make Terraform forget resources (terraform state rm): they are removed from the workspace\'s state, and the real objects stay as they are, no longer managed. ' +
    'While the configuration still declares them, the next plan creates them again (a duplicate); remove them from the configuration too, or use terraform.import to take them back. ' +
    'Undo pushes back the state snapshot taken before, if nothing else changed the state since.',
  input: z.object({ ...placeFields, addresses: z.array(stateAddressField).min(1).describe('The resources, instances or modules to forget, as terraform.state.list prints them') }).strict(),
  output: z.object({ forgotten: z.array(z.string()), serial: z.number().nullable(), lineage: z.string().nullable() }),
  inspect: ({ input, ctx, signal }) => forgets(ctx, terraformPlace(ctx, input), input.addresses, signal),
  inspectTimeoutMs: 60_000,
  risk: ({ input, ctx, facts }) => {
    const place = terraformPlace(ctx, input);
    const what = facts ? `${facts.forgotten.length} resource instance${facts.forgotten.length === 1 ? '' : 's'}${facts.forgotten.length ? ` (${addressList(facts.forgotten)})` : ''}` : addressList(input.addresses);
    return assess('destructive', `removes ${what} from the state of ${place.target.label}: Terraform no longer manages them (the real objects stay), and the next plan creates them again while the configuration declares them`);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    const { forgotten } = await forgets(ctx, place, input.addresses);
    if (!forgotten.length) return { kind: 'text', text: `Nothing in the state of ${place.target.label} matches ${input.addresses.join(', ')}: the step would fail. terraform.state.list shows the addresses.` };
    return {
      kind: 'text',
      text:
        `Terraform forgets, in the state of ${place.target.label} (${place.backend} backend):\n${forgotten.map((address) => `  - ${address}`).join('\n')}\n` +
        'The real objects are not destroyed: they keep running, unmanaged. While the configuration declares them, the next plan creates them again.\n' +
        'The state is pulled into .reign/state first; undo pushes that snapshot back (only if nothing else changed the state since).',
    };
  },
  snapshot: ({ input, ctx }) => backUpState(ctx, terraformPlace(ctx, input), 'state-rm'),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const { forgotten } = await forgets(ctx, place, input.addresses, signal).catch((error: Error) => ({ forgotten: [] as string[], error }));
    const removed = await runTerraform(ctx, place.dir, ['state', 'rm', '-no-color', '-lock-timeout=30s', ...input.addresses], { signal, workspace: place.workspace, timeoutMs: 120_000 });
    if (!removed.ok) return toolFailure(removed.error.code, `terraform state rm failed in ${place.target.label}: ${removed.error.message}`, removed.error.detail);
    const identity = await currentIdentity(ctx, place, signal);
    log('info', `Terraform forgot ${addressList(forgotten)} in ${place.target.label}; the real objects are left as they are\n`);
    return { ok: true, output: { forgotten, ...identity } };
  },
  undo: ({ input, output, snapshot, ctx, signal }) => {
    if (!output) return Promise.resolve({ ok: true, output: null });
    return pushStateBack(ctx, terraformPlace(ctx, input), snapshot, output, `forgetting ${addressList(output.forgotten)}`, signal);
  },
  idempotent: false,
  describeChange: (input) => `removed ${input.addresses.join(', ')} from the Terraform state of ${input.dir} (the real objects stay; undo pushes the state back)`,
  examples: [{ dir: 'infra', addresses: ['random_pet.name'] }, { dir: 'infra', workspace: 'prod', addresses: ['module.legacy'] }],
});
