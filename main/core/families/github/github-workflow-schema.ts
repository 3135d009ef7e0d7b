import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { WorkflowProblem } from './github-workflow-problem';
import type { ParsedWorkflow, WorkflowPath } from './github-workflow-yaml';
import workflowSchema from './workflow-schema/github-workflow.json' with { type: 'json' };

// SchemaStore's schema of workflow files (vendored: see workflow-schema/README.md), compiled once,
// on the first check: compiling it costs tens of milliseconds, and most runs never check a workflow.
let compiled: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // strict: false because the schema uses annotations Ajv's strict mode refuses (`$comment` in
  // places, `markdownDescription`); allErrors so every problem in a file is shown at once;
  // verbose so an error carries the schema it failed (to tell a oneOf's wrong branch).
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, verbose: true });
  compiled = ajv.compile(workflowSchema);
  return compiled;
}

/** Problems against GitHub's workflow schema, each on the line of the part of the file it is about. */
export function schemaProblems(workflow: ParsedWorkflow): WorkflowProblem[] {
  const validate = validator();
  if (validate(workflow.value)) return [];
  const errors = specificErrors(validate.errors ?? []);
  // One problem per place: a value that matches none of a oneOf's shapes gets every shape's
  // complaint, which read as one sentence ("must be string, or must be object"); the keys one
  // shape requires read together ("needs "on" and "jobs"").
  const byPlace = new Map<string, { path: WorkflowPath; key: boolean; messages: Set<string>; required: Map<unknown, string[]> }>();
  for (const error of errors) {
    const { path, key, message } = describe(error);
    const place = `${key ? 'key:' : ''}${JSON.stringify(path)}`;
    const entry = byPlace.get(place) ?? { path, key, messages: new Set<string>(), required: new Map<unknown, string[]>() };
    if (error.keyword === 'required') {
      const missing = entry.required.get(error.parentSchema) ?? [];
      entry.required.set(error.parentSchema, [...missing, `"${String((error.params as { missingProperty: string }).missingProperty)}"`]);
    } else entry.messages.add(message);
    byPlace.set(place, entry);
  }
  return [...byPlace.values()].map(({ path, key, messages, required }) => ({
    source: 'schema',
    rule: 'schema',
    severity: 'error',
    message: `${where(path)}: ${[...[...required.values()].map((names) => `needs ${names.join(' and ')}`), ...messages].join(', or ')}.`,
    ...workflow.rangeOf(path, { key }),
  }));
}

/**
 * Ajv reports, for a value that fails a oneOf, the failure of every branch and of the oneOf
 * itself. The deepest places are the specific ones: an error is dropped when another is at a
 * place inside it, and the combinators' own summaries are dropped when anything else is left.
 */
function specificErrors(all: readonly ErrorObject[]): ErrorObject[] {
  const errors = all.filter((error) => !wrongBranchUnknownKey(error, all));
  const places = errors.map((error) => pathOf(error).map(String).join('/'));
  const inside = (other: string, place: string): boolean => (place === '' ? other !== '' : other.startsWith(`${place}/`));
  const deepest = errors.filter((_error, index) => !places.some((other) => inside(other, places[index]!)));
  const summaries = new Set(['oneOf', 'anyOf', 'if', 'not', 'allOf']);
  const concrete = deepest.filter((error) => !summaries.has(error.keyword));
  return concrete.length ? concrete : deepest;
}

/**
 * "Unknown key" from a shape the value was never meant to have. A job is either a job that runs
 * steps or a call of a reusable workflow (a oneOf); for a job with a mistake inside, Ajv also says
 * "runs-on is not a key" of the reusable-call shape. Such a complaint is noise when another shape
 * of the same oneOf or anyOf knows the key; a key no shape knows (a typo) is still reported.
 */
function wrongBranchUnknownKey(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (error.keyword !== 'additionalProperties') return false;
  const key = (error.params as { additionalProperty: string }).additionalProperty;
  return all.some((other) => other.instancePath === error.instancePath && (other.keyword === 'oneOf' || other.keyword === 'anyOf') && Array.isArray(other.schema) && other.schema.some((shape: unknown) => keysOf(shape).has(key)));
}

/** The keys a schema names in `properties`, through $ref and combinators (a few levels deep). */
function keysOf(schema: unknown, depth = 0): Set<string> {
  const keys = new Set<string>();
  if (depth > 4 || typeof schema !== 'object' || schema === null) return keys;
  const shape = schema as Record<string, unknown>;
  if (typeof shape.$ref === 'string') for (const key of keysOf(resolveRef(shape.$ref), depth + 1)) keys.add(key);
  if (typeof shape.properties === 'object' && shape.properties !== null) for (const key of Object.keys(shape.properties)) keys.add(key);
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = shape[combinator];
    if (Array.isArray(branches)) for (const branch of branches) for (const key of keysOf(branch, depth + 1)) keys.add(key);
  }
  return keys;
}

/** A local reference (`#/definitions/normalJob`) in the workflow schema. */
function resolveRef(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, segment) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined), workflowSchema);
}

function pathOf(error: ErrorObject): (string | number)[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  if (error.keyword === 'additionalProperties') path.push(String((error.params as { additionalProperty: string }).additionalProperty));
  return path;
}

function describe(error: ErrorObject): { path: WorkflowPath; key: boolean; message: string } {
  const path = pathOf(error);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path, key: true, message: `"${String(path.at(-1))}" is not a key GitHub knows here (a typo?)` };
    case 'required':
      return { path, key: false, message: `needs "${String(params.missingProperty)}"` };
    case 'enum':
      return { path, key: false, message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}` };
    case 'const':
      return { path, key: false, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { path, key: false, message: `does not have the form GitHub expects (${JSON.stringify(params.pattern)})` };
    default:
      return { path, key: false, message: error.message ?? `fails the schema's "${error.keyword}" rule` };
  }
}

/** A place as a person reads it: `jobs.build.steps[0].uses`; the whole file when empty. */
function where(path: WorkflowPath): string {
  if (!path.length) return 'The workflow';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index ? `.${segment}` : segment)).join('');
}
