import { outputAt, REFERENCE_SOURCE } from './reference-pattern';
import { substituteShellReferences } from './shell-references';

/** `${steps.<id>.output.<field>}` inside any string of a step's input. */
const REFERENCE = new RegExp(REFERENCE_SOURCE, 'g');
const WHOLE = new RegExp(`^${REFERENCE_SOURCE}$`);

export interface StepReference {
  readonly step: string;
  /** The output field, dotted where it goes deeper (`outputs.namespace`). */
  readonly field: string;
  /** Where in the input, e.g. `command`. */
  readonly path: string;
}

export function findReferences(value: unknown, path = ''): StepReference[] {
  if (typeof value === 'string') return [...value.matchAll(REFERENCE)].map((match) => ({ step: match[1]!, field: match[2]!, path: path || '(input)' }));
  if (Array.isArray(value)) return value.flatMap((item, index) => findReferences(item, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => findReferences(item, path ? `${path}.${key}` : key));
  return [];
}

/**
 * Replaces references with the outputs of finished steps. A string that is one whole reference takes
 * the output's own type; in fields of shell command text (`shellText`) values go in shell-quoted.
 * Throws UnsafeReferenceError where a value cannot be inserted into shell text as data.
 */
export function substituteReferences(value: unknown, outputs: ReadonlyMap<string, Record<string, unknown>>, shellText: readonly string[] = [], path = ''): unknown {
  if (typeof value === 'string' && shellText.includes(path)) return substituteShellReferences(value, (step, field) => outputAt(outputs.get(step), field));
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return outputAt(outputs.get(whole[1]!), whole[2]!);
    return value.replace(REFERENCE, (_match, step: string, field: string) => textOf(outputAt(outputs.get(step), field)));
  }
  if (Array.isArray(value)) return value.map((item, index) => substituteReferences(item, outputs, shellText, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteReferences(item, outputs, shellText, path ? `${path}.${key}` : key)]));
  return value;
}

/** An output inside other text: a list or an object as JSON, never `[object Object]`. */
const textOf = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
