import { type PlanJson, type StateModule, type StateValues, stateResources } from './terraform-plan-json';

export const SENSITIVE = '(sensitive value)';

type Segment = string | number;

/** Terraform's sensitivity marks mirror a value: `true` marks everything below it. */
export function isMarked(marks: unknown, path: readonly Segment[]): boolean {
  let node = marks;
  for (const segment of path) {
    if (node === true) return true;
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node === true;
}

/** The value with every part its marks call sensitive replaced by "(sensitive value)". */
export function maskWithMarks(value: unknown, marks: unknown): unknown {
  if (marks === true) return value === null || value === undefined ? value : SENSITIVE;
  if (!marks || typeof marks !== 'object' || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item, index) => maskWithMarks(item, (marks as unknown[])[index]));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskWithMarks(item, (marks as Record<string, unknown>)[key])]));
}

/** Every leaf of a value that its marks call sensitive. */
function markedLeaves(value: unknown, marks: unknown, into: Set<string>, under = false): void {
  const sensitive = under || marks === true;
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) markedLeaves(item, sensitive ? true : (marks as Record<string, unknown> | undefined)?.[key], into, sensitive);
    return;
  }
  if (sensitive) into.add(String(value));
}

/**
 * The sensitive values a plan or state holds, as text, so they can be taken out of text terraform
 * printed itself. Terraform masks what it knows is sensitive, but a value copied into an attribute
 * that loses the mark (terraform_data's output of a sensitive input) is printed in clear.
 */
export function sensitiveValues(json: PlanJson & { values?: StateValues }): Set<string> {
  const found = new Set<string>();
  for (const change of [...(json.resource_changes ?? []), ...(json.resource_drift ?? [])]) {
    markedLeaves(change.change.before, change.change.before_sensitive, found);
    markedLeaves(change.change.after, change.change.after_sensitive, found);
  }
  for (const values of [json.planned_values, json.prior_state?.values, json.values]) {
    for (const resource of stateResources(values?.root_module as StateModule | undefined)) markedLeaves(resource.values, resource.sensitive_values, found);
    for (const output of Object.values(values?.outputs ?? {})) if (output.sensitive) markedLeaves(output.value, true, found);
  }
  for (const output of Object.values(json.output_changes ?? {})) {
    markedLeaves(output.before, output.before_sensitive, found);
    markedLeaves(output.after, output.after_sensitive, found);
  }
  const declared = json.configuration?.root_module?.variables ?? {};
  for (const [name, variable] of Object.entries(json.variables ?? {})) if (declared[name]?.sensitive) markedLeaves(variable.value, true, found);
  // Short values ("1", "true") would blank out unrelated text and are no secret on their own.
  return new Set([...found].filter((value) => value.length >= 4));
}

/** Text with every known sensitive value replaced, longest first (so a value containing another goes whole). */
export function redactValues(text: string, values: ReadonlySet<string>): string {
  let result = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) result = result.split(value).join(SENSITIVE);
  return result;
}
