import type { searchCommands } from '../../../preload/contract';
import type { CommandHandlers } from '../dispatch/command-handlers';
import type { Family } from '../families/family';
import { type ReadDependencies, readNow } from '../plan/read-now';
import type { RunRepository } from '../plan/run-repository';
import type { ShellAnalyzer } from '../policy/shell/shell-analyzer';
import type { AccessWhere } from '../tools/access';
import { toolContext } from '../tools/tool-definition';
import { runSearchables } from './run-searchables';
import { SearchService, type SearchSource } from './search-service';

type SearchCommand = keyof typeof searchCommands;

export interface SearchHandlerDeps extends ReadDependencies {
  readonly families: readonly Family[];
  readonly env: NodeJS.ProcessEnv;
  readonly secret: AccessWhere['secret'];
  readonly shell: () => Promise<ShellAnalyzer>;
  /** The chat's workspace, where views list (as the Resources pane does). */
  readonly workspace: () => string;
  readonly runs: Pick<RunRepository, 'history'>;
}

/** How many recent runs search offers; History lists the rest. */
const RUNS_SEARCHED = 200;

export function searchSources(deps: SearchHandlerDeps): SearchSource[] {
  const families = deps.families.flatMap((family) => (family.searchables ? [{ id: family.id, title: family.title, items: family.searchables }] : []));
  return [...families, { id: 'runs', title: 'Runs', uncached: true, items: async () => runSearchables(deps.runs.history({}, RUNS_SEARCHED)) }];
}

export function searchHandlers(deps: SearchHandlerDeps): Pick<CommandHandlers, SearchCommand> {
  const service = new SearchService({
    sources: searchSources(deps),
    from: async (signal) => {
      const ctx = toolContext(deps.workspace(), deps.env, await deps.shell(), deps.secret);
      return { ctx, signal, read: (tool, input) => readNow<Record<string, unknown>>(deps, tool, input, ctx, signal) };
    },
  });
  return {
    'search.sources': () => ({ sources: service.sources() }),
    // Redacted whole: a source's problem is an error's text, which can quote what a tool or SDK was given.
    'search.items': async ({ fresh, source }, context) => deps.redactor.redactValue(await service.items(context.signal, fresh ?? false, source)),
  };
}
