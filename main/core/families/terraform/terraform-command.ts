import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Call, runCall, table } from '../tool-call-command';
import type { FamilyCommand } from '../family-command';
import { importPlanned, planned } from './terraform-command-print';
import { importCall, importUsage, stateCall, stateUsage, workspaceCall, workspaceUsage } from './terraform-command-state';
import { terraformTemplates } from './terraform-templates';

type Values = Readonly<Record<string, unknown>>;

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
export function terraformCall(words: readonly string[], values: Values, terraformWorkspace: string | undefined): Call | string {
  const [action, ...rest] = words;
  const dir = (values.dir as string | undefined) ?? '.';
  const place = { dir, ...(terraformWorkspace ? { workspace: terraformWorkspace } : {}) };
  const vars = parseVars((values.var as string[] | undefined) ?? []);
  if (typeof vars === 'string') return vars;
  const options = { vars, varFiles: (values['var-file'] as string[] | undefined) ?? [] };
  switch (action) {
    case 'state':
      return stateCall(rest, values, place);
    case 'import':
      return importCall(rest, values, place, options);
    case 'workspace':
      return workspaceCall(rest, values, dir, terraformWorkspace);
    case 'init':
      return { tool: 'terraform.init', input: { ...place, ...(values.upgrade ? { upgrade: true } : {}) }, read: false };
    case 'validate':
      return { tool: 'terraform.validate', input: { dir }, read: true, print: (output) => (output.valid ? 'The configuration is valid.\n' : `${(output.problems as string[]).join('\n')}\n`) };
    case 'fmt':
      return values.check ? { tool: 'terraform.fmt', input: { dir, check: true, recursive: true }, read: true } : { tool: 'terraform.fmt', input: { dir, recursive: true }, read: false };
    case 'plan':
      return { tool: 'terraform.plan', input: { ...place, ...options, ...(values.plan ? { name: values.plan } : {}) }, read: true, print: planned(place) };
    case 'destroy':
      // A destroy is planned first and applied from that plan, like any other.
      return { tool: 'terraform.plan', input: { ...place, ...options, destroy: true, ...(values.plan ? { name: values.plan } : {}) }, read: true, print: planned(place) };
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
      return `reign terraform: ${action ? `there is no terraform ${action}; ` : ''}use init, validate, fmt, plan, apply, destroy, drift, output, show, state, import, workspace or templates (see \`reign --help\`).`;
  }
}

/**
 * After an import step saved its plan: that plan as `planned` prints one, read back with
 * terraform.show (the step's own output stays in the run). Named by --plan, else the newest plan.
 */
function importFollowUp(values: Values, terraformWorkspace: string | undefined): Call | null {
  const dir = (values.dir as string | undefined) ?? '.';
  const plan = values.plan ? `.reign/plans/${values.plan as string}.tfplan` : newestPlan(resolve(dir));
  if (!plan) return null;
  const place = { dir, ...(terraformWorkspace ? { workspace: terraformWorkspace } : {}) };
  return { tool: 'terraform.show', input: { ...place, plan }, read: true, print: importPlanned(plan, place) };
}

/** `reign terraform …`: a working directory from the command line; apply runs only a saved, reviewed plan. */
export const terraformCommandLine: FamilyCommand = {
  name: 'terraform',
  usage: `  reign terraform init|validate|fmt [--check]|plan|apply|destroy|drift|output|show [--dir D] [--workspace W]
                                    plan saves .reign/plans/NAME.tfplan and prints what it would change; apply runs
                                    exactly that saved plan (--plan NAME, default the newest) and refuses a stale one;
                                    destroy saves a destroy plan to apply the same way (--var K=V, --var-file F)
  ${stateUsage}
                                    The state, sensitive values masked; mv and rm rewrite it (destructive)
  ${importUsage}
                                    Writes import blocks and saves an import plan, applied like any other
  ${workspaceUsage}
                                    Workspaces, the selected one marked *; delete --force forgets resources (critical)
  reign terraform templates         Modules to start from (aws, azure, gcp: networks, clusters, databases)
`,
  options: {
    dir: { type: 'string' },
    plan: { type: 'string' },
    var: { type: 'string', multiple: true },
    'var-file': { type: 'string', multiple: true },
    check: { type: 'boolean' },
    upgrade: { type: 'boolean' },
    id: { type: 'string' },
    force: { type: 'boolean' },
  },
  run: async (cx, words, values) => {
    if (words[0] === 'templates') {
      for (const template of terraformTemplates()) cx.io.stdout(`${template.id.padEnd(24)} ${template.title}\n`);
      return 0;
    }
    // Here --workspace names the Terraform workspace; the folder is --dir, inside the current folder.
    const call = terraformCall(words, values, cx.workspace);
    if (typeof call === 'string') {
      cx.io.stderr(`${call}\n`);
      return 2;
    }
    const here = { ...cx, workspace: undefined };
    const code = await runCall(here, 'terraform', call);
    // With --json the run's events are the whole output; a person is shown the saved import plan and how to apply it.
    const followUp = words[0] === 'import' && code === 0 && !cx.json ? importFollowUp(values, cx.workspace) : null;
    return followUp ? runCall(here, 'terraform', followUp) : code;
  },
};
