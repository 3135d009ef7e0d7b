import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMcpServerConfigs, parseMcpServerConfigs } from './mcp-server-config';

describe('MCP server configs', () => {
  it('fill in defaults for a stdio server and an HTTP one', () => {
    const [stdio, http] = parseMcpServerConfigs([{ name: 'fs', command: 'npx', args: ['-y', 'server'] }, { name: 'remote', url: 'https://mcp.example/mcp', token: { fromKeychain: 'remote-token' } }], 'test');
    expect(stdio).toEqual({ name: 'fs', command: 'npx', args: ['-y', 'server'], env: {}, inheritEnv: [], readOnly: [], connectTimeoutMs: 15_000, callTimeoutMs: 60_000 });
    expect(http).toMatchObject({ name: 'remote', url: 'https://mcp.example/mcp', token: { fromKeychain: 'remote-token' } });
  });

  it('name the server, the field and what a server needs when one is wrong', () => {
    expect(() => parseMcpServerConfigs([{ name: 'ok', command: 'x' }, { name: 'Bad.Name', command: 'x' }], 'mcp-servers.json')).toThrow(/mcp-servers.json, server "Bad.Name": name: a server name is 1-31 characters/);
    expect(() => parseMcpServerConfigs([{ name: 'a' }], 'test')).toThrow(/server "a": command: .*A stdio server needs "name" and "command"/);
    expect(() => parseMcpServerConfigs([{ name: 'a', command: 'x', env: { TOKEN: { fromVault: 'x' } } }], 'test')).toThrow(/env\.TOKEN/);
    expect(() => parseMcpServerConfigs([{ name: 'a', command: 'x', colour: 'red' }], 'test')).toThrow(/colour/);
    expect(() => parseMcpServerConfigs([{ name: 'a', url: 'file:///etc/passwd' }], 'test')).toThrow(/only http:\/\/ and https:\/\//);
    expect(() => parseMcpServerConfigs({ name: 'a' }, 'test')).toThrow(/must be a JSON array of MCP servers/);
    expect(() => parseMcpServerConfigs([{ name: 'a', command: 'x' }, { name: 'a', command: 'y' }], 'test')).toThrow(/names MCP server "a" twice/);
  });

  it('come from REIGN_MCP_SERVERS and mcp-servers.json in the data folder, the environment winning a name', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reign-mcp-config-'));
    expect(loadMcpServerConfigs({ env: {}, dataDir })).toEqual([]);
    writeFileSync(join(dataDir, 'mcp-servers.json'), JSON.stringify([{ name: 'file', command: 'x' }]));
    expect(loadMcpServerConfigs({ env: {}, dataDir }).map((config) => config.name)).toEqual(['file']);
    expect(loadMcpServerConfigs({ env: { REIGN_MCP_SERVERS: '[{"name":"env","command":"y"}]' }, dataDir }).map((config) => config.name)).toEqual(['env', 'file']);
    expect(loadMcpServerConfigs({ env: { REIGN_MCP_SERVERS: '[{"name":"file","command":"from-env"}]' }, dataDir })).toMatchObject([{ name: 'file', command: 'from-env' }]);
    expect(() => loadMcpServerConfigs({ env: { REIGN_MCP_SERVERS: '[{' }, dataDir })).toThrow(/REIGN_MCP_SERVERS is not valid JSON/);
  });

  it('refuse a token over plain http:// unless the server is on this machine', () => {
    expect(() => parseMcpServerConfigs([{ name: 'remote', url: 'http://mcp.example/mcp', token: 'tok_123456' }], 'test')).toThrow(/server "remote": token: a token is only sent over https:\/\/.*use the https:\/\/ URL/);
    expect(() => parseMcpServerConfigs([{ name: 'remote', url: 'http://10.0.0.5:8080/mcp', token: { fromKeychain: 'k' } }], 'test')).toThrow(/token is only sent over https/);
    for (const url of ['http://127.0.0.1:3000/mcp', 'http://localhost/mcp', 'http://[::1]:9000/mcp', 'https://mcp.example/mcp']) expect(parseMcpServerConfigs([{ name: 'ok', url, token: 'tok_123456' }], 'test')[0]).toMatchObject({ url });
    expect(parseMcpServerConfigs([{ name: 'open', url: 'http://mcp.example/mcp' }], 'test')[0]).toMatchObject({ url: 'http://mcp.example/mcp' });
  });
});
