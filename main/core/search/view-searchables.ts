import type { ResourceRow, SearchItem } from '../../../preload/contract';
import type { ResourceScope, ResourceViewDefinition } from '../resources-view/resource-view';
import type { SearchFrom } from './search-from';

/**
 * A view's rows in one scope as search items, listed exactly as the Resources pane lists them (its
 * list tool, its row keys), so choosing an item lands on a row that exists there.
 */
export async function viewSearchables(
  view: ResourceViewDefinition<any>,
  scope: ResourceScope,
  from: SearchFrom,
  describe: (row: Omit<ResourceRow, 'actions' | 'live'>) => { readonly kind: string; readonly name?: string; readonly detail: string },
): Promise<SearchItem[]> {
  const input = typeof view.list.input === 'function' ? view.list.input(scope) : view.list.input;
  const output = await from.read(view.list.tool, input);
  const hasScope = Object.keys(scope).length > 0;
  return view.list.rows(output, scope).map((item) => {
    const { live: _live, ...row } = view.row(item, scope);
    const { kind, name, detail } = describe(row);
    return { kind, name: name ?? row.key, detail, target: { pane: 'resources' as const, view: view.id, ...(hasScope ? { scope: { ...scope } } : {}), row: row.key } };
  });
}

/** The first status cell of a row, as text, for an item's detail line. */
export function rowStatus(view: ResourceViewDefinition<any>, row: Omit<ResourceRow, 'actions' | 'live'>): string {
  const column = view.columns.find((candidate) => candidate.kind === 'status');
  const value = column ? row.cells[column.key] : null;
  return value === null || value === undefined ? '' : String(value);
}

/**
 * Items of several lists (one per context, one per kind) where one failing list hides only its own
 * items; when every list fails, the first failure says why the source gave nothing.
 */
export async function gatherLists(lists: readonly Promise<readonly SearchItem[]>[]): Promise<SearchItem[]> {
  const settled = await Promise.allSettled(lists);
  const found = settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed && settled.every((result) => result.status === 'rejected')) throw failed.reason;
  return found;
}
