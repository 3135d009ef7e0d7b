import type { ToolRegistry } from '../../tools/tool-registry';
import type { Family } from '../family';
import type { McpFamily, McpToolsChange } from './mcp-families';

const followsItsServer = (family: Family): family is McpFamily => typeof (family as Partial<McpFamily>).onToolsChanged === 'function';

/** How many tool names one journal entry lists; past this it gives the first ones and the count. */
export const JOURNALED_NAMES = 50;

/** Names for the journal: all of them, or the first JOURNALED_NAMES and how many there are in all (a server can list thousands). */
function names(key: 'added' | 'removed' | 'refused', list: readonly string[]): Record<string, unknown> {
  if (list.length <= JOURNALED_NAMES) return { [key]: list };
  return { [key]: list.slice(0, JOURNALED_NAMES), [`${key}Count`]: list.length };
}

function payloadOf(change: McpToolsChange): Record<string, unknown> {
  return {
    family: change.family,
    ...names('added', change.added.map((tool) => tool.name)),
    ...names('removed', change.removed),
    ...(change.refused?.length ? { ...names('refused', change.refused), refusedWhy: 'the server reached its limit of tool names' } : {}),
  };
}

/**
 * Keeps the registry in step with the MCP servers: when one says its tools changed
 * (`notifications/tools/list_changed`) and lists them again, its new tools are registered (usable as
 * `mcp.<server>.<tool>` from the next plan), the ones it dropped are removed, and the change is
 * journaled. A change the registry refuses is journaled with the reason and thrown back to the family,
 * which then keeps its tools as they were (as the registry does). Families that are not MCP servers
 * are left alone. Returns the unsubscribe.
 */
export function followMcpToolChanges(families: readonly Family[], deps: { readonly registry: ToolRegistry; readonly journal: (kind: string, payload: unknown) => void }): () => void {
  // The journal failing (closed at shutdown) must not undo a change the registry took.
  const journal = (payload: unknown) => {
    try {
      deps.journal('mcp.tools.changed', payload);
    } catch {
      return;
    }
  };
  const stops = families.filter(followsItsServer).map((family) =>
    family.onToolsChanged((change) => {
      try {
        if (change.added.length || change.removed.length) deps.registry.replace(change.removed, change.added);
      } catch (error) {
        journal({ ...payloadOf(change), problem: `the registry kept its tools: ${(error as Error).message}` });
        throw error;
      }
      journal(payloadOf(change));
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
