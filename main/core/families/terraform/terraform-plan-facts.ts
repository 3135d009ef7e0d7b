import { actionOf, type ChangeAction, type PlanJson, stateResources } from './terraform-plan-json';

/** What a saved plan does, for risk and approval: no values, only addresses, types and actions. */
export interface PlanFacts {
  /** Relative to the working directory. */
  readonly plan: string;
  /** The saved plan file's hash: the approval is bound to exactly this plan. */
  readonly sha256: string;
  readonly changes: readonly { readonly address: string; readonly type: string; readonly action: ChangeAction; readonly replaceBecause: readonly string[] }[];
  /** Managed resources in the state the plan was made from. */
  readonly resourcesBefore: readonly string[];
  /** Resources changed outside Terraform that applying this plan writes into the state. */
  readonly drifted: number;
  readonly outputsChanged: number;
  /** Existing objects the plan brings under Terraform (import blocks): a change of the state, so at least write. */
  readonly imports: readonly string[];
}

export function planFacts(plan: PlanJson, file: string, sha256: string): PlanFacts {
  const changes = (plan.resource_changes ?? [])
    .filter((resource) => resource.mode === 'managed')
    .map((resource) => ({ address: resource.address, type: resource.type, action: actionOf(resource.change.actions), replaceBecause: (resource.change.replace_paths ?? []).map((path) => path.join('.')) }))
    .filter((change) => change.action !== 'no-op' && change.action !== 'read');
  const resourcesBefore = stateResources(plan.prior_state?.values?.root_module).filter((resource) => resource.mode === 'managed').map((resource) => resource.address);
  const drifted = (plan.resource_drift ?? []).filter((resource) => actionOf(resource.change.actions) !== 'no-op').length;
  const outputsChanged = Object.values(plan.output_changes ?? {}).filter((change) => actionOf(change.actions) !== 'no-op').length;
  // An import is a no-op of the object with `importing` set: it changes the state, not the object.
  const imports = (plan.resource_changes ?? []).filter((resource) => (resource.change as { importing?: unknown }).importing).map((resource) => resource.address);
  return { plan: file, sha256, changes, resourcesBefore, drifted, outputsChanged, imports };
}
