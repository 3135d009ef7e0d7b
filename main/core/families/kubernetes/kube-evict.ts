import { setTimeout as sleep } from 'node:timers/promises';
import type { ToolError } from '../../tools/tool-definition';
import type { KubeClients } from './kube-access';
import { type DrainPod, podName } from './kube-drain-plan';
import { kubeRequest, readOrNull } from './kube-raw';
import { type LabelSelector, selectorMatches } from './kube-selectors';

/** How often an eviction a disruption budget refused is tried again (kubectl drain waits 5 s; a budget often frees up sooner). */
const RETRY_MS = 1000;

interface Budget {
  metadata: { name: string };
  spec?: { selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number };
}

/** The PodDisruptionBudgets that cover a pod, with how many disruptions each allows now. */
export async function budgetsOf(clients: KubeClients, pod: DrainPod): Promise<{ name: string; allowed: number }[]> {
  const list = await kubeRequest<{ items: Budget[] }>(clients, 'GET', `/apis/policy/v1/namespaces/${encodeURIComponent(pod.metadata.namespace)}/poddisruptionbudgets`);
  return list.items.filter((budget) => selectorMatches(budget.spec?.selector, pod.metadata.labels)).map((budget) => ({ name: budget.metadata.name, allowed: budget.status?.disruptionsAllowed ?? 0 }));
}

/** The server's reason for a refused eviction (`The disruption budget web needs 1 healthy pods and has 1 currently`). */
function refusal(error: { body?: string; message?: string }): string {
  try {
    const status = JSON.parse(error.body ?? '') as { message?: string; details?: { causes?: { reason?: string; message?: string }[] } };
    return status.details?.causes?.find((cause) => cause.reason === 'DisruptionBudget')?.message ?? status.message ?? String(error.message);
  } catch {
    return String(error.message);
  }
}

/**
 * Evicts one pod through the Eviction API, which honours its PodDisruptionBudgets: a refusal (429)
 * is tried again until the deadline; then it fails naming the budget. Waits until the pod is gone
 * (or replaced by a new pod of the same name).
 */
async function evictOne(clients: KubeClients, pod: DrainPod, deadline: number, signal: AbortSignal): Promise<ToolError | null> {
  const { name, namespace } = pod.metadata;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`;
  for (;;) {
    try {
      await kubeRequest(clients, 'POST', `${path}/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } }, signal });
      break;
    } catch (error) {
      const code = (error as { code?: number }).code;
      if (code === 404) return null;
      if (code !== 429) throw error;
      if (Date.now() + RETRY_MS > deadline || signal.aborted) {
        const budgets = (await budgetsOf(clients, pod).catch(() => [])).map((budget) => `PodDisruptionBudget ${namespace}/${budget.name} (allows ${budget.allowed} disruption(s) now)`);
        return { code: 'DISRUPTION_BUDGET', message: `${podName(pod)} could not be evicted: ${budgets.join(', ') || 'a disruption budget'} forbids it: ${refusal(error as { body?: string })}` };
      }
      await sleep(RETRY_MS, undefined, { signal }).catch(() => undefined);
    }
  }
  while (Date.now() < deadline && !signal.aborted) {
    const live = await readOrNull<DrainPod>(clients, path);
    if (!live || live.metadata.uid !== pod.metadata.uid) return null;
    await sleep(500, undefined, { signal }).catch(() => undefined);
  }
  return { code: 'TIMEOUT', message: `${podName(pod)} was evicted but had not terminated by the deadline` };
}

/** Evicts the pods at once, as kubectl drain does; reports those evicted and the first problem. */
export async function evictPods(clients: KubeClients, pods: readonly DrainPod[], deadline: number, signal: AbortSignal, log: (text: string) => void): Promise<{ evicted: string[]; problems: ToolError[] }> {
  const results = await Promise.all(
    pods.map(async (pod) => {
      const problem = await evictOne(clients, pod, deadline, signal).catch((error: Error & { code?: number }) => ({ code: 'KUBERNETES_ERROR', message: `${podName(pod)}: ${error.message}` }));
      log(problem ? `not evicted: ${problem.message}\n` : `evicted ${podName(pod)}\n`);
      return { pod: podName(pod), problem };
    }),
  );
  return { evicted: results.filter((result) => !result.problem).map((result) => result.pod), problems: results.flatMap((result) => (result.problem ? [result.problem] : [])) };
}
