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

/** A write's preview as text: what it does on which GitHub, then the lines that explain it (falsy ones left out). */
export function writePreview(ctx: ToolContext, what: string, lines: readonly (string | false | null | undefined)[]): Preview {
  return { kind: 'text', text: [`${what} on ${resolveApiUrl(ctx.env).host}`, ...lines.filter((line): line is string => typeof line === 'string')].join('\n') };
}

/** The same, from lines whose first says what the step does (as the branch, PR and issue tools write them). */
export function changePreview(ctx: ToolContext, lines: readonly (string | false | null | undefined)[]): Preview {
  const [first = '', ...rest] = lines.filter((line): line is string => typeof line === 'string');
  return writePreview(ctx, first, rest);
}

/** Whether a thrown Octokit error is GitHub's 404: the thing asked for is not there. */
export const isNotFound = (error: unknown): boolean => (error as { status?: number } | null)?.status === 404;

/** The answer's status when GitHub refused, else rethrows: for the one refusal a step expects (a 404 of something already gone). */
export function statusOf(error: unknown): number {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || !(error as { response?: unknown }).response) throw error;
  return status;
}
