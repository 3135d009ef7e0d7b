/** GitHub.com's REST API root; GitHub Enterprise Server's is `https://HOST/api/v3`. */
export const GITHUB_COM_API = 'https://api.github.com';

/** The API root steps talk to, from GITHUB_API_URL (the variable GitHub Actions and gh use), or why it cannot be used. */
export interface GitHubApiUrl {
  readonly url: string;
  /** `github.com`, or the Enterprise Server's host: for people, in summaries and messages. */
  readonly host: string;
  readonly problem: string | null;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function resolveApiUrl(env: NodeJS.ProcessEnv): GitHubApiUrl {
  const given = env.GITHUB_API_URL?.trim();
  if (!given) return { url: GITHUB_COM_API, host: 'github.com', problem: null };
  let parsed: URL;
  try {
    parsed = new URL(given);
  } catch {
    return { url: given, host: given, problem: `GITHUB_API_URL=${given} is not a URL. Set it to the API root: https://HOST/api/v3 for GitHub Enterprise Server, or unset it for github.com.` };
  }
  // origin + path: never the user name or password a URL may carry.
  const url = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  const host = parsed.host === 'api.github.com' ? 'github.com' : parsed.host;
  // Checked first: the messages below repeat the URL, which must not carry a password anywhere.
  if (parsed.username || parsed.password) return { url, host, problem: 'GITHUB_API_URL holds a user name or password: remove them (the token is sent in a header, never in the URL).' };
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { url, host, problem: `GITHUB_API_URL=${given} is not an http(s) URL. Set it to https://HOST/api/v3 for GitHub Enterprise Server, or unset it for github.com.` };
  // The token goes in a header of every request: over plain HTTP anyone on the way could read it.
  if (parsed.protocol === 'http:' && !loopback.has(parsed.hostname)) return { url, host, problem: `GITHUB_API_URL=${given} uses http:// to ${parsed.hostname}: the token would travel unencrypted. Use https://.` };
  return { url, host, problem: null };
}
