import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { runTerraform } from './terraform-exec';
import { defaultPlanName, REIGN_FOLDER } from './terraform-plan-file';
import type { TerraformPlace } from './terraform-place';
import { pullState, snapshotBeforeApply } from './terraform-state-snapshot';

/** The state of a workspace before a step rewrote it, kept as a file in .reign/state (it holds secrets: never in the journal). */
export interface StateBackup {
  /** Relative to dir; null when the workspace had no state to keep. */
  readonly file: string | null;
  /** Resource instances in it. */
  readonly resources: readonly string[];
}

/** Which state a state file is (lineage) and how many writes it has seen (serial): terraform's own guard against overwriting another state. */
export interface StateIdentity {
  readonly lineage: string | null;
  readonly serial: number | null;
}

export function stateIdentity(text: string): StateIdentity {
  try {
    const state = JSON.parse(text) as { lineage?: string; serial?: number };
    return { lineage: state.lineage ?? null, serial: typeof state.serial === 'number' ? state.serial : null };
  } catch {
    return { lineage: null, serial: null };
  }
}

/** `terraform state pull` into .reign/state/KIND-WORKSPACE-TIME.before.tfstate, just before a step rewrites the state. */
export async function backUpState(ctx: ToolContext, place: TerraformPlace, kind: 'state-mv' | 'state-rm' | 'workspace-delete'): Promise<StateBackup> {
  const name = `${kind}-${defaultPlanName('undo', place.workspace).slice('undo-'.length)}`;
  const snapshot = await snapshotBeforeApply(ctx, place, name);
  return { file: snapshot.state, resources: snapshot.resources };
}

/** Lineage and serial of the workspace's state now (after a step, for its undo to check nothing else wrote it since). */
export async function currentIdentity(ctx: ToolContext, place: TerraformPlace, signal?: AbortSignal): Promise<StateIdentity> {
  const pulled = await pullState(ctx, place, signal);
  return pulled.ok ? stateIdentity(pulled.output.text) : { lineage: null, serial: null };
}

/**
 * Puts a state snapshot back with `terraform state push`, only when it is safe: the state now must
 * be the same state (lineage) that the step left (serial), so nothing another person or step
 * wrote since is overwritten. The snapshot goes back as the next serial rather than with
 * `push -force`: Terraform still checks the lineage itself, and serials keep growing, so a plan
 * saved against the rewritten state is refused as stale instead of matching the restored one.
 */
export async function pushStateBack(ctx: ToolContext, place: TerraformPlace, backup: StateBackup, leftBy: StateIdentity, what: string, signal?: AbortSignal): Promise<ToolResult<{ restored: string; serial: number | null }>> {
  if (!backup.file) return toolFailure('NO_UNDO', `${what} cannot be undone: the workspace ${place.workspace} had no state to keep before it.`);
  const path = join(place.dir, backup.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return toolFailure('NO_UNDO', `${what} cannot be undone: the state snapshot ${place.relative}/${backup.file} is gone.`);
  }
  const snapshot = stateIdentity(text);
  const now = await pullState(ctx, place, signal);
  if (!now.ok) return toolFailure(now.error.code, `Cannot read the state of ${place.target.label} to undo ${what}: ${now.error.message}`);
  const current = stateIdentity(now.output.text);
  const byHand = `The state from before is kept at ${place.relative}/${backup.file}; compare it with \`terraform state pull\` and push it by hand if it is still right.`;
  if (!snapshot.lineage || snapshot.lineage !== current.lineage) {
    return toolFailure('STATE_CHANGED', `Not undone: the state of ${place.target.label} is another state now (lineage ${current.lineage ?? 'none'}, the snapshot's is ${snapshot.lineage ?? 'unknown'}), so pushing the snapshot would replace it. ${byHand}`);
  }
  if (leftBy.serial === null || current.serial !== leftBy.serial) {
    return toolFailure('STATE_CHANGED', `Not undone: the state of ${place.target.label} changed after ${what} (serial ${current.serial ?? 'unknown'}, the step left ${leftBy.serial ?? 'unknown'}); pushing the snapshot back would also undo those later changes. ${byHand}`);
  }
  const restoring = `${REIGN_FOLDER}/state/restore-${process.pid}-${Date.now()}.tfstate`;
  writeFileSync(join(place.dir, restoring), JSON.stringify({ ...(JSON.parse(text) as object), serial: current.serial + 1 }, null, 2), { mode: 0o600 });
  try {
    const pushed = await runTerraform(ctx, place.dir, ['state', 'push', '-no-color', '-lock-timeout=30s', restoring], { signal, workspace: place.workspace, timeoutMs: 120_000 });
    if (!pushed.ok) return toolFailure(pushed.error.code, `Pushing the state snapshot back to undo ${what} failed: ${pushed.error.message}. ${byHand}`);
  } finally {
    rmSync(join(place.dir, restoring), { force: true });
  }
  return { ok: true, output: { restored: backup.file, serial: (await currentIdentity(ctx, place, signal)).serial } };
}
