import { table } from '../tool-call-command';
import { actionOf, type ResourceChange } from './terraform-plan-json';
import { SENSITIVE } from './terraform-sensitive';

// How `reign terraform …` shows the tools' outputs to a person (--json prints them as they are).

/** Where the command acts: the working directory and, when --workspace names one, the Terraform workspace. */
export type Place = { readonly dir: string; readonly workspace?: string };
type Counts = { create: number; update: number; replace: number; delete: number; read: number; forget: number };

/** The four a reviewer looks for always ("0 to destroy"), forgets only when there are some. */
const countsLine = (counts: Counts): string =>
  [`${counts.create} to create`, `${counts.update} to update`, `${counts.replace} to replace`, `${counts.delete} to destroy`, ...(counts.forget ? [`${counts.forget} to forget`] : [])].join(', ');

// Terraform's own symbols, but for forget: terraform prints a bare `.`, easily missed and read as
// nothing; `->` reads as leaving Terraform's hands (the reverse of an import's `<-`), and the row says so.
const symbols: Record<string, string> = { create: '+', update: '~', replace: '-/+', delete: '-', read: '<=', forget: '->' };

/** What a row adds after its address: only a forget needs saying that its real object stays. */
const rowNote = (action: string): string => (action === 'forget' ? ' (forgotten: the real object stays, no longer managed)' : '');

/** How to apply a saved plan from where this command line ran (same --dir, same --workspace). */
const applyHint = (plan: string, place: Place): string =>
  `Saved ${plan}: apply exactly this plan with \`reign terraform apply --plan ${plan}${place.dir === '.' ? '' : ` --dir ${place.dir}`}${place.workspace ? ` --workspace ${place.workspace}` : ''}\`.\n`;

/** A saved plan: its changes as terraform marks them, the counts, and how to apply it. */
export const planned = (place: Place) => (output: Record<string, unknown>): string => {
  const changes = output.changes as { address: string; action: string }[];
  const rows = changes.map((change) => `  ${(symbols[change.action] ?? change.action).padStart(3)} ${change.address}${rowNote(change.action)}\n`).join('');
  const drifted = (output.drifted as number) ? `${output.drifted} resource(s) changed outside Terraform since the last apply.\n` : '';
  return `${rows}${countsLine(output.counts as Counts)}.\n${drifted}${changes.length ? applyHint(output.plan as string, place) : 'No changes.\n'}`;
};

/** An import plan as `planned` prints a plan, from terraform.show of it: what it imports (with ids), anything else it changes. */
export const importPlanned = (plan: string, place: Place) => (output: Record<string, unknown>): string => {
  const resources = ((output.json as { resource_changes?: ResourceChange[] }).resource_changes ?? []).filter((change) => change.mode === 'managed');
  const importing = resources.filter((change) => change.change.importing);
  const others = resources.map((change) => ({ address: change.address, action: actionOf(change.change.actions) })).filter((change) => change.action in symbols);
  const counts: Counts = { create: 0, update: 0, replace: 0, delete: 0, read: 0, forget: 0 };
  for (const change of others) counts[change.action as keyof Counts] += 1;
  const rows = [
    ...importing.map((change) => `  <-  ${change.address} (id ${JSON.stringify((change.change.importing as { id?: string }).id ?? '')})\n`),
    ...others.map((change) => `  ${symbols[change.action]!.padStart(3)} ${change.address}${rowNote(change.action)}\n`),
  ].join('');
  return `${rows}${importing.length} to import, ${countsLine(counts)}.\n${importing.length || others.length ? applyHint(plan, place) : 'Nothing to import: every address is in the state already.\n'}`;
};

const label = (place: Place, workspace: string): string => `${place.dir} #${workspace}`;

/** `state list`: one address a line and a count, or that there is nothing (at those addresses). */
export function listed(place: Place, filters: readonly string[], id: string | undefined) {
  return (output: Record<string, unknown>): string => {
    const addresses = output.addresses as string[];
    const where = label(place, output.workspace as string);
    if (!addresses.length) {
      const matching = [filters.length ? ` at ${filters.join(', ')}` : '', id ? ` with id ${id}` : ''].join('');
      return `No resources${matching} in the state of ${where}.\n`;
    }
    return `${addresses.join('\n')}\n${addresses.length} resource instance${addresses.length === 1 ? '' : 's'} in ${where}.\n`;
  };
}

/** An attribute value as `terraform state show` writes it: text quoted, masked values bare. */
const shownValue = (value: unknown): string => (value === SENSITIVE ? SENSITIVE : value === undefined ? 'null' : JSON.stringify(value));

/** One resource instance of the state, laid out like `terraform state show` (the values arrive masked). */
export function shownResource(output: Record<string, unknown>): string {
  const values = output.values as Record<string, unknown>;
  const keys = Object.keys(values);
  const width = Math.max(0, ...keys.map((key) => key.length));
  const block = `${output.mode === 'data' ? 'data' : 'resource'} "${output.type}" "${output.name}" {\n${keys.map((key) => `    ${key.padEnd(width)} = ${shownValue(values[key])}\n`).join('')}}\n`;
  const dependsOn = output.dependsOn as string[];
  const sensitive = output.sensitiveAttributes as string[];
  return (
    `# ${output.address}:${output.tainted ? ' (tainted: replaced on the next apply)' : ''}\n${block}` +
    (output.provider ? `Provider: ${output.provider}\n` : '') +
    (dependsOn.length ? `Depends on: ${dependsOn.join(', ')}\n` : '') +
    (sensitive.length ? `Sensitive, shown masked: ${sensitive.join(', ')}\n` : '')
  );
}

/** `workspace list`: a table, the folder's selected workspace marked *, and TF_WORKSPACE when it overrides that. */
export function workspaces(output: Record<string, unknown>): string {
  const rows = (output.workspaces as { name: string; selected: boolean }[]).map((entry) => [entry.selected ? '*' : '', entry.name]);
  const override = output.override ? `TF_WORKSPACE=${output.override} overrides the selection: commands here act on ${output.active}.\n` : '';
  return `${table([['CURRENT', 'NAME'], ...rows])}${override}`;
}
