import type { Change, PlanJson, ResourceChange, StateJson, StateModule, StateValues } from './terraform-plan-json';
import { maskWithMarks, redactValues, SENSITIVE, sensitiveValues } from './terraform-sensitive';

/** Every string in a value with the known sensitive values taken out. */
function redactDeep(value: unknown, known: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return known.size ? redactValues(value, known) : value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, known));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, known)]));
  return value;
}

function maskChange(change: Change): Change {
  return { ...change, before: maskWithMarks(change.before, change.before_sensitive), after: maskWithMarks(change.after, change.after_sensitive) };
}

function maskModule(module: StateModule | undefined): StateModule | undefined {
  if (!module) return module;
  return {
    ...module,
    resources: module.resources?.map((resource) => ({ ...resource, values: maskWithMarks(resource.values, resource.sensitive_values) })),
    child_modules: module.child_modules?.map((child) => maskModule(child)!),
  };
}

function maskValues(values: StateValues | undefined): StateValues | undefined {
  if (!values) return values;
  const outputs = values.outputs && Object.fromEntries(Object.entries(values.outputs).map(([name, output]) => [name, output.sensitive ? { ...output, value: SENSITIVE } : output]));
  return { ...values, outputs, root_module: maskModule(values.root_module) };
}

/**
 * `terraform show -json PLAN` with every sensitive value masked: resource values by their marks,
 * sensitive outputs and variables whole, then any copy of those values anywhere else. The
 * configuration section is left out: it holds variable defaults and literal expressions.
 */
export function maskPlanJson(plan: PlanJson): Omit<PlanJson, 'configuration'> {
  const known = sensitiveValues(plan);
  const declared = plan.configuration?.root_module?.variables ?? {};
  const masked = {
    format_version: plan.format_version,
    terraform_version: plan.terraform_version,
    variables: plan.variables && Object.fromEntries(Object.entries(plan.variables).map(([name, variable]) => [name, declared[name]?.sensitive ? { value: SENSITIVE } : variable])),
    resource_changes: plan.resource_changes?.map((resource): ResourceChange => ({ ...resource, change: maskChange(resource.change) })),
    resource_drift: plan.resource_drift?.map((resource): ResourceChange => ({ ...resource, change: maskChange(resource.change) })),
    output_changes: plan.output_changes && Object.fromEntries(Object.entries(plan.output_changes).map(([name, change]) => [name, maskChange(change)])),
    planned_values: maskValues(plan.planned_values),
    prior_state: plan.prior_state && { ...plan.prior_state, values: maskValues(plan.prior_state.values) },
    applyable: plan.applyable,
    complete: plan.complete,
    errored: plan.errored,
  };
  return redactDeep(masked, known) as Omit<PlanJson, 'configuration'>;
}

/** `terraform show -json` of the state, with sensitive attributes and outputs masked. */
export function maskStateJson(state: StateJson): StateJson {
  return redactDeep({ ...state, values: maskValues(state.values) }, sensitiveValues(state)) as StateJson;
}
