import type { KubeConfig, KubernetesObjectApi, CoreV1Api } from '@kubernetes/client-node';
import { defineAccess } from '../../tools/access';
import type { Target } from '../../tools/tool-definition';
import { probeKubernetes } from './kube-probe';

export interface KubeClients {
  readonly objects: KubernetesObjectApi;
  readonly core: CoreV1Api;
}

/** The clusters of the user's kubeconfig; a step names its context, or takes the kubeconfig's current one (never changed by Reign). */
export interface KubeAccess {
  /**
   * The context and namespace a step acts on, and its target `kubernetes:CONTEXT/NAMESPACE`. Never
   * throws (a step is classified even without a kubeconfig): `problem` says why it cannot run.
   */
  where(input: { readonly context?: string; readonly namespace?: string }): { context: string; namespace: string; target: Target; problem: string | null };
  /** API clients for one context, loaded on first use. */
  clients(context: string): Promise<KubeClients>;
}


export const kubeKey = defineAccess<KubeAccess>('kubernetes', ({ env }) => kubeAccess(env));

export function kubeAccess(env: NodeJS.ProcessEnv): KubeAccess {
  const check = probeKubernetes(env);
  let config: Promise<KubeConfig> | null = null;
  const opened = new Map<string, Promise<KubeClients>>();
  return {
    where(input) {
      const context = input.context ?? check.currentContext ?? '(no context)';
      const known = check.contexts.find((candidate) => candidate.name === context);
      const namespace = input.namespace ?? known?.namespace ?? 'default';
      const problem = known
        ? null
        : !check.contexts.length
          ? `${check.summary}. ${check.fix ?? ''}`.trim()
          : `The kubeconfig has no context "${context}" (it has ${check.contexts.map((candidate) => candidate.name).join(', ')}).`;
      return { context, namespace, problem, target: { kind: 'kubernetes', id: `kubernetes:${context}/${namespace}`, label: `${context}/${namespace}` } };
    },
    // One set of clients per context for the life of the access: a new client per call would open
    // a new TLS connection each time (a plan of 50 applies spent most of its time in handshakes).
    clients(context) {
      const known = opened.get(context);
      if (known) return known;
      const made = (async () => {
        const loaded = await (config ??= loadConfig(check.kubeconfigPaths));
        const { KubernetesObjectApi, CoreV1Api } = await import('@kubernetes/client-node');
        const scoped = new (loaded.constructor as new () => KubeConfig)();
        scoped.loadFromString(loaded.exportConfig());
        scoped.setCurrentContext(context);
        return { objects: KubernetesObjectApi.makeApiClient(scoped), core: scoped.makeApiClient(CoreV1Api) };
      })();
      made.catch(() => opened.delete(context));
      opened.set(context, made);
      return made;
    },
  };
}

/** The kubeconfig files that exist (KUBECONFIG's, or ~/.kube/config) merged as kubectl merges them: the first to name a cluster, user or context wins. */
async function loadConfig(paths: readonly string[]): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const merged = new KubeConfig();
  paths.forEach((path, index) => {
    const file = new KubeConfig();
    file.loadFromFile(path);
    if (index === 0) return merged.loadFromString(file.exportConfig());
    for (const cluster of file.getClusters()) if (!merged.getCluster(cluster.name)) merged.addCluster(cluster);
    for (const user of file.getUsers()) if (!merged.getUser(user.name)) merged.addUser(user);
    for (const context of file.getContexts()) if (!merged.getContextObject(context.name)) merged.addContext(context);
  });
  return merged;
}
