import type { KubernetesObject, V1Pod, V1Service } from '@kubernetes/client-node';
import { z } from 'zod';
import type { KubeClients } from './kube-access';
import { resolveKind } from './kube-kinds';
import { type LabelSelector, selectorQuery } from './kube-selectors';

export const podKind = z
  .enum(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'pod', 'pods', 'po', 'deployment', 'deployments', 'deploy', 'statefulset', 'statefulsets', 'sts', 'daemonset', 'daemonsets', 'ds', 'replicaset', 'replicasets', 'rs', 'job', 'jobs'])
  .default('Pod')
  .describe("What `name` names: a Pod (default), or a workload whose first running pod is used");

const fail = (code: string, message: string): never => {
  throw Object.assign(new Error(message), { code });
};

const isReady = (pod: V1Pod): boolean => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ?? false;

/**
 * The pod kubectl would pick among a workload's: one not being deleted, ready before running before
 * anything else, the newest first among equals.
 */
export function firstPod(pods: readonly V1Pod[]): V1Pod | null {
  const rank = (pod: V1Pod) => (isReady(pod) ? 0 : pod.status?.phase === 'Running' ? 1 : 2);
  const created = (pod: V1Pod) => new Date(pod.metadata?.creationTimestamp ?? 0).getTime();
  return [...pods].filter((pod) => !pod.metadata?.deletionTimestamp).sort((a, b) => rank(a) - rank(b) || created(b) - created(a))[0] ?? null;
}

/** The pod a step means: the named pod, or the first pod selected by the named workload's selector. */
export async function findPod(clients: KubeClients, namespace: string, input: { kind: string; name: string }, { ready = false } = {}): Promise<V1Pod> {
  const kind = resolveKind(input.kind).kind;
  if (kind === 'Pod') return clients.core.readNamespacedPod({ name: input.name, namespace });
  const owner = (await clients.objects.read({ apiVersion: resolveKind(kind).apiVersion, kind, metadata: { name: input.name, namespace } })) as KubernetesObject & { spec?: { selector?: LabelSelector } };
  const labelSelector = selectorQuery(owner.spec?.selector);
  if (!labelSelector) return fail('NO_SELECTOR', `${kind}/${input.name} selects no pods (it has no selector)`);
  const pods = (await clients.core.listNamespacedPod({ namespace, labelSelector })).items;
  const pod = firstPod(ready ? pods.filter(isReady) : pods);
  return pod ?? fail('NO_POD', `${kind}/${input.name} has no ${ready ? 'ready ' : ''}pod in ${namespace}${pods.length ? ` (${pods.length} not ready)` : ''}; see kubernetes.events for why`);
}

/** Fails naming the pod's phase unless its containers are running (exec and port-forward need a live process). */
export function requireRunning(pod: V1Pod): V1Pod {
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase === 'Running') return pod;
  return fail('POD_NOT_RUNNING', phase === 'Succeeded' || phase === 'Failed' ? `pod ${pod.metadata?.name} has finished (${phase}): nothing runs in it any more` : `pod ${pod.metadata?.name} is ${phase}, not running yet; see kubernetes.events for why`);
}

/** A Service's first ready pod, and the pod port its service port leads to (its targetPort, by number or name). */
export async function serviceBackend(clients: KubeClients, namespace: string, name: string, port: number | string): Promise<{ pod: V1Pod; port: number }> {
  const service: V1Service = await clients.core.readNamespacedService({ name, namespace });
  const selector = service.spec?.selector;
  if (!selector || !Object.keys(selector).length) return fail('NO_SELECTOR', `Service/${name} selects no pods (it has no selector): forward to a pod instead`);
  const entry = (service.spec?.ports ?? []).find((candidate) => candidate.port === Number(port) || candidate.name === String(port));
  if (!entry) return fail('NO_SUCH_PORT', `Service/${name} has no port ${port} (it has ${(service.spec?.ports ?? []).map((candidate) => candidate.name ? `${candidate.port} (${candidate.name})` : candidate.port).join(', ') || 'none'})`);
  const pod = firstPod((await clients.core.listNamespacedPod({ namespace, labelSelector: selectorQuery({ matchLabels: selector }) })).items.filter(isReady));
  if (!pod) return fail('NO_POD', `Service/${name} has no ready pod in ${namespace}; see kubernetes.events for why`);
  return { pod, port: podPort(pod, entry.targetPort ?? entry.port) };
}

/** A container port by number, or by the name a container gives it. */
export function podPort(pod: V1Pod, port: number | string): number {
  if (typeof port === 'number' || /^\d+$/.test(port)) return Number(port);
  const named = (pod.spec?.containers ?? []).flatMap((container) => container.ports ?? []).find((candidate) => candidate.name === port);
  return named?.containerPort ?? fail('NO_SUCH_PORT', `pod ${pod.metadata?.name} has no port named "${port}"`);
}

/**
 * The container a step means: the one named, else the pod's default-container annotation, else
 * its first container (as kubectl picks; `note` says so when the pod has several).
 */
export function pickContainer(pod: V1Pod, wanted?: string): { container: string; note: string | null } {
  const names = (pod.spec?.containers ?? []).map((container) => container.name);
  const podName = pod.metadata?.name ?? '';
  if (wanted) {
    const all = [...names, ...(pod.spec?.initContainers ?? []).map((container) => container.name), ...(pod.spec?.ephemeralContainers ?? []).map((container) => container.name)];
    return all.includes(wanted) ? { container: wanted, note: null } : fail('NO_SUCH_CONTAINER', `pod ${podName} has no container "${wanted}" (it has ${all.join(', ')})`);
  }
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const container = annotated && names.includes(annotated) ? annotated : names[0];
  if (!container) return fail('NO_SUCH_CONTAINER', `pod ${podName} has no containers`);
  return { container, note: names.length > 1 ? `Defaulted container "${container}" out of: ${names.join(', ')}` : null };
}
