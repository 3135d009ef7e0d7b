import type { z } from 'zod';
import type { ToolDefinition } from '../tools/tool-definition';
import { REFERENCE_SOURCE } from './reference-pattern';
import { findReferences } from './step-references';

// A field that is one whole reference to an earlier step's output (`number: ${steps.pr.output.number}`)
// takes that output's own type when the step runs, so before then it cannot meet a schema that
// wants a number, a boolean or one of an enum. To validate, classify and preview such a step
// before it runs, the field is parsed with a stand-in of the type the schema asks for, then the
// reference is put back: the step is described with the reference, classified without its
// inspection (its facts depend on the value), and classified again with the real value before it
// runs (the plan runner's reclassification), which is where the value is checked.

const WHOLE_REFERENCE = new RegExp(`^${REFERENCE_SOURCE}$`);

export type HeldParse = { readonly success: true; readonly data: unknown; readonly held: readonly string[] } | { readonly success: false; readonly error: z.ZodError };

type Path = readonly PropertyKey[];

const valueAt = (value: unknown, path: Path): unknown => path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), value);

function setAt(value: unknown, path: Path, replacement: unknown): void {
  const parent = valueAt(value, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<PropertyKey, unknown>)[path.at(-1)!] = replacement;
}

/** A value of the kind a schema issue asks for, or undefined when the issue is not about the field's type. */
function standIn(issue: z.core.$ZodIssue): unknown {
  if (issue.code === 'invalid_type') return ({ number: 1, int: 1, bigint: 1, boolean: false, array: [], object: {}, date: new Date(0) } as Record<string, unknown>)[issue.expected];
  if (issue.code === 'too_small' && typeof issue.minimum === 'number') return issue.minimum;
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return issue.maximum;
  if (issue.code === 'invalid_value') return issue.values[0];
  return undefined;
}

/**
 * A field whose format the schema checks (a repository's OWNER/REPO, a name's pattern) has no
 * stand-in of its type alone: the tool's own examples, valid inputs by the tool's contract, give one.
 */
function exampleAt(tool: Pick<ToolDefinition, 'examples'>, path: Path): unknown {
  for (const example of tool.examples ?? []) {
    const value = valueAt(example, path);
    if (value !== undefined) return structuredClone(value);
  }
  return undefined;
}

/** Whether a step's input holds a whole reference at any place the schema refuses it. */
export const isWholeReference = (value: unknown): value is string => typeof value === 'string' && WHOLE_REFERENCE.test(value);

/** The tool's input parsed, whole references standing in for the values they will take; `held` names the fields that wait for one. */
export function parseHeld(tool: Pick<ToolDefinition, 'input' | 'inspect' | 'examples'>, raw: unknown): HeldParse {
  const first = tool.input.safeParse(raw);
  if (first.success) return { success: true, data: first.data, held: tool.inspect ? referencePaths(raw) : [] };
  const candidate: unknown = structuredClone(raw);
  const held = new Map<string, Path>();
  let error = first.error;
  // A stand-in may meet the type and then miss a bound (a number under the minimum): a few rounds at most.
  for (let round = 0; round < 4; round++) {
    for (const issue of error.issues) {
      const stand = standIn(issue) ?? exampleAt(tool, issue.path);
      if (!isWholeReference(valueAt(raw, issue.path)) || stand === undefined) return { success: false, error: first.error };
      setAt(candidate, issue.path, stand);
      held.set(issue.path.join('.'), issue.path);
    }
    const again = tool.input.safeParse(candidate);
    if (again.success) {
      for (const path of held.values()) setAt(again.data, path, valueAt(raw, path));
      const inText = tool.inspect ? referencePaths(raw).filter((path) => !held.has(path)) : [];
      return { success: true, data: again.data, held: [...held.keys(), ...inText] };
    }
    error = again.error;
  }
  return { success: false, error: first.error };
}

/**
 * Dotted paths of the strings that hold a reference anywhere in them (`namespace: ${steps.apply…}`,
 * `url: http://${steps…}/health`). They meet a string schema as they are, but what a tool's
 * inspection reads with the reference's text (a server dry run into a namespace named `${steps…}`)
 * is not what the step will act on: such a step is inspected when the value is known.
 */
function referencePaths(raw: unknown): string[] {
  // findReferences names places as `files[0].content`; held fields are dotted (`files.0.content`).
  return [...new Set(findReferences(raw).map((reference) => reference.path.replace(/\[(\d+)\]/g, '.$1')))];
}

/** The reference a held field waits for, by its dotted path (as `held` names it). */
export const heldReference = (raw: unknown, path: string): string => String(valueAt(raw, path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key))));

/** As tool.input.parse: the parsed input, throwing the schema's own error when it is invalid. */
export function parseHeldOrThrow(tool: Pick<ToolDefinition, 'input' | 'inspect' | 'examples'>, raw: unknown): { data: unknown; held: readonly string[] } {
  const parsed = parseHeld(tool, raw);
  if (!parsed.success) throw parsed.error;
  return parsed;
}
