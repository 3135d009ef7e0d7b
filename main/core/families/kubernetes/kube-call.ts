import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { toolFailure } from '../../tools/tool-definition';
import { type KubeClients, kubeKey } from './kube-access';

/** The API server's own words for a refusal (`Deployment.apps "x" is invalid: …`), never the client's dump of headers. */
export function apiMessage(error: unknown): string {
  const failure = error as Error & { body?: unknown; code?: unknown };
  const body = typeof failure.body === 'string' ? failure.body : failure.body === undefined ? '' : JSON.stringify(failure.body);
  try {
    const message = (JSON.parse(body) as { message?: string }).message;
    if (message) return message;
  } catch {
    // not the API's JSON status
  }
  // client-node's message is "HTTP-Code: 404\nMessage: …\nBody: …\nHeaders: {…}": the first lines only.
  // client-node's message ends in "HTTP-Code: 404\nMessage: …\nBody: …\nHeaders: {…}" (after "Failed to fetch
  // resource metadata for …: " when discovery failed): what it says before, and the code and body only.
  const http = /HTTP-Code: (\d+)\nMessage: (.*)\nBody: ([^\n]*)[\s\S]*$/.exec(failure.message ?? '');
  if (http) return `${failure.message.slice(0, http.index)}HTTP ${http[1]}: ${http[3] && http[3] !== '""' && http[3] !== 'undefined' ? http[3].slice(0, 300) : http[2]}`;
  return failure.message;
}

/** An API refusal (invalid, forbidden, not found, a conflict) gives the same answer when tried again; throttling and server errors may not. */
const refusal = (code: unknown): boolean => typeof code === 'number' && code >= 400 && code < 500 && code !== 408 && code !== 429;

/**
 * Runs a call against the step's context and namespace, turning a missing context and API errors
 * into failures that say what happened (prefixed with `doing` when given).
 */
export async function kubeCall<O>(ctx: ToolContext, input: { context?: string; namespace?: string }, doing: string | null, work: (clients: KubeClients, namespace: string) => Promise<ToolResult<O>>): Promise<ToolResult<O>> {
  const access = ctx.access(kubeKey);
  const place = access.where(input);
  if (place.problem) return toolFailure('KUBERNETES_UNAVAILABLE', place.problem);
  try {
    return await work(await access.clients(place.context), place.namespace);
  } catch (error) {
    const code = (error as { code?: string | number }).code;
    const message = doing ? `${doing}: ${apiMessage(error)}` : apiMessage(error);
    const failure = toolFailure(code === 404 ? 'NOT_FOUND' : code === 403 ? 'FORBIDDEN' : code === 409 ? 'CONFLICT' : typeof code === 'string' ? code : 'KUBERNETES_ERROR', message);
    return refusal(code) || code === 'INVALID_MANIFEST' ? { ok: false, error: { ...failure.error, permanent: true } } : failure;
  }
}
