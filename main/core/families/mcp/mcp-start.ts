import { resolveDataDir } from '../../app-paths';
import type { SecretStore } from '../../secrets/secret-store';
import type { McpFamilies } from './mcp-families';
import { loadMcpServerConfigs } from './mcp-server-config';

/**
 * What the app and the CLI call before createCore: reads the MCP config (REIGN_MCP_SERVERS and
 * `<data folder>/mcp-servers.json`, which Settings writes), starts every valid server and returns their families.
 * An entry that cannot start (invalid, a name twice, an unreadable source) is left out and logged with
 * the source and the field — Settings shows it as invalid, to fix there — so one bad entry never keeps
 * Reign from starting; a server that does not start is not fatal either (its doctor check says why).
 * No config: no families, nothing started.
 */
export async function startMcpFamilies(where: { readonly env: NodeJS.ProcessEnv; readonly dataDir?: string; readonly secrets?: SecretStore; readonly log?: (line: string) => void }): Promise<McpFamilies> {
  const { configs, problems } = loadMcpServerConfigs({ env: where.env, dataDir: where.dataDir ?? resolveDataDir(where.env) });
  // The schema's messages name fields and keys, never the values: safe for the log.
  const log = where.log ?? ((line: string) => console.warn(line));
  for (const problem of problems) log(`reign: an MCP server entry was skipped: ${problem}`);
  if (!configs.length) return { families: [], dispose: async () => undefined };
  // The keychain is opened only when a config names an entry of it.
  let store = where.secrets;
  const secret = async (name: string): Promise<string | null> => {
    store ??= new (await import('../../secrets/keychain-secret-store')).KeychainSecretStore({ env: where.env });
    return store.get(name);
  };
  // The SDK loads only when there is a server to start.
  const { mcpFamilies } = await import('./mcp-families');
  return mcpFamilies(configs, { env: where.env, secret });
}
