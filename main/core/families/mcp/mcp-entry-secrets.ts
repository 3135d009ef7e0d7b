import type { McpConfigProblem } from '../../../../preload/contract/mcp-servers';
import { looksSecret } from '../../secrets/secret-names';

/**
 * Settings shows a stored entry for editing, but the renderer never gets a credential of it: a plain
 * token, an env value whose name says it is secret, and a URL's user, password, query and fragment.
 * Each is sent as this marker (the URL without them), and saving an entry that still carries the
 * marker (or the same URL without them) puts the stored value back: an edit keeps what it did not change.
 */
export const KEPT = Object.freeze({ kept: true as const });


const isKept = (value: unknown): boolean => !!value && typeof value === 'object' && !Array.isArray(value) && (value as { kept?: unknown }).kept === true && Object.keys(value).length === 1;

const asRecord = (value: unknown): Record<string, unknown> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null);

/** The URL without user, password, query and fragment (any of them can carry a credential); unchanged when it has none. */
export function urlWithoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password && !parsed.search && !parsed.hash && !url.includes('?') && !url.includes('#')) return url;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    // Not a URL the schema takes, but possibly a pasted credential all the same.
    return url.replace(/[?#].*$/s, '').replace(/^([^/]*\/\/)[^/]*@/, '$1');
  }
}

/** A stored entry as the renderer may see it. Anything not a credential is left as stored (also in an invalid entry). */
export function entryForRenderer(stored: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...stored };
  if (typeof stored.token === 'string') shown.token = KEPT;
  if (typeof stored.url === 'string') shown.url = urlWithoutCredentials(stored.url);
  const env = asRecord(stored.env);
  if (env) shown.env = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, typeof value === 'string' && looksSecret(name) ? KEPT : value]));
  return shown;
}

/**
 * The entry to write: `incoming` with each marker replaced by the value stored in `stored` (the entry
 * being edited, null when adding), and its URL given back its credentials when the person left it as
 * shown. A marker with nothing stored behind it is a problem by field (nothing is written then).
 */
export function entryWithKeptSecrets(incoming: Record<string, unknown>, stored: Record<string, unknown> | null): { entry: Record<string, unknown>; problems: McpConfigProblem[] } {
  const entry: Record<string, unknown> = { ...incoming };
  const problems: McpConfigProblem[] = [];
  if (isKept(incoming.token)) {
    if (typeof stored?.token === 'string') entry.token = stored.token;
    else problems.push({ field: 'token', message: 'there is no stored token to keep; name a keychain entry, or leave the token empty' });
  }
  if (typeof incoming.url === 'string' && typeof stored?.url === 'string' && stored.url !== incoming.url && urlWithoutCredentials(stored.url) === incoming.url) entry.url = stored.url;
  const env = asRecord(incoming.env);
  if (env) {
    const storedEnv = asRecord(stored?.env);
    entry.env = Object.fromEntries(
      Object.entries(env).map(([name, value]) => {
        if (!isKept(value)) return [name, value];
        const kept = storedEnv?.[name];
        if (typeof kept !== 'string') problems.push({ field: `env.${name}`, message: `there is no stored value of ${name} to keep; enter a value or a keychain entry` });
        return [name, kept];
      }),
    );
  }
  return { entry, problems };
}
