import { z } from 'zod';
import { defineCommand } from './define';

// Settings → MCP servers: the servers Reign starts as families (`mcp.<server>`). The renderer sends
// an entry's shape only; main checks it with the MCP config schema and writes `mcp-servers.json`.

/** What a server is doing, as the section shows it. */
export const McpServerStateSchema = z.enum([
  /** Running: its tools are `mcp.<server>.<tool>`. */
  'connected',
  /** It did not start; `message` says why. */
  'failed',
  /** It started and has since exited. */
  'exited',
  /** In the config but not started: it starts at the next start of Reign. */
  'pending',
  /** Running with an older entry: the change applies at the next start. */
  'changed',
  /** Removed from the config, still running until Reign restarts. */
  'removed',
  /** The stored entry does not pass the schema (edited by hand): `problems` says what. */
  'invalid',
  /** A server of REIGN_MCP_SERVERS has the same name: the environment's is the one started. */
  'overridden',
]);
export type McpServerState = z.infer<typeof McpServerStateSchema>;

export const McpConfigProblemSchema = z.object({ field: z.string(), message: z.string() });
export type McpConfigProblem = z.infer<typeof McpConfigProblemSchema>;

export const McpServerViewSchema = z.object({
  name: z.string(),
  kind: z.enum(['stdio', 'http']),
  /** The command (stdio) or the URL without user, password or query (HTTP). */
  where: z.string(),
  /** `environment`: from REIGN_MCP_SERVERS, read only here. */
  source: z.enum(['settings', 'environment']),
  /**
   * The entry as stored, for editing; keychain values appear only as `{ fromKeychain }`. A plain token
   * and a plain env value whose name looks secret (TOKEN, SECRET, PASSWORD, KEY…) appear as `{ kept: true }`,
   * the URL without user, password, query or fragment: sent back so, save keeps the stored ones. Null for the environment's.
   */
  config: z.record(z.string(), z.unknown()).nullable(),
  state: McpServerStateSchema,
  /** How many tools it has now (connected), else null. */
  tools: z.number().nullable(),
  /** One line for the person: the tool count, the start error, or when a change applies. */
  message: z.string(),
  problems: z.array(McpConfigProblemSchema),
  /** The keychain entries the entry names (env values, the token). */
  keychainEntries: z.array(z.string()),
});
export type McpServerView = z.infer<typeof McpServerViewSchema>;

export const McpServerListSchema = z.object({
  /** Where Settings writes (`<data folder>/mcp-servers.json`). */
  file: z.string(),
  servers: z.array(McpServerViewSchema),
  /** Why the file or REIGN_MCP_SERVERS cannot be read (then nothing is written over the file), or null. */
  problem: z.string().nullable(),
  /** Servers are started when Reign starts: a change needs a restart to take effect. */
  appliesAt: z.literal('next-start'),
});
export type McpServerList = z.infer<typeof McpServerListSchema>;

const ServerName = z.string().trim().min(1).max(100);

export const mcpServerCommands = {
  'mcpServers.list': defineCommand({
    description: 'The MCP servers Reign starts (from Settings and from REIGN_MCP_SERVERS), each with whether it is connected and how many tools it has, or why it did not start.',
    request: z.object({}).strict(),
    response: McpServerListSchema,
  }),
  'mcpServers.save': defineCommand({
    description: 'Add an MCP server, or replace the one named previousName; checked against the MCP config schema (problems by field) and written atomically to mcp-servers.json. It starts at the next start of Reign.',
    request: z.object({ previousName: ServerName.nullable().default(null), config: z.record(z.string(), z.unknown()) }).strict(),
    response: z.object({ saved: z.boolean(), problems: z.array(McpConfigProblemSchema), list: McpServerListSchema }),
  }),
  'mcpServers.remove': defineCommand({
    description: 'Remove an MCP server from mcp-servers.json (one of REIGN_MCP_SERVERS cannot be removed here). It stops at the next start of Reign.',
    request: z.object({ name: ServerName }).strict(),
    response: McpServerListSchema,
  }),
} as const;
