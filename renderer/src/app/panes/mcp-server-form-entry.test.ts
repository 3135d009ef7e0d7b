import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { McpServerSettings } from '../../../../main/core/families/mcp/mcp-servers-settings';
import { entryOf, formFrom } from './mcp-server-form-entry';

// Edit → Save through the form's own state, against the real Settings service and file: what the
// window was shown (credentials as kept) comes back as an entry that keeps every stored credential.

function serviceWith(entries: unknown[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'reign-mcp-form-'));
  writeFileSync(join(dataDir, 'mcp-servers.json'), JSON.stringify(entries));
  return { service: new McpServerSettings({ env: {}, dataDir, started: [] }), stored: () => JSON.parse(readFileSync(join(dataDir, 'mcp-servers.json'), 'utf8')) as unknown[] };
}

describe('the MCP server form (Edit → Save)', () => {
  it('keeps a plain token, a URL with user:password and query, and a secret-named env value it was never shown', () => {
    const remote = { name: 'remote', url: 'https://alice:pw-123@mcp.example/mcp?key=q-456', token: 'tok_plain_0123456789', callTimeoutMs: 5000 };
    const local = { name: 'local', command: 'srv', args: ['a'], env: { LOG_LEVEL: 'debug', API_TOKEN: 'env-token-value', FROM_KEYCHAIN: { fromKeychain: 'entry' } } };
    const { service, stored } = serviceWith([remote, local]);
    for (const server of service.list().servers) {
      const form = formFrom(server.config);
      expect(JSON.stringify(form)).not.toMatch(/pw-123|q-456|tok_plain|env-token-value/);
      expect(service.save(server.name, entryOf(form, server.config))).toMatchObject({ saved: true, problems: [] });
    }
    expect(stored()).toEqual([remote, local]);
  });

  it('drops the stored token when the person removes it, and replaces it with a keychain entry when one is named', () => {
    const remote = { name: 'remote', url: 'https://mcp.example/mcp', token: 'tok_plain_0123456789' };
    const { service, stored } = serviceWith([remote]);
    const shown = service.list().servers[0]!.config;
    expect(formFrom(shown)).toMatchObject({ tokenKept: true, tokenEntry: '' });
    service.save('remote', entryOf({ ...formFrom(shown), tokenEntry: 'remote-token' }, shown));
    expect(stored()).toEqual([{ name: 'remote', url: 'https://mcp.example/mcp', token: { fromKeychain: 'remote-token' } }]);
    const again = service.list().servers[0]!.config;
    service.save('remote', entryOf({ ...formFrom(again), tokenEntry: '', tokenKept: false }, again));
    expect(stored()).toEqual([{ name: 'remote', url: 'https://mcp.example/mcp' }]);
  });
});
