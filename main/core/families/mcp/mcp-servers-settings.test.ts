import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from './mcp-config-file';
import { parseMcpServerConfigs } from './mcp-server-config';
import { McpServerSettings, type StartedServer } from './mcp-servers-settings';

const dataDir = () => mkdtempSync(join(tmpdir(), 'reign-mcp-settings-'));
const fileOf = (dir: string) => join(dir, 'mcp-servers.json');
const stored = (dir: string) => JSON.parse(readFileSync(fileOf(dir), 'utf8')) as Record<string, unknown>[];
const everything = { name: 'everything', command: '/usr/bin/mcp-server-everything', args: ['stdio'] };

function started(config: Record<string, unknown>, how: { tools?: number; problem?: string; exited?: string } = {}): StartedServer {
  const tools = new Map(Array.from({ length: how.tools ?? 0 }, (_, index) => [`tool-${index}`, {}]));
  return {
    config: parseMcpServerConfigs([config], 'the test')[0]!,
    problem: how.problem ?? null,
    connection: how.problem ? null : { tools: () => tools, unavailable: how.exited ?? null },
  };
}

describe('Settings → MCP servers (the config service)', () => {
  it('writes a new server to mcp-servers.json, keychain values only as { fromKeychain }, and says it starts at the next start', () => {
    const dir = dataDir();
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    const entry = { ...everything, env: { LOG_LEVEL: 'debug', API_TOKEN: { fromKeychain: 'everything-token' } } };
    const result = service.save(null, entry);
    expect(result).toMatchObject({ saved: true, problems: [] });
    expect(stored(dir)).toEqual([entry]);
    expect(stored(dir)[0]!.env).toEqual({ LOG_LEVEL: 'debug', API_TOKEN: { fromKeychain: 'everything-token' } });
    expect(result.list.servers).toEqual([
      expect.objectContaining({ name: 'everything', kind: 'stdio', where: '/usr/bin/mcp-server-everything', source: 'settings', state: 'pending', keychainEntries: ['everything-token'], message: expect.stringMatching(/next start of Reign/) }),
    ]);
  });

  it('refuses an entry the schema refuses, naming each field in the schema\'s words, and writes nothing', () => {
    const dir = dataDir();
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    expect(service.save(null, { name: 'Bad Name', command: 'x' }).problems).toEqual([{ field: 'name', message: expect.stringMatching(/^a server name is 1-31 characters of a-z, 0-9, _ and -/) }]);
    expect(service.save(null, { name: 'ok', command: '' }).problems).toEqual([{ field: 'command', message: 'the program that starts the server is needed: a name on PATH (npx) or a full path' }]);
    expect(service.save(null, { name: 'ok', command: 'x', env: { 'NOT A NAME': 'v' } }).problems.map((problem) => problem.field)).toContain('env.NOT A NAME');
    expect(service.save(null, { name: 'remote', url: 'http://mcp.example/mcp', token: { fromKeychain: 'remote-token' } }).problems).toEqual([{ field: 'token', message: expect.stringMatching(/a token is only sent over https:\/\//) }]);
    expect(service.save(null, { name: 'ok', command: 'x', colour: 'red' }).problems).toEqual([{ field: '(the entry)', message: expect.stringMatching(/colour/) }]);
    expect(existsSync(fileOf(dir))).toBe(false);
  });

  it('edits an entry in place, refuses a name another server has, and removes one', () => {
    const dir = dataDir();
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    service.save(null, everything);
    service.save(null, { name: 'remote', url: 'https://mcp.example/mcp?key=hidden', token: { fromKeychain: 'remote-token' } });
    expect(service.save('everything', { ...everything, name: 'remote' }).problems).toEqual([{ field: 'name', message: expect.stringMatching(/already a server "remote"/) }]);
    expect(service.save('everything', { ...everything, name: 'ref', args: ['stdio', '--verbose'] }).saved).toBe(true);
    expect(stored(dir).map((entry) => entry.name)).toEqual(['ref', 'remote']);
    // The URL is shown without its query (it can carry a credential).
    expect(service.list().servers.find((server) => server.name === 'remote')).toMatchObject({ kind: 'http', where: 'https://mcp.example/mcp', keychainEntries: ['remote-token'] });
    expect(service.remove('ref').servers.map((server) => server.name)).toEqual(['remote']);
    expect(stored(dir)).toEqual([{ name: 'remote', url: 'https://mcp.example/mcp?key=hidden', token: { fromKeychain: 'remote-token' } }]);
    expect(() => service.remove('ref')).toThrow(/There is no MCP server "ref"/);
  });

  it('lists the servers of REIGN_MCP_SERVERS read only, and refuses to change or shadow them', () => {
    const dir = dataDir();
    const env = { REIGN_MCP_SERVERS: JSON.stringify([{ name: 'from-env', command: 'env-server' }]) };
    const service = new McpServerSettings({ env, dataDir: dir, started: [started({ name: 'from-env', command: 'env-server' }, { tools: 3 })] });
    expect(service.list().servers).toEqual([expect.objectContaining({ name: 'from-env', source: 'environment', config: null, state: 'connected', tools: 3 })]);
    expect(service.save(null, { name: 'from-env', command: 'x' }).problems).toEqual([{ field: 'name', message: expect.stringMatching(/REIGN_MCP_SERVERS already has a server "from-env"/) }]);
    expect(() => service.remove('from-env')).toThrow(/comes from REIGN_MCP_SERVERS; remove it there/);
    // A hand-written file entry of that name is shown as not the one started.
    writeFileSync(fileOf(dir), JSON.stringify([{ name: 'from-env', command: 'file-server' }]));
    expect(service.list().servers.map((server) => [server.source, server.state])).toEqual([['environment', 'connected'], ['settings', 'overridden']]);
  });

  it('says how each started server is doing: connected with its tools, failed with the reason, changed or removed since the start', () => {
    const dir = dataDir();
    writeFileSync(fileOf(dir), JSON.stringify([everything, { name: 'broken', command: 'nope' }, { name: 'edited', command: 'new' }, { name: 'hand', command: 7 }]));
    const service = new McpServerSettings({
      env: {},
      dataDir: dir,
      started: [started(everything, { tools: 13 }), started({ name: 'broken', command: 'nope' }, { problem: 'MCP server "broken" could not be started: ENOENT' }), started({ name: 'edited', command: 'old' }, { tools: 1 }), started({ name: 'gone', command: 'x' }, { tools: 2 })],
    });
    const byName = Object.fromEntries(service.list().servers.map((server) => [server.name, server]));
    expect(byName.everything).toMatchObject({ state: 'connected', tools: 13, message: 'Connected: 13 tools, as mcp.everything.*' });
    expect(byName.broken).toMatchObject({ state: 'failed', message: 'MCP server "broken" could not be started: ENOENT' });
    expect(byName.edited).toMatchObject({ state: 'changed', message: expect.stringMatching(/restart Reign to apply/) });
    expect(byName.hand).toMatchObject({ state: 'invalid', problems: [{ field: 'command', message: expect.stringMatching(/string/) }] });
    expect(byName.gone).toMatchObject({ state: 'removed', message: expect.stringMatching(/until Reign restarts/) });
  });

  it('never sends a plain credential to the renderer, and an unchanged edit keeps every stored one', () => {
    const dir = dataDir();
    const remote = { name: 'remote', url: 'https://alice:s3cr3t-pass@mcp.example/mcp?key=q-secret#frag', token: 'tok_plain_0123456789', readOnly: ['list'] };
    const local = { name: 'local', command: 'srv', env: { LOG_LEVEL: 'debug', API_TOKEN: 'env-token-value', DB_PASSWORD: 'pw-value', KEYCHAINED_KEY: { fromKeychain: 'k' } } };
    writeFileSync(fileOf(dir), JSON.stringify([remote, local, { name: 'hand', url: 'https://u:p@x.example/mcp?t=1', token: 'tok_in_invalid_entry', colour: 'red' }]));
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    const listed = service.list();
    const sent = JSON.stringify(listed);
    for (const secret of ['s3cr3t-pass', 'alice', 'q-secret', 'frag', 'tok_plain_0123456789', 'env-token-value', 'pw-value', 'tok_in_invalid_entry', 'u:p@', 't=1']) expect(sent).not.toContain(secret);
    const byName = Object.fromEntries(listed.servers.map((server) => [server.name, server]));
    expect(byName.remote!.config).toEqual({ name: 'remote', url: 'https://mcp.example/mcp', token: { kept: true }, readOnly: ['list'] });
    // Plain env values are not secrets by design, unless the name says so; keychain entries are names only.
    expect(byName.local!.config!.env).toEqual({ LOG_LEVEL: 'debug', API_TOKEN: { kept: true }, DB_PASSWORD: { kept: true }, KEYCHAINED_KEY: { fromKeychain: 'k' } });
    expect(byName.hand).toMatchObject({ state: 'invalid', config: { url: 'https://x.example/mcp', token: { kept: true } } });

    // Edit → Save of what was shown, with one change each: the stored credentials are written back.
    expect(service.save('remote', { ...byName.remote!.config!, readOnly: ['list', 'get'] })).toMatchObject({ saved: true });
    expect(service.save('local', { ...byName.local!.config!, env: { ...(byName.local!.config!.env as object), LOG_LEVEL: 'info' } })).toMatchObject({ saved: true });
    expect(stored(dir).slice(0, 2)).toEqual([
      { ...remote, readOnly: ['list', 'get'] },
      { ...local, env: { ...local.env, LOG_LEVEL: 'info' } },
    ]);
  });

  it('writes what the person changed: a new URL as typed, a removed token gone, a kept marker with nothing stored refused', () => {
    const dir = dataDir();
    writeFileSync(fileOf(dir), JSON.stringify([{ name: 'remote', url: 'https://alice:pw@mcp.example/mcp', token: 'tok_plain_0123456789' }]));
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    expect(service.save('remote', { name: 'remote', url: 'https://other.example/mcp' })).toMatchObject({ saved: true });
    expect(stored(dir)).toEqual([{ name: 'remote', url: 'https://other.example/mcp' }]);
    expect(service.save('remote', { name: 'remote', url: 'https://other.example/mcp', token: { kept: true } })).toMatchObject({ saved: false, problems: [{ field: 'token', message: expect.stringMatching(/no stored token to keep/) }] });
    expect(service.save(null, { name: 'new', command: 'x', env: { API_KEY: { kept: true } } })).toMatchObject({ saved: false, problems: [{ field: 'env.API_KEY', message: expect.stringMatching(/no stored value of API_KEY/) }] });
    expect(stored(dir)).toEqual([{ name: 'remote', url: 'https://other.example/mcp' }]);
  });

  it('shows a second entry of a name as invalid (only the first starts)', () => {
    const dir = dataDir();
    writeFileSync(fileOf(dir), JSON.stringify([everything, { ...everything, command: 'other' }]));
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    expect(service.list().servers.map((server) => [server.name, server.state])).toEqual([['everything', 'pending'], ['everything', 'invalid']]);
    expect(service.list().servers[1]!.problems).toEqual([{ field: 'name', message: expect.stringMatching(/already a server "everything" above/) }]);
    // Its Remove takes out the second entry, not the one that starts.
    service.remove('everything');
    expect(stored(dir)).toEqual([everything]);
  });

  it('lists the valid servers of REIGN_MCP_SERVERS and names the bad ones, as at start', () => {
    const env = { REIGN_MCP_SERVERS: JSON.stringify([{ name: 'good', command: 'x' }, { name: 'bad', command: 7 }]) };
    const service = new McpServerSettings({ env, dataDir: dataDir(), started: [] });
    const list = service.list();
    expect(list.servers.map((server) => [server.name, server.source])).toEqual([['good', 'environment']]);
    expect(list.problem).toMatch(/REIGN_MCP_SERVERS, server "bad": command: .*It is not started/);
  });

  it('never writes over a file it cannot read', () => {
    const dir = dataDir();
    writeFileSync(fileOf(dir), '[{ "name": "half');
    const service = new McpServerSettings({ env: {}, dataDir: dir, started: [] });
    expect(service.list().problem).toMatch(/is not valid JSON.*Settings does not write over it/);
    expect(service.save(null, everything)).toMatchObject({ saved: false, problems: [{ field: '(the file)', message: expect.stringMatching(/not valid JSON/) }] });
    expect(() => service.remove('half')).toThrow(/not valid JSON/);
    expect(readFileSync(fileOf(dir), 'utf8')).toBe('[{ "name": "half');
  });
});

describe('writeFileAtomically', () => {
  it('replaces the file whole and leaves no temporary file, owner-only', () => {
    const dir = dataDir();
    writeFileAtomically(fileOf(dir), 'old');
    writeFileAtomically(fileOf(dir), 'new');
    expect(readFileSync(fileOf(dir), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['mcp-servers.json']);
    if (process.platform !== 'win32') expect(statSync(fileOf(dir)).mode & 0o777).toBe(0o600);
  });

  it('keeps what was there when the write cannot finish, and cleans up after itself', () => {
    const dir = dataDir();
    // A directory in the file's place: the rename fails after the temporary file was written.
    mkdirSync(join(fileOf(dir), 'inside'), { recursive: true });
    expect(() => writeFileAtomically(fileOf(dir), 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['mcp-servers.json']);
    expect(readdirSync(fileOf(dir))).toEqual(['inside']);
  });
});
