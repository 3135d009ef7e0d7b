import type { ToolDefinition } from '../../tools/tool-definition';
import type { DoctorProbe, Family } from '../family';
import { defineFamily } from '../family';
import { McpConnection, type ConnectOptions } from './mcp-connection';
import { isStdio, type McpServerConfig } from './mcp-server-config';
import { MCP_TOOL_NAME, mcpTool, mcpToolName } from './mcp-tool';

/** Tools a running server added and removed (after `notifications/tools/list_changed`). */
export interface McpToolsChange {
  readonly family: string;
  readonly added: readonly ToolDefinition[];
  readonly removed: readonly string[];
  /**
   * New tool names left out because the server reached MAX_TOOL_NAMES_PER_SERVER: given once, on the
   * first change that refuses any (a server that keeps inventing names is not journaled each time).
   */
  readonly refused?: readonly string[];
}

/**
 * How many distinct tool names one server may ever have (also counting those it dropped): each is a
 * tool in the registry and in every tool set offered to the model, so a server cannot grow them without end.
 */
export const MAX_TOOL_NAMES_PER_SERVER = 500;

/** A family for one MCP server, with the connection it owns. */
export interface McpFamily extends Family {
  /** Null when the server could not be started: the family then has no tools and its doctor check says why. */
  readonly connection: McpConnection | null;
  /** The entry it was started with. */
  readonly config: McpServerConfig;
  /** Why it did not start, or null. */
  readonly problem: string | null;
  /**
   * `tools` follows the server's list; this hears each change (to update the registry). A change is
   * committed to `tools` only when every listener took it: a listener that throws (the registry refused)
   * leaves `tools` as it was, in step with the registry, and the next change is computed from there.
   * Returns the unsubscribe.
   */
  onToolsChanged(listener: (change: McpToolsChange) => void): () => void;
}

export interface McpFamilies {
  readonly families: readonly McpFamily[];
  /** Closes every server (stdio: the processes end). Call it when the core is disposed and when the app quits. */
  dispose(): Promise<void>;
}


function serverProbe(config: McpServerConfig, connection: McpConnection | null, problem: string | null, refusedCount: () => number): DoctorProbe {
  return {
    name: `mcp.${config.name}`,
    run: async () => {
      if (!connection) return { status: 'error', summary: problem ?? `MCP server "${config.name}" did not start`, fix: 'Fix its entry in Settings → MCP servers (or in REIGN_MCP_SERVERS) and restart Reign.' };
      const unavailable = connection.unavailable;
      if (unavailable) return { status: 'error', summary: unavailable, fix: 'Restart Reign to start it again.' };
      const summary = `MCP server "${config.name}": ${connection.tools().size} tool(s)`;
      const over = refusedCount();
      if (over) return { status: 'warning', summary: `${summary}; ${over} more left out: a server may have at most ${MAX_TOOL_NAMES_PER_SERVER} tool names`, fix: 'Ask the server to offer fewer tools.', tools: connection.tools().size };
      return { status: 'ok', summary, fix: null, tools: connection.tools().size };
    },
  };
}

/**
 * The server's tools as Reign tools. A name seen before keeps the definition made for it first
 * (also after the server dropped it and lists it again): its start-time annotations stay part of
 * its risk, so a server cannot lower a tool's risk by listing it anew. A new name beyond
 * MAX_TOOL_NAMES_PER_SERVER is left out and returned in `refused`.
 */
function currentTools(config: McpServerConfig, connection: McpConnection | null, known: Map<string, ToolDefinition>): { tools: ToolDefinition[]; refused: string[] } {
  // Two server names that map to one Reign name (`a_b` and `a-b`): the first keeps it, the other is left out.
  const seen = new Set<string>();
  const tools: ToolDefinition[] = [];
  const refused: string[] = [];
  for (const tool of connection ? connection.tools().values() : []) {
    const name = mcpToolName(config.name, tool.name);
    if (!MCP_TOOL_NAME.test(tool.name) || seen.has(name)) continue;
    seen.add(name);
    let definition = known.get(name);
    if (!definition) {
      if (known.size >= MAX_TOOL_NAMES_PER_SERVER) {
        refused.push(name);
        continue;
      }
      definition = mcpTool(connection!, tool);
      known.set(name, definition);
    }
    tools.push(definition);
  }
  return { tools, refused };
}

/** The family of one server (exported for its unit test; mcpFamilies makes them). */
export function mcpServerFamily(config: McpServerConfig, connection: McpConnection | null, problem: string | null): McpFamily {
  const known = new Map<string, ToolDefinition>();
  const first = currentTools(config, connection, known);
  let tools = first.tools;
  let refusedNow = first.refused.length;
  // Refusals at start are in the doctor check; the journal hears of them once, with the first change.
  let refusalHeard = false;
  const family = defineFamily({
    id: `mcp.${config.name}`,
    title: `MCP server ${config.name}`,
    description: `Tools of the MCP server "${config.name}" (${isStdio(config) ? config.command : config.url}), each call a plan step: a write unless you marked the tool read-only.`,
    tools,
    probes: [serverProbe(config, connection, problem, () => refusedNow)],
    secrets: (isStdio(config) ? Object.values(config.env) : config.token ? [config.token] : []).flatMap((value) =>
      typeof value === 'string' ? [] : [{ name: value.fromKeychain, label: `MCP server ${config.name}: ${value.fromKeychain}` }],
    ),
    // Everywhere text is stored or sent, every value this server was started with (env, inherited, keychain, token) is masked.
    redactions: connection?.secretValues.length ? [connection.mask] : [],
  });
  const listeners = new Set<(change: McpToolsChange) => void>();
  connection?.onToolsChanged(() => {
    const { tools: next, refused } = currentTools(config, connection, known);
    refusedNow = refused.length;
    const before = new Set(tools.map((tool) => tool.name));
    const after = new Set(next.map((tool) => tool.name));
    const added = next.filter((tool) => !before.has(tool.name));
    const removed = tools.filter((tool) => !after.has(tool.name)).map((tool) => tool.name);
    const tellRefused = refused.length > 0 && !refusalHeard;
    if (!added.length && !removed.length && !tellRefused) return;
    const change: McpToolsChange = { family: family.id, added, removed, ...(tellRefused ? { refused } : {}) };
    // Throws when a listener refuses (the connection catches it): `tools` then stays as the registry has it.
    for (const listener of [...listeners]) listener(change);
    tools = next;
    if (tellRefused) refusalHeard = true;
  });
  const result = {
    ...family,
    connection,
    config,
    problem,
    onToolsChanged: (listener: (change: McpToolsChange) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  // The tool sets and the doctor read `tools` when they need it: it is the server's list as of now.
  Object.defineProperty(result, 'tools', { get: () => tools, enumerable: true });
  return result;
}

/**
 * One family per configured MCP server. The families are given to createCore, so every server is
 * started (and its tools listed) here, before, each within its connectTimeoutMs and
 * all at once; a server that fails does not stop the others — its family has no tools and a doctor
 * check `mcp.<server>` with the reason.
 */
export async function mcpFamilies(configs: readonly McpServerConfig[], options: ConnectOptions): Promise<McpFamilies> {
  const families = await Promise.all(
    configs.map(async (config) => {
      try {
        return mcpServerFamily(config, await McpConnection.open(config, options), null);
      } catch (error) {
        return mcpServerFamily(config, null, (error as Error).message);
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
