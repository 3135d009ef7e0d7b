import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { placeFields, terraformPlace } from './terraform-place';

/** The providers .terraform.lock.hcl pins: what init installed. */
function lockedProviders(dir: string): { source: string; version: string }[] {
  let text: string;
  try {
    text = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/provider\s+"([^"]+)"\s*\{[^}]*?version\s*=\s*"([^"]+)"/g)].map((match) => ({ source: match[1]!, version: match[2]! }));
}

export const terraformInit = defineTool({
  name: 'terraform.init',
  description:
    'Initialize a Terraform working directory: configure its backend, install the providers and modules it needs (from the mirrors and registries of the user\'s Terraform CLI configuration) and pin them in .terraform.lock.hcl. ' +
    'Keeps the versions already locked; upgrade: true moves to the newest the version constraints allow. Run it before validate and plan, and again after adding a provider or module.',
  input: z.object({ ...placeFields, upgrade: z.boolean().default(false).describe('Upgrade providers and modules to the newest versions the constraints allow (-upgrade); off, the lock file\'s versions are kept') }).strict(),
  output: z.object({ dir: z.string(), backend: z.string(), providers: z.array(z.object({ source: z.string(), version: z.string() })) }),
  risk: ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    const parts = [assess('write', `initializes ${place.relative}: installs providers and modules into .terraform and pins them in .terraform.lock.hcl (${place.backend} backend)`)];
    if (input.upgrade) parts.push(assess('write', 'upgrades providers and modules to the newest versions the constraints allow'));
    return combine(parts);
  },
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => {
    const place = terraformPlace(ctx, input);
    return { kind: 'text', text: `terraform init -input=false${input.upgrade ? ' -upgrade' : ''} in ${place.relative} (workspace ${place.workspace}, ${place.backend} backend).\nInstalls the providers and modules the configuration needs; ${input.upgrade ? 'upgrades them within their version constraints' : 'keeps the versions .terraform.lock.hcl pins'}.\nNo undo: delete .terraform (and .terraform.lock.hcl) to go back to an uninitialized folder.` };
  },
  run: async ({ input, ctx, signal, log }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    const result = await runTerraform(ctx, place.dir, ['init', '-input=false', '-no-color', '-lock-timeout=30s', ...(input.upgrade ? ['-upgrade'] : [])], { signal, log, workspace: place.workspace });
    if (!result.ok) return toolFailure(result.error.code, `terraform init failed in ${place.relative}: ${result.error.message}`, result.error.detail);
    return { ok: true, output: { dir: place.relative, backend: terraformPlace(ctx, input).backend, providers: lockedProviders(place.dir) } };
  },
  idempotent: true,
  describeChange: (input) => `initialized ${input.dir ?? '.'} (.terraform and .terraform.lock.hcl)`,
  examples: [{ dir: 'infra' }, { dir: 'infra', upgrade: true }],
});
