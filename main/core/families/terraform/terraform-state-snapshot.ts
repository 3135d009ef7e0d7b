import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { preparePlansFolder, REIGN_FOLDER } from './terraform-plan-file';
import type { TerraformPlace } from './terraform-place';

/** What an apply's undo needs: the state before it (kept as a file, never in the journal) and the configuration it ran with. */
export interface ApplySnapshot {
  /** The state pulled just before the apply, relative to dir; null when there was none. */
  readonly state: string | null;
  /** Managed resources in that state. */
  readonly resources: readonly string[];
  /** sha256 of each configuration file (*.tf, *.tf.json, *.tfvars), relative to dir. */
  readonly configuration: Readonly<Record<string, string>>;
}

export interface StateFile {
  readonly serial?: number;
  readonly lineage?: string;
  readonly resources?: readonly { readonly module?: string; readonly mode: string; readonly type: string; readonly name: string; readonly instances?: readonly { readonly index_key?: string | number }[] }[];
}

type StateResource = NonNullable<StateFile['resources']>[number];

/** One instance's address as `terraform state list` prints it: `module.net.aws_subnet.this["a"]`, `data.local_file.x`. */
export function instanceAddress(resource: StateResource, instance: { readonly index_key?: string | number }): string {
  const key = instance.index_key;
  const index = key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
  return `${resource.module ? `${resource.module}.` : ''}${resource.mode === 'managed' ? '' : 'data.'}${resource.type}.${resource.name}${index}`;
}

/** The managed resource addresses of a state file, as `terraform state list` prints them. */
export function stateAddresses(state: StateFile): string[] {
  return (state.resources ?? []).filter((resource) => resource.mode === 'managed').flatMap((resource) => (resource.instances ?? [{}]).map((instance) => instanceAddress(resource, instance)));
}

/** `terraform state pull`: the raw state of the workspace (holds secrets: callers keep it on disk only). */
export async function pullState(ctx: ToolContext, place: TerraformPlace, signal?: AbortSignal): Promise<ToolResult<{ text: string; state: StateFile }>> {
  const result = await runTerraform(ctx, place.dir, ['state', 'pull'], { signal, workspace: place.workspace, timeoutMs: 120_000, maxBufferBytes: 512 * 1024 * 1024 });
  if (!result.ok) return result;
  const text = result.output.stdout;
  try {
    return { ok: true, output: { text, state: text.trim() ? (JSON.parse(text) as StateFile) : {} } };
  } catch {
    return { ok: false, error: { code: 'TERRAFORM_OUTPUT', message: 'terraform state pull printed something that is not a state file' } };
  }
}

function configurationFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === '.terraform' || entry.name === REIGN_FOLDER || entry.name.startsWith('.') ? [] : configurationFiles(join(dir, entry.name), root);
    return /\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(entry.name) ? [relative(root, join(dir, entry.name))] : [];
  });
}

export function configurationHashes(dir: string): Record<string, string> {
  return Object.fromEntries(configurationFiles(dir).sort().map((file) => [file, createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')]));
}

/** Files whose content differs from the snapshot's (changed, added or removed). */
export function changedConfiguration(before: Readonly<Record<string, string>>, now: Readonly<Record<string, string>>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((file) => before[file] !== now[file]).sort();
}

/** Pulls the state into .reign/state/NAME.before.tfstate and hashes the configuration, just before an apply. */
export async function snapshotBeforeApply(ctx: ToolContext, place: TerraformPlace, name: string): Promise<ApplySnapshot> {
  const configuration = place.problem ? {} : configurationHashes(place.dir);
  const pulled = place.problem ? null : await pullState(ctx, place);
  if (!pulled?.ok || !pulled.output.text.trim()) return { state: null, resources: [], configuration };
  const file = `${REIGN_FOLDER}/state/${name}.before.tfstate`;
  preparePlansFolder(place);
  mkdirSync(join(place.dir, REIGN_FOLDER, 'state'), { recursive: true });
  writeFileSync(join(place.dir, file), pulled.output.text, { mode: 0o600 });
  return { state: file, resources: stateAddresses(pulled.output.state), configuration };
}
