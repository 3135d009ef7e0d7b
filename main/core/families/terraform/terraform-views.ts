import { existsSync, type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { ageCell, type ResourceScope, type ResourceViewDefinition, type ScopeLevel } from '../../resources-view/resource-view';
import type { ToolContext } from '../../tools/tool-definition';
import { driftRecordFile } from './terraform-drift-record';
import { terraformPlace } from './terraform-place';
import type { DriftStatus, StateResourceRow } from './terraform-state-resources';
import { terraformWorkingDirs } from './terraform-working-dirs';

// Terraform in the Resources pane: choose a working directory of the workspace and one of its
// Terraform workspaces, then see the resources in its state with what the last drift check found,
// and its outputs. Listing goes through terraform.resources and terraform.output (so the policy
// sees it); removing a resource from the state goes through the tool plans use.

const dirLevel: ScopeLevel = {
  id: 'dir',
  label: 'Directory',
  options: async ({ ctx }) => (await terraformWorkingDirs(ctx.workspace)).map((found, index) => ({ id: found.dir, label: found.initialized ? found.dir : `${found.dir} (not initialized)`, default: index === 0 })),
};

const workspaceLevel: ScopeLevel = {
  id: 'workspace',
  label: 'Workspace',
  options: async ({ chosen, read }) => {
    if (!chosen.dir) return [];
    try {
      const listed = (await read('terraform.workspace.list', { dir: chosen.dir })) as { workspaces: { name: string }[]; active: string };
      return listed.workspaces.map((workspace) => ({ id: workspace.name, label: workspace.name, default: workspace.name === listed.active }));
    } catch {
      // Not initialized yet: its only workspace is default, and the list says what to do.
      return [{ id: 'default', label: 'default', default: true }];
    }
  },
};

/** The place of the scope shown, as every Terraform tool takes it; a workspace without a working directory has nothing to list. */
function placeOf(scope: ResourceScope): { dir: string; workspace: string } {
  if (!scope.dir) throw new Error('This workspace has no Terraform configuration (no folder with *.tf files). Ask the agent to write one, or start from `reign terraform templates`.');
  return { dir: scope.dir, workspace: scope.workspace ?? 'default' };
}

const driftTone: Record<DriftStatus, 'ok' | 'warn' | 'bad' | 'idle'> = { 'in sync': 'ok', drifted: 'warn', deleted: 'bad', 'not checked': 'idle' };

/**
 * A change to the state or to the last drift check: a local backend's state file (in the folder,
 * or under terraform.tfstate.d for other workspaces) and the drift record. Remote backends change
 * where Reign cannot see; their rows are fresh on every list.
 */
async function watchState(ctx: ToolContext, changed: () => void, ended: () => void, scope: ResourceScope): Promise<() => void> {
  const place = terraformPlace(ctx, placeOf(scope));
  const folders = [place.dir, join(place.dir, 'terraform.tfstate.d', place.workspace), join(place.dir, '.reign'), join(driftRecordFile(place), '..')];
  let quiet: ReturnType<typeof setTimeout> | null = null;
  const watchers = new Map<string, FSWatcher>();
  const soon = (): void => {
    quiet ??= setTimeout(() => {
      quiet = null;
      changed();
    }, 300);
  };
  // The folders that exist now; the first drift check or apply creates the others, so every event looks again
  // (and a folder found late counts as a change: its file may have been written before it was watched).
  const attach = (): void => {
    for (const folder of folders.filter((path) => !watchers.has(path) && existsSync(path))) {
      try {
        const watcher = watch(folder, (_event, file) => {
          attach();
          // Terraform writes a backup and a lock file beside the state; the state itself, the drift record or a new folder is what counts.
          if (!file || !/\.(lock\.info|backup|tmp)$/.test(file)) soon();
        });
        watcher.on('error', () => ended());
        if (watchers.size) soon();
        watchers.set(folder, watcher);
      } catch {
        // A folder that went away between the check and the watch: the next event looks again.
      }
    }
  };
  attach();
  return () => {
    if (quiet) clearTimeout(quiet);
    for (const watcher of watchers.values()) watcher.close();
  };
}

const terraformResourcesView: ResourceViewDefinition<StateResourceRow & { checkedAt: string | null }> = {
  id: 'terraform.resources',
  title: 'Resources',
  columns: [
    { key: 'address', label: 'Address', kind: 'text' },
    { key: 'type', label: 'Type', kind: 'text' },
    { key: 'id', label: 'ID', kind: 'text' },
    { key: 'drift', label: 'Drift', kind: 'status' },
    // Which attributes changed outside Terraform, and when the drift check that found it ran.
    { key: 'changed', label: 'What changed', kind: 'text' },
    { key: 'checked', label: 'Checked', kind: 'age' },
    { key: 'provider', label: 'Provider', kind: 'text' },
  ],
  empty: 'Nothing in the state of this workspace yet. Plan and apply its configuration (ask the agent, or `reign terraform plan` then `reign terraform apply`), or choose another directory or workspace above.',
  scope: [dirLevel, workspaceLevel],
  list: {
    tool: 'terraform.resources',
    input: (scope) => placeOf(scope),
    rows: (output) => {
      const check = output.lastCheck as { checkedAt: string; current: boolean } | null;
      return (output.resources as StateResourceRow[]).map((resource) => ({ ...resource, checkedAt: check?.current ? check.checkedAt : null }));
    },
  },
  row: (item) => ({
    key: item.address,
    cells: { address: item.address, type: item.type, id: item.id, drift: item.drift, changed: item.driftedAttributes.join(', ') || null, checked: ageCell(item.checkedAt), provider: item.provider },
    tone: driftTone[item.drift],
  }),
  actions: [
    {
      // `remove` (styled as the dangerous one) forgets (terraform state rm), which a row can do alone: destroying is
      // a plan then the apply of it, two steps each approved, which a row action (one approval, one step per row) cannot carry.
      id: 'remove',
      label: 'Forget',
      tool: 'terraform.state.rm',
      bulk: true,
      input: (key, scope) => ({ ...placeOf(scope), addresses: [key] }),
    },
  ],
  watch: watchState,
};

interface ListedOutput {
  readonly name: string;
  readonly sensitive: boolean;
  readonly type: unknown;
  readonly value: unknown;
}

/** `string`, `list(string)`, `object({...})`: terraform's type constraint JSON in the words of HCL. */
export function typeText(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type) && typeof type[0] === 'string') {
    const [kind, inner] = type as [string, unknown];
    if (kind === 'object' && inner && typeof inner === 'object') return `object({${Object.keys(inner).join(', ')}})`;
    if (kind === 'tuple') return 'tuple';
    return `${kind}(${typeText(inner)})`;
  }
  return 'any';
}

const terraformOutputsView: ResourceViewDefinition<ListedOutput> = {
  id: 'terraform.outputs',
  title: 'Outputs',
  columns: [
    { key: 'name', label: 'Name', kind: 'text' },
    { key: 'value', label: 'Value', kind: 'text' },
    { key: 'type', label: 'Type', kind: 'text' },
  ],
  empty: 'No outputs in the state of this workspace. Declare output blocks and apply, or choose another directory or workspace above.',
  scope: [dirLevel, workspaceLevel],
  list: { tool: 'terraform.output', input: (scope) => placeOf(scope), rows: (output) => output.outputs as ListedOutput[] },
  // Sensitive values arrive masked from terraform.output; the rest as JSON when they are not text.
  row: (item) => ({ key: item.name, cells: { name: item.name, value: typeof item.value === 'string' ? item.value : JSON.stringify(item.value), type: typeText(item.type) }, tone: item.sensitive ? 'idle' : 'ok' }),
  watch: watchState,
};

export const terraformViews: ResourceViewDefinition<any>[] = [terraformResourcesView, terraformOutputsView];
