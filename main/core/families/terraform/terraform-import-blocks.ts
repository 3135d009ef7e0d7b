import { posix } from 'node:path';
import { z } from 'zod';
import { resourceAddressField } from './terraform-address';

/** Reign's import blocks, in the working directory (a file of its own, so the person's files are never edited). */
export const IMPORTS_FILE = 'imports.reign.tf';
/** Where `terraform plan -generate-config-out` writes the configuration of imported resources that have none. */
export const GENERATED_FILE = 'generated.tf';

export const importsField = z
  .array(
    z
      .object({
        to: resourceAddressField,
        id: z
          .string()
          .min(1)
          .refine((id) => !/[\u0000-\u001f]/.test(id), { message: 'an import id has no control characters (newlines, tabs)' })
          .describe('The object\'s id as its provider knows it (the import section of the resource\'s documentation says what it is); inputs are journaled, so never a secret'),
      })
      .strict(),
  )
  .min(1)
  .max(100)
  .refine((imports) => new Set(imports.map((entry) => entry.to)).size === imports.length, { message: 'each address is imported once: two imports name the same to' })
  .describe('The existing objects to bring under Terraform: where each goes (to) and its id');

/** A string literal HCL reads back as exactly this text (no ${…} or %{…} templates). */
function hclString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** The content of imports.reign.tf for these imports. */
export function importBlocks(imports: readonly { to: string; id: string }[]): string {
  const blocks = imports.map((entry) => `import {\n  to = ${entry.to}\n  id = ${hclString(entry.id)}\n}\n`);
  return `# Written by Reign (terraform.import). Once the import plan is applied these blocks do nothing;\n# the file can then be removed.\n\n${blocks.join('\n')}`;
}

/** The file a step writes, relative to the Reign workspace (for classifying later steps with it). */
export const importsFilePath = (dir: string): string => posix.join(dir.replace(/\\/g, '/'), IMPORTS_FILE);
