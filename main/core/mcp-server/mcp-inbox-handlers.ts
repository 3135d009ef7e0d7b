import type { mcpInboxCommands } from '../../../preload/contract';
import type { CallContext, CommandHandlers } from '../dispatch/command-handlers';
import type { McpInboxService } from './mcp-inbox-service';

type McpInboxCommand = keyof typeof mcpInboxCommands;

/**
 * Who decided, as journaled and as the MCP client is told. Only the app's own transports reach
 * this: the desktop window's IPC (its own frame only) or `reign serve`'s WebSocket (per-start
 * token and a loopback Origin); an MCP client has neither.
 */
export const decidedInApp = (context: CallContext): string => (context.host === 'electron' ? 'app (desktop)' : 'app (reign serve)');

export function mcpInboxHandlers(inbox: McpInboxService): Pick<CommandHandlers, McpInboxCommand> {
  return {
    'mcp.proposals.list': () => ({ proposals: inbox.list() }),
    'mcp.proposals.decide': async ({ id, decision, confirmation }, context) => ({ proposal: await inbox.decide(id, decision, decidedInApp(context), confirmation) }),
  };
}
