import type { Octokit } from '@octokit/rest';
import { REIGN_VERSION } from '../../version';
import { retryAfterRateLimit } from './github-rate-limit';

export type { Octokit };

export interface ClientOptions {
  /** The API root (`https://api.github.com`, `https://HOST/api/v3`). */
  readonly baseUrl: string;
  readonly token: string;
  /**
   * Tries after a server error or no answer (1 s, then 4 s, 9 s between them). Steps take 2; the
   * doctor and a credential test 0, so they answer within their time limit.
   */
  readonly retries?: number;
  /** Whether a rate-limited request waits for the reset (when it is soon) and tries once more; the doctor does not wait. */
  readonly waitForRateLimit?: boolean;
}

// Octokit logs every failed request (and a warning for a deprecated endpoint) to the console.
// Failures reach people as the step's error, written by github-errors.ts; nothing else is printed.
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

type OctokitClass = new (options: Record<string, unknown>) => Octokit;
let loaded: Promise<OctokitClass> | null = null;

/**
 * Octokit with the retry and throttling plugins, loaded on first use: commands that never touch
 * GitHub never load it.
 */
function octokitClass(): Promise<OctokitClass> {
  loaded ??= (async () => {
    const [{ Octokit }, { retry }, { throttling }] = await Promise.all([import('@octokit/rest'), import('@octokit/plugin-retry'), import('@octokit/plugin-throttling')]);
    return Octokit.plugin(retry, throttling) as unknown as OctokitClass;
  })();
  loaded.catch(() => (loaded = null));
  return loaded;
}

export async function openOctokit(options: ClientOptions): Promise<Octokit> {
  const Client = await octokitClass();
  const wait = options.waitForRateLimit ?? true;
  return new Client({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: `reign/${REIGN_VERSION}`,
    log: silent,
    // A rate limit is the throttling plugin's alone (it knows when to wait); retry handles the rest.
    retry: { retries: options.retries ?? 2, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => wait && retryAfterRateLimit(retryAfter, retryCount),
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => wait && retryAfterRateLimit(retryAfter, retryCount),
    },
  });
}
