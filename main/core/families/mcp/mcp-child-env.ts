import { DEFAULT_INHERITED_ENV_VARS } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { ConfigValue, StdioServerConfig } from './mcp-server-config';

/** What every server gets from Reign's environment: enough to find programs and a home, nothing that carries a credential. */
const BASE = ['PATH', 'HOME', 'LANG'] as const;
/** Windows cannot start most programs without these; none of them holds a credential. */
const WINDOWS_BASE = ['SYSTEMROOT', 'SYSTEMDRIVE', 'TEMP', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'PROGRAMFILES', 'PATHEXT', 'COMSPEC'] as const;

export type SecretLookup = (name: string) => Promise<string | null> | string | null;

/** A keychain value the config asked for that is not there: the server is not started. */
export class MissingSecretError extends Error {}

export async function resolveValue(value: ConfigValue, what: string, secret: SecretLookup | undefined): Promise<string> {
  if (typeof value === 'string') return value;
  let stored: string | null = null;
  try {
    stored = secret ? await secret(value.fromKeychain) : null;
  } catch (error) {
    // The keychain's own message says what to do about it; this says which server and entry needed it.
    throw new MissingSecretError(`${what} comes from the keychain entry "${value.fromKeychain}", which could not be read: ${(error as Error).message}`);
  }
  if (stored == null) throw new MissingSecretError(`${what} comes from the keychain entry "${value.fromKeychain}", and none is stored. Store its value in Settings → MCP servers (under the server), or give the value in the config.`);
  return stored;
}

/**
 * The environment a stdio server starts with: PATH, HOME, LANG from Reign's environment, the
 * variables the config names, and nothing else. Loader hooks (LD_PRELOAD, DYLD_*, NODE_OPTIONS) and
 * the person's tokens (GH_TOKEN, ANTHROPIC_API_KEY…) reach a server only when its config names them.
 *
 * The SDK's transport adds its own defaults (USER, SHELL, TERM, LOGNAME) from process.env under
 * whatever we pass; those not in our list are given as undefined, which Node leaves out of the child.
 */
export async function childEnvironment(config: StdioServerConfig, env: NodeJS.ProcessEnv, secret: SecretLookup | undefined): Promise<Record<string, string>> {
  const base: readonly string[] = process.platform === 'win32' ? [...BASE, ...WINDOWS_BASE] : BASE;
  const result: Record<string, string | undefined> = {};
  for (const name of DEFAULT_INHERITED_ENV_VARS) result[name] = undefined;
  for (const name of [...base, ...config.inheritEnv]) if (env[name] !== undefined) result[name] = env[name];
  for (const [name, value] of Object.entries(config.env)) result[name] = await resolveValue(value, `The environment variable ${name} of MCP server "${config.name}"`, secret);
  return result as Record<string, string>;
}

/**
 * Every value the child is given beyond PATH, HOME and LANG: plain env values, keychain ones and
 * inherited ones (a GH_TOKEN passed through). Any of them may be a credential and the server may echo
 * it, so all are masked; which ones are "secret" is not guessed from their names.
 */
export function valuesGivenToChild(config: StdioServerConfig, childEnv: Readonly<Record<string, string | undefined>>): string[] {
  const names = [...Object.keys(config.env), ...config.inheritEnv];
  return names.flatMap((name) => (childEnv[name] ? [childEnv[name]] : []));
}
