import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { stateAddressField } from './terraform-address';
import { runTerraform } from './terraform-exec';
import { placeFields, type TerraformPlace, terraformPlace } from './terraform-place';
import { backUpState, currentIdentity, pushStateBack, type StateBackup, type StateIdentity } from './terraform-state-backup';
import { addressList, listState } from './terraform-state-list';

interface MvInput {
  dir: string;
  workspace?: string;
  from: string;
  to: string;
}

interface MvFacts {
  /** Instances under `from` now. */
  readonly moving: readonly string[];
  /** Instances already under `to` (terraform refuses the move when there are some). */
  readonly occupied: readonly string[];
}

interface Moved {
  from: string;
  to: string;
  moved: string[];
  /** The state's serial once moved: the undo pushes the snapshot back only while it is still this. */
  serial: number | null;
  lineage: string | null;
}

async function mvFacts(ctx: ToolContext, place: TerraformPlace, input: MvInput, signal?: AbortSignal): Promise<MvFacts> {
  if (place.problem) throw new Error(place.problem);
  const [moving, occupied] = await Promise.all([listState(ctx, place, [input.from], { signal }), listState(ctx, place, [input.to], { signal })]);
  if (!moving.ok) throw new Error(moving.error.message);
  return { moving: moving.output, occupied: occupied.ok ? occupied.output : [] };
}

/** `terraform state mv FROM TO` in the step's workspace. */
async function stateMv(ctx: ToolContext, place: TerraformPlace, from: string, to: string, signal?: AbortSignal): Promise<ToolResult<unknown>> {
  return runTerraform(ctx, place.dir, ['state', 'mv', '-no-color', '-lock-timeout=30s', from, to], { signal, workspace: place.workspace, timeoutMs: 120_000 });
}

export const terraformStateMv = defineTool<MvInput, Moved, StateBackup, MvFacts>({
  name: 'terraform.state.mv',
  description:
    'Rename or move resources in a workspace\'s state (terraform state mv FROM TO): after renaming a resource or moving it into a module in the configuration, so Terraform keeps the same real object instead of destroying it and creating a new one. ' +
    'Changes no infrastructure, but rewrites the state: if the configuration does not declare TO, the next plan destroys the object. Undo moves it back (or pushes back the state snapshot taken before).',
  input: z.object({ ...placeFields, from: stateAddressField.describe('What to move: a resource, an instance or a module, as terraform.state.list prints it'), to: stateAddressField.describe('Its new address') }).strict().refine((input) => input.from !== input.to, { message: 'from and to are the same address: nothing would move' }),
  output: z.object({ from: z.string(), to: z.string(), moved: z.array(z.string()), serial: z.number().nullable(), lineage: z.string().nullable() }),
  inspect: ({ input, ctx, signal }) => mvFacts(ctx, terraformPlace(ctx, input), input, signal),
  inspectTimeoutMs: 60_000,
  risk: ({ input, ctx, facts }) => {
    const place = terraformPlace(ctx, input);
    const what = facts ? `${facts.moving.length} instance${facts.moving.length === 1 ? '' : 's'}${facts.moving.length ? ` (${addressList(facts.moving)})` : ''}` : input.from;
    return assess('destructive', `rewrites the state of ${place.target.label}: moves ${what} from ${input.from} to ${input.to}; unless the configuration declares ${input.to}, the next plan destroys the real object`);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    const facts = await mvFacts(ctx, place, input);
    if (!facts.moving.length) return { kind: 'text', text: `There is nothing at ${input.from} in the state of ${place.target.label}: the move would fail. terraform.state.list shows the addresses.` };
    const taken = facts.occupied.length ? `\n${input.to} is already taken (${addressList(facts.occupied)}): Terraform refuses the move.` : '';
    return {
      kind: 'text',
      text:
        `Moves in the state of ${place.target.label} (${place.backend} backend):\n${facts.moving.map((address) => `  ${address} → ${address.replace(input.from, input.to)}`).join('\n')}${taken}\n` +
        `No infrastructure changes. The configuration must declare ${input.to}, or the next plan destroys the object and creates ${input.from} again.\n` +
        'The state is pulled into .reign/state first; undo moves it back, or pushes that snapshot back if the state changed otherwise.',
    };
  },
  snapshot: ({ input, ctx }) => backUpState(ctx, terraformPlace(ctx, input), 'state-mv'),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const moved = await stateMv(ctx, place, input.from, input.to, signal);
    if (!moved.ok) return toolFailure(moved.error.code, `terraform state mv ${input.from} ${input.to} failed in ${place.target.label}: ${moved.error.message}`, moved.error.detail);
    const [now, identity] = await Promise.all([listState(ctx, place, [input.to], { signal }), currentIdentity(ctx, place, signal)]);
    const addresses = now.ok ? now.output : [];
    log('info', `moved ${input.from} to ${input.to} in the state of ${place.target.label}${addresses.length ? `: ${addressList(addresses)}` : ''}\n`);
    return { ok: true, output: { from: input.from, to: input.to, moved: addresses, ...identity } };
  },
  undo: async ({ input, output, snapshot, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (!output) return { ok: true, output: null };
    // Moving back keeps whatever else changed in the state since; the snapshot is the fallback.
    const [atTo, atFrom] = await Promise.all([listState(ctx, place, [input.to], { signal }), listState(ctx, place, [input.from], { signal })]);
    if (atTo.ok && atTo.output.length && atFrom.ok && !atFrom.output.length) {
      const back = await stateMv(ctx, place, input.to, input.from, signal);
      if (back.ok) return { ok: true, output: { movedBack: input.to, to: input.from } };
    }
    const identity: StateIdentity = { lineage: output.lineage, serial: output.serial };
    return pushStateBack(ctx, place, snapshot, identity, `the move of ${input.from} to ${input.to}`, signal);
  },
  idempotent: false,
  describeChange: (input) => `moved ${input.from} to ${input.to} in the Terraform state of ${input.dir} (undo moves it back)`,
  examples: [{ dir: 'infra', from: 'random_pet.name', to: 'random_pet.server' }, { dir: 'infra', workspace: 'prod', from: 'aws_vpc.main', to: 'module.network.aws_vpc.this' }],
});
