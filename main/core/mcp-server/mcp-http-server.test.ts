import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../e2e/fixtures/test-core';
import type { Core } from '../bootstrap';
import { type McpHttpServer, startMcpHttpServer } from './mcp-http-server';
import { createReignMcpServer } from './mcp-server';
import { mcpDependencies } from './mcp-server-dependencies';

// The HTTP server with the SDK's real streamable HTTP client, over a real loopback socket, and a
// real core with its own data folder: sessions, their end, and the refusals a client sees.

const opened: { core: Core; host: McpHttpServer }[] = [];
afterEach(async () => {
  for (const { core, host } of opened.splice(0)) {
    await host.close();
    core.dispose();
  }
});

async function started(maxSessions?: number) {
  const core = createTestCore();
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-http-ws-')));
  const toolSets = { sets: core.families, initial: ['files', 'shell'] };
  const host = await startMcpHttpServer({ port: 0, createServer: async () => createReignMcpServer(await mcpDependencies(core, { workspace, env: { PATH: process.env.PATH }, approvalWaitMs: 300, pollMs: 20, toolSets })), maxSessions });
  opened.push({ core, host });
  const connect = async (name: string, token = host.token) => {
    const transport = new StreamableHTTPClientTransport(new URL(host.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
    const client = new Client({ name, version: '1.0' });
    await client.connect(transport);
    return { client, transport };
  };
  return { core, host, connect };
}

const mcpCalls = (core: Core) => core.db.prepare("SELECT payload FROM audit WHERE kind = 'mcp.call'").pluck().all().map((payload) => JSON.parse(String(payload)) as { client: string; tool: string });

describe('reign mcp over streamable HTTP', () => {
  it('listens on 127.0.0.1 and gives each client its own session, journaled with its own name', async () => {
    const { core, host, connect } = await started();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const first = await connect('first-client');
    const second = await connect('second-client');
    expect(first.transport.sessionId).toBeTruthy();
    expect(second.transport.sessionId).not.toBe(first.transport.sessionId);
    expect(host.sessions()).toBe(2);

    // What find_tools adds to one session's list is not in the other's.
    await first.client.callTool({ name: 'find_tools', arguments: { query: 'remove container' } });
    await expect.poll(async () => (await first.client.listTools()).tools.some((tool) => tool.name === 'docker.container.remove')).toBe(true);
    expect((await second.client.listTools()).tools.some((tool) => tool.name === 'docker.container.remove')).toBe(false);
    await second.client.callTool({ name: 'files.read', arguments: { path: 'missing.txt' } });
    expect(mcpCalls(core).map((call) => [call.client, call.tool])).toEqual([
      ['first-client 1.0', 'find_tools'],
      ['second-client 1.0', 'files.read'],
    ]);

    // A client that ends its session (DELETE) is gone; the other goes on.
    await first.transport.terminateSession();
    await expect.poll(() => host.sessions()).toBe(1);
    expect((await second.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('refuses a wrong token and an ended session, and closing ends every session', async () => {
    const { host, connect } = await started();
    await expect(connect('guessing-client', 'not-the-token')).rejects.toThrow(/401|Unauthorized/);
    expect(host.sessions()).toBe(0);

    const { transport } = await connect('client');
    const session = transport.sessionId!;
    await transport.terminateSession();
    const after = await fetch(host.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'mcp-session-id': session, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
    expect((await after.json()).error.message).toMatch(/^Session not found.*Start a new session/);

    const without = await fetch(host.url, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect([without.status, (await without.json()).error.message]).toEqual([400, expect.stringContaining('Start a session with an initialize request')]);
    const elsewhere = await fetch(host.url.replace(/\/mcp$/, '/other'), { headers: { authorization: `Bearer ${host.token}` } });
    expect(elsewhere.status).toBe(404);

    const another = await connect('another');
    expect(host.sessions()).toBe(1);
    await host.close();
    expect(host.sessions()).toBe(0);
    await expect(another.client.listTools()).rejects.toThrow();
  });

  it('keeps a bounded number of sessions, dropping the least recently used', async () => {
    const { host, connect } = await started(2);
    const first = await connect('first');
    const second = await connect('second');
    await first.client.listTools();
    // The third session drops the second: the first was used since.
    const third = await connect('third');
    expect(host.sessions()).toBe(2);
    await expect(second.client.listTools()).rejects.toThrow(/404|Session not found/);
    expect((await first.client.listTools()).tools.length).toBeGreaterThan(0);
    expect((await third.client.listTools()).tools.length).toBeGreaterThan(0);
  });
});
