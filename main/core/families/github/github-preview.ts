import type { Preview, ToolContext } from '../../tools/tool-definition';
import { resolveApiUrl } from './github-api-url';

/**
 * A read's preview: what it reads in words, on which GitHub, and the request it sends. Made from the
 * input and the environment only: previews never reach GitHub, and work without a token.
 */
export function readPreview(ctx: ToolContext, what: string, request: string): Preview {
  const { host } = resolveApiUrl(ctx.env);
  return { kind: 'text', text: `${what} on ${host}\n${request}` };
}

/** `GET /repos/o/r/pulls?state=open&per_page=100`, the query from the parameters that are set. */
export function requestLine(path: string, query: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${encodeURIComponent(String(value))}`]));
  return `GET ${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}
