import type { AccessWhere } from '../../tools/access';
import { noSecrets } from '../../tools/access';
import type { FamilyCheck } from '../family';
import { resolveApiUrl } from './github-api-url';
import { openOctokit } from './github-client';
import { githubFailure } from './github-errors';
import { whenFromNow } from './github-rate-limit';
import { maskToken, resolveToken, TOKEN_HOW_TO, type TokenKind, tokenKind, type TokenSource } from './github-token';

/** What `reign doctor --json` reports under `checks.github`, besides status, summary and fix. */
export interface GitHubCheck extends FamilyCheck {
  readonly apiUrl: string;
  readonly tokenSource: TokenSource | null;
  readonly tokenKind: TokenKind | null;
  /** The account the token acts as. */
  readonly account: string | null;
  /** A classic or OAuth token's scopes (`x-oauth-scopes`); null when GitHub reports none (fine-grained and app tokens). */
  readonly scopes: readonly string[] | null;
  readonly rateLimit: { readonly limit: number; readonly remaining: number; readonly resetAt: string } | null;
}

/** Below this share of the hourly limit left, the check warns: steps would soon be refused. */
const LOW_RATE_SHARE = 0.1;

/** `x-oauth-scopes: repo, workflow` → ['repo', 'workflow']; absent → null (fine-grained and app tokens have permissions instead). */
export function parseScopes(header: unknown): string[] | null {
  if (typeof header !== 'string') return null;
  return header
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
}

function scopesInWords(kind: TokenKind, scopes: readonly string[] | null): string {
  if (scopes === null) return kind === 'fine-grained' ? 'fine-grained token: no scopes, its permissions are set per repository' : `${kindInWords(kind)}: GitHub reports no scopes for it`;
  return scopes.length ? `${kindInWords(kind)}, scopes ${scopes.join(', ')}` : `${kindInWords(kind)} with no scopes (it can read public data only)`;
}

const kindInWords = (kind: TokenKind): string =>
  ({ classic: 'classic token', 'fine-grained': 'fine-grained token', oauth: 'OAuth token', 'app-user': 'GitHub App user token', 'app-installation': 'GitHub App installation token', unknown: 'token' })[kind];

/**
 * The doctor's check of GitHub: which account the token acts as, its scopes, and the rate limit
 * left. Reads the token the way steps do: GH_TOKEN, GITHUB_TOKEN, then the keychain.
 */
export async function probeGithub(where: { readonly env: NodeJS.ProcessEnv; readonly secret?: AccessWhere['secret'] }): Promise<GitHubCheck> {
  const api = resolveApiUrl(where.env);
  const found = resolveToken(where.env, where.secret ?? noSecrets);
  const base = { apiUrl: api.url, tokenSource: found?.source ?? null, tokenKind: found ? tokenKind(found.token) : null, account: null, scopes: null, rateLimit: null };
  if (api.problem) return { ...base, status: 'error', summary: api.problem, fix: 'Fix or unset GITHUB_API_URL.', statusBar: { id: 'github', label: 'GitHub: bad URL', tone: 'bad' } };
  if (!found) return { ...base, status: 'warning', summary: `No GitHub token (GH_TOKEN and GITHUB_TOKEN are not set${where.secret ? ', none is stored in the keychain' : ''})`, fix: TOKEN_HOW_TO, statusBar: { id: 'github', label: 'GitHub: no token', tone: 'idle' } };
  try {
    // No retries: the doctor gives each probe 10 s, and an answer now beats a late one.
    const octokit = await openOctokit({ baseUrl: api.url, token: found.token, retries: 0, waitForRateLimit: false });
    const signal = AbortSignal.timeout(8000);
    // /rate_limit does not count against the limit it reports.
    const [user, rate] = await Promise.all([octokit.rest.users.getAuthenticated({ request: { signal } }), octokit.rest.rateLimit.get({ request: { signal } })]);
    const account = user.data.login;
    const scopes = parseScopes(user.headers['x-oauth-scopes']);
    const core = rate.data.resources.core;
    const rateLimit = { limit: core.limit, remaining: core.remaining, resetAt: new Date(core.reset * 1000).toISOString() };
    const low = core.remaining < core.limit * LOW_RATE_SHARE;
    const rateInWords = `${core.remaining} of ${core.limit} requests left this hour${low ? `, resets at ${whenFromNow(new Date(core.reset * 1000), new Date())}` : ''}`;
    return {
      ...base,
      account,
      scopes,
      rateLimit,
      status: low ? 'warning' : 'ok',
      summary: `Signed in to ${api.host} as ${account} (${scopesInWords(base.tokenKind ?? 'unknown', scopes)}; ${rateInWords})`,
      fix: low ? 'Steps will be refused once the rate limit is used up: wait for it to reset, or use another token.' : null,
      statusBar: { id: 'github', label: `GitHub: ${account}`, tone: low ? 'warn' : 'ok' },
    };
  } catch (error) {
    const { message, code } = githubFailure(error, `Checking ${api.host}`, { host: api.host, apiUrl: api.url, source: found.source, mask: (text) => maskToken(text, found.token) }).error;
    const refused = code === 'GITHUB_AUTH';
    const unreachable = code === 'GITHUB_UNREACHABLE';
    const fix = refused ? TOKEN_HOW_TO : unreachable ? `Check the network${api.host === 'github.com' ? '' : ' and GITHUB_API_URL'}.` : null;
    return { ...base, status: 'error', summary: message, fix, statusBar: { id: 'github', label: refused ? 'GitHub: token refused' : unreachable ? 'GitHub: unreachable' : 'GitHub: error', tone: 'bad' } };
  }
}
