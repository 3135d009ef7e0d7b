/**
 * How long a step may wait for GitHub's rate limit to reset before it tries once more. Longer than
 * this, the step fails at once saying when the limit resets: a person would rather know than watch
 * a spinner for most of an hour.
 */
export const RATE_LIMIT_WAIT_SECONDS = 60;

/** The throttling plugin's question, for both the hourly limit and the secondary one: retry, after `retryAfter` seconds? */
export function retryAfterRateLimit(retryAfterSeconds: number, retryCount: number): boolean {
  return retryCount === 0 && retryAfterSeconds <= RATE_LIMIT_WAIT_SECONDS;
}

type Headers = Readonly<Record<string, string | number | undefined>>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined ? undefined : String(value);
};

/** "14:05 UTC (in 42 min)", "in 30 s". */
export function whenFromNow(at: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((at.getTime() - now.getTime()) / 1000));
  const inWords = seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 360) / 10} h`;
  return `${at.toISOString().slice(11, 16)} UTC (in ${inWords})`;
}

/**
 * What a refused request says when it was refused for its rate (403 or 429), or null: the hourly
 * limit used up (`x-ratelimit-remaining: 0`, reset at `x-ratelimit-reset`), or the secondary limit
 * on bursts and concurrency (`retry-after`, or GitHub's message naming it).
 */
export function rateLimitMessage(status: number, headers: Headers, githubMessage: string, now: Date = new Date()): string | null {
  if (status !== 403 && status !== 429) return null;
  const secondary = /secondary rate limit/i.test(githubMessage) || (header(headers, 'retry-after') !== undefined && header(headers, 'x-ratelimit-remaining') !== '0');
  if (secondary) {
    const wait = Number(header(headers, 'retry-after')) || RATE_LIMIT_WAIT_SECONDS;
    return `GitHub's secondary rate limit stopped this request (too many requests at once, or too many changes in a short time). Wait ${wait} s before trying again.`;
  }
  if (header(headers, 'x-ratelimit-remaining') !== '0') return null;
  const limit = header(headers, 'x-ratelimit-limit');
  const resource = header(headers, 'x-ratelimit-resource');
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  const resets = Number.isFinite(reset) && reset > 0 ? `; it resets at ${whenFromNow(new Date(reset * 1000), now)}` : '';
  return `GitHub's rate limit for this token is used up${limit ? ` (${limit} requests an hour${resource && resource !== 'core' ? ` for ${resource}` : ''})` : ''}${resets}. Try again then, or use another token.`;
}
