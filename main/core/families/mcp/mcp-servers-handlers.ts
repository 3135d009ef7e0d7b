import type { CommandHandlers } from '../../dispatch/command-handlers';
import type { McpServerSettings } from './mcp-servers-settings';

type McpServerCommand = 'mcpServers.list' | 'mcpServers.save' | 'mcpServers.remove';

/** The contract's Settings → MCP servers commands, over the service that owns the config file. */
export function mcpServerHandlers(servers: McpServerSettings): Pick<CommandHandlers, McpServerCommand> {
  return {
    'mcpServers.list': () => servers.list(),
    'mcpServers.save': ({ previousName, config }) => servers.save(previousName, config),
    'mcpServers.remove': ({ name }) => servers.remove(name),
  };
}
