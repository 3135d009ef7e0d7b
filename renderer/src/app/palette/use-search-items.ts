import { useEffect, useMemo, useState } from 'react';
import type { CommandResponse, SearchItem } from '../../../../preload/contract';
import { useAppPick } from '../store-context';

type SourceAnswer = CommandResponse<'search.items'>['sources'][number] & { readonly items: readonly SearchItem[] };

/** The last answers, shown at once the next time the palette opens while fresh ones are read. */
let lastSources: readonly { id: string; title: string }[] | null = null;
const lastAnswers = new Map<string, SourceAnswer>();

export interface SearchState {
  readonly items: readonly SearchItem[];
  /** Sources still reading, by title (none shown yet for them). */
  readonly reading: readonly string[];
  /** Sources that gave nothing, and why. */
  readonly silent: readonly { readonly id: string; readonly title: string; readonly problem: string }[];
}

/**
 * What global search can find, read once as the palette opens: each source is asked on its own, so
 * the engine's containers show while a slow cluster is still listing; the palette filters them as
 * a person types, without asking main again.
 */
export function useSearchItems(): SearchState {
  const { searchSources, searchItems } = useAppPick('searchSources', 'searchItems');
  const [sources, setSources] = useState(lastSources);
  const [answers, setAnswers] = useState<ReadonlyMap<string, SourceAnswer>>(() => new Map(lastAnswers));
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let open = true;
    const keep = (id: string, answer: SourceAnswer): void => {
      lastAnswers.set(id, answer);
      if (!open) return;
      setAnswers((previous) => new Map(previous).set(id, answer));
      setPending((previous) => new Set([...previous].filter((other) => other !== id)));
    };
    searchSources().then(
      (listed) => {
        lastSources = listed;
        if (!open) return;
        setSources(listed);
        setPending(new Set(listed.map((source) => source.id)));
        for (const source of listed) {
          searchItems(source.id).then(
            (answer) => keep(source.id, { ...(answer.sources[0] ?? { id: source.id, title: source.title, count: answer.items.length, problem: null }), items: answer.items }),
            (error: Error) => keep(source.id, { id: source.id, title: source.title, count: 0, problem: error.message, items: [] }),
          );
        }
      },
      (error: Error) => open && setProblem(`Search could not read resources: ${error.message}`),
    );
    return () => {
      open = false;
    };
  }, [searchSources, searchItems]);
  return useMemo(() => {
    const known = sources ?? [];
    const shown = known.flatMap((source) => (answers.has(source.id) ? [answers.get(source.id)!] : []));
    return {
      items: shown.flatMap((answer) => answer.items),
      reading: known.filter((source) => pending.has(source.id) && !answers.has(source.id)).map((source) => source.title),
      silent: [...(problem ? [{ id: 'search', title: 'Search', problem }] : []), ...shown.flatMap((answer) => (answer.problem ? [{ id: answer.id, title: answer.title, problem: answer.problem }] : []))],
    };
  }, [sources, answers, pending, problem]);
}
