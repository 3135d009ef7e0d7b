import { binaryProbe } from '../../doctor/probes/binary-probe';
import { defineFamily } from '../family';
import { kubeCommandLine } from './kube-command';
import { maskSecretManifests } from './kube-secret-masker';
import { kubePodTools } from './kube-pod-tools';
import { kubePodMetrics } from './kube-pod-metrics';
import { kubeReadTools } from './kube-read-tools';
import { kubeRolloutTools } from './kube-rollout-tools';
import { kubeWriteTools } from './kube-write-tools';
import { kubeNamespaceTools } from './kube-namespace-tools';
import { kubeNodeTools } from './kube-node-tools';
import { kubePatchTools } from './kube-patch-tool';
import { kubeRolloutHistoryTools } from './kube-rollout-history';
import { kubeWaitTools } from './kube-wait-tool';
import { kubernetesVerbs } from './kubernetes-verbs';
import { probeKubernetes } from './kube-probe';
import { kubectlBinary } from './kubernetes-binaries';
import { kubernetesViews } from './kube-views';
import { kubernetesSearchables } from './kube-searchables';
import { kubernetesHealth } from './kube-health';

/** The Kubernetes family: the clusters of the kubeconfig, through the API server (never kubectl). */
export const kubernetesFamily = defineFamily({
  id: 'kubernetes',
  title: 'Kubernetes',
  description: 'Clusters of the local kubeconfig.',
  tools: [...kubeReadTools, ...kubeWriteTools, ...kubeRolloutTools, ...kubePodTools, ...kubePatchTools, ...kubeRolloutHistoryTools, ...kubeNamespaceTools, ...kubeWaitTools, ...kubeNodeTools, kubePodMetrics],
  views: kubernetesViews,
  searchables: kubernetesSearchables,
  essential: ['kubernetes.list', 'kubernetes.get', 'kubernetes.events', 'kubernetes.apply', 'kubernetes.scale', 'kubernetes.delete'],
  verbs: kubernetesVerbs,
  commands: [kubeCommandLine],
  redactions: [maskSecretManifests],
  probes: [
    {
      name: 'kubernetes',
      run: async ({ env }) => {
        const check = probeKubernetes(env);
        return { ...check, statusBar: { id: 'context', label: check.currentContext ? `k8s: ${check.currentContext}` : 'No kube context', tone: check.currentContext ? 'ok' : 'idle' } };
      },
    },
    binaryProbe(kubectlBinary),
  ],
  // Each context at its default namespace, and all of its namespaces (a rule or production mark for the whole cluster).
  targets: async ({ env }) =>
    probeKubernetes(env).contexts.flatMap((context) => [
      { kind: 'kubernetes' as const, id: `kubernetes:${context.name}/${context.namespace ?? 'default'}`, label: `${context.name}/${context.namespace ?? 'default'}` },
      { kind: 'kubernetes' as const, id: `kubernetes:${context.name}/*`, label: `${context.name}, every namespace` },
    ]),
  presentWhen: (checks) => checks.kubernetes?.status === 'ok',
  health: kubernetesHealth,
});
