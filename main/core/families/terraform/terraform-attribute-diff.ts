import type { PlanAttributeChange } from '../../tools/plan-preview';
import type { Change } from './terraform-plan-json';
import { isMarked, maskWithMarks, redactValues } from './terraform-sensitive';

type Segment = string | number;

export const KNOWN_AFTER_APPLY = '(known after apply)';
const MAX_VALUE_CHARS = 1000;

/** `tags["Name"]`, `rule[0].port`: the way terraform writes attribute paths. */
export function formatPath(segments: readonly Segment[]): string {
  return segments
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

/**
 * The leaves of a value (scalars, nulls, empty objects and lists), by path. A value known only
 * after apply, or sensitive, is one leaf however deep it is: `output → (known after apply)`.
 */
function collectLeaves(value: unknown, prefix: Segment[], into: Map<string, Segment[]>, whole: (path: Segment[]) => boolean, keep: (leaf: unknown) => boolean = () => true): void {
  if (value && typeof value === 'object' && !(prefix.length && whole(prefix))) {
    const entries: [Segment, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    if (entries.length) {
      for (const [key, item] of entries) collectLeaves(item, [...prefix, key], into, whole, keep);
      return;
    }
  }
  if (prefix.length && keep(value)) into.set(formatPath(prefix), prefix);
}

function valueAt(value: unknown, path: readonly Segment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

/** Marks below a path: `true` when the path or a parent of it is marked. */
function marksAt(marks: unknown, path: readonly Segment[]): unknown {
  return isMarked(marks, path) ? true : valueAt(marks, path);
}

function render(value: unknown, known: ReadonlySet<string>): string | null {
  if (value === null || value === undefined) return null;
  const text = redactValues(typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? JSON.stringify(value) : String(value), known);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length - MAX_VALUE_CHARS} more characters)` : text;
}

/**
 * Nothing: null, or an empty map or list. Providers read an unset map back as {} (the kubernetes
 * provider's annotations, labels, binary_data right after an apply): terraform reports that as a
 * change, though nothing differs for anyone.
 */
const isEmpty = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0);

/**
 * For drift, also a zero value: providers read an unset number or flag back as 0 or false (the
 * docker provider's gw_priority and read_only right after an apply). Only for drift: in a plan, a
 * flag set to false where it was unset is what the configuration asks, and is shown.
 */
const isZero = (value: unknown): boolean => isEmpty(value) || value === 0 || value === false || value === '';

const startsWith = (path: readonly Segment[], prefix: readonly Segment[]): boolean => prefix.length <= path.length && prefix.every((segment, index) => String(path[index]) === String(segment));

/**
 * The attributes a change sets, alters or removes, one per leaf: for a create what it sets, for a
 * delete what goes, for an update or a replacement only what differs. Sensitive values are never
 * included (the attribute says so); values known only after apply say '(known after apply)'.
 */
export function attributeDiff(change: Change, action: 'create' | 'update' | 'replace' | 'delete' | 'read', known: ReadonlySet<string>, options: { readonly drift?: boolean } = {}): PlanAttributeChange[] {
  const nothing = options.drift ? isZero : isEmpty;
  const paths = new Map<string, Segment[]>();
  const whole = (path: Segment[]): boolean => (action !== 'delete' && isMarked(change.after_unknown, path)) || isMarked(change.before_sensitive, path) || isMarked(change.after_sensitive, path);
  collectLeaves(change.before, [], paths, whole);
  collectLeaves(change.after, [], paths, whole);
  collectLeaves(change.after_unknown, [], paths, whole, (leaf) => leaf === true);
  const forcing = change.replace_paths ?? [];
  const attributes: PlanAttributeChange[] = [];
  for (const [path, segments] of [...paths].sort(([a], [b]) => a.localeCompare(b))) {
    const unknown = action !== 'delete' && isMarked(change.after_unknown, segments);
    const sensitive = isMarked(change.before_sensitive, segments) || isMarked(change.after_sensitive, segments);
    const beforeValue = action === 'create' ? undefined : valueAt(change.before, segments);
    const afterValue = action === 'delete' ? undefined : valueAt(change.after, segments);
    const before = render(maskWithMarks(beforeValue, marksAt(change.before_sensitive, segments)), known);
    const after = unknown ? KNOWN_AFTER_APPLY : render(maskWithMarks(afterValue, marksAt(change.after_sensitive, segments)), known);
    const changed = unknown || (!(nothing(beforeValue) && nothing(afterValue)) && JSON.stringify(beforeValue ?? null) !== JSON.stringify(afterValue ?? null));
    const shown = action === 'create' || action === 'read' ? after !== null : action === 'delete' ? before !== null : changed;
    if (!shown) continue;
    attributes.push({
      path,
      before: sensitive ? null : before,
      after: sensitive ? (unknown ? KNOWN_AFTER_APPLY : null) : after,
      sensitive,
      forcesReplacement: action === 'replace' && forcing.some((forced) => startsWith(segments, forced) || startsWith(forced, segments)),
    });
  }
  return attributes;
}
