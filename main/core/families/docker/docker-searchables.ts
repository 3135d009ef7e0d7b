import type { SearchItem } from '../../../../preload/contract';
import type { SearchFrom } from '../../search/search-from';
import { gatherLists, rowStatus, viewSearchables } from '../../search/view-searchables';
import { dockerViews } from './docker-views';

const view = (id: string) => dockerViews.find((candidate) => candidate.id === id)!;

/** Containers (with their state) and tagged images of the engine in use, for global search. */
export async function dockerSearchables(from: SearchFrom): Promise<SearchItem[]> {
  const containers = view('docker.containers');
  const images = view('docker.images');
  return gatherLists([
    viewSearchables(containers, {}, from, (row) => ({ kind: 'container', detail: [rowStatus(containers, row), String(row.cells.image ?? '')].filter(Boolean).join(' · ') })),
    viewSearchables(images, {}, from, (row) => ({ kind: 'image', detail: `image ${String(row.cells.id ?? '')}` })).then((items) => items.filter((item) => item.name !== '<none>' && !item.name.startsWith('sha256:'))),
  ]);
}
