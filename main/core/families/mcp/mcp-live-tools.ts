import type { ToolRegistry } from '../../tools/tool-registry';
import type { Family } from '../family';
import type { McpFamily } from './mcp-families';

const followsItsServer = (family: Family): family is McpFamily => typeof (family as Partial<McpFamily>).onToolsChanged === 'function';

/**
 * Keeps the registry in step with the MCP servers: when one says its tools changed
 * (`notifications/tools/list_changed`) and lists them again, its new tools are registered (usable as
 * `mcp.<server>.<tool>` from the next plan), the ones it dropped are removed, and the change is
 * journaled. Families that are not MCP servers are left alone. Returns the unsubscribe.
 */
export function followMcpToolChanges(families: readonly Family[], deps: { readonly registry: ToolRegistry; readonly journal: (kind: string, payload: unknown) => void }): () => void {
  const stops = families.filter(followsItsServer).map((family) =>
    family.onToolsChanged((change) => {
      const added = change.added.map((tool) => tool.name);
      try {
        deps.registry.replace(change.removed, change.added);
        deps.journal('mcp.tools.changed', { family: change.family, added, removed: change.removed });
      } catch (error) {
        deps.journal('mcp.tools.changed', { family: change.family, added, removed: change.removed, problem: `the registry kept its tools: ${(error as Error).message}` });
      }
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
