import type { ResourceRow, ResourceView } from '../../../../preload/contract';

type Column = ResourceView['columns'][number];
export interface SortOrder {
  readonly key: string;
  readonly direction: 'asc' | 'desc';
}

/** Rows whose cells contain every word of the filter (case-insensitive), in any column. */
export function filterRows(rows: readonly ResourceRow[], filter: string): ResourceRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((row) => {
    const text = Object.values(row.cells).map((cell) => String(cell ?? '')).join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** Sorted by one column: numbers (ages, bytes) by value, text naturally ("web-2" before "web-10"); empty cells last. */
export function sortRows(rows: readonly ResourceRow[], order: SortOrder | null): ResourceRow[] {
  if (!order) return [...rows];
  const sign = order.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return [...rows].sort((a, b) => {
    const x = a.cells[order.key] ?? null;
    const y = b.cells[order.key] ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
  });
}

/** The next order after a click on a column's header: ascending, descending, then back to ascending. */
export const nextOrder = (order: SortOrder | null, key: string): SortOrder => (order?.key === key && order.direction === 'asc' ? { key, direction: 'desc' } : { key, direction: 'asc' });

/** Which rows a scrolled window of fixed-height rows shows, with a few above and below for smooth scrolling. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 8): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}

/** "12 s", "5 min", "3 h", "4 d" ago, from unix seconds. */
export function relativeAge(unixSeconds: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round(now / 1000 - unixSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

export const formatBytes = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`);

/** A cell as text, by its column's kind. */
export function cellText(column: Column, value: ResourceRow['cells'][string] | undefined, now = Date.now()): string {
  if (value === null || value === undefined || value === '') return '—';
  if (column.kind === 'age' && typeof value === 'number') return relativeAge(value, now);
  if (column.kind === 'bytes' && typeof value === 'number') return formatBytes(value);
  return String(value);
}

/** The columns to show in a scope: one that only tells rows apart across a level (Namespace) while that level is `*`. */
export const columnsInScope = (columns: readonly Column[], scope: Readonly<Record<string, string>> | undefined): Column[] =>
  columns.filter((column) => !column.acrossOnly || scope?.[column.acrossOnly] === '*');

/**
 * The columns some row has a value in (the first, naming rows, always): a column of dashes says
 * nothing (a Compose project column without projects, an age the list does not give yet). Judged
 * on every row, not the filtered ones, so typing a filter never moves columns.
 */
export const columnsWithValues = (columns: readonly Column[], rows: readonly ResourceRow[]): Column[] =>
  rows.length ? columns.filter((column, index) => index === 0 || rows.some((row) => { const cell = row.cells[column.key]; return cell !== null && cell !== undefined && cell !== ''; })) : [...columns];

/** Actions every selected row offers, for the bulk bar. */
export function commonActions(view: ResourceView, rows: readonly ResourceRow[]): ResourceView['actions'] {
  if (!rows.length) return [];
  return view.actions.filter((action) => action.bulk && rows.every((row) => row.actions.includes(action.id)));
}
