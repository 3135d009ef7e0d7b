import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { terraformPlace } from './terraform-place';
import { addressList, listState } from './terraform-state-list';
import { deleteWorkspace, listWorkspaces, newWorkspace, selectedInFolder, selectWorkspace, workspaceToolFields } from './terraform-workspaces';

interface NewInput {
  dir: string;
  name: string;
  select: boolean;
}

export const terraformWorkspaceNew = defineTool<NewInput, { name: string; selected: string }, { previous: string }, undefined>({
  name: 'terraform.workspace.new',
  description:
    'Create a Terraform workspace in a working directory (terraform workspace new): an empty state of its own, for another environment of the same configuration. ' +
    'The folder\'s selected workspace stays as it was unless select: true; steps name the workspace they act on. Undo deletes it while it is still empty.',
  input: z.object({ ...workspaceToolFields, select: z.boolean().default(false).describe('Also select it in the folder, so later steps and terraform run there by hand act on it') }).strict(),
  output: z.object({ name: z.string(), selected: z.string() }),
  risk: ({ input, ctx }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    const parts = [assess('write', `creates the workspace ${input.name} in ${place.relative} (${place.backend} backend), with an empty state`)];
    if (input.select) parts.push(assess('write', `selects ${input.name} in ${place.relative} (was ${selectedInFolder(ctx, input.dir)}): later steps without a workspace, and terraform run there by hand, act on it`));
    return combine(parts);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, { dir: input.dir, workspace: input.name }).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    if (place.problem) throw new Error(place.problem);
    const selected = selectedInFolder(ctx, input.dir);
    return {
      kind: 'text',
      text: `terraform workspace new ${input.name} in ${place.relative} (${place.backend} backend): an empty state.\n${input.select ? `Then ${input.name} is selected (was ${selected}).` : `${selected} stays selected.`}\nUndo deletes the workspace if it is still empty${input.select ? ` and selects ${selected} again` : ''}.`,
    };
  },
  snapshot: async ({ input, ctx }) => ({ previous: selectedInFolder(ctx, input.dir) }),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const listed = await listWorkspaces(ctx, place, signal);
    if (listed.ok && listed.output.workspaces.includes(input.name)) return toolFailure('EXISTS', `The workspace ${input.name} already exists in ${place.relative}: name it in steps (workspace: "${input.name}"), or select it with terraform.workspace.select.`);
    const created = await newWorkspace(ctx, place, input.name, { select: input.select, signal });
    if (!created.ok) return toolFailure(created.error.code, `terraform workspace new ${input.name} failed in ${place.relative}: ${created.error.message}`, created.error.detail);
    log('info', `created workspace ${input.name} in ${place.relative}; ${created.output.selected} is selected\n`);
    return { ok: true, output: { name: input.name, selected: created.output.selected } };
  },
  undo: async ({ input, output, snapshot, ctx, signal }) => {
    if (!output) return { ok: true, output: null };
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    const tracked = await listState(ctx, place, [], { signal });
    if (tracked.ok && tracked.output.length) {
      return toolFailure('NOT_EMPTY', `Not undone: the workspace ${input.name} is not empty any more (its state tracks ${addressList(tracked.output)}). Destroy those first (terraform.destroy with workspace "${input.name}"), then delete it with terraform.workspace.delete.`);
    }
    if (selectedInFolder(ctx, input.dir) === input.name) {
      const back = await selectWorkspace(ctx, place, snapshot.previous === input.name ? 'default' : snapshot.previous, signal);
      if (!back.ok) return toolFailure(back.error.code, `Cannot select ${snapshot.previous} again to delete ${input.name}: ${back.error.message}`);
    }
    const deleted = await deleteWorkspace(ctx, place, input.name, false, signal);
    return deleted.ok ? { ok: true, output: { deleted: input.name } } : toolFailure(deleted.error.code, `Deleting the workspace ${input.name} to undo its creation failed: ${deleted.error.message}`);
  },
  idempotent: false,
  describeChange: (input) => `created the Terraform workspace ${input.name} in ${input.dir}${input.select ? ' and selected it' : ''} (undo deletes it while empty)`,
  examples: [{ dir: 'infra', name: 'staging' }, { dir: 'infra', name: 'dev', select: true }],
});
