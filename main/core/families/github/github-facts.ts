import type { Preview, ToolContext } from '../../tools/tool-definition';
import { githubCall } from './github-access';
import { resolveApiUrl } from './github-api-url';
import type { Octokit } from './github-client';

/**
 * GitHub calls for `inspect` and `snapshot`, which throw to say they failed: the failure is the
 * message githubCall writes (what happened, what to do; the token masked), never Octokit's error.
 */
export async function githubFacts<T>(ctx: ToolContext, doing: string, work: (octokit: Octokit) => Promise<T>): Promise<T> {
  const result = await githubCall(ctx, doing, async (octokit) => ({ ok: true, output: await work(octokit) }));
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.output;
}

/** A write's preview as text: what it does on which GitHub, then the lines that explain it. */
export function writePreview(ctx: ToolContext, what: string, lines: readonly string[]): Preview {
  return { kind: 'text', text: [`${what} on ${resolveApiUrl(ctx.env).host}`, ...lines].join('\n') };
}

/** Whether a thrown Octokit error is GitHub's 404: the thing asked for is not there. */
export const isNotFound = (error: unknown): boolean => (error as { status?: number } | null)?.status === 404;
