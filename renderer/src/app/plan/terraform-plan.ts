import type { PlanActionView, PlanAttributeView, PlanChangeView, PlanPreviewView } from '../../../../preload/contract';

// How a Terraform plan preview reads: the symbols Terraform itself prints, the counts line, the
// changes grouped by module, and each attribute's before → after. Pure, so it is tested in Node.

/**
 * The symbol `terraform plan` prints before each action, but for forget: terraform prints a bare `.`,
 * which is easily missed and in the counts line reads as a decimal point (".1 to forget"). `->` reads
 * as leaving Terraform's hands, the reverse of an import's `<-`; the row says in words that the real
 * object stays.
 */
export const actionSymbols: Record<PlanActionView, string> = { create: '+', update: '~', replace: '-/+', delete: '-', read: '<=', forget: '->' };

/** What each symbol means, for the counts line and for screen readers (a symbol alone says nothing to them). */
export const actionWords: Record<PlanActionView, { count: string; row: string }> = {
  create: { count: 'to create', row: 'will be created' },
  update: { count: 'to update', row: 'will be updated in place' },
  replace: { count: 'to replace', row: 'will be replaced' },
  delete: { count: 'to destroy', row: 'will be destroyed' },
  read: { count: 'to read', row: 'will be read' },
  forget: { count: 'to forget', row: 'will be removed from the state, not destroyed' },
};

/** Shown under a forget row: what the symbol alone cannot say, that the real object is left alone. */
export const FORGET_NOTE = 'the real object stays as it is; Terraform stops managing it';

export interface CountPart {
  readonly action: PlanActionView;
  readonly count: number;
  /** `+3 to create` */
  readonly text: string;
}

/**
 * The counts line: create, update, replace and destroy always (a reviewer looks for "0 to destroy"),
 * forgets only when there are some (rare, and absent from a preview made before they were counted),
 * data sources read only when there are some, since reading changes nothing.
 */
export function countParts(counts: PlanPreviewView['counts']): CountPart[] {
  const shown: PlanActionView[] = ['create', 'update', 'replace', 'delete', ...(counts.forget > 0 ? ['forget' as const] : []), ...(counts.read > 0 ? ['read' as const] : [])];
  return shown.map((action) => ({ action, count: counts[action], text: `${actionSymbols[action]}${counts[action]} ${actionWords[action].count}` }));
}

export interface ModuleGroup {
  /** null: the root module. */
  readonly module: string | null;
  readonly changes: readonly PlanChangeView[];
}

/** The changes by module: the root module first, then each module in the order Terraform listed it. */
export function groupByModule(changes: readonly PlanChangeView[]): ModuleGroup[] {
  const groups = new Map<string | null, PlanChangeView[]>([[null, []]]);
  for (const change of changes) {
    const group = groups.get(change.module);
    if (group) group.push(change);
    else groups.set(change.module, [change]);
  }
  return [...groups].filter(([, members]) => members.length > 0).map(([module, members]) => ({ module, changes: members }));
}

/** The address as read under its module's heading: `module.net.aws_subnet.a` → `aws_subnet.a`. */
export function addressInModule(change: Pick<PlanChangeView, 'address' | 'module'>): string {
  const prefix = change.module ? `${change.module}.` : '';
  return prefix && change.address.startsWith(prefix) ? change.address.slice(prefix.length) : change.address;
}

export const SENSITIVE = '(sensitive)';

export type AttributeShown =
  | { readonly kind: 'sensitive'; readonly text: typeof SENSITIVE }
  | { readonly kind: 'added'; readonly after: string }
  | { readonly kind: 'removed'; readonly before: string }
  | { readonly kind: 'changed'; readonly before: string; readonly after: string };

/**
 * What one attribute row shows. A sensitive attribute shows `(sensitive)` and nothing else, whatever
 * before/after hold: main never sends the value, and the renderer would not show it if it did.
 */
export function attributeShown(attribute: PlanAttributeView): AttributeShown {
  if (attribute.sensitive) return { kind: 'sensitive', text: SENSITIVE };
  if (attribute.before === null && attribute.after !== null) return { kind: 'added', after: attribute.after };
  if (attribute.after === null && attribute.before !== null) return { kind: 'removed', before: attribute.before };
  return { kind: 'changed', before: attribute.before ?? 'null', after: attribute.after ?? 'null' };
}

/** The row keyboard focus moves to for a key (↑ ↓ Home End), or null when the key is not one of them. */
export function nextRowIndex(current: number, key: string, rows: number): number | null {
  if (rows === 0) return null;
  if (key === 'ArrowDown') return Math.min(rows - 1, current + 1);
  if (key === 'ArrowUp') return Math.max(0, current - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return rows - 1;
  return null;
}

/** A set with the key added, or removed if it was there: which rows are expanded. */
export function toggled(set: ReadonlySet<string>, key: string): ReadonlySet<string> {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
}

/** A module's changes rendered so far, and how many it has in all (its heading's count). */
export interface ShownGroup extends ModuleGroup {
  readonly total: number;
}

/**
 * The first `limit` changes of the groups, in order, each group cut where the limit falls: what is
 * rendered while a long plan is still being added frame by frame. Groups past the limit are left out.
 */
export function firstChanges(groups: readonly ModuleGroup[], limit: number): ShownGroup[] {
  const shown: ShownGroup[] = [];
  let left = limit;
  for (const group of groups) {
    if (left <= 0) break;
    const changes = group.changes.length <= left ? group.changes : group.changes.slice(0, left);
    shown.push({ module: group.module, changes, total: group.changes.length });
    left -= group.changes.length;
  }
  return shown;
}
