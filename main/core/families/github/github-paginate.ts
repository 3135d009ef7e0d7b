import { z } from 'zod';
import type { Octokit } from './github-client';

export const MAX_LIST_LIMIT = 1000;

/** How many items a list tool returns at most; GitHub pages past it are never asked for. */
export const limitField = z.number().int().min(1).max(MAX_LIST_LIMIT).default(100).describe(`At most this many (default 100, up to ${MAX_LIST_LIMIT}); the newest first`);

/** GitHub's largest page. */
const PAGE_SIZE = 100;

const hasNextPage = (link: unknown): boolean => typeof link === 'string' && /rel="next"/.test(link);

/**
 * Up to `limit` items of a paginated list endpoint, following GitHub's Link headers page by page
 * (`octokit.paginate.iterator`) and asking for no page once `limit` are in hand; pages are
 * `min(limit, 100)` long. `more` says whether GitHub had more than were returned.
 */
export async function paginateUpTo<T>(octokit: Octokit, route: string, parameters: Record<string, unknown>, limit: number, signal: AbortSignal): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  for await (const page of octokit.paginate.iterator<T>(route, { ...parameters, per_page: Math.min(limit, PAGE_SIZE), request: { signal } })) {
    // The iterator gives each page's array, whatever key GitHub nests it under (workflow_runs…).
    items.push(...(page.data as T[]));
    if (items.length >= limit) return { items: items.slice(0, limit), more: items.length > limit || hasNextPage(page.headers.link) };
  }
  return { items, more: false };
}
