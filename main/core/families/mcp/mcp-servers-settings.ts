import { existsSync, readFileSync } from 'node:fs';
import type { McpConfigProblem, McpServerList, McpServerView } from '../../../../preload/contract/mcp-servers';
import type { Family } from '../family';
import { writeFileAtomically } from './mcp-config-file';
import { entryForRenderer, entryWithKeptSecrets } from './mcp-entry-secrets';
import type { McpFamily } from './mcp-families';
import { checkMcpServerConfig, isStdio, mcpServersFile, parseMcpJson, startableMcpServerConfigs, type ConfigValue, type McpServerConfig } from './mcp-server-config';

/** What Settings needs of a server Reign started: the entry it started with and how it went. */
export interface StartedServer {
  readonly config: McpServerConfig;
  readonly problem: string | null;
  readonly connection: { tools(): ReadonlyMap<string, unknown>; readonly unavailable: string | null } | null;
}

export interface McpServerSettingsDependencies {
  readonly env: NodeJS.ProcessEnv;
  readonly dataDir: string;
  /** The servers this process started (the MCP families given to createCore). */
  readonly started: readonly StartedServer[];
  /** Journals a change of the config (names only: entries may hold plain values). */
  readonly journal?: (kind: string, payload: unknown) => void;
}

const badRequest = (message: string): Error => Object.assign(new Error(message), { code: 'BAD_REQUEST' });
const notFound = (message: string): Error => Object.assign(new Error(message), { code: 'NOT_FOUND' });

/** The MCP families among the families createCore was given. */
export function startedMcpServers(families: readonly Family[]): StartedServer[] {
  return families.filter((family): family is McpFamily => family.id.startsWith('mcp.') && 'config' in family && 'connection' in family);
}

/** A URL as shown: no user, password, query or fragment (any of them can carry a credential). */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

const keychainEntries = (values: readonly unknown[]): string[] =>
  values.flatMap((value) => (value && typeof value === 'object' && typeof (value as { fromKeychain?: unknown }).fromKeychain === 'string' ? [(value as { fromKeychain: string }).fromKeychain] : []));

function entriesNamed(config: Record<string, unknown>): string[] {
  const env = config.env && typeof config.env === 'object' ? Object.values(config.env as Record<string, unknown>) : [];
  return keychainEntries([...env, config.token]);
}

