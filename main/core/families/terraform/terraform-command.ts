import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Call, runCall, table } from '../tool-call-command';
import type { FamilyCommand } from '../family-command';
import { terraformTemplates } from './terraform-templates';

type Values = Readonly<Record<string, unknown>>;
type Counts = { create: number; update: number; replace: number; delete: number; read: number };

/** `--var k=v` (repeatable) as the tools' `vars`. */
function parseVars(entries: readonly string[]): Record<string, string> | string {
  const vars: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at < 1) return `--var takes NAME=VALUE, not "${entry}"`;
    vars[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return vars;
}

const countsLine = (counts: Counts): string =>
  [`${counts.create} to create`, `${counts.update} to update`, `${counts.replace} to replace`, `${counts.delete} to destroy`].join(', ');

const planned = (output: Record<string, unknown>): string => {
  const changes = output.changes as { address: string; action: string }[];
  const symbols: Record<string, string> = { create: '+', update: '~', replace: '-/+', delete: '-', read: '<=' };
  const rows = changes.map((change) => `  ${(symbols[change.action] ?? change.action).padStart(3)} ${change.address}\n`).join('');
  const drifted = (output.drifted as number) ? `${output.drifted} resource(s) changed outside Terraform since the last apply.\n` : '';
  return `${rows}${countsLine(output.counts as Counts)}.\n${drifted}${changes.length ? `Saved ${output.plan}: apply exactly this plan with \`reign terraform apply --plan ${output.plan}\`.\n` : 'No changes.\n'}`;
};

/** The newest saved plan of a working directory, for `apply` without --plan. */
function newestPlan(dir: string): string | null {
  const folder = join(dir, '.reign', 'plans');
  try {
    const plans = readdirSync(folder).filter((name) => name.endsWith('.tfplan'));
    plans.sort((a, b) => statSync(join(folder, b)).mtimeMs - statSync(join(folder, a)).mtimeMs);
    return plans[0] ? `.reign/plans/${plans[0]}` : null;
  } catch {
    return null;
  }
}

/** The tool call of `reign terraform ACTION …`, or what is wrong with the command line. */
export function terraformCall(action: string | undefined, values: Values, terraformWorkspace: string | undefined): Call | string {
  const dir = (values.dir as string | undefined) ?? '.';
  const place = { dir, ...(terraformWorkspace ? { workspace: terraformWorkspace } : {}) };
  const vars = parseVars((values.var as string[] | undefined) ?? []);
  if (typeof vars === 'string') return vars;
  const options = { vars, varFiles: (values['var-file'] as string[] | undefined) ?? [] };
  switch (action) {
    case 'init':
      return { tool: 'terraform.init', input: { ...place, ...(values.upgrade ? { upgrade: true } : {}) }, read: false };
    case 'validate':
      return { tool: 'terraform.validate', input: { dir }, read: true, print: (output) => (output.valid ? 'The configuration is valid.\n' : `${(output.problems as string[]).join('\n')}\n`) };
    case 'fmt':
      return values.check ? { tool: 'terraform.fmt', input: { dir, check: true, recursive: true }, read: true } : { tool: 'terraform.fmt', input: { dir, recursive: true }, read: false };
    case 'plan':
      return { tool: 'terraform.plan', input: { ...place, ...options, ...(values.plan ? { name: values.plan } : {}) }, read: true, print: planned };
    case 'destroy':
      // A destroy is planned first and applied from that plan, like any other.
      return { tool: 'terraform.plan', input: { ...place, ...options, destroy: true, ...(values.plan ? { name: values.plan } : {}) }, read: true, print: planned };
    case 'apply': {
      const plan = (values.plan as string | undefined) ?? newestPlan(resolve(dir));
      if (!plan) return 'reign terraform apply: there is no saved plan here; make one with `reign terraform plan` and review it first.';
      return { tool: 'terraform.apply', input: { ...place, plan }, read: false };
    }
    case 'drift':
      return {
        tool: 'terraform.drift',
        input: { ...place, ...options },
        read: true,
        print: (output) => {
          const drifted = output.drifted as { address: string; action?: string }[];
          return drifted.length ? `${drifted.length} resource(s) changed outside Terraform:\n${drifted.map((entry) => `  ${entry.address}\n`).join('')}` : 'No drift: the infrastructure matches the state.\n';
        },
      };
    case 'output':
      return {
        tool: 'terraform.output',
        input: place,
        read: true,
        print: (output) => {
          const outputs = output.outputs as { name: string; sensitive: boolean; value: unknown }[];
          return outputs.length ? table([['NAME', 'VALUE'], ...outputs.map((entry) => [entry.name, entry.sensitive ? '(sensitive)' : typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value)])]) : 'No outputs.\n';
        },
      };
    case 'show':
      return { tool: 'terraform.show', input: { ...place, ...(values.plan ? { plan: values.plan } : {}) }, read: true };
    default:
      return 'reign terraform: use init, validate, fmt, plan, apply, destroy, drift, output, show or templates (see `reign --help`).';
  }
}

/** `reign terraform …`: a working directory from the command line; apply runs only a saved, reviewed plan. */
export const terraformCommandLine: FamilyCommand = {
  name: 'terraform',
  usage: `  reign terraform init|validate|fmt [--check]|plan|apply|destroy|drift|output|show [--dir D] [--workspace W]
                                    plan saves .reign/plans/NAME.tfplan and prints what it would change; apply runs
                                    exactly that saved plan (--plan NAME, default the newest) and refuses a stale one;
                                    destroy saves a destroy plan to apply the same way (--var K=V, --var-file F)
  reign terraform templates         Modules to start from (aws, azure, gcp: networks, clusters, databases)
`,
  options: {
    dir: { type: 'string' },
    plan: { type: 'string' },
    var: { type: 'string', multiple: true },
    'var-file': { type: 'string', multiple: true },
    check: { type: 'boolean' },
    upgrade: { type: 'boolean' },
  },
  run: async (cx, words, values) => {
    if (words[0] === 'templates') {
      for (const template of terraformTemplates()) cx.io.stdout(`${template.id.padEnd(24)} ${template.title}\n`);
      return 0;
    }
    // Here --workspace names the Terraform workspace; the folder is --dir, inside the current folder.
    const call = terraformCall(words[0], values, cx.workspace);
    if (typeof call === 'string') {
      cx.io.stderr(`${call}\n`);
      return 2;
    }
    return runCall({ ...cx, workspace: undefined }, 'terraform', call);
  },
};
