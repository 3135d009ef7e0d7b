import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { dirField, type TerraformPlace, terraformPlace } from './terraform-place';

interface FmtInput {
  dir: string;
  check: boolean;
  recursive: boolean;
}

/** The files `terraform fmt` would rewrite (relative to dir), and the diff when asked. */
async function unformatted(ctx: ToolContext, place: TerraformPlace, input: FmtInput, diff: boolean, signal?: AbortSignal): Promise<ToolResult<{ files: string[]; diff: string }>> {
  if (place.problem) return toolFailure('NOT_FOUND', place.problem);
  // -check exits 3 when some file needs formatting; 2 is a syntax error.
  const result = await runTerraform(ctx, place.dir, ['fmt', '-check', '-list=true', '-no-color', ...(diff ? ['-diff'] : []), ...(input.recursive ? ['-recursive'] : [])], { signal, answerExitCodes: [3], timeoutMs: 60_000 });
  if (!result.ok) return toolFailure(result.error.code, `terraform fmt cannot read ${place.relative}: ${result.error.message}`, result.error.detail);
  const lines = result.output.stdout.split('\n');
  const files = diff ? lines.filter((line) => /^\S+\.(tf|tfvars|tftest\.hcl|tf\.json)$/.test(line)) : lines.filter(Boolean);
  return { ok: true, output: { files, diff: diff ? result.output.stdout : '' } };
}

export const terraformFmt = defineTool<FmtInput, { files: string[]; changed: boolean; diff: string }, { files: Record<string, string> }>({
  name: 'terraform.fmt',
  description: 'Format the Terraform files of a directory in the canonical style (terraform fmt), listing the files it rewrote; check: true only reports the files that are not formatted and how they would change, without writing.',
  input: z.object({ dir: dirField, check: z.boolean().default(false).describe('Only report unformatted files and the diff; write nothing'), recursive: z.boolean().default(false).describe('Also the files of subfolders (modules)') }).strict(),
  output: z.object({ files: z.array(z.string()), changed: z.boolean(), diff: z.string() }),
  risk: ({ input }) => (input.check ? assess('read', 'checks the formatting of Terraform files') : assess('write', 'rewrites Terraform files in the canonical style')),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => {
    const found = await unformatted(ctx, terraformPlace(ctx, input), input, true);
    if (!found.ok) throw new Error(found.error.message);
    const { files, diff } = found.output;
    if (!files.length) return { kind: 'text', text: 'Every file is formatted already; nothing changes.' };
    return { kind: 'text', text: `${input.check ? 'Not formatted' : 'Rewrites'}: ${files.join(', ')}${input.check ? '' : ' (undo restores them as they were)'}\n\n${diff}` };
  },
  snapshot: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    const found = input.check ? null : await unformatted(ctx, place, input, false);
    const files = found?.ok ? found.output.files : [];
    return { files: Object.fromEntries(files.map((file) => [file, readFileSync(join(place.dir, file), 'utf8')])) };
  },
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    if (input.check) {
      const found = await unformatted(ctx, place, input, true, signal);
      return found.ok ? { ok: true, output: { files: found.output.files, changed: false, diff: found.output.diff } } : found;
    }
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const result = await runTerraform(ctx, place.dir, ['fmt', '-list=true', '-no-color', ...(input.recursive ? ['-recursive'] : [])], { signal, log, timeoutMs: 60_000 });
    if (!result.ok) return toolFailure(result.error.code, `terraform fmt failed in ${place.relative}: ${result.error.message}`, result.error.detail);
    const files = result.output.stdout.split('\n').filter(Boolean);
    return { ok: true, output: { files, changed: files.length > 0, diff: '' } };
  },
  undo: async ({ input, snapshot, ctx }) => {
    const place = terraformPlace(ctx, input);
    for (const [file, content] of Object.entries(snapshot.files)) writeFileSync(join(place.dir, file), content);
    return { ok: true, output: null };
  },
  idempotent: true,
  describeChange: (input) => `formatted the Terraform files of ${input.dir}`,
  examples: [{ dir: 'infra' }, { dir: 'infra', check: true, recursive: true }],
});
