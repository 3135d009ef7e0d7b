import { describe, expect, it } from 'vitest';
import { GitHubUnavailableError, githubFailure } from './github-errors';
import { rateLimitMessage, retryAfterRateLimit, whenFromNow } from './github-rate-limit';
import { maskToken } from './github-token';

const token = `ghp_${'s3cr3t'.repeat(6)}`;
const place = { host: 'github.com', apiUrl: 'https://api.github.com', source: 'GITHUB_TOKEN' as const, mask: (text: string) => maskToken(text, token) };
const refusal = (status: number, data: unknown, headers: Record<string, string> = {}) => Object.assign(new Error(`${(data as { message?: string }).message ?? ''} - https://docs.github.com/rest`), { name: 'HttpError', status, response: { status, headers, data }, request: { headers: { authorization: 'token [REDACTED]' } } });
const now = new Date('2026-12-02T14:00:00Z');

describe('GitHub failures, in words that say what to do', () => {
  it('a refused token: which one, why, and how to store another', () => {
    const failure = githubFailure(refusal(401, { message: 'Bad credentials' }), 'Reading octocat/Hello-World', place);
    expect(failure.error).toMatchObject({ code: 'GITHUB_AUTH', permanent: true });
    expect(failure.error.message).toMatch(/^Reading octocat\/Hello-World: GitHub \(github\.com\) refused the token in GITHUB_TOKEN: Bad credentials\. It is wrong, expired or revoked/);
    expect(failure.error.message).toMatch(/Settings.*gh auth token.*GITHUB_TOKEN/);
  });

  it('not found: does not exist, or the token cannot see it; a validation failure with GitHub\'s reasons', () => {
    expect(githubFailure(refusal(404, { message: 'Not Found' }), 'Reading a/b', place).error).toMatchObject({ code: 'NOT_FOUND', permanent: true, message: expect.stringMatching(/Not Found: it does not exist, or the token in GITHUB_TOKEN cannot see it/) });
    expect(githubFailure(refusal(422, { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }, { message: 'head is invalid' }] }), 'Creating', place).error.message).toBe('Creating: GitHub refused the request: Validation Failed: title missing_field; head is invalid');
  });

  it('an organisation that requires SSO: where to authorise the token', () => {
    const failure = githubFailure(refusal(403, { message: 'Resource protected by organization SAML enforcement.' }, { 'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=abc' }), 'Reading acme/api', place);
    expect(failure.error).toMatchObject({ code: 'GITHUB_SSO', message: expect.stringContaining('at https://github.com/orgs/acme/sso?authorization_request=abc') });
  });

  it('the hourly limit used up: when it resets; a secondary limit: how long to wait; neither is permanent', () => {
    const reset = String(Math.floor(now.getTime() / 1000) + 42 * 60);
    expect(rateLimitMessage(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'core' }, 'API rate limit exceeded for user ID 1.', now)).toBe(
      "GitHub's rate limit for this token is used up (5000 requests an hour); it resets at 14:42 UTC (in 42 min). Try again then, or use another token.",
    );
    expect(rateLimitMessage(429, { 'retry-after': '30' }, 'You have exceeded a secondary rate limit.', now)).toMatch(/secondary rate limit stopped this request.*Wait 30 s/);
    expect(rateLimitMessage(403, { 'x-ratelimit-remaining': '12' }, 'Must have admin rights to Repository.', now)).toBeNull();
    expect(githubFailure(refusal(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), 'Listing', place).error).toEqual({ code: 'GITHUB_RATE_LIMITED', message: expect.stringMatching(/^Listing: GitHub's rate limit for this token is used up; it resets at/) });
    expect(githubFailure(refusal(403, { message: 'Must have admin rights to Repository.' }, { 'x-ratelimit-remaining': '12' }), 'Listing', place).error).toMatchObject({ code: 'GITHUB_FORBIDDEN', permanent: true, message: expect.stringContaining('lacks the permission') });
  });

  it('waits for a reset only when it is soon, and only once', () => {
    expect(retryAfterRateLimit(5, 0)).toBe(true);
    expect(retryAfterRateLimit(60, 0)).toBe(true);
    expect(retryAfterRateLimit(61, 0)).toBe(false);
    expect(retryAfterRateLimit(5, 1)).toBe(false);
    expect(whenFromNow(new Date('2026-12-02T16:30:00Z'), now)).toBe('16:30 UTC (in 2.5 h)');
  });

  it('no answer at all: where it tried, retried by the caller; a missing token: permanent', () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { name: 'HttpError', status: 500 });
    expect(githubFailure(unreachable, 'Listing', { ...place, host: '127.0.0.1:9', apiUrl: 'http://127.0.0.1:9' }).error).toEqual({ code: 'GITHUB_UNREACHABLE', message: 'Listing: could not reach the GitHub API at http://127.0.0.1:9 (connect ECONNREFUSED 127.0.0.1:9). Check the network, and that GITHUB_API_URL is right.' });
    expect(githubFailure(new GitHubUnavailableError('GITHUB_TOKEN_MISSING', 'No GitHub token'), 'Listing', place).error).toEqual({ code: 'GITHUB_TOKEN_MISSING', message: 'Listing: No GitHub token', permanent: true });
  });

  it('never shows the token, even when a server or library repeats it', () => {
    const echoed = githubFailure(refusal(400, { message: `token ${token} is malformed` }), 'Reading', place);
    expect(echoed.error.message).not.toContain(token);
    expect(echoed.error.message).toContain('[REDACTED github token]');
    expect(JSON.stringify(echoed)).not.toContain(token);
  });
});
