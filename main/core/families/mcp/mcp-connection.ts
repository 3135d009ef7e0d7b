import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ToolListChangedNotificationSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { childEnvironment, resolveValue, valuesGivenToChild, type SecretLookup } from './mcp-child-env';
import { secretMasker } from './mcp-mask';
import { fenceServerText, SERVER_TEXT_LIMIT } from './mcp-output';
import { Relisting } from './mcp-relisting';
import { isStdio, type McpServerConfig } from './mcp-server-config';

/** How much of a server's stderr is kept, to say why it failed: more than is shown, so a value cut at the edge is still whole when masked. */
const STDERR_KEPT = 2 * SERVER_TEXT_LIMIT;
/** A server that keeps answering tools/list with a next cursor would be listed forever: at most this many pages are read. */
export const MAX_TOOL_LIST_PAGES = 50;

export interface ConnectOptions {
  /** Reign's environment: PATH, HOME and LANG are taken from it, and the names the config inherits. */
  readonly env: NodeJS.ProcessEnv;
  /** Reads a keychain entry a config names with `{ fromKeychain }`. */
  readonly secret?: SecretLookup;
}

/** One running MCP server: its client, the tools it lists now, and the secret values it was given (to mask them). */
export class McpConnection {
  private current = new Map<string, Tool>();
  private closed = false;
  private exited = false;
  /** Set once the first listing (in open) is done; a change heard before it is listed right after. */
  private opened = false;
  private changedWhileOpening = false;
  private readonly relisting = new Relisting(
    () => this.listAll(),
    (listed) => {
      this.current = listed;
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch {
          // One listener failing (a closed journal at shutdown) must not keep the others from hearing it.
        }
      }
    },
  );
  /** Masks what this server was given wherever its words go (outputs, errors, the audit). */
  readonly mask: (text: string) => string;

  private constructor(
    readonly config: McpServerConfig,
    private readonly client: Client,
    private readonly transport: Transport,
    private readonly stderrTail: () => string,
    /** Every value this server was given (env, inherited, keychain, token), for the redactor. */
    readonly secretValues: readonly string[],
    private readonly childPid: () => number | null,
  ) {
    this.mask = secretMasker(secretValues);
    // A server may change its tools while it runs; the tools Reign registered read this map, so a
    // changed annotation applies to the next step, and the family adds and drops tools from it
    // (onToolsChanged). A listing that fails keeps the tools listed before; listings run one at a
    // time (see Relisting), so a burst of notifications cannot start a listing each.
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      if (!this.opened) this.changedWhileOpening = true;
      else void this.relisting.request();
    });
    client.onclose = () => {
      this.exited = true;
    };
  }

  /** Starts (stdio) or reaches (HTTP) the server and lists its tools, within `connectTimeoutMs`; on failure nothing is left running. */
  static async open(config: McpServerConfig, options: ConnectOptions): Promise<McpConnection> {
    const secrets: string[] = [];
    let stderr = '';
    let childPid: number | null = null;
    let transport: Transport;
    if (isStdio(config)) {
      const env = await childEnvironment(config, options.env, options.secret);
      secrets.push(...valuesGivenToChild(config, env));
      const stdio = new StdioClientTransport({ command: config.command, args: config.args, env, cwd: config.cwd, stderr: 'pipe' });
      // The transport forgets its process once closing starts, and a failed connect starts closing
      // without waiting; the pid is kept from the start so close() can make sure the process is gone.
      const start = stdio.start.bind(stdio);
      stdio.start = async () => {
        await start();
        childPid = stdio.pid;
      };
      // Its stderr is the server's log: kept (the tail) to explain a failed start, never printed into Reign's own output.
      (stdio.stderr as Readable | null)?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
      });
      transport = stdio;
    } else {
      const token = config.token === undefined ? undefined : await resolveValue(config.token, `The token of MCP server "${config.name}"`, options.secret);
      if (token) secrets.push(token);
      transport = new StreamableHTTPClientTransport(new URL(config.url), { requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : undefined });
    }
    const client = new Client({ name: 'reign', version: '1' }, { capabilities: {} });
    const connection = new McpConnection(config, client, transport, () => stderr, secrets, () => childPid);
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), config.connectTimeoutMs);
    try {
      await client.connect(transport, { signal: timer.signal, timeout: config.connectTimeoutMs });
      await connection.refresh(timer.signal);
      connection.opened = true;
      if (connection.changedWhileOpening) void connection.relisting.request();
      return connection;
    } catch (error) {
      await connection.close();
      const stdio = isStdio(config);
      // The error can carry the server's own words (an HTTP body) and stderr is its log: both are
      // masked (a server may print its environment or echo its token while failing), cut and fenced as data.
      const mask = connection.mask;
      const why = timer.signal.aborted ? `did not ${stdio ? 'start' : 'answer'} and list its tools within ${config.connectTimeoutMs} ms.` : `could not be ${stdio ? 'started' : 'reached'}:\n${fenceServerText(config.name, 'error', mask((error as Error).message), 500)}`;
      const log = stderr.trim() ? `\nIts last output:\n${fenceServerText(config.name, 'stderr', mask(stderr.trim()).slice(-500))}` : '';
      const fix = stdio ? 'Check its command and arguments in the MCP config' : 'Check its URL and token in the MCP config';
      throw new Error(`MCP server "${config.name}" ${why}${log}\n${fix}, or raise connectTimeoutMs.`);
    } finally {
      clearTimeout(timeout);
    }
  }

  private readonly listeners = new Set<() => void>();

  /** Called after the server said its tools changed and they were listed again. Returns the unsubscribe. */
  onToolsChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The tools the server lists now, by their MCP name. */
  tools(): ReadonlyMap<string, Tool> {
    return this.current;
  }

  /** The child's process id (stdio), for tests and the doctor. */
  get pid(): number | null {
    return this.childPid();
  }

  /** Why a call cannot be made now, or null. */
  get unavailable(): string | null {
    if (this.closed) return `MCP server "${this.config.name}" was closed`;
    if (this.exited) {
      const tail = this.mask(this.stderrTail().trim()).slice(-SERVER_TEXT_LIMIT);
      return `MCP server "${this.config.name}" is no longer running; restart Reign to start it again.${tail ? ` Its last output:\n${fenceServerText(this.config.name, 'stderr', tail)}` : ''}`;
    }
    return null;
  }

  /**
   * Lists the server's tools again (at start, and on tools/list_changed). The whole listing has the
   * connect timeout as its deadline, reads at most MAX_TOOL_LIST_PAGES pages and stops at a cursor
   * it has seen: a server that pages forever cannot hold a listing open.
   */
  async refresh(signal?: AbortSignal): Promise<void> {
    this.current = await this.listAll(signal);
  }

  private async listAll(signal?: AbortSignal): Promise<Map<string, Tool>> {
    const limit = this.config.connectTimeoutMs;
    const deadline = AbortSignal.timeout(limit);
    const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const next = new Map<string, Tool>();
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_LIST_PAGES; page++) {
      const answer = await this.client.listTools(cursor ? { cursor } : undefined, { signal: stop, timeout: limit });
      for (const tool of answer.tools) next.set(tool.name, tool);
      cursor = answer.nextCursor;
      if (!cursor || seen.has(cursor) || next.size >= 10_000) break;
      seen.add(cursor);
    }
    return next;
  }

  /**
   * Calls one tool, ended after `callTimeoutMs` or when `signal` aborts (the SDK then sends the server
   * `notifications/cancelled`). A timeout throws an error saying how long it waited.
   */
  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<CallToolResult> {
    const limit = this.config.callTimeoutMs;
    try {
      return (await this.client.callTool({ name, arguments: args }, undefined, { signal, timeout: limit, maxTotalTimeout: limit })) as CallToolResult;
    } catch (error) {
      if (signal.aborted) throw new McpCallError('ABORTED', `The call to ${name} on MCP server "${this.config.name}" was cancelled`);
      if ((error as { code?: number }).code === -32001) throw new McpCallError('TIMEOUT', `MCP server "${this.config.name}" did not answer ${name} within ${limit} ms; the call was cancelled. Raise callTimeoutMs in the MCP config if it needs longer.`);
      // The error's message is the server's own text: masked, cut and fenced like its output.
      throw new McpCallError('MCP_ERROR', `MCP server "${this.config.name}" failed ${name}:\n${fenceServerText(this.config.name, name, this.mask((error as Error).message))}`);
    }
  }

  /** Ends the session and, for stdio, the process (the SDK closes stdin, then SIGTERM, then SIGKILL). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.relisting.stop();
    await this.client.close().catch(() => undefined);
    await this.transport.close().catch(() => undefined);
    await killIfRunning(this.childPid());
  }
}

export class McpCallError extends Error {
  constructor(
    readonly code: 'ABORTED' | 'TIMEOUT' | 'MCP_ERROR',
    message: string,
  ) {
    super(message);
  }
}

const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** After the SDK's close: a server that ignored it (or whose close was cut short by a failed start) is killed. */
async function killIfRunning(pid: number | null): Promise<void> {
  if (pid === null || !running(pid)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let waited = 0; waited < 1000 && running(pid); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
}
