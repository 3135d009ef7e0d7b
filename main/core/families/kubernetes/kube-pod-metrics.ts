import type { KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import { defineReadTool } from '../../tools/tool-definition';
import { kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { where } from './kube-read-target';
import { configOf } from './kube-streaming';

// A pod's CPU and memory as `kubectl top pod` reads them: from the resource metrics API
// (metrics.k8s.io), which only metrics-server (or an adapter) serves. Many clusters have none (a
// fresh kind or KWOK cluster): that is an answer with what to do, not a failure, so a chart that
// polls it says so once instead of flashing an error every few seconds.

const METRICS_GROUP = 'metrics.k8s.io';
const METRICS_VERSION = 'v1beta1';
export const NO_METRICS_SERVER = 'CPU and memory need metrics-server in this cluster: it does not serve the metrics API (metrics.k8s.io). Install metrics-server (e.g. its Helm chart, or the components.yaml of its release) and the charts fill in.';

const SUFFIXES: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** A Kubernetes quantity ("250m", "123456789n", "64Mi", "1.5Gi", "2") as a number of its base unit (cores, bytes). */
export function quantity(text: string): number {
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a Kubernetes quantity (like 250m, 64Mi or 2)`);
  return Number(match[1]) * SUFFIXES[match[2] ?? '']!;
}

const ContainerUsage = z.object({ name: z.string(), cpuCores: z.number(), memoryBytes: z.number() });
const Sample = z.object({ cpuCores: z.number(), memoryBytes: z.number(), at: z.string(), windowSeconds: z.number().nullable(), containers: z.array(ContainerUsage) });
export type PodMetricsSample = z.infer<typeof Sample>;
const Output = z.object({ available: z.boolean(), problem: z.string().nullable(), samples: z.array(Sample) });
type Answer = { ok: true; output: z.infer<typeof Output> };
const answer = (available: boolean, problem: string | null, samples: PodMetricsSample[] = []): Answer => ({ ok: true, output: { available, problem, samples } });

interface PodMetric {
  readonly timestamp?: string;
  readonly window?: string;
  readonly containers?: readonly { name: string; usage: { cpu?: string; memory?: string } }[];
}

/** One PodMetrics object as a sample: the pod's use is its containers' added up. */
export function sampleOf(metric: PodMetric): PodMetricsSample {
  const containers = (metric.containers ?? []).map((container) => ({ name: container.name, cpuCores: quantity(container.usage.cpu ?? '0'), memoryBytes: quantity(container.usage.memory ?? '0') }));
  const window = metric.window ? /^(\d+(?:\.\d+)?)s$/.exec(metric.window) : null;
  return {
    cpuCores: containers.reduce((sum, container) => sum + container.cpuCores, 0),
    memoryBytes: containers.reduce((sum, container) => sum + container.memoryBytes, 0),
    at: metric.timestamp ?? new Date().toISOString(),
    windowSeconds: window ? Number(window[1]) : null,
    containers,
  };
}

/** Whether the cluster serves the metrics API at all (a 404 of one pod's metrics may only mean it has no sample yet). */
async function servesMetrics(config: KubeConfig): Promise<boolean> {
  const { ApisApi } = await import('@kubernetes/client-node');
  const groups = await config.makeApiClient(ApisApi).getAPIVersions();
  return groups.groups.some((group) => group.name === METRICS_GROUP);
}

export const kubePodMetrics = defineReadTool({
  name: 'kubernetes.pod.metrics',
  description: `A pod's CPU (cores) and memory (bytes) now, per container and in all, as \`kubectl top pod\` reads them from the cluster's metrics API (${METRICS_GROUP}, served by metrics-server). Without metrics-server the answer is available: false with what to install.`,
  input: z.object({ name: z.string().min(1).describe('Name of the pod'), ...where }).strict(),
  output: Output,
  reads: 'reads pod CPU and memory use',
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl top pod ${input.name} --containers${input.namespace ? ` -n ${input.namespace}` : ''}${input.context ? ` --context ${input.context}` : ''}` }),
  examples: [{ name: 'web-5d9f7-x2x4q', namespace: 'payments' }],
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, `Reading the CPU and memory of pod ${input.name}`, async (clients, namespace) => {
      const config = configOf(clients);
      const { CustomObjectsApi } = await import('@kubernetes/client-node');
      try {
        const metric = (await config.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ group: METRICS_GROUP, version: METRICS_VERSION, namespace, plural: 'pods', name: input.name })) as PodMetric;
        return answer(true, null, [sampleOf(metric)]);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 404 && !(await servesMetrics(config))) return answer(false, NO_METRICS_SERVER);
        if (code === 404) return answer(true, `metrics-server has no sample of pod ${input.name} yet (it samples every 15 s or so; a pod that just started, or is not running, has none).`);
        // The group is registered but its server does not answer (metrics-server down or starting).
        if (code === 503) return answer(false, 'The metrics API is registered but does not answer (503): metrics-server may be starting or down (see its pod in kube-system).');
        throw error;
      }
    }),
});
