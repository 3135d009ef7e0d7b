import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Core } from '../core/bootstrap';
import { createReignMcpServer, DEFAULT_APPROVAL_WAIT_MS } from '../core/mcp-server/mcp-server';
import { mcpDependencies } from '../core/mcp-server/mcp-server-dependencies';
import { isFolder } from '../core/tools/workspace-paths';
import type { CliIo } from './cli-io';

/**
 * `reign mcp`: Reign's tools for an MCP client over stdio, until the client closes stdin (or
 * SIGINT/SIGTERM). Stdout carries only the protocol; anything for a person goes to stderr.
 */
export async function mcpCommand(core: Core, io: CliIo, options: { workspace?: string }): Promise<number> {
  const workspace = resolve(options.workspace ?? process.cwd());
  if (!isFolder(workspace)) {
    io.stderr(`reign: the workspace ${workspace} is not a folder. Pass --workspace DIR, or start reign mcp in the folder it should work in.\n`);
    return 2;
  }
  const wait = io.env.REIGN_MCP_APPROVAL_WAIT_MS;
  const approvalWaitMs = wait === undefined ? DEFAULT_APPROVAL_WAIT_MS : Number(wait);
  if (!Number.isInteger(approvalWaitMs) || approvalWaitMs < 0) {
    io.stderr(`reign: REIGN_MCP_APPROVAL_WAIT_MS must be a whole number of milliseconds, not "${wait}".\n`);
    return 2;
  }
  await core.loadSecretsIntoRedactor();
  const server = createReignMcpServer(await mcpDependencies(core, { workspace: realpathSync(workspace), env: io.env, approvalWaitMs }));
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
