import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { terraformPlace } from './terraform-place';
import { listWorkspaces, selectedInFolder, selectWorkspace, workspaceToolFields } from './terraform-workspaces';

interface SelectInput {
  dir: string;
  name: string;
}

export const terraformWorkspaceSelect = defineTool<SelectInput, { selected: string; previous: string }, { previous: string }, undefined>({
  name: 'terraform.workspace.select',
  description:
    'Select a Terraform workspace in a working directory (terraform workspace select): it changes what later steps that name no workspace, and terraform run in that folder by hand, act on. ' +
    'Prefer naming the workspace in each step (workspace: "prod"); select when the person wants the folder switched. Undo selects the previous one.',
  input: z.object(workspaceToolFields).strict(),
  output: z.object({ selected: z.string(), previous: z.string() }),
  risk: ({ input, ctx }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    return assess('write', `selects the workspace ${input.name} in ${place.relative} (was ${selectedInFolder(ctx, input.dir)}): later steps that name no workspace, and terraform run there by hand, act on ${input.name}`);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, { dir: input.dir, workspace: input.name }).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    if (place.problem) throw new Error(place.problem);
    const previous = selectedInFolder(ctx, input.dir);
    if (previous === input.name) return { kind: 'text', text: `${input.name} is already selected in ${place.relative}: nothing changes.` };
    return { kind: 'text', text: `terraform workspace select ${input.name} in ${place.relative}: later steps that name no workspace, and terraform run there by hand, act on ${input.name} instead of ${previous}.\nUndo selects ${previous} again.` };
  },
  snapshot: async ({ input, ctx }) => ({ previous: selectedInFolder(ctx, input.dir) }),
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: input.name });
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    if (ctx.env.TF_WORKSPACE) {
      return toolFailure('OVERRIDDEN', `TF_WORKSPACE=${ctx.env.TF_WORKSPACE} overrides the folder's selection for every terraform command here, so selecting ${input.name} would change nothing. Name the workspace in each step, or change TF_WORKSPACE.`);
    }
    const previous = selectedInFolder(ctx, input.dir);
    const listed = await listWorkspaces(ctx, place, signal);
    if (listed.ok && !listed.output.workspaces.includes(input.name)) {
      return toolFailure('NOT_FOUND', `There is no workspace ${input.name} in ${place.relative} (it has ${listed.output.workspaces.join(', ')}). Create it with terraform.workspace.new.`);
    }
    const selected = await selectWorkspace(ctx, place, input.name, signal);
    if (!selected.ok) return toolFailure(selected.error.code, `terraform workspace select ${input.name} failed in ${place.relative}: ${selected.error.message}`, selected.error.detail);
    log('info', `selected ${input.name} in ${place.relative} (was ${previous})\n`);
    return { ok: true, output: { selected: input.name, previous } };
  },
  undo: async ({ input, snapshot, ctx, signal }) => {
    const place = terraformPlace(ctx, { dir: input.dir, workspace: snapshot.previous });
    const back = await selectWorkspace(ctx, place, snapshot.previous, signal);
    return back.ok ? { ok: true, output: { selected: snapshot.previous } } : toolFailure(back.error.code, `Selecting ${snapshot.previous} again in ${place.relative} failed: ${back.error.message}`);
  },
  idempotent: true,
  describeChange: (input) => `selected the Terraform workspace ${input.name} in ${input.dir} (later steps without a workspace act on it; undo selects the previous one)`,
  examples: [{ dir: 'infra', name: 'staging' }, { dir: 'infra', name: 'default' }],
});
