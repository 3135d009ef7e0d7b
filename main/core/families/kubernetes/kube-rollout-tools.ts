import type { KubernetesObject } from '@kubernetes/client-node';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineReadTool, defineTool, type ToolContext, type ToolResult } from '../../tools/tool-definition';
import { type KubeClients, kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { resolveKind } from './kube-kinds';

const where = {
  context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
  namespace: z.string().min(1).optional().describe("Namespace (default: the context's)"),
};
export const workload = z.enum(['Deployment', 'StatefulSet', 'DaemonSet', 'deployment', 'statefulset', 'daemonset', 'deploy', 'sts', 'ds']);

type Rolled = KubernetesObject & { spec?: { replicas?: number }; status?: { replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number; numberReady?: number; desiredNumberScheduled?: number; updatedNumberScheduled?: number; conditions?: { type: string; status: string; reason?: string; message?: string }[] } };

type Header = KubernetesObject & { metadata: { name: string; namespace: string } };

function onWorkload<O>(ctx: ToolContext, input: { kind: string; name: string; context?: string; namespace?: string }, work: (clients: KubeClients, spec: Header) => Promise<O>): Promise<ToolResult<O>> {
  const info = resolveKind(input.kind);
  return kubeCall(ctx, input, `${input.kind}/${input.name}`, async (clients, namespace) => ({ ok: true, output: await work(clients, { apiVersion: info.apiVersion, kind: info.kind, metadata: { name: input.name, namespace } }) }));
}

/** Whether a rollout is done, as `kubectl rollout status` decides it, in one line. */
function rolloutState(object: Rolled): { done: boolean; summary: string } {
  const status = object.status ?? {};
  const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { done: false, summary: `stuck: ${progressing.message ?? 'progress deadline exceeded'}` };
  if (object.kind === 'DaemonSet') {
    const done = (status.updatedNumberScheduled ?? 0) >= (status.desiredNumberScheduled ?? 0) && (status.numberReady ?? 0) >= (status.desiredNumberScheduled ?? 0);
    return { done, summary: `${status.numberReady ?? 0}/${status.desiredNumberScheduled ?? 0} ready, ${status.updatedNumberScheduled ?? 0} updated` };
  }
  const desired = object.spec?.replicas ?? 1;
  const current = (object.metadata?.generation ?? 0) <= (status.observedGeneration ?? 0);
  const done = current && (status.updatedReplicas ?? 0) >= desired && (status.availableReplicas ?? 0) >= desired && (status.replicas ?? 0) <= desired;
  return { done, summary: `${status.updatedReplicas ?? 0}/${desired} updated, ${status.availableReplicas ?? 0} available${current ? '' : ', the controller has not seen the latest change yet'}` };
}

export const kubeRolloutStatus = defineReadTool({
  name: 'kubernetes.rollout.status',
  description: 'Whether a Deployment, StatefulSet or DaemonSet finished rolling out (with waitMs, waits up to that long).',
  input: z.object({ kind: workload, name: z.string().min(1), waitMs: z.number().int().min(0).max(600_000).default(0), ...where }).strict(),
  output: z.object({ done: z.boolean(), summary: z.string() }),
  reads: 'reads a rollout',
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl rollout status ${input.kind}/${input.name}${input.waitMs ? ` --timeout ${input.waitMs}ms` : ' --watch=false'}` }),
  run: ({ input, ctx, signal }) =>
    onWorkload(ctx, input, async (clients, spec) => {
      const until = Date.now() + input.waitMs;
      for (;;) {
        const state = rolloutState((await clients.objects.read(spec)) as Rolled);
        if (state.done || Date.now() >= until || signal.aborted) return state;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }),
});

export const kubeRolloutRestart = defineTool<{ kind: string; name: string; context?: string; namespace?: string }, { restartedAt: string }, undefined, undefined>({
  name: 'kubernetes.rollout.restart',
  description: 'Restart the pods of a Deployment, StatefulSet or DaemonSet with a rolling update (as kubectl rollout restart). A restart cannot be undone.',
  input: z.object({ kind: workload, name: z.string().min(1), ...where }).strict(),
  output: z.object({ restartedAt: z.string() }),
  risk: ({ input }) => assess('write', `restarts every pod of ${input.kind}/${input.name}, one by one`),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl rollout restart ${input.kind}/${input.name}: pods are replaced one by one. A restart cannot be undone.` }),
  run: ({ input, ctx }) =>
    onWorkload(ctx, input, async (clients, spec) => {
      const restartedAt = new Date().toISOString();
      // The annotation kubectl sets: a changed pod template makes the controller roll the pods.
      await clients.objects.patch({ ...spec, spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } } as KubernetesObject, undefined, undefined, 'reign', undefined, 'application/strategic-merge-patch+json');
      return { restartedAt };
    }),
  idempotent: false,
  describeChange: (input) => `restarted ${input.kind}/${input.name}`,
});

export const kubeRolloutTools = [kubeRolloutStatus, kubeRolloutRestart];
