import type { SearchItem } from '../../../../preload/contract';
import type { SearchFrom } from '../../search/search-from';
import { rowStatus, viewSearchables } from '../../search/view-searchables';
import { githubViews } from './github-views';

/** The repositories the token sees, for global search. */
export async function githubSearchables(from: SearchFrom): Promise<SearchItem[]> {
  const repositories = githubViews.find((view) => view.id === 'github.repositories')!;
  return viewSearchables(repositories, {}, from, (row) => ({ kind: 'repository', detail: [rowStatus(repositories, row), row.cells.defaultBranch ? `default branch ${String(row.cells.defaultBranch)}` : ''].filter(Boolean).join(' · ') }));
}
