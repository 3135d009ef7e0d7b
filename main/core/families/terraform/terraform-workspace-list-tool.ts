import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { dirField, terraformPlace } from './terraform-place';
import { listWorkspaces } from './terraform-workspaces';

export const terraformWorkspaceList = defineReadTool({
  name: 'terraform.workspace.list',
  description:
    'List the Terraform workspaces of a working directory (terraform workspace list): each one is its own state and its own target (dev, staging, prod). ' +
    'Says which one is selected in the folder and which one steps without a workspace act on (TF_WORKSPACE overrides the selection).',
  reads: 'lists the workspaces of the working directory',
  input: z.object({ dir: dirField }).strict(),
  output: z.object({ workspaces: z.array(z.object({ name: z.string(), selected: z.boolean() })), selected: z.string().nullable(), active: z.string(), override: z.string().nullable() }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `terraform workspace list in ${terraformPlace(ctx, input).relative}` }),
  run: async ({ input, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const listed = await listWorkspaces(ctx, place, signal);
    if (!listed.ok) return toolFailure(listed.error.code, `terraform workspace list failed in ${place.relative}: ${listed.error.message}`, listed.error.detail);
    const { workspaces, selected } = listed.output;
    return { ok: true, output: { workspaces: workspaces.map((name) => ({ name, selected: name === selected })), selected, active: place.workspace, override: ctx.env.TF_WORKSPACE || null } };
  },
  examples: [{ dir: 'infra' }, { dir: '.' }],
});
