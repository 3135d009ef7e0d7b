import type { DoctorProbe, Family } from '../family';
import { defineFamily } from '../family';
import { McpConnection, type ConnectOptions } from './mcp-connection';
import { isStdio, type McpServerConfig } from './mcp-server-config';
import { MCP_TOOL_NAME, mcpTool, mcpToolName } from './mcp-tool';

/** A family for one MCP server, with the connection it owns. */
export interface McpFamily extends Family {
  /** Null when the server could not be started: the family then has no tools and its doctor check says why. */
  readonly connection: McpConnection | null;
}

export interface McpFamilies {
  readonly families: readonly McpFamily[];
  /** Closes every server (stdio: the processes end). Call it when the core is disposed and when the app quits. */
  dispose(): Promise<void>;
}


function serverProbe(config: McpServerConfig, connection: McpConnection | null, problem: string | null): DoctorProbe {
  return {
    name: `mcp.${config.name}`,
    run: async () => {
      if (!connection) return { status: 'error', summary: problem ?? `MCP server "${config.name}" did not start`, fix: 'Fix its entry in the MCP config (REIGN_MCP_SERVERS or mcp-servers.json in the data folder) and restart Reign.' };
      const unavailable = connection.unavailable;
      if (unavailable) return { status: 'error', summary: unavailable, fix: 'Restart Reign to start it again.' };
      return { status: 'ok', summary: `MCP server "${config.name}": ${connection.tools().size} tool(s)`, fix: null, tools: connection.tools().size };
    },
  };
}

function familyFor(config: McpServerConfig, connection: McpConnection | null, problem: string | null): McpFamily {
  // Two server names that map to one Reign name (`a_b` and `a-b`): the first keeps it, the other is left out.
  const seen = new Set<string>();
  const listed = (connection ? [...connection.tools().values()] : []).filter((tool) => {
    const name = mcpToolName(config.name, tool.name);
    if (!MCP_TOOL_NAME.test(tool.name) || seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  const family = defineFamily({
    id: `mcp.${config.name}`,
    title: `MCP server ${config.name}`,
    description: `Tools of the MCP server "${config.name}" (${isStdio(config) ? config.command : config.url}), each call a plan step: a write unless you marked the tool read-only.`,
    tools: connection ? listed.map((tool) => mcpTool(connection, tool)) : [],
    probes: [serverProbe(config, connection, problem)],
    secrets: (isStdio(config) ? Object.values(config.env) : config.token ? [config.token] : []).flatMap((value) =>
      typeof value === 'string' ? [] : [{ name: value.fromKeychain, label: `MCP server ${config.name}: ${value.fromKeychain}` }],
    ),
    // Everywhere text is stored or sent, every value this server was started with (env, inherited, keychain, token) is masked.
    redactions: connection?.secretValues.length ? [connection.mask] : [],
  });
  return { ...family, connection };
}

/**
 * One family per configured MCP server. Families are fixed when createCore builds the registry, so
 * every server is started (and its tools listed) here, before, each within its connectTimeoutMs and
 * all at once; a server that fails does not stop the others — its family has no tools and a doctor
 * check `mcp.<server>` with the reason.
 */
export async function mcpFamilies(configs: readonly McpServerConfig[], options: ConnectOptions): Promise<McpFamilies> {
  const families = await Promise.all(
    configs.map(async (config) => {
      try {
        return familyFor(config, await McpConnection.open(config, options), null);
      } catch (error) {
        return familyFor(config, null, (error as Error).message);
      }
    }),
  );
  return {
    families,
    dispose: async () => {
      await Promise.all(families.map((family) => family.connection?.close()));
    },
  };
}
