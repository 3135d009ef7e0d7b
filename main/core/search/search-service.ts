import type { CommandResponse, SearchItem } from '../../../preload/contract';
import type { SearchFrom } from './search-from';

type Answer = CommandResponse<'search.items'>;
type SourceAnswer = { readonly id: string; readonly title: string; readonly items: SearchItem[]; readonly problem: string | null };

/** One place items come from: a family's hook, or the journal's runs. */
export interface SearchSource {
  readonly id: string;
  readonly title: string;
  readonly items: (from: SearchFrom) => Promise<readonly SearchItem[]>;
  /** Read on every search, never cached: local and cheap (the journal), and a run just made must be found. */
  readonly uncached?: boolean;
}

export interface SearchDependencies {
  readonly sources: readonly SearchSource[];
  /** The tool context and a policy-checked read bound to one source's signal, as a Resources list has them. */
  readonly from: (signal: AbortSignal) => Promise<SearchFrom>;
  /** How long one source may take; past it, it counts as not answering and the others are shown. */
  readonly timeLimitMs?: number;
  /** How long a source's answer is served again: the palette opens often, targets change slower. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

// Each source is asked on its own by the window, so a slow one holds up only its own results.
const DEFAULT_TIME_LIMIT_MS = 8_000;
const DEFAULT_CACHE_MS = 10_000;
/** More than a person scrolls through: the palette filters as they type. */
const MAX_ITEMS_PER_SOURCE = 2_000;

/**
 * Gathers what global search can find from every source at once, each within its own time limit
 * (a source past it is aborted and reported, never waited for), and keeps each source's answer
 * briefly so opening the palette again is instant. The core names no family: sources come from
 * their hooks.
 */
export class SearchService {
  private readonly cached = new Map<string, { readonly at: number; readonly answer: SourceAnswer }>();
  private readonly inFlight = new Map<string, Promise<SourceAnswer>>();

  constructor(private readonly deps: SearchDependencies) {}

  sources(): { id: string; title: string }[] {
    return this.deps.sources.map(({ id, title }) => ({ id, title }));
  }

  /** Every source's items, or only those of `only` (a window asking each source on its own shows answers as they come). */
  async items(signal: AbortSignal, fresh = false, only?: string): Promise<Answer> {
    const asked = only === undefined ? this.deps.sources : this.deps.sources.filter((source) => source.id === only);
    if (only !== undefined && !asked.length) throw Object.assign(new Error(`Search has no source ${only}; ask search.sources for the ones there are.`), { code: 'NOT_FOUND' });
    const answers = await abortable(Promise.all(asked.map((source) => this.answerOf(source, fresh))), signal);
    return {
      items: answers.flatMap((answer) => answer.items),
      sources: answers.map(({ items, ...source }) => ({ ...source, count: items.length })),
      readAt: new Date().toISOString(),
    };
  }

  private answerOf(source: SearchSource, fresh: boolean): Promise<SourceAnswer> {
    const now = this.deps.now ?? Date.now;
    const kept = this.cached.get(source.id);
    if (!fresh && !source.uncached && kept && now() - kept.at < (this.deps.cacheMs ?? DEFAULT_CACHE_MS)) return Promise.resolve(kept.answer);
    // Two windows opening the palette together share one round of reads.
    const running = this.inFlight.get(source.id);
    if (running) return running;
    const read = withinTimeLimit(source, this.deps.from, this.deps.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS)
      .then((answer) => {
        this.cached.set(source.id, { at: now(), answer });
        return answer;
      })
      .finally(() => this.inFlight.delete(source.id));
    this.inFlight.set(source.id, read);
    return read;
  }
}

async function withinTimeLimit(source: SearchSource, from: SearchDependencies['from'], limitMs: number): Promise<SourceAnswer> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`did not answer within ${Math.round(limitMs / 100) / 10} s`));
    }, limitMs);
  });
  try {
    const items = await Promise.race([from(controller.signal).then((where) => source.items(where)), late]);
    return { id: source.id, title: source.title, items: items.slice(0, MAX_ITEMS_PER_SOURCE), problem: null };
  } catch (error) {
    return { id: source.id, title: source.title, items: [], problem: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** The shared round keeps going for others when one caller gives up. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
