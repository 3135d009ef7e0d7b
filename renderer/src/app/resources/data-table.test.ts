import { describe, expect, it } from 'vitest';
import type { ResourceRow, ResourceView } from '../../../../preload/contract';
import { cellText, columnsInScope, columnsWithValues, commonActions, filterRows, nextOrder, relativeAge, sortRows, visibleRange } from './data-table';

const row = (key: string, cells: ResourceRow['cells'], actions: string[] = []): ResourceRow => ({ key, cells, tone: 'idle', actions, live: false });
const rows = [row('web-10', { name: 'web-10', created: 300, image: 'nginx' }, ['stop', 'remove']), row('web-2', { name: 'web-2', created: 100, image: null }, ['start', 'remove']), row('db', { name: 'db', created: 200, image: 'postgres:17' }, ['stop', 'remove'])];

describe('resource table logic', () => {
  it('filters by every word across columns', () => {
    expect(filterRows(rows, 'web').map((r) => r.key)).toEqual(['web-10', 'web-2']);
    expect(filterRows(rows, 'WEB nginx').map((r) => r.key)).toEqual(['web-10']);
    expect(filterRows(rows, '  ')).toHaveLength(3);
  });

  it('sorts text naturally, numbers by value, empty cells last, both ways', () => {
    expect(sortRows(rows, { key: 'name', direction: 'asc' }).map((r) => r.key)).toEqual(['db', 'web-2', 'web-10']);
    expect(sortRows(rows, { key: 'created', direction: 'desc' }).map((r) => r.key)).toEqual(['web-10', 'db', 'web-2']);
    expect(sortRows(rows, { key: 'image', direction: 'asc' }).map((r) => r.key)).toEqual(['web-10', 'db', 'web-2']);
    expect(nextOrder(null, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextOrder({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
    expect(nextOrder({ key: 'name', direction: 'desc' }, 'created')).toEqual({ key: 'created', direction: 'asc' });
  });

  it('renders only the rows in view (5,000 rows: a window of a few dozen)', () => {
    expect(visibleRange(0, 600, 32, 5000)).toEqual({ start: 0, end: 27 });
    const middle = visibleRange(32 * 2500, 600, 32, 5000);
    expect(middle.end - middle.start).toBeLessThan(40);
    expect(middle.start).toBe(2492);
    expect(visibleRange(32 * 5000, 600, 32, 5000).end).toBe(5000);
    expect(visibleRange(0, 600, 32, 3)).toEqual({ start: 0, end: 3 });
  });

  it('shows ages, sizes and empty cells as a person reads them', () => {
    const now = 1_000_000 * 1000;
    expect(relativeAge(1_000_000 - 42, now)).toBe('42 s');
    expect(relativeAge(1_000_000 - 3 * 3600, now)).toBe('3 h');
    expect(relativeAge(1_000_000 - 5 * 86_400, now)).toBe('5 d');
    expect(cellText({ key: 'size', label: 'Size', kind: 'bytes' }, 1_500_000_000)).toBe('1.5 GB');
    expect(cellText({ key: 'x', label: 'X', kind: 'text' }, null)).toBe('—');
  });

  it('offers bulk actions that every selected row has', () => {
    const view = { actions: [{ id: 'start', label: 'Start', tool: 't', bulk: true }, { id: 'stop', label: 'Stop', tool: 't', bulk: true }, { id: 'remove', label: 'Remove', tool: 't', bulk: true }] } as ResourceView;
    expect(commonActions(view, [rows[0]!, rows[2]!]).map((a) => a.id)).toEqual(['stop', 'remove']);
    expect(commonActions(view, [rows[0]!, rows[1]!]).map((a) => a.id)).toEqual(['remove']);
    expect(commonActions(view, [])).toEqual([]);
  });
});

describe('columns in a scope', () => {
  it('shows a Namespace column only across every namespace', () => {
    const columns: ResourceView['columns'] = [{ key: 'name', label: 'Name', kind: 'text' }, { key: 'namespace', label: 'Namespace', kind: 'text', acrossOnly: 'namespace' }];
    expect(columnsInScope(columns, { context: 'a', namespace: 'shop' }).map((column) => column.key)).toEqual(['name']);
    expect(columnsInScope(columns, { context: 'a', namespace: '*' }).map((column) => column.key)).toEqual(['name', 'namespace']);
    expect(columnsInScope(columns, undefined).map((column) => column.key)).toEqual(['name']);
  });
});

describe('columns with values', () => {
  it('leaves out a column no row has a value in, but never the first, and keeps every column of an empty table', () => {
    const columns: ResourceView['columns'] = [{ key: 'name', label: 'Name', kind: 'text' }, { key: 'image', label: 'Image', kind: 'text' }, { key: 'age', label: 'Age', kind: 'age' }];
    expect(columnsWithValues(columns, rows).map((column) => column.key)).toEqual(['name', 'image']);
    expect(columnsWithValues(columns, [row('x', { name: null, image: '', age: 12 })]).map((column) => column.key)).toEqual(['name', 'age']);
    expect(columnsWithValues(columns, [])).toHaveLength(3);
  });
});
