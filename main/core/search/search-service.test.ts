import { describe, expect, it } from 'vitest';
import type { SearchItem } from '../../../preload/contract';
import type { SearchFrom } from './search-from';
import { SearchService, type SearchSource } from './search-service';
import { gatherLists } from './view-searchables';

const item = (name: string): SearchItem => ({ kind: 'container', name, detail: '', target: { pane: 'resources', view: 'x.containers', row: name } });
const from = async (signal: AbortSignal): Promise<SearchFrom> => ({ ctx: {} as SearchFrom['ctx'], signal, read: async () => ({}) });
const source = (id: string, items: SearchSource['items']): SearchSource => ({ id, title: id.toUpperCase(), items });

describe('SearchService', () => {
  it('gives what answered when one source fails and another never answers, saying why for each', async () => {
    let aborted = false;
    const service = new SearchService({
      timeLimitMs: 200,
      from,
      sources: [
        source('good', async () => [item('web'), item('db')]),
        source('broken', async () => {
          throw new Error('engine unreachable at unix:///var/run/docker.sock');
        }),
        source('slow', ({ signal }) => new Promise(() => signal.addEventListener('abort', () => (aborted = true)))),
      ],
    });
    const answer = await service.items(new AbortController().signal);
    expect(answer.items.map((found) => found.name)).toEqual(['web', 'db']);
    expect(answer.sources).toEqual([
      { id: 'good', title: 'GOOD', count: 2, problem: null },
      { id: 'broken', title: 'BROKEN', count: 0, problem: 'engine unreachable at unix:///var/run/docker.sock' },
      { id: 'slow', title: 'SLOW', count: 0, problem: 'did not answer within 0.2 s' },
    ]);
    // The source past its time limit is told to stop its reads.
    expect(aborted).toBe(true);
  });

  it('serves the answer again while it is fresh, and reads again after (or when asked)', async () => {
    let reads = 0;
    let now = 0;
    const service = new SearchService({ from, cacheMs: 1_000, now: () => now, sources: [source('counting', async () => [item(`read ${++reads}`)])] });
    const signal = new AbortController().signal;
    expect((await service.items(signal)).items[0]!.name).toBe('read 1');
    now = 999;
    expect((await service.items(signal)).items[0]!.name).toBe('read 1');
    now = 1_000;
    expect((await service.items(signal)).items[0]!.name).toBe('read 2');
    expect((await service.items(signal, true)).items[0]!.name).toBe('read 3');
  });

  it('reads an uncached source (the journal) on every search, so a run just made is found', async () => {
    let runs = 0;
    let families = 0;
    const service = new SearchService({ from, sources: [source('family', async () => [item(`family ${++families}`)]), { ...source('runs', async () => [item(`runs ${++runs}`)]), uncached: true }] });
    const signal = new AbortController().signal;
    await service.items(signal);
    expect((await service.items(signal)).items.map((found) => found.name)).toEqual(['family 1', 'runs 2']);
  });

  it('answers for one source when asked, and says which sources there are', async () => {
    const service = new SearchService({ from, sources: [source('a', async () => [item('from a')]), source('b', async () => [item('from b')])] });
    const signal = new AbortController().signal;
    expect(service.sources()).toEqual([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }]);
    expect((await service.items(signal, false, 'b')).items.map((found) => found.name)).toEqual(['from b']);
    await expect(service.items(signal, false, 'c')).rejects.toThrow('Search has no source c');
  });

  it('reads once for callers asking at the same time', async () => {
    let reads = 0;
    const service = new SearchService({ from, sources: [source('counting', async () => [item(`read ${++reads}`)])] });
    const signal = new AbortController().signal;
    const [a, b] = await Promise.all([service.items(signal), service.items(signal)]);
    expect([a.items[0]!.name, b.items[0]!.name, reads]).toEqual(['read 1', 'read 1', 1]);
  });
});

describe('gatherLists', () => {
  it('keeps the lists that answered when others fail, and fails only when all do', async () => {
    expect((await gatherLists([Promise.resolve([item('a')]), Promise.reject(new Error('context prod unreachable'))])).map((found) => found.name)).toEqual(['a']);
    await expect(gatherLists([Promise.reject(new Error('context prod unreachable')), Promise.reject(new Error('other'))])).rejects.toThrow('context prod unreachable');
  });
});
