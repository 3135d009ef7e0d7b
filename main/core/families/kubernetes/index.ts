import { binaryProbe } from '../../doctor/probes/binary-probe';
import { defineFamily } from '../family';
import { kubeCommandLine } from './kube-command';
import { kubeReadTools } from './kube-read-tools';
import { kubeRolloutTools } from './kube-rollout-tools';
import { kubeWriteTools } from './kube-write-tools';
import { kubernetesVerbs } from './kubernetes-verbs';
import { probeKubernetes } from './kube-probe';
import { helmBinary, kubectlBinary } from './kubernetes-binaries';

/** The Kubernetes family: the clusters of the kubeconfig. Read tools so far; mutations, previews and Helm come next. */
export const kubernetesFamily = defineFamily({
  id: 'kubernetes',
  title: 'Kubernetes',
  description: 'Clusters of the local kubeconfig.',
  tools: [...kubeReadTools, ...kubeWriteTools, ...kubeRolloutTools],
  essential: ['kubernetes.list', 'kubernetes.get', 'kubernetes.events', 'kubernetes.apply', 'kubernetes.scale', 'kubernetes.delete'],
  verbs: kubernetesVerbs,
  commands: [kubeCommandLine],
  probes: [
    {
      name: 'kubernetes',
      run: async ({ env }) => {
        const check = probeKubernetes(env);
        return { ...check, statusBar: { id: 'context', label: check.currentContext ? `k8s: ${check.currentContext}` : 'No kube context', tone: check.currentContext ? 'ok' : 'idle' } };
      },
    },
    binaryProbe(helmBinary),
    binaryProbe(kubectlBinary),
  ],
  // Each context at its default namespace, and all of its namespaces (a rule or production mark for the whole cluster).
  targets: async ({ env }) =>
    probeKubernetes(env).contexts.flatMap((context) => [
      { kind: 'kubernetes' as const, id: `kubernetes:${context.name}/${context.namespace ?? 'default'}`, label: `${context.name}/${context.namespace ?? 'default'}` },
      { kind: 'kubernetes' as const, id: `kubernetes:${context.name}/*`, label: `${context.name}, every namespace` },
    ]),
  presentWhen: (checks) => checks.kubernetes?.status === 'ok',
});
