import { z } from 'zod';
import { defineReadTool } from '../../tools/tool-definition';
import { kubeCall } from './kube-call';
import { kubeDescribe } from './kube-describe';
import { resolveKindLive } from './kube-discovery';
import { redactSecret, summarize, withoutServerNoise } from './kube-objects';
import { apiVersion, defineKubeRead, kind, readTarget, where } from './kube-read-target';

/** The client gives timestamps as Date objects (or strings, from some paths): ISO text either way. */
const createdIso = (value: Date | string | undefined): string | null => (value ? new Date(value).toISOString() : null);

export const kubeList = defineKubeRead({
  name: 'kubernetes.list',
  description: 'List objects of one kind (pods, deployments, services, any custom resource) in a namespace, or in every namespace, with a one-line status each. Secrets show their key names only.',
  input: z.object({ kind, apiVersion, ...where, allNamespaces: z.boolean().default(false), labelSelector: z.string().optional() }).strict(),
  output: z.object({ items: z.array(z.object({ name: z.string(), namespace: z.string().nullable(), status: z.string(), created: z.string().nullable().describe('When it was created (ISO 8601)') })), count: z.number() }),
  reads: 'lists Kubernetes objects',
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl get ${input.kind}${input.allNamespaces ? ' --all-namespaces' : input.namespace ? ` -n ${input.namespace}` : ''}${input.labelSelector ? ` -l ${input.labelSelector}` : ''}${input.context ? ` --context ${input.context}` : ''}` }),
  examples: [{ kind: 'pods' }, { kind: 'deploy', namespace: 'payments' }],
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, `Listing ${input.kind}`, async (clients, namespace) => {
      const info = await resolveKindLive(ctx, input, clients, input.kind, input.apiVersion);
      const list = await clients.objects.list(info.apiVersion, info.kind, info.namespaced && !input.allNamespaces ? namespace : undefined, undefined, undefined, undefined, undefined, input.labelSelector);
      const items = list.items.map((object) => ({ name: object.metadata?.name ?? '', namespace: object.metadata?.namespace ?? null, status: summarize({ ...object, kind: info.kind }), created: createdIso(object.metadata?.creationTimestamp) }));
      return { ok: true, output: { items, count: items.length } };
    }),
});

export const kubeGet = defineKubeRead({
  name: 'kubernetes.get',
  description: 'One object as the cluster has it (spec and status, without managed fields). Secret values are never shown: each is replaced by its size.',
  input: z.object({ kind, name: z.string().min(1), apiVersion, ...where }).strict(),
  output: z.object({ object: z.record(z.string(), z.unknown()) }),
  reads: 'reads a Kubernetes object',
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl get ${input.kind} ${input.name} -o yaml${input.namespace ? ` -n ${input.namespace}` : ''}` }),
  examples: [{ kind: 'deployment', name: 'web', namespace: 'payments' }],
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, `Reading ${input.kind} ${input.name}`, async (clients, namespace) => {
      const info = await resolveKindLive(ctx, input, clients, input.kind, input.apiVersion);
      const object = await clients.objects.read({ apiVersion: info.apiVersion, kind: info.kind, metadata: { name: input.name, ...(info.namespaced ? { namespace } : {}) } });
      return { ok: true, output: { object: redactSecret(withoutServerNoise({ ...object, apiVersion: info.apiVersion, kind: info.kind })) as Record<string, unknown> } };
    }),
});

export const kubeEvents = defineReadTool({
  name: 'kubernetes.events',
  description: "Events of a namespace, newest last, or of one object (name): why a pod is pending, crashing or not pulled.",
  input: z.object({ ...where, name: z.string().min(1).optional().describe('Only the events of the object with this name') }).strict(),
  output: z.object({ events: z.array(z.object({ type: z.string(), reason: z.string(), object: z.string(), message: z.string(), count: z.number(), last: z.string().nullable() })) }),
  reads: 'reads Kubernetes events',
  target: ({ input, ctx }) => readTarget(input, ctx),
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl events${input.namespace ? ` -n ${input.namespace}` : ''}${input.name ? ` --for ${input.name}` : ''}` }),
  examples: [{ namespace: 'payments', name: 'web-5d9f7' }],
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, 'Reading events', async (clients, namespace) => {
      const list = await clients.core.listNamespacedEvent({ namespace, ...(input.name ? { fieldSelector: `involvedObject.name=${input.name}` } : {}) });
      const events = list.items
        .map((event) => ({ type: event.type ?? '', reason: event.reason ?? '', object: `${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}`, message: event.message ?? '', count: event.count ?? 1, last: (event.lastTimestamp ?? event.eventTime ?? event.metadata.creationTimestamp)?.toString() ?? null }))
        .sort((a, b) => String(a.last).localeCompare(String(b.last)));
      return { ok: true, output: { events } };
    }),
});

export const kubeReadTools = [kubeList, kubeGet, kubeDescribe, kubeEvents];
