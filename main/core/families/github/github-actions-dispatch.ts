import { parse } from 'yaml';

// The pure parts of dispatching a workflow: whether its file takes a workflow_dispatch (and which
// inputs), and which run of the workflow's list is the one a dispatch started when GitHub did not
// say (GitHub Enterprise Server before `return_run_details`).

/** Waits between looks at the workflow's runs for the one a dispatch started: at most 10 s in all. */
export const DISPATCH_POLL_DELAYS_MS: readonly number[] = [1000, 2000, 3000, 4000];

export interface DispatchInput {
  readonly name: string;
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly type: string | null;
  readonly options: readonly string[] | null;
}

/** What a workflow file says about being dispatched; `dispatchable` null when the file could not be read as a workflow. */
export interface DispatchTrigger {
  readonly dispatchable: boolean | null;
  /** Its declared inputs; null when not dispatchable or unknown. */
  readonly inputs: readonly DispatchInput[] | null;
}

export const unknownTrigger: DispatchTrigger = { dispatchable: null, inputs: null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `on:` of a workflow file (a name, a list of names, or a mapping of events). */
export function dispatchTrigger(text: string): DispatchTrigger {
  let value: unknown;
  try {
    // YAML 1.2, as GitHub reads workflows: `on` is a key, not `true`.
    value = parse(text);
  } catch {
    return unknownTrigger;
  }
  if (!isRecord(value) || !('on' in value) || !('jobs' in value)) return unknownTrigger;
  const on = value.on;
  if (typeof on === 'string') return on === 'workflow_dispatch' ? { dispatchable: true, inputs: [] } : { dispatchable: false, inputs: null };
  if (Array.isArray(on)) return on.includes('workflow_dispatch') ? { dispatchable: true, inputs: [] } : { dispatchable: false, inputs: null };
  if (!isRecord(on)) return unknownTrigger;
  if (!('workflow_dispatch' in on)) return { dispatchable: false, inputs: null };
  const declared = isRecord(on.workflow_dispatch) && isRecord(on.workflow_dispatch.inputs) ? on.workflow_dispatch.inputs : {};
  const inputs = Object.entries(declared).map(([name, spec]) => {
    const entry = isRecord(spec) ? spec : {};
    return {
      name,
      required: entry.required === true,
      hasDefault: entry.default !== undefined && entry.default !== null,
      type: typeof entry.type === 'string' ? entry.type : null,
      options: Array.isArray(entry.options) ? entry.options.map(String) : null,
    };
  });
  return { dispatchable: true, inputs };
}

/** Why GitHub would refuse these inputs for the workflow (unknown names, required ones missing, a choice not offered), or null. */
export function dispatchInputsProblem(trigger: DispatchTrigger, given: Readonly<Record<string, unknown>>, file: string): string | null {
  if (trigger.dispatchable === false) return `${file} cannot be dispatched: its \`on:\` has no workflow_dispatch. Add \`workflow_dispatch:\` to its triggers (on the branch you dispatch on), or start it another way`;
  if (!trigger.inputs) return null;
  const declared = new Map(trigger.inputs.map((input) => [input.name, input]));
  const unknown = Object.keys(given).filter((name) => !declared.has(name));
  if (unknown.length) return `${file} has no input${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: it takes ${trigger.inputs.length ? trigger.inputs.map((input) => input.name).join(', ') : 'no inputs'}`;
  const missing = trigger.inputs.filter((input) => input.required && !input.hasDefault && given[input.name] === undefined).map((input) => input.name);
  if (missing.length) return `${file} needs the input${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which ${missing.length === 1 ? 'has' : 'have'} no default`;
  for (const input of trigger.inputs) {
    const value = given[input.name];
    if (value !== undefined && input.type === 'choice' && input.options && !input.options.includes(String(value))) return `${file}'s input ${input.name} is one of ${input.options.join(', ')}, not "${String(value)}"`;
  }
  return null;
}

/** `refs/heads/main` → `main`, `refs/tags/v1` → `v1`: the name a run's head_branch carries. */
export const refName = (ref: string): string => ref.replace(/^refs\/(heads|tags)\//, '');

export interface CandidateRun {
  readonly id: number;
  readonly event: string;
  readonly head_branch: string | null;
  readonly created_at: string;
}

/**
 * The run a dispatch started, among a workflow's runs: started by workflow_dispatch, on the ref,
 * created at or after the dispatch (`since`, GitHub's clock, to the second); the earliest of them,
 * since a later one is someone else's. Null when none is there yet.
 */
export function chooseDispatchedRun<R extends CandidateRun>(runs: readonly R[], ref: string, since: number): R | null {
  const floor = Math.floor(since / 1000) * 1000;
  const candidates = runs.filter((run) => run.event === 'workflow_dispatch' && run.head_branch === refName(ref) && Date.parse(run.created_at) >= floor);
  candidates.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  return candidates[0] ?? null;
}

/**
 * The dispatch moment on GitHub's clock (the Date of its answer, to the second; this machine's may
 * be off), less a second so a run GitHub stamped in the same second as it answered counts. The
 * local clock when the answer has no Date.
 */
export function dispatchMoment(dateHeader: string | undefined, localStart: number): number {
  const server = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  return (Number.isFinite(server) ? server : localStart) - 1000;
}
