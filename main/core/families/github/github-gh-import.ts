import { execFile } from '../../exec/exec-file';
import { resolveApiUrl } from './github-api-url';

// Settings' "Import from gh": the token the GitHub CLI is logged in with, read once in main by
// running `gh auth token` (an argument array, no shell) and stored in the keychain by the caller.
// The token leaves gh only on its standard output, into this process; it is never logged, and no
// message here can contain it (a failing gh prints its complaint on stderr, without a token).

const INSTALL = 'Install the GitHub CLI (https://cli.github.com) and run `gh auth login`, or paste a token instead.';

/** The token `gh` is logged in with for the configured GitHub (github.com, or GITHUB_API_URL's host); throws saying what to do. */
export async function ghAuthToken(where: { readonly env: NodeJS.ProcessEnv; readonly signal: AbortSignal }): Promise<string> {
  const api = resolveApiUrl(where.env);
  if (api.problem) throw new Error(api.problem);
  // gh keys its logins by host: github.com, or an Enterprise Server's host name.
  const host = api.host;
  const result = await execFile('gh', ['auth', 'token', '--hostname', host], { env: ghEnv(where.env), timeoutMs: 15_000, signal: where.signal, maxBufferBytes: 64 * 1024 });
  if (!result.ok) {
    if (result.error.kind === 'not-found') throw new Error(`The gh CLI is not installed here (no gh on PATH), so there is no token to import. ${INSTALL}`);
    if (result.error.kind === 'timeout') throw new Error('gh auth token did not answer within 15 s. Run it in a terminal to see what it waits for.');
    if (result.error.kind === 'aborted') throw new Error('The import was cancelled.');
    const said = result.error.stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 300);
    throw new Error(`gh is not logged in to ${host}${said ? ` (gh said: ${said})` : ''}. Run \`gh auth login --hostname ${host}\`, then import again, or paste a token instead.`);
  }
  const token = result.stdout.trim();
  // Exactly one line of token: anything else is not what `gh auth token` prints.
  if (!token || /\s/.test(token)) throw new Error(`gh auth token printed no token for ${host}. Run \`gh auth status\` to see how gh is logged in, or paste a token instead.`);
  return token;
}

/**
 * What gh needs to find its logins (its config, and the keyring it stores tokens in through D-Bus
 * or the OS), and nothing else: an allow-list, so no credential of Reign's (ANTHROPIC_API_KEY) or
 * the user's reaches it, and never GH_TOKEN or GITHUB_TOKEN, which gh would print back as they are.
 */
const ghVariables = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'TMPDIR', 'LANG', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS', 'GH_CONFIG_DIR', 'GH_HOST', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'SystemRoot', 'SYSTEMROOT', 'COMSPEC', 'PATHEXT', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'ProgramData']);
function ghEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && ghVariables.has(name)));
  return { ...kept, GH_PROMPT_DISABLED: '1', GH_NO_UPDATE_NOTIFIER: '1' };
}

/** The declaration's `importFrom`: Settings offers "Import from gh" with it. */
export const ghTokenImport = { label: 'gh auth token', read: ghAuthToken } as const;
