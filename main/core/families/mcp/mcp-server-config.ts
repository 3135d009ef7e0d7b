import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** A value given in the config, or the name of a keychain entry that holds it (read when the server starts, never written out). */
const secretOrValue = z.union([z.string(), z.object({ fromKeychain: z.string().min(1) }).strict()]);
export type ConfigValue = z.infer<typeof secretOrValue>;

const common = {
  /** Becomes the family id `mcp.<name>` and the target `mcp:<name>`: short, lower case, no dots. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,30}$/, 'a server name is 1-31 characters of a-z, 0-9, _ and -, starting with a letter or digit'),
  /**
   * Tools the person says only read. A server's own readOnlyHint is untrusted and never lowers a
   * tool's risk; this list, written by the person, is the only way a tool of this server becomes a read.
   */
  readOnly: z.array(z.string().min(1)).default([]),
  /** How long starting the server and listing its tools may take. */
  connectTimeoutMs: z.number().int().positive().max(120_000).default(15_000),
  /** How long one tool call may take before it is cancelled and the step fails. */
  callTimeoutMs: z.number().int().positive().max(3_600_000).default(60_000),
};

export const StdioServerConfigSchema = z
  .object({
    ...common,
    command: z.string().min(1, 'the program that starts the server is needed: a name on PATH (npx) or a full path'),
    args: z.array(z.string()).default([]),
    /** The server's environment besides PATH, HOME and LANG: nothing else of Reign's environment reaches it. */
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), secretOrValue).default({}),
    /** Names of Reign's own environment variables to pass through as they are (a token the person chose to share). */
    inheritEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/)).default([]),
    cwd: z.string().optional(),
  })
  .strict();

/** This machine: a token sent over plain http:// to it does not cross a network. */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const HttpServerConfigSchema = z
  .object({
    ...common,
    /** A streamable HTTP endpoint. */
    url: z.url('a full URL is needed, like https://mcp.example.com/mcp').refine((url) => /^https?:\/\//.test(url), 'only http:// and https:// URLs'),
    /** Sent as `Authorization: Bearer …`. */
    token: secretOrValue.optional(),
  })
  .strict()
  .refine((config) => config.token === undefined || !config.url.startsWith('http://') || isLoopback(config.url), {
    path: ['token'],
    message: 'a token is only sent over https:// (plain http:// would show it to anyone on the network), or over http:// to this machine (localhost, 127.0.0.1, ::1); use the https:// URL of the server',
  });

export const McpServerConfigSchema = z.union([StdioServerConfigSchema, HttpServerConfigSchema]);
export type StdioServerConfig = z.infer<typeof StdioServerConfigSchema>;
export type HttpServerConfig = z.infer<typeof HttpServerConfigSchema>;
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;
export type McpServerConfigInput = z.input<typeof McpServerConfigSchema>;

export const isStdio = (config: McpServerConfig): config is StdioServerConfig => 'command' in config;

/** One problem of an entry: the field (dotted path, `(the entry)` for the whole) and the schema's message. */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

/** One entry checked alone against the schema (HTTP when it has a `url`, else stdio): its config, or every problem by field. */
export function checkMcpServerConfig(item: unknown): { ok: true; config: McpServerConfig } | { ok: false; problems: ConfigProblem[] } {
  const shape = item && typeof item === 'object' && 'url' in item ? HttpServerConfigSchema : StdioServerConfigSchema;
  const parsed = shape.safeParse(item);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(the entry)', message: issue.message })) };
}

/** Parses a list of server configs; a bad one is an error naming the server, the field and the fix. */
export function parseMcpServerConfigs(raw: unknown, source: string): McpServerConfig[] {
  if (!Array.isArray(raw)) throw new Error(`${source} must be a JSON array of MCP servers, like [{"name": "everything", "command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"]}]`);
  const configs = raw.map((item, index) => {
    const label = item && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string' ? `server "${(item as { name: string }).name}"` : `server #${index + 1}`;
    const checked = checkMcpServerConfig(item);
    if (!checked.ok) {
      const problems = checked.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
      throw new Error(`${source}, ${label}: ${problems}. A stdio server needs "name" and "command"; an HTTP server "name" and "url".`);
    }
    return checked.config;
  });
  const names = configs.map((config) => config.name);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length) throw new Error(`${source} names MCP server "${twice[0]}" twice; each server needs its own name`);
  return configs;
}

/** The file Settings writes and Reign reads at start: `<data folder>/mcp-servers.json`. */
export const mcpServersFile = (dataDir: string): string => join(dataDir, 'mcp-servers.json');

/**
 * The entries of one source that can start, and why each other one cannot: at start a bad entry
 * (or a second one of a name) is left out, not fatal, so Reign still starts and Settings can fix it.
 */
export function startableMcpServerConfigs(raw: unknown, source: string): { configs: McpServerConfig[]; problems: string[] } {
  if (!Array.isArray(raw)) return { configs: [], problems: [`${source} must be a JSON array of MCP servers; none of its servers is started until it is one.`] };
  const configs: McpServerConfig[] = [];
  const problems: string[] = [];
  raw.forEach((item, index) => {
    try {
      const [config] = parseMcpServerConfigs([item], source);
      if (configs.some((other) => other.name === config!.name)) problems.push(`${source} names MCP server "${config!.name}" twice (entry #${index + 1}); only the first is started. Rename or remove the other.`);
      else configs.push(config!);
    } catch (error) {
      // parseMcpServerConfigs names entries of a one-entry list as #1: this one's place is said here.
      problems.push(`${(error as Error).message.replace(`${source}, server #1:`, `${source}, server #${index + 1}:`)} It is not started; fix or remove it (Settings → MCP servers).`);
    }
  });
  return { configs, problems };
}

/**
 * The servers Reign starts: those of the REIGN_MCP_SERVERS environment variable (a JSON array; read
 * only, Settings cannot change them), then those of `mcp-servers.json` in the data folder (what
 * Settings writes). A file entry with the name of an environment one is left out: the environment wins.
 * An entry that cannot start (invalid, a name twice, a source that is not a JSON array) is left out and
 * named in `problems`; the others start.
 */
export function loadMcpServerConfigs(where: { readonly env: NodeJS.ProcessEnv; readonly dataDir: string }): { configs: McpServerConfig[]; problems: string[] } {
  const fromSource = (read: () => string | undefined, source: string): { configs: McpServerConfig[]; problems: string[] } => {
    try {
      const text = read();
      if (text === undefined || !text.trim()) return { configs: [], problems: [] };
      return startableMcpServerConfigs(parseMcpJson(text, source), source);
    } catch (error) {
      return { configs: [], problems: [`${(error as Error).message}; none of its servers is started until it can be read.`] };
    }
  };
  const file = mcpServersFile(where.dataDir);
  const fromEnv = fromSource(() => where.env.REIGN_MCP_SERVERS, 'REIGN_MCP_SERVERS');
  const fromFile = fromSource(() => (existsSync(file) ? readFileSync(file, 'utf8') : undefined), file);
  const taken = new Set(fromEnv.configs.map((config) => config.name));
  return { configs: [...fromEnv.configs, ...fromFile.configs.filter((config) => !taken.has(config.name))], problems: [...fromEnv.problems, ...fromFile.problems] };
}

export function parseMcpJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text around the error, which may be a token: only where it is.
    const where = /line \d+ column \d+|position \d+/.exec((error as Error).message)?.[0];
    throw new Error(`${source} is not valid JSON${where ? ` (at ${where})` : ''}; it must be a JSON array of MCP servers`);
  }
}
