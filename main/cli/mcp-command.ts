import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Core } from '../core/bootstrap';
import { type McpHttpServer, startMcpHttpServer } from '../core/mcp-server/mcp-http-server';
import { createReignMcpServer, DEFAULT_APPROVAL_WAIT_MS } from '../core/mcp-server/mcp-server';
import { mcpDependencies } from '../core/mcp-server/mcp-server-dependencies';
import { isFolder } from '../core/tools/workspace-paths';
import type { CliIo } from './cli-io';

export interface McpCommandOptions {
  readonly workspace?: string;
  /** Streamable HTTP on 127.0.0.1 instead of stdio. */
  readonly http?: boolean;
  /** With --http: the port (0 or none picks a free one). */
  readonly port?: number;
}

/**
 * `reign mcp`: Reign's tools for an MCP client over stdio, until the client closes stdin (or
 * SIGINT/SIGTERM). Stdout carries only the protocol; anything for a person goes to stderr.
 * `reign mcp --http`: the same over streamable HTTP on loopback, until SIGINT/SIGTERM.
 */
export async function mcpCommand(core: Core, io: CliIo, options: McpCommandOptions): Promise<number> {
  const workspace = resolve(options.workspace ?? process.cwd());
  if (!isFolder(workspace)) {
    io.stderr(`reign: the workspace ${workspace} is not a folder. Pass --workspace DIR, or start reign mcp in the folder it should work in.\n`);
    return 2;
  }
  if (options.port !== undefined && !options.http) {
    io.stderr('reign: --port is for `reign mcp --http`; over stdio there is no port. Add --http, or leave out --port.\n');
    return 2;
  }
  const wait = io.env.REIGN_MCP_APPROVAL_WAIT_MS;
  const approvalWaitMs = wait === undefined ? DEFAULT_APPROVAL_WAIT_MS : Number(wait);
  if (!Number.isInteger(approvalWaitMs) || approvalWaitMs < 0) {
    io.stderr(`reign: REIGN_MCP_APPROVAL_WAIT_MS must be a whole number of milliseconds, not "${wait}".\n`);
    return 2;
  }
  await core.loadSecretsIntoRedactor();
  const dependencies = { workspace: realpathSync(workspace), env: io.env, approvalWaitMs };
  if (options.http) return serveHttp(core, io, dependencies, options.port ?? 0);

  const server = createReignMcpServer(await mcpDependencies(core, dependencies));
  const stdin = io.stdin ?? process.stdin;
  await new Promise<void>((done) => {
    const stop = (): void => done();
    server.onclose = stop;
    stdin.once('end', stop);
    stdin.once('close', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    server.connect(new StdioServerTransport(stdin as NodeJS.ReadStream, process.stdout)).catch((error: Error) => {
      io.stderr(`reign: the MCP connection failed: ${error.message}\n`);
      done();
    });
  });
  await server.close().catch(() => undefined);
  return 0;
}

async function serveHttp(core: Core, io: CliIo, dependencies: Parameters<typeof mcpDependencies>[1], port: number): Promise<number> {
  // The tool sets once (the doctor's probes take a while); each session gets its own offer of them.
  const toolSets = await core.agentToolSets();
  let host: McpHttpServer;
  try {
    host = await startMcpHttpServer({
      port,
      createServer: async () => createReignMcpServer(await mcpDependencies(core, { ...dependencies, toolSets })),
      onError: (error) => io.stderr(`reign: an MCP request failed: ${core.redactor.redact(error.message)}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') io.stderr(`reign: port ${port} on 127.0.0.1 is already in use. Pass another --port, or --port 0 for a free one.\n`);
    else if (code === 'EACCES') io.stderr(`reign: this user may not listen on port ${port}. Pass a --port above 1023, or --port 0 for a free one.\n`);
    else io.stderr(`reign: could not listen on 127.0.0.1:${port}: ${(error as Error).message}\n`);
    return 1;
  }
  // Should a client ever echo the token (into a file it writes, say), the audit and outputs show it redacted.
  core.redactor.addSecret(host.token);
  io.stderr(httpBanner(host.url, host.token));
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  const open = host.sessions();
  await host.close();
  io.stderr(`reign: stopped the MCP server${open ? ` and closed ${open} session${open === 1 ? '' : 's'}` : ''}.\n`);
  return 0;
}

/** What a person needs to connect a client, on stderr only: the token is in no log and no audit entry. */
function httpBanner(url: string, token: string): string {
  const json = JSON.stringify({ mcpServers: { reign: { type: 'http', url, headers: { Authorization: `Bearer ${token}` } } } });
  return [
    `Reign's MCP server is listening on ${url} (127.0.0.1 only).`,
    `Token for this start (a new one each start): ${token}`,
    'Every request must send it as the header "Authorization: Bearer TOKEN". To add Reign to a client:',
    `  Claude Code:  claude mcp add --transport http reign ${url} --header "Authorization: Bearer ${token}"`,
    `  JSON config:  ${json}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
