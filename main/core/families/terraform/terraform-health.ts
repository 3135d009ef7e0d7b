import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FamilyTargetHealth } from '../../../../preload/contract';
import type { HealthWhere } from '../family';
import { readDriftRecord } from './terraform-drift-record';
import { REIGN_FOLDER } from './terraform-plan-file';
import { backendType } from './terraform-place';
import { terraformWorkingDirs, type WorkingDir } from './terraform-working-dirs';

// Read from the files Terraform and Reign leave in each working directory, without running
// terraform: a dashboard refresh must stay cheap, and `terraform workspace list` may reach a remote backend.

const DIRS_SHOWN = 6;
/** The walk of the workspace is kept this long: the dashboard refreshes often, new folders are rare. */
const DIRS_KEPT_MS = 30_000;

let keptDirs: { root: string; at: number; dirs: WorkingDir[] } | null = null;

/** The workspace's working directories, walked again once the kept list is older than DIRS_KEPT_MS (or for another workspace). */
export async function workingDirsKept(root: string, signal: AbortSignal, now = Date.now()): Promise<WorkingDir[]> {
  if (keptDirs && keptDirs.root === root && now - keptDirs.at < DIRS_KEPT_MS) return keptDirs.dirs;
  const dirs = await terraformWorkingDirs(root, signal);
  keptDirs = { root, at: now, dirs };
  return dirs;
}

interface WorkspaceFacts {
  readonly name: string;
  readonly lastPlan: Date | null;
  readonly lastApply: Date | null;
  /** Resources the last drift check found changed outside Terraform, if it still describes the state. */
  readonly drifted: number | null;
  readonly driftCheckedAt: string | null;
}

/** One card per working directory of the chat's workspace: its workspaces, last plan and apply, drift found. */
export async function terraformHealth({ workspace, signal }: HealthWhere): Promise<FamilyTargetHealth[]> {
  const dirs = (await workingDirsKept(workspace, signal)).slice(0, DIRS_SHOWN);
  if (!dirs.length) {
    return [
      {
        id: 'terraform',
        kind: 'Terraform',
        label: 'Terraform',
        tone: 'idle',
        state: 'no configuration',
        summary: `No folder with *.tf files in ${workspace}.`,
        fix: 'Ask the agent to write a configuration, or start from `reign terraform templates`.',
        facts: [],
        counts: [],
        open: null,
      },
    ];
  }
  return dirs.map(({ dir, initialized }) => dirHealth(workspace, dir, initialized));
}

function dirHealth(root: string, dir: string, initialized: boolean): FamilyTargetHealth {
  const path = join(root, dir);
  const backend = backendType(path);
  const selected = readText(join(path, '.terraform', 'environment'))?.trim() || 'default';
  // A local backend keeps other workspaces under terraform.tfstate.d; a remote one, where Reign does not look.
  const names = [...new Set(['default', selected, ...(backend === 'local' ? subfolders(join(path, 'terraform.tfstate.d')) : [])])];
  const workspaces = names.map((name) => workspaceFacts(path, name, backend));
  const drifted = workspaces.reduce((sum, facts) => sum + (facts.drifted ?? 0), 0);
  const checked = workspaces.some((facts) => facts.drifted !== null);
  const newest = (pick: (facts: WorkspaceFacts) => Date | null): string => {
    const dates = workspaces.map(pick).filter((date): date is Date => date !== null);
    return dates.length ? new Date(Math.max(...dates.map(Number))).toISOString() : 'never';
  };
  const base = { id: `terraform:${dir}`, kind: 'Terraform working directory', label: dir === '.' ? 'workspace root' : basename(dir), open: { view: 'terraform.resources', scope: { dir, workspace: selected } } };
  const facts = [
    // The card's title is the folder's own name (several template folders share a long prefix); the path is here.
    ...(dir === '.' ? [] : [{ label: 'Folder', value: dir }]),
    { label: 'Workspaces', value: names.map((name) => (name === selected ? `${name} (selected)` : name)).join(', ') },
    { label: 'Backend', value: backend },
    { label: 'Last plan', value: newest((facts) => facts.lastPlan) },
    { label: 'Last apply', value: backend === 'local' ? newest((facts) => facts.lastApply) : 'not known (remote state)' },
  ];
  const counts = [{ label: 'drifted resources', value: drifted, tone: drifted ? ('warn' as const) : checked ? ('ok' as const) : ('idle' as const) }];
  if (!initialized) return { ...base, tone: 'idle', state: 'not initialized', summary: `${dir} has a configuration but terraform init has not run there.`, fix: 'Ask the agent to run terraform.init there (or run `terraform init` in that folder).', facts, counts: [] };
  if (drifted) {
    const where = workspaces.filter((facts) => facts.drifted).map((facts) => facts.name).join(', ');
    return { ...base, tone: 'warn', state: 'drift found', summary: `The last drift check found ${drifted} resource${drifted === 1 ? '' : 's'} changed outside Terraform (${where}).`, fix: 'Open its resources to see what drifted, then plan to bring it back or accept the change.', facts, counts };
  }
  return { ...base, tone: 'ok', state: checked ? 'in sync' : 'not checked', summary: checked ? 'No drift at the last check.' : 'No drift check has run here yet.', fix: checked ? null : 'Ask the agent for terraform.drift to compare the state with the real resources.', facts, counts };
}

function workspaceFacts(dir: string, name: string, backend: string): WorkspaceFacts {
  const stateFile = name === 'default' ? join(dir, 'terraform.tfstate') : join(dir, 'terraform.tfstate.d', name, 'terraform.tfstate');
  const state = backend === 'local' ? readJson<{ serial?: number; lineage?: string }>(stateFile) : null;
  const record = readDriftRecord({ dir, workspace: name });
  // A check made against another serial (an apply since) no longer says anything about the state.
  const current = record && (backend !== 'local' || (record.serial === (state?.serial ?? null) && record.lineage === (state?.lineage ?? null)));
  return {
    name,
    lastPlan: newestPlan(join(dir, REIGN_FOLDER, 'plans'), name),
    lastApply: backend === 'local' ? modified(stateFile) : null,
    drifted: current ? record.drifted.length : null,
    driftCheckedAt: record?.checkedAt ?? null,
  };
}

function newestPlan(folder: string, workspace: string): Date | null {
  let newest: Date | null = null;
  for (const file of safeList(folder)) {
    if (!file.endsWith('.tfplan') || !(file.startsWith(`plan-${workspace}-`) || file.startsWith(`destroy-${workspace}-`))) continue;
    const at = modified(join(folder, file));
    if (at && (!newest || at > newest)) newest = at;
  }
  return newest;
}

const safeList = (folder: string): string[] => {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
};

const subfolders = (folder: string): string[] => {
  try {
    return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
};

const modified = (file: string): Date | null => {
  try {
    return statSync(file).mtime;
  } catch {
    return null;
  }
};

const readText = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

function readJson<T>(file: string): T | null {
  const text = readText(file);
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
