/**
 * The parts of `terraform show -json` Reign reads (the JSON output format, format_version 1.x):
 * https://developer.hashicorp.com/terraform/internals/json-format
 */
export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly variables?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly planned_values?: StateValues;
  readonly prior_state?: { readonly values?: StateValues };
  readonly resource_changes?: readonly ResourceChange[];
  readonly resource_drift?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, Change>>;
  readonly configuration?: { readonly root_module?: ConfigModule };
  readonly applyable?: boolean;
  readonly complete?: boolean;
  readonly errored?: boolean;
}

/** `terraform show -json` of the state (no plan file). */
export interface StateJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly values?: StateValues;
}

export interface StateValues {
  readonly outputs?: Readonly<Record<string, { readonly sensitive: boolean; readonly value?: unknown; readonly type?: unknown }>>;
  readonly root_module?: StateModule;
}

export interface StateModule {
  readonly address?: string;
  readonly resources?: readonly StateResource[];
  readonly child_modules?: readonly StateModule[];
}

export interface StateResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values?: unknown;
  /** Mirrors `values`: true where a value is sensitive. */
  readonly sensitive_values?: unknown;
}

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly previous_address?: string;
  readonly action_reason?: string;
  readonly change: Change;
}

export interface Change {
  /** ["no-op"], ["create"], ["read"], ["update"], ["delete"], ["delete","create"], ["create","delete"], ["forget"]. */
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** Mirrors `after`: true where the value is known only after apply. */
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  readonly replace_paths?: readonly (readonly (string | number)[])[];
  readonly importing?: unknown;
}

export interface ConfigModule {
  readonly variables?: Readonly<Record<string, { readonly sensitive?: boolean; readonly default?: unknown }>>;
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

/** Every resource of a state module and its children. */
export function stateResources(module: StateModule | undefined): StateResource[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(stateResources)];
}

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget' | 'no-op';

/** One action for Terraform's action list: a delete and a create in either order is a replacement. */
export function actionOf(actions: readonly string[]): ChangeAction {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  const [first] = actions;
  return first === 'create' || first === 'update' || first === 'delete' || first === 'read' || first === 'forget' ? first : 'no-op';
}
