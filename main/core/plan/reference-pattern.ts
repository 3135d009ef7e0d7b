/**
 * `${steps.<id>.output.<field>}`, where the field may go deeper into the output
 * (`${steps.apply.output.outputs.namespace}`: a Terraform output by name). A step id may hold dots
 * (an expanded step is `parent.child`); the id ends at the first `.output.`.
 */
export const REFERENCE_SOURCE = String.raw`\$\{steps\.([A-Za-z0-9][A-Za-z0-9_.-]*?)\.output\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_-]+)*)\}`;

/** The value at a dotted field path of a step's output, or undefined where the path leads nowhere. */
export function outputAt(output: Record<string, unknown> | undefined, field: string): unknown {
  return field.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), output);
}