/** Entries compare by what the schema makes of them (defaults filled in, keys in the schema's order). */
const sameEntry = (a: McpServerConfig, b: McpServerConfig): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Settings → MCP servers: reads, checks and writes `<data folder>/mcp-servers.json` (the file Reign
 * reads at start; REIGN_MCP_SERVERS is shown, read only). Every entry is checked with the MCP config
 * schema, its problems named by field; the file is written atomically, and only when it could be
 * read (hand edits are never lost to a write). Keychain values are entries' `{ fromKeychain }`:
 * the renderer never sends a value of the keychain, and this never reads one. Plain credentials of
 * the file (a token, a secret-named env value, a URL's user, password and query) never go to the
 * renderer either: they are shown as kept, and a save that keeps them writes the stored ones back.
 * Servers start with Reign, so a change applies at the next start; each view says so.
 */
export class McpServerSettings {
  constructor(private readonly deps: McpServerSettingsDependencies) {}

  get file(): string {
    return mcpServersFile(this.deps.dataDir);
  }

  list(): McpServerList {
    const fromEnv = this.environmentServers();
    const fromFile = this.readFile();
    const envNames = new Set(fromEnv.configs.map((config) => config.name));
    const servers: McpServerView[] = fromEnv.configs.map((config) => ({ ...this.describe(config), source: 'environment', config: null }));
    const fileNames = new Set<string>();
    fromFile.entries.forEach((entry, index) => {
      const raw = entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
      const name = typeof raw.name === 'string' ? raw.name : `#${index + 1}`;
      const kind = 'url' in raw ? 'http' : 'stdio';
      const where = kind === 'http' ? shownUrl(String(raw.url)) : String(raw.command ?? '');
      const checked = checkMcpServerConfig(entry);
      const config = entryForRenderer(raw);
      const base = { name, kind: kind as McpServerView['kind'], where, source: 'settings' as const, config, tools: null, keychainEntries: entriesNamed(raw), problems: [] as McpConfigProblem[] };
      if (!checked.ok) return void servers.push({ ...base, state: 'invalid', message: `This entry does not pass the MCP config schema; Reign skips it at start (the other servers start). Edit or remove it.`, problems: checked.problems });
      if (fileNames.has(checked.config.name)) return void servers.push({ ...base, state: 'invalid', message: `Another entry above is named "${name}" too; Reign starts only the first. Remove takes out this one (the last of the name); to keep it under another name, rename it in the file.`, problems: [{ field: 'name', message: `there is already a server "${name}" above; each server needs its own name` }] });
      fileNames.add(checked.config.name);
      if (envNames.has(checked.config.name)) return void servers.push({ ...base, state: 'overridden', message: `REIGN_MCP_SERVERS has a server "${name}" too; that one is started, not this one.` });
      servers.push({ ...this.describe(checked.config), source: 'settings', config });
    });
    const listed = new Set(servers.map((server) => server.name));
    for (const started of this.deps.started.filter((server) => !listed.has(server.config.name))) {
      servers.push({ ...this.describe(started.config), source: 'settings', config: null, state: 'removed', tools: null, message: started.connection ? 'Removed: it keeps running until Reign restarts.' : 'Removed: it is not started again.' });
    }
    return { file: this.file, servers, problem: [fromEnv.problem, fromFile.problem].filter(Boolean).join(' ') || null, appliesAt: 'next-start' };
  }

  /** Adds an entry, or replaces the one named `previousName`. Problems are by field, in the schema's words; nothing is written then. */
  save(previousName: string | null, incoming: Record<string, unknown>): { saved: boolean; problems: McpConfigProblem[]; list: McpServerList } {
    const refused = (problems: McpConfigProblem[]) => ({ saved: false, problems, list: this.list() });
    const fromFile = this.readFile();
    if (fromFile.problem) return refused([{ field: '(the file)', message: fromFile.problem }]);
    const entries = [...fromFile.entries];
    const nameOf = (item: unknown): unknown => (item && typeof item === 'object' ? (item as { name?: unknown }).name : undefined);
    const at = previousName === null ? -1 : entries.findIndex((item) => nameOf(item) === previousName);
    if (previousName !== null && at < 0) return refused([{ field: '(the entry)', message: `There is no server "${previousName}" in ${this.file} any more; add it again` }]);
    const stored = at < 0 ? null : entries[at];
    const restored = entryWithKeptSecrets(incoming, stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : null);
    if (restored.problems.length) return refused(restored.problems);
    const entry = restored.entry;
    const checked = checkMcpServerConfig(entry);
    if (!checked.ok) return refused(checked.problems);
    const name = checked.config.name;
    if (this.environmentServers().configs.some((config) => config.name === name)) return refused([{ field: 'name', message: `REIGN_MCP_SERVERS already has a server "${name}"; choose another name (servers from the environment are changed there)` }]);
    if (entries.some((item, index) => index !== at && nameOf(item) === name)) return refused([{ field: 'name', message: `There is already a server "${name}"; choose another name or edit that one` }]);
    // What the person entered, as checked (strict: no other fields), not the defaults the schema fills in.
    if (at < 0) entries.push(entry);
    else entries[at] = entry;
    writeFileAtomically(this.file, `${JSON.stringify(entries, null, 2)}\n`);
    this.deps.journal?.('mcp.servers.saved', { server: name, previousName, kind: isStdio(checked.config) ? 'stdio' : 'http', file: this.file, appliesAt: 'next-start' });
    return { saved: true, problems: [], list: this.list() };
  }

  remove(name: string): McpServerList {
    if (this.environmentServers().configs.some((config) => config.name === name)) throw badRequest(`The MCP server "${name}" comes from REIGN_MCP_SERVERS; remove it there.`);
    const fromFile = this.readFile();
    if (fromFile.problem) throw badRequest(fromFile.problem);
    // Of several entries of one name (written by hand; only the first starts) the last goes: a
    // second entry's Remove must not take the one that runs with it.
    const at = fromFile.entries.findLastIndex((item) => item && typeof item === 'object' && (item as { name?: unknown }).name === name);
    if (at < 0) throw notFound(`There is no MCP server "${name}" in ${this.file}.`);
    const kept = fromFile.entries.filter((_, index) => index !== at);
    writeFileAtomically(this.file, `${JSON.stringify(kept, null, 2)}\n`);
    this.deps.journal?.('mcp.servers.removed', { server: name, file: this.file, appliesAt: 'next-start' });
    return this.list();
  }

  /** The state of one valid entry against what this process started. */
  private describe(config: McpServerConfig): Omit<McpServerView, 'source' | 'config'> {
    const kind = isStdio(config) ? 'stdio' : 'http';
    const where = isStdio(config) ? config.command : shownUrl(config.url);
    const named = keychainEntries(isStdio(config) ? Object.values(config.env) : [config.token as ConfigValue | undefined]);
    const base = { name: config.name, kind: kind as McpServerView['kind'], where, keychainEntries: named, problems: [] as McpConfigProblem[], tools: null };
    const started = this.deps.started.find((server) => server.config.name === config.name);
    if (!started) return { ...base, state: 'pending', message: 'Not started yet: it starts at the next start of Reign (restart Reign to load it).' };
    if (!sameEntry(started.config, config)) return { ...base, state: 'changed', message: 'Changed since Reign started it: restart Reign to apply the change.' };
    if (!started.connection) return { ...base, state: 'failed', message: started.problem ?? `MCP server "${config.name}" did not start.` };
    const unavailable = started.connection.unavailable;
    if (unavailable) return { ...base, state: 'exited', message: unavailable };
    const tools = started.connection.tools().size;
    return { ...base, state: 'connected', tools, message: `Connected: ${tools} tool${tools === 1 ? '' : 's'}, as mcp.${config.name}.*` };
  }

  /** The environment's servers that start (as at start: a bad entry is left out and named in `problem`). */
  private environmentServers(): { configs: McpServerConfig[]; problem: string | null } {
    const raw = this.deps.env.REIGN_MCP_SERVERS;
    if (!raw?.trim()) return { configs: [], problem: null };
    try {
      const { configs, problems } = startableMcpServerConfigs(parseMcpJson(raw, 'REIGN_MCP_SERVERS'), 'REIGN_MCP_SERVERS');
      return { configs, problem: problems.join(' ') || null };
    } catch (error) {
      return { configs: [], problem: (error as Error).message };
    }
  }

  private readFile(): { entries: unknown[]; problem: string | null } {
    if (!existsSync(this.file)) return { entries: [], problem: null };
    try {
      const parsed = parseMcpJson(readFileSync(this.file, 'utf8'), this.file);
      if (!Array.isArray(parsed)) return { entries: [], problem: `${this.file} must be a JSON array of MCP servers; Settings does not write over it until it is one.` };
      return { entries: parsed, problem: null };
    } catch (error) {
      return { entries: [], problem: `${(error as Error).message}. Settings does not write over it until it can be read.` };
    }
  }
}
