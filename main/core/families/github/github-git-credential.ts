import { defineAccess } from '../../tools/access';
import { resolveApiUrl } from './github-api-url';
import type { Credential, CredentialQuestion } from './github-git-credential-helper';
import { maskToken, resolveToken, type TokenSource } from './github-token';

/**
 * The GitHub token for git, read from the family's token source (GH_TOKEN, GITHUB_TOKEN, else the
 * keychain entry `github-token`: github-token.ts, the same source the API connection uses), and
 * only when git asks the configured GitHub's host for a credential.
 */
export interface GitCredentials {
  /** The configured GitHub's host for git: `github.com` for api.github.com, else GITHUB_API_URL's host. */
  readonly githubHost: string;
  /** The token and where it came from, read on first use; null when there is none. */
  token(): { readonly token: string; readonly source: TokenSource } | null;
  /** Masks the token in text, once it has been read (before that it cannot be in anything git printed). */
  mask(text: string): string;
}

export const githubGitCredentialsKey = defineAccess<GitCredentials>('github-git-credentials', ({ env, secret }) => {
  const { host } = resolveApiUrl(env);
  let found: ReturnType<GitCredentials['token']> | undefined;
  const token = (): ReturnType<GitCredentials['token']> => (found === undefined ? (found = resolveToken(env, secret)) : found);
  return {
    githubHost: host.toLowerCase(),
    token,
    // The environment's token is masked even unread: it is in Reign's environment from the start.
    mask: (text) => maskToken(text, found?.token ?? env.GH_TOKEN?.trim() ?? env.GITHUB_TOKEN?.trim()),
  };
});

// git sends `host` with the port when it is not the scheme's default: `127.0.0.1:8080`.
const loopbackHost = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** Why this question gets no token (the reason goes into the failure), or null when it does. */
export function credentialRefusal(question: Pick<CredentialQuestion, 'protocol' | 'host'>, allowedHosts: readonly string[]): string | null {
  const host = question.host.toLowerCase();
  if (!allowedHosts.includes(host)) return `git asked for a password for ${host || 'an unnamed host'}; Reign gives the GitHub token only to ${allowedHosts.join(', ')}`;
  // Over plain HTTP anyone on the way could read it; loopback (tests, a local proxy) never leaves the machine.
  if (question.protocol !== 'https' && !(question.protocol === 'http' && loopbackHost.test(host))) return `git asked for a password for ${host} over ${question.protocol || 'an unnamed protocol'}; the GitHub token is only sent over https`;
  return null;
}

/** GitHub takes any user name with a token; this one is what GitHub's docs use for app tokens, and works for every kind. */
export const TOKEN_USERNAME = 'x-access-token';

/**
 * The answer to one question of git's: the token for the configured GitHub's host (and the hosts
 * a call was explicitly allowed for: tests), nothing for any other.
 */
export function answerFor(credentials: GitCredentials, extraHosts: readonly string[]): (question: CredentialQuestion) => Credential | null {
  const allowed = [credentials.githubHost, ...extraHosts.map((host) => host.toLowerCase())];
  return (question) => {
    if (credentialRefusal(question, allowed)) return null;
    const found = credentials.token();
    // A token with a line break would end git's credential format early: never sent.
    if (!found || /[\r\n]/.test(found.token)) return null;
    return { username: TOKEN_USERNAME, password: found.token };
  };
}
