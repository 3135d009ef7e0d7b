import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMcpServerConfigs, parseMcpServerConfigs } from './mcp-server-config';
import { startMcpFamilies } from './mcp-start';

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
    expect(loadMcpServerConfigs({ env: {}, dataDir })).toEqual({ configs: [], problems: [] });
    writeFileSync(join(dataDir, 'mcp-servers.json'), JSON.stringify([{ name: 'file', command: 'x' }]));
    expect(loadMcpServerConfigs({ env: {}, dataDir }).configs.map((config) => config.name)).toEqual(['file']);
    expect(loadMcpServerConfigs({ env: { REIGN_MCP_SERVERS: '[{"name":"env","command":"y"}]' }, dataDir }).configs.map((config) => config.name)).toEqual(['env', 'file']);
    expect(loadMcpServerConfigs({ env: { REIGN_MCP_SERVERS: '[{"name":"file","command":"from-env"}]' }, dataDir }).configs).toMatchObject([{ name: 'file', command: 'from-env' }]);
  });

  it('start the valid entries and name each one left out (invalid, a name twice, a source that cannot be read), never quoting a value', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reign-mcp-config-'));
    writeFileSync(join(dataDir, 'mcp-servers.json'), JSON.stringify([{ name: 'ok', command: 'x' }, { name: 'Bad.Name', command: 'x' }, { name: 'ok', command: 'y' }, { name: 'http', url: 'http://mcp.example/mcp', token: 'tok_secret_value' }, { name: 'also-ok', url: 'https://mcp.example/mcp' }]));
    const loaded = loadMcpServerConfigs({ env: { REIGN_MCP_SERVERS: '[{"name": tok_env_secret' }, dataDir });
    expect(loaded.configs.map((config) => [config.name, 'command' in config ? config.command : config.url])).toEqual([['ok', 'x'], ['also-ok', 'https://mcp.example/mcp']]);
    expect(loaded.problems).toEqual([
      expect.stringMatching(/^REIGN_MCP_SERVERS is not valid JSON.*none of its servers is started/),
      expect.stringMatching(/mcp-servers.json, server "Bad.Name": name: .*It is not started; fix or remove it/),
      expect.stringMatching(/names MCP server "ok" twice \(entry #3\); only the first is started/),
      expect.stringMatching(/server "http": token: a token is only sent over https/),
    ]);
    expect(loaded.problems.join('\n')).not.toMatch(/tok_env_secret|tok_secret_value/);
    writeFileSync(join(dataDir, 'mcp-servers.json'), JSON.stringify({ name: 'not-a-list', command: 'x' }));
    expect(loadMcpServerConfigs({ env: {}, dataDir })).toEqual({ configs: [], problems: [expect.stringMatching(/must be a JSON array of MCP servers; none of its servers is started/)] });
  });

  it('at start, log each entry left out and start without it (Reign still starts)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reign-mcp-config-'));
    writeFileSync(join(dataDir, 'mcp-servers.json'), JSON.stringify([{ name: 'bad', command: 7 }, { name: 'bad', command: 'x', colour: 'red' }]));
    const lines: string[] = [];
    const started = await startMcpFamilies({ env: {}, dataDir, log: (line) => lines.push(line) });
    expect(started.families).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(/^reign: an MCP server entry was skipped: .*server "bad": command:/), expect.stringMatching(/server "bad": .*colour/)]);
  });

  it('refuse a token over plain http:// unless the server is on this machine', () => {
    expect(() => parseMcpServerConfigs([{ name: 'remote', url: 'http://mcp.example/mcp', token: 'tok_123456' }], 'test')).toThrow(/server "remote": token: a token is only sent over https:\/\/.*use the https:\/\/ URL/);
    expect(() => parseMcpServerConfigs([{ name: 'remote', url: 'http://10.0.0.5:8080/mcp', token: { fromKeychain: 'k' } }], 'test')).toThrow(/token is only sent over https/);
    for (const url of ['http://127.0.0.1:3000/mcp', 'http://localhost/mcp', 'http://[::1]:9000/mcp', 'https://mcp.example/mcp']) expect(parseMcpServerConfigs([{ name: 'ok', url, token: 'tok_123456' }], 'test')[0]).toMatchObject({ url });
    expect(parseMcpServerConfigs([{ name: 'open', url: 'http://mcp.example/mcp' }], 'test')[0]).toMatchObject({ url: 'http://mcp.example/mcp' });
  });
});
