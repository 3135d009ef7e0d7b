import { defineAccess, type AccessWhere } from '../../tools/access';
import { type ToolContext, type ToolResult } from '../../tools/tool-definition';
import { resolveApiUrl } from './github-api-url';
import { type Octokit, openOctokit } from './github-client';
import { type CallPlace, GitHubUnavailableError, githubFailure } from './github-errors';
import { maskToken, NO_TOKEN_MESSAGE, resolveToken, type TokenSource } from './github-token';

/** The GitHub API every step of a tool context talks to. */
export interface GitHubAccess {
  /** The API root in use (GITHUB_API_URL, else api.github.com). */
  readonly apiUrl: string;
  /** `github.com`, or the Enterprise Server's host. */
  readonly host: string;
  /** Where the token comes from; null when there is none. Never the token itself. */
  readonly tokenSource: TokenSource | null;
  /** Octokit, opened on first use; throws a GitHubUnavailableError saying what to do without a token or a usable URL. */
  client(): Promise<Octokit>;
  /** Where calls go, for failures that say what to fix (and never show the token). */
  readonly place: CallPlace;
}

/** The connection of a tool context: `ctx.access(githubKey)`. */
export const githubKey = defineAccess<GitHubAccess>('github', (where) => githubAccess(where));

export function githubAccess({ env, secret }: Pick<AccessWhere, 'env' | 'secret'>): GitHubAccess {
  const api = resolveApiUrl(env);
  // Opened on a step's first call to GitHub (never to classify or preview one): only then is the keychain read.
  const found = resolveToken(env, secret);
  let client: Promise<Octokit> | null = null;
  return {
    apiUrl: api.url,
    host: api.host,
    tokenSource: found?.source ?? null,
    place: { host: api.host, apiUrl: api.url, source: found?.source ?? null, mask: (text) => maskToken(text, found?.token) },
    client() {
      if (api.problem) return Promise.reject(new GitHubUnavailableError('GITHUB_API_URL_INVALID', api.problem));
      if (!found) return Promise.reject(new GitHubUnavailableError('GITHUB_TOKEN_MISSING', NO_TOKEN_MESSAGE));
      client ??= openOctokit({ baseUrl: api.url, token: found.token });
      client.catch(() => (client = null));
      return client;
    },
  };
}

/**
 * Runs a step's calls with the context's Octokit, turning a missing token, a refusal or no answer
 * into a failure that says what happened and what to do (prefixed with `doing`).
 */
export async function githubCall<O>(ctx: ToolContext, doing: string, work: (octokit: Octokit) => Promise<ToolResult<O>>): Promise<ToolResult<O>> {
  const access = ctx.access(githubKey);
  try {
    return await work(await access.client());
  } catch (error) {
    return githubFailure(error, doing, access.place);
  }
}
