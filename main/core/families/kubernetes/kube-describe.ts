import type { CoreV1Event } from '@kubernetes/client-node';
import { z } from 'zod';
import { kubeCall } from './kube-call';
import { describedEvents, describeText } from './kube-describe-text';
import { resolveKindLive } from './kube-discovery';
import { redactSecret, withoutServerNoise } from './kube-objects';
import { apiVersion, defineKubeRead, kind, where } from './kube-read-target';

/** Enough events to see what happened lately; a crash-looping pod can have hundreds. */
const MAX_EVENTS = 100;

export const kubeDescribe = defineKubeRead({
  name: 'kubernetes.describe',
  description: "One object in words, as kubectl describe shows it: who it is, its state, spec and status, and the events about it (why a pod is pending, a rollout stuck). Any kind, custom resources included. Secret values are never shown, only their sizes.",
  input: z.object({ kind, name: z.string().min(1), apiVersion, ...where }).strict(),
  output: z.object({
    text: z.string(),
    events: z.array(z.object({ type: z.string(), reason: z.string(), age: z.string(), from: z.string(), message: z.string(), count: z.number() })),
  }),
  reads: 'describes a Kubernetes object and its events',
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl describe ${input.kind} ${input.name}${input.namespace ? ` -n ${input.namespace}` : ''}${input.context ? ` --context ${input.context}` : ''}` }),
  examples: [{ kind: 'deployment', name: 'web', namespace: 'payments' }, { kind: 'node', name: 'worker-1' }],
  run: ({ input, ctx, log }) =>
    kubeCall(ctx, input, `Describing ${input.kind} ${input.name}`, async (clients, namespace) => {
      const info = await resolveKindLive(ctx, input, clients, input.kind, input.apiVersion);
      const live = await clients.objects.read({ apiVersion: info.apiVersion, kind: info.kind, metadata: { name: input.name, ...(info.namespaced ? { namespace } : {}) } });
      const object = redactSecret(withoutServerNoise({ ...live, apiVersion: info.apiVersion, kind: info.kind }));
      // The events kubectl describe shows: those whose involvedObject is this very object (by uid, so
      // not a deleted namesake's); a cluster-scoped object's land in any namespace (mostly default).
      const fieldSelector = [`involvedObject.kind=${info.kind}`, `involvedObject.name=${input.name}`, ...(live.metadata?.uid ? [`involvedObject.uid=${live.metadata.uid}`] : [])].join(',');
      const list = info.namespaced ? await clients.core.listNamespacedEvent({ namespace, fieldSelector }) : await clients.core.listEventForAllNamespaces({ fieldSelector });
      const now = new Date();
      const all = describedEvents(list.items as CoreV1Event[], now);
      const events = all.slice(-MAX_EVENTS);
      const text = describeText(object, events, now) + (all.length > events.length ? `  (${all.length - events.length} older events left out)\n` : '');
      log('stdout', text);
      return { ok: true, output: { text, events } };
    }),
});
