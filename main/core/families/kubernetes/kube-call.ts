import type { ToolContext, ToolResult } from '../../tools/tool-definition';
import { toolFailure } from '../../tools/tool-definition';
import { type KubeClients, kubeKey } from './kube-access';

/** The API server's own words for a refusal (`Deployment.apps "x" is invalid: …`). */
export function apiMessage(error: unknown): string {
  const failure = error as Error & { body?: string };
  try {
    return (JSON.parse(failure.body ?? '') as { message?: string }).message ?? failure.message;
  } catch {
    return failure.message;
  }
}

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
    if (code === 404) return toolFailure('NOT_FOUND', message);
    if (code === 403) return toolFailure('FORBIDDEN', message);
    return toolFailure(typeof code === 'string' ? code : 'KUBERNETES_ERROR', message);
  }
}
