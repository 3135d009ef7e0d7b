/**
 * The rendered infrastructure plan a step shows before it is approved (a Terraform plan today): what
 * each resource will become, grouped by module, with the plain text of the plan one click away.
 * Values marked sensitive never appear here: their attributes say `sensitive: true` and carry null.
 */
export interface PlanPreview {
  readonly kind: 'plan';
  readonly title: string;
  readonly counts: { readonly create: number; readonly update: number; readonly replace: number; readonly delete: number; readonly read: number; readonly forget: number };
  readonly changes: readonly PlanChange[];
  /** What changed outside the tool since the last run (Terraform's resource_drift). */
  readonly drift: readonly PlanChange[];
  /** The plain `terraform show` of the plan. */
  readonly text: string;
}

export interface PlanChange {
  readonly address: string;
  /** `module.network`, or null for the root module. */
  readonly module: string | null;
  readonly type: string;
  readonly name: string;
  /** forget: removed from the state, the real object left as it is and no longer managed (a `removed` block with destroy = false). */
  readonly action: 'create' | 'update' | 'replace' | 'delete' | 'read' | 'forget';
  /** Attribute paths that force the replacement (Terraform's replace_paths). */
  readonly replaceBecause: readonly string[];
  readonly attributes: readonly PlanAttributeChange[];
}

export interface PlanAttributeChange {
  readonly path: string;
  readonly before: string | null;
  /** '(known after apply)' for values only known once applied. */
  readonly after: string | null;
  /** Shown as (sensitive); the value is never included. */
  readonly sensitive: boolean;
  readonly forcesReplacement: boolean;
}
