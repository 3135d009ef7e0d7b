import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import './resources.css';
import './resource-table-focus.css';
import { StatusBadge, statusFromText } from '../status/badges';
import { useAppPick, useAppStore } from '../store-context';
import type { ResourceRow, ResourceView } from '../../../../preload/contract';
import { cellText, commonActions, filterRows, nextOrder, type SortOrder, sortRows, visibleRange } from './data-table';

const ROW_HEIGHT = 34;
const toneWord: Record<ResourceRow['tone'], string> = { ok: 'ok', warn: 'warning', bad: 'error', idle: 'missing' };

/**
 * A row chosen in global search: once it is listed, the filter is cleared and `focus` is given the
 * key, so the row is the focused one (Enter opens it, the actions apply to it), in view.
 */
function useRevealedRow(rows: readonly ResourceRow[], filter: string, setFilter: (filter: string) => void, focus: (key: string) => void): void {
  const reveal = useAppStore((state) => state.resources.reveal);
  const { revealed } = useAppPick('revealed');
  useEffect(() => {
    if (!reveal || !rows.some((row) => row.key === reveal)) return;
    if (filter) setFilter('');
    focus(reveal);
    revealed();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the rows or the row asked for change, not on every render's new callback
  }, [reveal, rows]);
}

/** A status cell in the shared vocabulary; the word keeps `badge <tone>`, which tests and the row styles read. */
function ResourceStatus({ text, tone }: { readonly text: string; readonly tone: ResourceRow['tone'] }) {
  return <StatusBadge status={statusFromText(text, tone)} label={text} className="chip resource-status" wordClassName={`badge ${toneWord[tone]}`} testId="resources-status" />;
}

interface Props {
  readonly view: ResourceView;
  readonly rows: readonly ResourceRow[];
  readonly opened: string | null;
  readonly onOpen: (key: string | null) => void;
  readonly onAction: (action: string, rows: string[]) => void;
}

/**
 * One view as a data table, the way Podman Desktop and Headlamp show resources: sortable columns,
 * a filter, status badges, relative ages, row actions on hover and by keyboard, multi-select with
 * bulk actions, an empty state that says what to do, and only the rows in view rendered.
 */
