import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { requireInfrastructure } from './fixtures/infrastructure';
import { MCP_E2E_APPROVAL_WAIT, startReignMcpHttp, textOf, WAITING_FOR_APPROVAL } from './fixtures/mcp-clients';
import { sampleSecrets } from './fixtures/sample-secrets';
import { builtAppProblem, isolatedEnv, runReignAsync } from './fixtures/serve-process';

// `reign mcp --http` as a person starts it (the built CLI, a temporary workspace and REIGN_HOME),
// used by the SDK's own streamable HTTP client with the token it printed; and what a client
// without the token, or a web page under a rebinding name, gets.

/** A raw HTTP request, so the Host header can be anything (fetch sets its own). */
function rawPost(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every file under a folder: the token must be in none of them. */
const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

describe('reign mcp --http (the SDK client over streamable HTTP)', () => {
  it('lists tools with annotations, runs reads at once, holds writes for a person, and keeps the token out of every log', { timeout: 90_000 }, async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'reign-mcp-http-e2e-')));
    const env = isolatedEnv(MCP_E2E_APPROVAL_WAIT);
    const reign = await startReignMcpHttp(env, workspace);
    const client = new Client({ name: 'e2e-http-client', version: '0.1' });
    try {
      const { url, token } = reign;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      expect(token.length).toBeGreaterThanOrEqual(22);
      expect(reign.stderr()).toContain(`claude mcp add --transport http reign ${url} --header "Authorization: Bearer ${token}"`);
      expect(JSON.parse(/JSON config: +(\{.*\})$/m.exec(reign.stderr())![1]!)).toEqual({ mcpServers: { reign: { type: 'http', url, headers: { Authorization: `Bearer ${token}` } } } });

      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      expect(client.getServerVersion()?.name).toBe('reign');
      const tools = new Map((await client.listTools()).tools.map((tool) => [tool.name, tool]));
      expect([...tools.keys()], reign.stderr()).toEqual(expect.arrayContaining(['files.read', 'files.write', 'files.delete', 'shell.exec', 'find_tools']));
      expect(tools.get('files.read')?.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
      expect(tools.get('files.delete')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
      expect(tools.get('files.write')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });

      // A read runs at once, redacted.
      const secret = sampleSecrets[0]!;
      writeFileSync(join(workspace, 'config.txt'), `deploy with ${secret}\n`);
      const read = await client.callTool({ name: 'files.read', arguments: { path: 'config.txt' } });
      expect(read.isError, textOf(read)).toBeFalsy();
      expect((read.structuredContent as { content: string }).content).toMatch(/^deploy with .*REDACTED/);

      // A write is a proposal: at the time limit the call says it still waits, and nothing is written.
      // Its content even carries the token, as a careless client might echo it: no log may show it.
      const waiting = await client.callTool({ name: 'files.write', arguments: { path: 'notes.md', content: `connect with ${token}\n` } });
      expect(waiting.isError).toBe(true);
      expect(textOf(waiting)).toMatch(WAITING_FOR_APPROVAL);
      expect(textOf(waiting)).toMatch(/^Waiting for approval in Reign: files\.write write on /);
      expect(existsSync(join(workspace, 'notes.md'))).toBe(false);

      // Without the token, or with another, nothing gets through; the answer says what to send.
      for (const authorization of [undefined, 'Bearer not-the-token', `Basic ${token}`]) {
        const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(authorization ? { authorization } : {}) }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
        expect(refused.status, authorization).toBe(401);
        expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect((await refused.json()).error.message).toMatch(/^Unauthorized: .*Authorization: Bearer TOKEN/);
      }
      await expect(new Client({ name: 'guess', version: '1' }).connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: 'Bearer guessed' } } }))).rejects.toThrow(/401|Unauthorized/);

      // A page under a rebinding name, or another site's page, is refused even with the token.
      const port = new URL(url).port;
      const rebound = await rawPost(url, { host: `attacker.example:${port}`, authorization: `Bearer ${token}` });
      expect([rebound.status, JSON.parse(rebound.body).error.message]).toEqual([403, expect.stringMatching(/^Forbidden: .*answers only as 127\.0\.0\.1/)]);
      const foreign = await rawPost(url, { origin: 'https://attacker.example', authorization: `Bearer ${token}` });
      expect([foreign.status, JSON.parse(foreign.body).error.message]).toEqual([403, expect.stringContaining('https://attacker.example')]);
      // Its own loopback name with the token is a session like any other.
      const own = await rawPost(url, { host: `localhost:${port}`, authorization: `Bearer ${token}` });
      expect(own.status).toBe(200);
      expect(own.headers['mcp-session-id']).toBeTruthy();

      // Every call is journaled with the client's name; the token is in no log and no file Reign keeps.
      const audit = await runReignAsync(['audit', 'export'], env);
      expect(audit.status, audit.stderr).toBe(0);
      const calls = audit.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((entry) => entry.kind === 'mcp.call');
      expect(calls.map((entry) => [entry.payload.client, entry.payload.tool, entry.payload.outcome])).toEqual([
        ['e2e-http-client 0.1', 'files.read', 'ran'],
        ['e2e-http-client 0.1', 'files.write', 'proposed'],
        ['e2e-http-client 0.1', 'files.write', 'waiting'],
      ]);
      expect(audit.stdout).not.toContain(token);
      expect(audit.stdout).not.toContain(secret);
      for (const file of filesUnder(env.HOME!)) expect(readFileSync(file).includes(token), file).toBe(false);
    } finally {
      await client.close();
      // Ctrl-C's signal: the sessions close and it exits cleanly.
      expect(await reign.stop()).toBe(0);
    }
    expect(reign.stderr()).toMatch(/stopped the MCP server and closed 2 sessions/);
    const verify = await runReignAsync(['audit', 'verify'], env);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });

  it('says which option to change when the port is taken, and has no way to listen beyond loopback', { timeout: 60_000 }, async (context) => {
    requireInfrastructure(context, builtAppProblem(), 'The built CLI');
    const env = isolatedEnv();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as import('node:net').AddressInfo).port;
      const busy = await runReignAsync(['mcp', '--http', '--port', String(port)], env);
      expect([busy.status, busy.stderr]).toEqual([1, expect.stringContaining(`port ${port} on 127.0.0.1 is already in use. Pass another --port, or --port 0 for a free one.`)]);
      expect(busy.stderr).not.toMatch(/Token for this start/);
    } finally {
      taken.close();
    }
    const host = await runReignAsync(['mcp', '--http', '--host', '0.0.0.0'], env);
    expect([host.status, host.stderr]).toEqual([2, expect.stringContaining('reign mcp: unknown option --host')]);
    const portAlone = await runReignAsync(['mcp', '--port', '8080'], env);
    expect([portAlone.status, portAlone.stderr]).toEqual([2, expect.stringContaining('--port is for `reign mcp --http`')]);
  });
});
