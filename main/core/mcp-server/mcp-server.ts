import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { compactSchema } from '../agent/agent-tools';
import { FIND_TOOLS, FindToolsSchema } from '../agent/tool-sets';
import { REIGN_VERSION } from '../version';
import { toolAnnotations } from './mcp-server-annotations';
import { callTool, type McpCallDependencies } from './mcp-server-call';

/**
 * How long a call for a step that is not a read waits for a person by default, before it says it
 * still waits: under the 60 s MCP clients commonly give a request (the SDK client's default).
 */
export const DEFAULT_APPROVAL_WAIT_MS = 50_000;

/** A client's name as journaled: its own words, so bounded and single-line. */
const clientName = (info: { name?: string; version?: string } | undefined): string => `${info?.name ?? 'unknown client'}${info?.version ? ` ${info.version}` : ''}`.replace(/\s+/g, ' ').slice(0, 120);

/** The offered tools for MCP, each with annotations from Reign's own code (computed once per tool), then `find_tools`. */
export function mcpTools(deps: Pick<McpCallDependencies, 'offer' | 'ctx'>, cache = new Map<string, Tool>()): Tool[] {
  const tools: Tool[] = deps.offer.listed().map((tool) => {
    const known = cache.get(tool.name) ?? { name: tool.name, description: tool.description, inputSchema: compactSchema(tool.input) as Tool['inputSchema'], annotations: toolAnnotations(tool, deps.ctx) };
    cache.set(tool.name, known);
    return known;
  });
  tools.push({
    name: FIND_TOOLS,
    description: "Search Reign's tools by words (and optionally one family): their names, descriptions, input schemas and examples, best match first.",
    inputSchema: compactSchema(FindToolsSchema) as Tool['inputSchema'],
    annotations: { title: 'Find Reign tools', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  });
  return tools;
}

/**
 * Reign as an MCP server: the registry's tools as the chat offers them, reads run at once through the policy, everything
 * else a proposal for a person in Reign. The low-level Server (not McpServer): the tools come with
 * their JSON Schemas from the registry, and Reign validates input with its own zod schemas.
 */
export function createReignMcpServer(deps: McpCallDependencies): Server {
  const server = new Server(
    { name: 'reign', version: REIGN_VERSION },
    {
      capabilities: { tools: { listChanged: true } },
      instructions: `The tools of the families relevant here are listed; ${FIND_TOOLS} finds the others and adds them to the list. Reads run at once. Any other step becomes a proposal a person approves in Reign; call it again after approval to run it.`,
    },
  );
  // Annotations ask each tool's risk function about its samples: computed once per tool.
  const annotated = new Map<string, Tool>();
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: mcpTools(deps, annotated) }));
  deps.offer.onLoaded = () => void server.sendToolListChanged().catch(() => undefined);
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    try {
      const token = request.params._meta?.progressToken;
      let step = 0;
      const progress = (message: string): void => {
        if (token !== undefined) void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++step, message } }).catch(() => undefined);
      };
      return await callTool(deps, clientName(server.getClientVersion()), request.params.name, request.params.arguments ?? {}, extra.signal, progress);
    } catch (error) {
      // A fault of Reign's (the database, the audit log), not of the call: a tool error the client can show.
      return { isError: true, content: [{ type: 'text', text: `Reign could not complete ${request.params.name}: ${deps.redactor.redact((error as Error).message)}` }] };
    }
  });
  return server;
}
