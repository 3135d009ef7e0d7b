import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import { type TerraformPlace, terraformPlace } from './terraform-place';
import { backUpState, type StateBackup } from './terraform-state-backup';
import { addressList, listState } from './terraform-state-list';
import { deleteWorkspace, listWorkspaces, newWorkspace, selectedInFolder, workspaceToolFields } from './terraform-workspaces';

interface DeleteInput {
  dir: string;
  name: string;
  force: boolean;
}

interface DeleteFacts {
  readonly exists: boolean;
  /** Resource instances its state tracks: what Terraform forgets when it is deleted with force. */
  readonly resources: readonly string[];
}

async function deleteFacts(ctx: ToolContext, place: TerraformPlace, name: string, signal?: AbortSignal): Promise<DeleteFacts> {
  if (place.problem) throw new Error(place.problem);
  const listed = await listWorkspaces(ctx, place, signal);
  if (!listed.ok) throw new Error(listed.error.message);
  if (!listed.output.workspaces.includes(name)) return { exists: false, resources: [] };
  const tracked = await listState(ctx, place, [], { signal });
  if (!tracked.ok) throw new Error(tracked.error.message);
  return { exists: true, resources: tracked.output };
}

const notEmpty = (name: string, resources: readonly string[]): string =>
  `its state tracks ${resources.length} resource instance${resources.length === 1 ? '' : 's'} (${addressList(resources)}): deleting it makes Terraform forget them while the real objects keep running, unmanaged`;

export const terraformWorkspaceDelete = defineTool<DeleteInput, { deleted: string; forgotten: string[] }, StateBackup, DeleteFacts>({
  name: 'terraform.workspace.delete',
  description:
    'Delete a Terraform workspace and its state (terraform workspace delete). Refuses a workspace whose state still tracks resources (destroy them first, with terraform.destroy in that workspace) unless force: true, ' +
    'which makes Terraform forget them while they keep running (critical). Never the default or the selected workspace. Undo creates it again from the state snapshot taken before.',
  input: z
    .object({ ...workspaceToolFields, force: z.boolean().default(false).describe('Delete even though its state tracks resources: Terraform forgets them, the real objects stay unmanaged') })
    .strict()
    .refine((input) => input.name !== 'default', { message: 'the default workspace cannot be deleted' }),
  output: z.object({ deleted: z.string(), forgotten: z.array(z.string()) }),
  inspect: ({ input, ctx, signal }) => deleteFacts(ctx, terraformPlace(ctx, { dir: input.dir, workspace: input.name }), input.name, signal),
  inspectTimeoutMs: 60_000,
  risk: ({ input, ctx, facts }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    const parts = [assess('destructive', `deletes the workspace ${input.name} of ${place.relative} and its state (${place.backend} backend)`)];
    if (input.force) parts.push(assess('critical', facts?.resources.length ? `force: ${notEmpty(input.name, facts.resources)}` : `force: deletes ${input.name} even if its state tracks resources, which Terraform then forgets while they keep running`));
    else if (facts?.resources.length) parts.push(assess('destructive', `${notEmpty(input.name, facts.resources)}, so without force the step is refused`));
    return combine(parts);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, { dir: input.dir, workspace: input.name }).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    const facts = await deleteFacts(ctx, place, input.name);
    if (!facts.exists) return { kind: 'text', text: `There is no workspace ${input.name} in ${place.relative}: nothing to delete.` };
    const tracked = facts.resources.length
      ? input.force
        ? `Its state tracks ${facts.resources.length}: Terraform forgets them, the real objects keep running, unmanaged:\n${facts.resources.map((address) => `  - ${address}`).join('\n')}`
        : `Refused: its state tracks ${facts.resources.length} (${addressList(facts.resources)}). Destroy them first, or delete with force: true.`
      : 'Its state is empty.';
    return { kind: 'text', text: `terraform workspace delete ${input.force ? '-force ' : ''}${input.name} in ${place.relative} (${place.backend} backend).\n${tracked}\nThe state is pulled into .reign/state first; undo creates the workspace again from it.` };
  },
  snapshot: ({ input, ctx }) => backUpState(ctx, terraformPlace(ctx, { dir: input.dir, workspace: input.name }), 'workspace-delete'),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    if (selectedInFolder(ctx, input.dir) === input.name) return toolFailure('SELECTED', `The workspace ${input.name} is the one selected in ${place.relative}: select another first (terraform.workspace.select), then delete it.`);
    const facts = await deleteFacts(ctx, place, input.name, signal).catch((error: Error) => error);
    if (facts instanceof Error) return toolFailure('TERRAFORM_FAILED', `Cannot read the workspace ${input.name} of ${place.relative}: ${facts.message}`);
    if (!facts.exists) return toolFailure('NOT_FOUND', `There is no workspace ${input.name} in ${place.relative}.`);
    if (facts.resources.length && !input.force) {
      return toolFailure('NOT_EMPTY', `Refused: the workspace ${input.name} is not empty; ${notEmpty(input.name, facts.resources)}. Destroy them first (terraform.destroy with workspace "${input.name}"), or delete with force: true if they should be left unmanaged.`);
    }
    const deleted = await deleteWorkspace(ctx, place, input.name, input.force, signal);
    if (!deleted.ok) return toolFailure(deleted.error.code, `terraform workspace delete ${input.name} failed in ${place.relative}: ${deleted.error.message}`, deleted.error.detail);
    log('info', `deleted the workspace ${input.name} of ${place.relative}${facts.resources.length ? `; Terraform forgot ${addressList(facts.resources)}` : ''}\n`);
    return { ok: true, output: { deleted: input.name, forgotten: [...facts.resources] } };
  },
  undo: async ({ input, output, snapshot, ctx, signal }) => {
    if (!output) return { ok: true, output: null };
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    // `workspace new -state` copies the snapshot in as the new workspace's state; the selection is put back after.
    const created = await newWorkspace(ctx, place, input.name, { ...(snapshot.file ? { state: snapshot.file } : {}), signal });
    if (!created.ok) return toolFailure(created.error.code, `Creating the workspace ${input.name} again failed: ${created.error.message}${snapshot.file ? ` (its state is kept at ${place.relative}/${snapshot.file})` : ''}`);
    return { ok: true, output: { recreated: input.name, from: snapshot.file } };
  },
  idempotent: false,
  describeChange: (input) => `deleted the Terraform workspace ${input.name} of ${input.dir}${input.force ? ', forgetting the resources its state tracked' : ''} (undo creates it again from the state snapshot)`,
  examples: [{ dir: 'infra', name: 'feature-x' }, { dir: 'infra', name: 'old-staging', force: true }],
});
