import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { GENERATED_FILE, IMPORTS_FILE, importBlocks, importsField, importsFilePath } from './terraform-import-blocks';
import { planImport } from './terraform-import-plan';
import { planOptionFields } from './terraform-make-plan';
import { defaultPlanName, planNameField } from './terraform-plan-file';
import { planChanges } from './terraform-plan-preview';
import { placeFields, terraformPlace } from './terraform-place';
import { showPlanJson } from './terraform-saved-plan';
import { addressList, listState } from './terraform-state-list';

interface ImportInput {
  dir: string;
  workspace?: string;
  imports: { to: string; id: string }[];
  name?: string;
  vars: Record<string, unknown>;
  varFiles: string[];
}

interface ImportOutput {
  plan: string;
  sha256: string;
  importsFile: string;
  generatedConfig: string | null;
  importing: { address: string; id: string }[];
  otherChanges: { address: string; action: string }[];
}

interface ImportSnapshot {
  /** imports.reign.tf as it was (an earlier import's blocks), or null. */
  readonly importsBefore: string | null;
  readonly generatedExisted: boolean;
}

const readOrNull = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);

export const terraformImport = defineTool<ImportInput, ImportOutput, ImportSnapshot, undefined>({
  name: 'terraform.import',
  description:
    `Bring existing objects under Terraform with import blocks: writes { to, id } as import blocks to ${IMPORTS_FILE} in dir and saves a plan (terraform plan -generate-config-out=${GENERATED_FILE}, ` +
    `so a resource without configuration gets one generated, to review). Nothing enters the state yet: apply the returned plan with terraform.apply, whose approval shows the rendered plan. ` +
    'Undo, before that apply, removes the blocks, the generated configuration and the plan.',
  input: z.object({ ...placeFields, imports: importsField, name: planNameField, vars: planOptionFields.vars, varFiles: planOptionFields.varFiles }).strict(),
  output: z.object({
    plan: z.string(),
    sha256: z.string(),
    importsFile: z.string(),
    generatedConfig: z.string().nullable(),
    importing: z.array(z.object({ address: z.string(), id: z.string() })),
    otherChanges: z.array(z.object({ address: z.string(), action: z.string() })),
  }),
  risk: ({ input, ctx }) =>
    assess('write', `writes ${input.imports.length} import block${input.imports.length === 1 ? '' : 's'} (${addressList(input.imports.map((entry) => entry.to))}) to ${importsFilePath(terraformPlace(ctx, input).relative)} and saves an import plan; nothing enters the state until that plan is applied with its own approval`),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) throw new Error(place.problem);
    const generated = existsSync(join(place.dir, GENERATED_FILE))
      ? `${GENERATED_FILE} exists already, so no configuration is generated: a resource without configuration makes the plan fail.`
      : `Resources without configuration get it generated into ${GENERATED_FILE}: review it before applying.`;
    return {
      kind: 'text',
      text:
        `Writes ${importsFilePath(place.relative)}${existsSync(join(place.dir, IMPORTS_FILE)) ? ' (replacing the blocks of an earlier import)' : ''}:\n\n${importBlocks(input.imports)}\n` +
        `Then saves a plan for ${place.target.label}. ${generated}\nNothing enters the state until terraform.apply of that plan is approved. Undo (before that apply) removes these files and the plan.`,
    };
  },
  writesFiles: (input) => [{ path: importsFilePath(input.dir), content: importBlocks(input.imports) }],
  snapshot: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    return { importsBefore: place.problem ? null : readOrNull(join(place.dir, IMPORTS_FILE)), generatedExisted: existsSync(join(place.dir, GENERATED_FILE)) };
  },
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const importsPath = join(place.dir, IMPORTS_FILE);
    const before = readOrNull(importsPath);
    writeFileSync(importsPath, importBlocks(input.imports));
    const restore = (): void => (before === null ? rmSync(importsPath, { force: true }) : writeFileSync(importsPath, before));
    const made = await planImport(ctx, place, input.name ?? defaultPlanName('plan', place.workspace).replace(/^plan-/, 'import-'), input, { signal, log });
    if (!made.ok) {
      // Import blocks that do not plan would break every later plan of the folder.
      restore();
      return made;
    }
    const shown = await showPlanJson(ctx, place, join(place.dir, made.output.plan), signal);
    if (!shown.ok) return toolFailure(shown.error.code, `The import plan was saved as ${made.output.plan} but cannot be read back: ${shown.error.message}`);
    const importing = (shown.output.resource_changes ?? []).flatMap((change) => {
      const importing = change.change.importing as { id?: string } | undefined;
      return importing ? [{ address: change.address, id: importing.id ?? '' }] : [];
    });
    const otherChanges = planChanges(shown.output).changes.map(({ address, action }) => ({ address, action }));
    const skipped = input.imports.filter((entry) => !importing.some((planned) => planned.address === entry.to)).map((entry) => entry.to);
    log('info', `saved ${made.output.plan}: imports ${addressList(importing.map((entry) => entry.address)) || 'nothing'}${skipped.length ? ` (already in the state: ${addressList(skipped)})` : ''}${made.output.generated ? `; configuration generated into ${made.output.generated}` : ''}\n`);
    return { ok: true, output: { plan: made.output.plan, sha256: made.output.sha256, importsFile: IMPORTS_FILE, generatedConfig: made.output.generated, importing, otherChanges } };
  },
  undo: async ({ input, output, snapshot, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (output) {
      const listed = await listState(ctx, place, [], { signal });
      if (!listed.ok) return toolFailure(listed.error.code, `Cannot read the state to undo the import: ${listed.error.message}`);
      const imported = output.importing.map((entry) => entry.address).filter((address) => listed.output.includes(address));
      if (imported.length) {
        return toolFailure(
          'NO_UNDO',
          `The import plan ${output.plan} was applied: ${addressList(imported)} are in the state now, and their configuration stays so the next plan does not destroy them. To let Terraform forget them again, use terraform.state.rm (the real objects stay).`,
        );
      }
      if (output.generatedConfig && !snapshot.generatedExisted) rmSync(join(place.dir, output.generatedConfig), { force: true });
      rmSync(join(place.dir, output.plan), { force: true });
    }
    const importsPath = join(place.dir, IMPORTS_FILE);
    if (snapshot.importsBefore === null) rmSync(importsPath, { force: true });
    else writeFileSync(importsPath, snapshot.importsBefore);
    return { ok: true, output: null };
  },
  idempotent: false,
  describeChange: (input) => `wrote import blocks for ${input.imports.map((entry) => entry.to).join(', ')} to ${importsFilePath(input.dir)} and saved an import plan (nothing imported until it is applied)`,
  examples: [{ dir: 'infra', imports: [{ to: 'random_string.token', id: 'existing-token-value' }] }, { dir: 'infra', workspace: 'prod', imports: [{ to: 'aws_s3_bucket.logs', id: 'acme-logs' }, { to: 'module.network.aws_vpc.this', id: 'vpc-0a1b2c3d' }] }],
});
