import { z } from 'zod';
import { defineReadTool, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { type Diagnostic, diagnosticText } from './terraform-messages';
import { dirField, terraformPlace } from './terraform-place';

const diagnosticRow = z.object({ severity: z.enum(['error', 'warning']), summary: z.string(), detail: z.string(), file: z.string().nullable(), line: z.number().nullable(), column: z.number().nullable(), code: z.string().nullable() });

export const terraformValidate = defineReadTool({
  name: 'terraform.validate',
  description:
    'Check that the configuration of a Terraform directory is valid (syntax, arguments, types, references) without reaching any infrastructure. ' +
    'Each error and warning names its file and line. Needs terraform.init first, for the providers\' schemas.',
  reads: 'validates Terraform configuration (reads files only)',
  input: z.object({ dir: dirField }).strict(),
  output: z.object({ valid: z.boolean(), errorCount: z.number(), warningCount: z.number(), diagnostics: z.array(diagnosticRow), problems: z.array(z.string()) }),
  target: ({ input, ctx }) => terraformPlace(ctx, input).target,
  preview: async ({ input, ctx }) => ({ kind: 'text', text: `terraform validate -json in ${terraformPlace(ctx, input).relative}` }),
  run: async ({ input, ctx, signal }) => {
    const place = terraformPlace(ctx, input);
    if (place.problem) return toolFailure('NOT_FOUND', place.problem);
    // validate exits 1 when it finds errors, and still prints its JSON report.
    const result = await runTerraform(ctx, place.dir, ['validate', '-json', '-no-color'], { signal, answerExitCodes: [1], timeoutMs: 120_000 });
    if (!result.ok) return toolFailure(result.error.code, `terraform validate failed in ${place.relative}: ${result.error.message}`, result.error.detail);
    let report: { valid: boolean; error_count: number; warning_count: number; diagnostics: Diagnostic[] };
    try {
      report = JSON.parse(result.output.stdout) as typeof report;
    } catch {
      return toolFailure('TERRAFORM_OUTPUT', `terraform validate printed no JSON report: ${result.output.stderr.trim().split('\n').at(-1) ?? ''}`);
    }
    const diagnostics = report.diagnostics.map((diagnostic) => ({
      severity: diagnostic.severity,
      summary: diagnostic.summary,
      detail: diagnostic.detail ?? '',
      file: diagnostic.range?.filename ?? null,
      line: diagnostic.range?.start.line ?? null,
      column: diagnostic.range?.start.column ?? null,
      code: diagnostic.snippet?.code ?? null,
    }));
    const problems = report.diagnostics.map((diagnostic) => `${diagnostic.severity}: ${diagnosticText(diagnostic)}`);
    return { ok: true, output: { valid: report.valid, errorCount: report.error_count, warningCount: report.warning_count, diagnostics, problems } };
  },
  examples: [{ dir: 'infra' }],
});
