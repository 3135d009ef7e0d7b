import { basename } from 'node:path';
import { type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { appliedVariablesFile } from './terraform-applied-variables';
import { makePlan } from './terraform-make-plan';
import type { TerraformPlace } from './terraform-place';
import { type ApplySnapshot, changedConfiguration, configurationHashes, pullState, stateAddresses } from './terraform-state-snapshot';

const list = (addresses: readonly string[]): string => (addresses.length > 5 ? `${addresses.slice(0, 5).join(', ')} and ${addresses.length - 5} more` : addresses.join(', '));

/** Named after the plan it undoes, so the person (or the agent) who reads the run finds it: `shop` → `undo-shop`. */
export const undoPlanName = (plan: string): string => `undo-${basename(plan).replace(/\.tfplan$/, '')}`;

/**
 * The undo of an apply never changes infrastructure by itself: an undo runs without an approval
 * (a rollback after a failed step, `reign plan undo`), and a Terraform apply is undone only by
 * another plan a person approves. So the undo plans the return and stops there:
 * - the apply created resources → it saves a destroy plan of exactly those (`-destroy -target=…`)
 *   and fails with UNDO_NEEDS_APPROVAL naming that plan, for terraform.apply to run once approved;
 * - it created nothing (only updated or destroyed) → NO_UNDO: Terraform cannot put the old
 *   objects back from a state snapshot; the state from before is kept as a file, and going back
 *   means changing the configuration back and planning again.
 */
export async function undoApply(ctx: ToolContext, place: TerraformPlace, plan: string, snapshot: ApplySnapshot, signal: AbortSignal): Promise<ToolResult<null>> {
  const now = await pullState(ctx, place, signal);
  if (!now.ok) return toolFailure(now.error.code, `Cannot read the state to undo the apply of ${plan}: ${now.error.message}`);
  const before = new Set(snapshot.resources);
  const created = stateAddresses(now.output.state).filter((address) => !before.has(address));
  const kept = snapshot.state ? ` The state from before the apply is kept at ${place.relative}/${snapshot.state}.` : '';
  const changed = changedConfiguration(snapshot.configuration, configurationHashes(place.dir));
  if (!created.length) {
    const files = changed.length ? ` The configuration changed since (${changed.join(', ')}).` : '';
    return toolFailure('NO_UNDO', `The apply of ${plan} created nothing new: it changed or destroyed existing resources, which Terraform cannot bring back from a state snapshot.${kept}${files} To go back, change the configuration back and run terraform.plan, then apply that plan once approved.`);
  }
  const variables = await appliedVariablesFile(ctx, place, plan, undoPlanName(plan), signal);
  const made = await makePlan(ctx, place, undoPlanName(plan), { vars: {}, varFiles: variables ? [variables.file] : [], targets: created, replace: [], mode: 'destroy' }, { signal }).finally(() => variables?.release());
  if (!made.ok) return toolFailure(made.error.code, `Undoing the apply of ${plan} means destroying what it created (${list(created)}), but that plan failed: ${made.error.message}`);
  const still = changed.length ? '' : ' The configuration still declares them, so the next plan creates them again unless you remove them from it.';
  return toolFailure(
    'UNDO_NEEDS_APPROVAL',
    `Not undone yet: undoing the apply of ${plan} destroys the ${created.length} resource${created.length === 1 ? '' : 's'} it created (${list(created)}), which needs your approval. ` +
      `Reign saved that plan as ${made.output.plan} in ${place.relative} (sha256 ${made.output.sha256}); apply it with terraform.apply { dir: "${place.relative}", plan: "${made.output.plan}" }.${still}${kept}`,
  );
}