export function ResourceTable({ view, rows, opened, onOpen, onAction }: Props) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<SortOrder | null>(view.sort ?? { key: view.columns[0]!.key, direction: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState(0);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const body = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), order), [rows, filter, order]);
  const { start, end } = visibleRange(scroll.top, scroll.height, ROW_HEIGHT, shown.length);
  const chosen = shown.filter((row) => selected.has(row.key));
  const bulk = commonActions(view, chosen);
  const now = Date.now();
  useRevealedRow(rows, filter, setFilter, (key) => {
    const index = sortRows(rows, order).findIndex((row) => row.key === key);
    setFocused(index);
    // Scrolled once the body exists (it does not while the filter hid every row).
    requestAnimationFrame(() => {
      const el = body.current;
      if (el) el.scrollTop = Math.max(0, index * ROW_HEIGHT - el.clientHeight / 2);
      grid.current?.focus();
    });
  });
  // The first column names the row, so it gets the most room; badges, ages and sizes need little.
  // One template for the header and every row (each row is its own grid, so no track may size to its
  // content); columns shrink, cells ending in …, rather than make the pane scroll sideways at 200% zoom.
  // A view without actions (Kubernetes events) has nothing to select or run: no checkbox or actions column.
  const acts = view.actions.length > 0;
  const actionsWidth = Math.min(3, view.actions.length) * 68 + 8;
  const template = `${acts ? '36px ' : ''}${view.columns.map((column, index) => (index === 0 ? 'minmax(96px, 3fr)' : column.kind === 'text' ? 'minmax(0, 2fr)' : column.kind === 'status' ? 'minmax(8.5rem, 1fr)' : 'minmax(0, 1fr)')).join(' ')}${acts ? ` ${actionsWidth}px` : ''}`;

  const toggle = (key: string): void => setSelected((previous) => {
    const next = new Set(previous);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return next;
  });
  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const row = shown[focused];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.min(shown.length - 1, Math.max(0, focused + (event.key === 'ArrowDown' ? 1 : -1)));
      setFocused(next);
      const el = body.current;
      if (el && (next * ROW_HEIGHT < el.scrollTop || (next + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight)) el.scrollTop = Math.max(0, next * ROW_HEIGHT - el.clientHeight / 2);
    } else if (row && event.key === 'Enter') onOpen(opened === row.key ? null : row.key);
    else if (row && acts && event.key === ' ') {
      event.preventDefault();
      toggle(row.key);
    } else if (row && event.key === 'Delete' && row.actions.includes('remove')) onAction('remove', [row.key]);
  };

  return (
    <div className="resource-table" data-testid={`resources-view-${view.id}`}>
      <div className="row table-tools">
        <input type="search" placeholder={`Filter ${view.title.toLowerCase()}…`} value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="resources-filter" aria-label={`Filter ${view.title}`} />
        <span className="muted" data-testid="resources-count">
          {shown.length === rows.length ? `${rows.length} ${rows.length === 1 ? view.title.toLowerCase().replace(/s$/, '') : view.title.toLowerCase()}` : `${shown.length} of ${rows.length}`}
        </span>
        {chosen.length > 0 && (
          <span className="bulk-bar" data-testid="resources-bulk">
            {chosen.length} selected
            {bulk.map((action) => (
              <button type="button" key={action.id} data-testid={`resources-bulk-${action.id}`} onClick={() => onAction(action.id, chosen.map((row) => row.key))}>
                {action.label}
              </button>
            ))}
            <button type="button" className="link" onClick={() => setSelected(new Set())}>Clear</button>
          </span>
        )}
      </div>
      <div role="grid" aria-label={view.title} aria-rowcount={shown.length + 1} className="grid" tabIndex={0} onKeyDown={onKey} ref={grid} data-testid="resources-grid">
        <div role="row" className="grid-row grid-head" style={{ gridTemplateColumns: template }}>
          {acts && (
            <span role="columnheader">
              <input type="checkbox" aria-label="Select all" checked={shown.length > 0 && chosen.length === shown.length} onChange={(event) => setSelected(event.target.checked ? new Set(shown.map((row) => row.key)) : new Set())} data-testid="resources-select-all" />
            </span>
          )}
          {view.columns.map((column) => (
            <span role="columnheader" key={column.key} aria-sort={order?.key === column.key ? (order.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="link sort" onClick={() => setOrder(nextOrder(order, column.key))} data-testid={`resources-sort-${column.key}`}>
                {column.label} {order?.key === column.key ? (order.direction === 'asc' ? '▲' : '▼') : ''}
              </button>
            </span>
          ))}
          {acts && <span role="columnheader">Actions</span>}
        </div>
        {shown.length === 0 ? (
          <p className="empty-state" data-testid="resources-empty">{rows.length ? `Nothing matches “${filter}”.` : view.empty}</p>
        ) : (
          <div className="grid-body" ref={body} onScroll={(event) => setScroll({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })} data-testid="resources-body">
            <div style={{ height: shown.length * ROW_HEIGHT, position: 'relative' }}>
              {shown.slice(start, end).map((row, offset) => {
                const index = start + offset;
                return (
                  <div
                    role="row"
                    key={row.key}
                    aria-rowindex={index + 2}
                    aria-selected={selected.has(row.key)}
                    className={`grid-row${index === focused ? ' focused' : ''}${opened === row.key ? ' opened' : ''}`}
                    style={{ gridTemplateColumns: template, position: 'absolute', top: index * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}
                    data-testid={`resources-row-${row.key}`}
                    data-tone={row.tone}
                    onClick={() => setFocused(index)}
                  >
                    {acts && (
                      <span role="gridcell">
                        <input type="checkbox" aria-label={`Select ${row.key}`} checked={selected.has(row.key)} onChange={() => toggle(row.key)} />
                      </span>
                    )}
                    {view.columns.map((column, columnIndex) => (
                      <span role="gridcell" key={column.key} data-column={column.key} title={String(row.cells[column.key] ?? '')}>
                        {column.kind === 'status' ? (
                          <ResourceStatus text={cellText(column, row.cells[column.key])} tone={row.tones?.[column.key] ?? row.tone} />
                        ) : columnIndex === 0 && view.detail ? (
                          <button type="button" className="link" onClick={() => onOpen(opened === row.key ? null : row.key)} aria-expanded={opened === row.key} data-testid="resources-open">
                            {cellText(column, row.cells[column.key], now)}
                          </button>
                        ) : (
                          cellText(column, row.cells[column.key], now)
                        )}
                      </span>
                    ))}
                    {acts && (
                      <span role="gridcell" className="row-actions">
                        {view.actions.filter((action) => row.actions.includes(action.id)).map((action) => (
                          <button type="button" key={action.id} className={action.id === 'remove' ? 'danger' : ''} data-testid={`resources-action-${action.id}`} title={`${action.label} (${action.tool})`} onClick={() => onAction(action.id, [row.key])}>
                            {action.label}
                          </button>
                        ))}
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
