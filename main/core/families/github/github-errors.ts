import type { ToolError } from '../../tools/tool-definition';
import { rateLimitMessage } from './github-rate-limit';
import { TOKEN_HOW_TO, type TokenSource, tokenOrigin } from './github-token';

/** No token, or an unusable GITHUB_API_URL: nothing was sent, and trying again gives the same answer. */
export class GitHubUnavailableError extends Error {
  constructor(
    readonly code: 'GITHUB_TOKEN_MISSING' | 'GITHUB_API_URL_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'GitHubUnavailableError';
  }
}

/** What a failed call knew about where it went, to say what to fix. */
export interface CallPlace {
  readonly host: string;
  readonly apiUrl: string;
  readonly source: TokenSource | null;
  /** Masks the token in text, whatever a server or library put in it (the token itself stays in a closure). */
  readonly mask: (text: string) => string;
}

interface OctokitFailure {
  readonly name?: string;
  readonly message?: string;
  readonly status?: number;
  readonly response?: { readonly headers?: Record<string, string | number | undefined>; readonly data?: unknown };
}

/** GitHub's own words (`Not Found`, `Validation Failed: …`), without Octokit's documentation link. */
function githubWords(failure: OctokitFailure): string {
  const data = failure.response?.data as { message?: unknown; errors?: unknown } | undefined;
  if (data && typeof data === 'object' && typeof data.message === 'string') {
    const details = Array.isArray(data.errors)
      ? data.errors.map((entry) => (typeof entry === 'string' ? entry : ((entry as { message?: string }).message ?? [(entry as { field?: string }).field, (entry as { code?: string }).code].filter(Boolean).join(' ')))).filter(Boolean)
      : [];
    return details.length ? `${data.message}: ${details.join('; ')}` : data.message;
  }
  return (failure.message ?? 'unknown error').replace(/ - https:\/\/docs\.github\.com\S*$/, '');
}

/**
 * A thrown Octokit error as a step's failure that says what happened and what to do, prefixed with
 * `doing` ("Reading octocat/Hello-World"). The token never appears in it: not in the message, and
 * no detail object (Octokit's error carries the request) is passed on.
 */
export function githubFailure(error: unknown, doing: string, place: CallPlace): { ok: false; error: ToolError } {
  const { code, message, permanent } = describe(error, place);
  return { ok: false, error: { code, message: place.mask(`${doing}: ${message}`), ...(permanent ? { permanent } : {}) } };
}

function describe(error: unknown, place: CallPlace): { code: string; message: string; permanent: boolean } {
  if (error instanceof GitHubUnavailableError) return { code: error.code, message: error.message, permanent: true };
  const failure = (error ?? {}) as OctokitFailure;
  if (failure.name === 'AbortError') return { code: 'ABORTED', message: 'cancelled before GitHub answered', permanent: false };
  const status = typeof failure.status === 'number' ? failure.status : 0;
  // Octokit reports a request that got no answer (refused, DNS, TLS) as a 500 without a response.
  if (!failure.response) return { code: 'GITHUB_UNREACHABLE', message: `could not reach the GitHub API at ${place.apiUrl} (${failure.message ?? 'no answer'}). Check the network${place.host === 'github.com' ? '' : ', and that GITHUB_API_URL is right'}.`, permanent: false };
  const words = githubWords(failure);
  const headers = failure.response.headers ?? {};
  const limited = rateLimitMessage(status, headers, words);
  if (limited) return { code: 'GITHUB_RATE_LIMITED', message: limited, permanent: false };
  const from = place.source ? tokenOrigin(place.source) : 'the token';
  if (status === 401) return { code: 'GITHUB_AUTH', message: `GitHub (${place.host}) refused ${from}: ${words}. It is wrong, expired or revoked: create a new one. ${TOKEN_HOW_TO}`, permanent: true };
  if (status === 403) {
    // `x-github-sso: required; url=https://github.com/orgs/ORG/sso?authorization_request=…`
    const sso = headers['x-github-sso'];
    if (sso !== undefined) {
      const where = /url=(\S+)/.exec(String(sso))?.[1];
      return { code: 'GITHUB_SSO', message: `the organisation requires SAML single sign-on for ${from}: authorise the token for it ${where ? `at ${where}` : "in GitHub's token settings (Configure SSO)"}, then try again.`, permanent: true };
    }
    return { code: 'GITHUB_FORBIDDEN', message: `GitHub refused (${words}): ${from} lacks the permission. A classic token needs the scope for it (repo, workflow…); a fine-grained one needs the repository and the permission granted.`, permanent: true };
  }
  if (status === 404) return { code: 'NOT_FOUND', message: `GitHub answered ${words}: it does not exist, or ${from} cannot see it (a private repository needs a token with access to it).`, permanent: true };
  if (status === 422) return { code: 'GITHUB_INVALID', message: `GitHub refused the request: ${words}`, permanent: true };
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  return { code: permanent ? 'GITHUB_REFUSED' : 'GITHUB_ERROR', message: `GitHub answered ${status}: ${words}`, permanent };
}
