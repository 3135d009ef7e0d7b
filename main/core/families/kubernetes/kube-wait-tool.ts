import { setTimeout as sleep } from 'node:timers/promises';
import type { Watch } from '@kubernetes/client-node';
import { z } from 'zod';
import { defineReadTool, type ToolResult, toolFailure } from '../../tools/tool-definition';
import type { KubeClients } from './kube-access';
import { kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { clusterTarget } from './kube-change-risk';
import { resolveKind } from './kube-kinds';
import { kubeConfigOf, kubeRequest, resourceOf } from './kube-raw';
import { checkCondition, describeCondition, parseWaitCondition, type WaitCondition, waitForms } from './kube-wait-condition';

type Listed = { metadata: { name: string } };

/** The objects waited on: one by name, or every object a label selector matches. */
interface Subject {
  readonly collection: string;
  readonly name?: string;
  readonly labelSelector?: string;
  readonly label: string;
}

/** Where the objects stand against the condition; `pending` names what is still false. */
function judge(objects: ReadonlyMap<string, unknown>, subject: Subject, condition: WaitCondition): { met: boolean; pending: string } {
  if (subject.name !== undefined) {
    const object = objects.get(subject.name);
    if (condition.kind === 'delete') return { met: !object, pending: 'it still exists' };
    if (!object) return { met: false, pending: 'it does not exist' };
    const verdict = checkCondition(object, condition);
    return { met: verdict.met, pending: verdict.detail };
  }
  if (condition.kind === 'delete') return { met: objects.size === 0, pending: `${objects.size} still exist (${[...objects.keys()].slice(0, 10).join(', ')})` };
  if (!objects.size) return { met: false, pending: `nothing matches ${subject.labelSelector}` };
  const unmet = [...objects].map(([name, object]) => ({ name, ...checkCondition(object, condition) })).filter((verdict) => !verdict.met);
  return { met: unmet.length === 0, pending: unmet.slice(0, 10).map((verdict) => `${verdict.name}: ${verdict.detail}`).join('; ') };
}

/** Follows a watch until `onEvent` says the condition is met, the deadline passes, or the stream ends (the caller lists again). */
function watchUntil(WatchClass: typeof Watch, clients: KubeClients, path: string, query: Record<string, string | number | boolean | undefined>, deadline: number, signal: AbortSignal, onEvent: (phase: string, object: Listed) => boolean): Promise<'met' | 'deadline' | 'ended'> {
  return new Promise((resolve) => {
    let settled = false;
    let controller: AbortController | undefined;
    const settle = (outcome: 'met' | 'deadline' | 'ended') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      controller?.abort();
      resolve(outcome);
    };
    const onAbort = () => settle('deadline');
    const timer = setTimeout(() => settle('deadline'), Math.max(0, deadline - Date.now()));
    signal.addEventListener('abort', onAbort, { once: true });
    const watch = new WatchClass(kubeConfigOf(clients));
    watch
      .watch(
        path,
        { ...query, allowWatchBookmarks: true, timeoutSeconds: Math.max(1, Math.ceil((deadline - Date.now()) / 1000)) },
        (phase, object: Listed) => {
          if (settled || phase === 'BOOKMARK') return;
          // ERROR is mostly 410 Gone: the version listed is too old to watch from, so list again.
          if (phase === 'ERROR') return settle('ended');
          if (onEvent(phase, object)) settle('met');
        },
        () => settle('ended'),
      )
      .then(
        (opened) => {
          controller = opened;
          if (settled) opened.abort();
        },
        () => settle('ended'),
      );
  });
}

/**
 * Waits until the subject meets the condition: lists it, then follows a watch from that list (listing
 * again whenever the stream ends). Fails with `TIMEOUT` naming what was still false.
 */
export async function waitFor(clients: KubeClients, subject: Subject, condition: WaitCondition, timeoutMs: number, signal: AbortSignal): Promise<ToolResult<{ met: string; objects: string[]; waitedMs: number }>> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const query = subject.name !== undefined ? { fieldSelector: `metadata.name=${subject.name}` } : { labelSelector: subject.labelSelector };
  const objects = new Map<string, unknown>();
  const done = () => ({ ok: true as const, output: { met: `${describeCondition(condition)} of ${subject.label}`, objects: [...objects.keys()].sort(), waitedMs: Date.now() - started } });
  let verdict = { met: false, pending: 'not read yet' };
  // client-node loads on first use, as everywhere in the family.
  const { Watch: WatchClass } = await import('@kubernetes/client-node');
  for (;;) {
    const list = await kubeRequest<{ items: Listed[]; metadata: { resourceVersion: string } }>(clients, 'GET', subject.collection, { query, signal });
    objects.clear();
    for (const item of list.items) objects.set(item.metadata.name, item);
    verdict = judge(objects, subject, condition);
    if (verdict.met) return done();
    if (Date.now() >= deadline || signal.aborted) break;
    const watchedAt = Date.now();
    const outcome = await watchUntil(WatchClass, clients, subject.collection, { ...query, resourceVersion: list.metadata.resourceVersion }, deadline, signal, (phase, object) => {
      if (phase === 'DELETED') objects.delete(object.metadata.name);
      else objects.set(object.metadata.name, object);
      verdict = judge(objects, subject, condition);
      return verdict.met;
    });
    if (outcome === 'met') return done();
    if (outcome === 'deadline') break;
    // A stream refused at once (not allowed to watch, say) must not turn into a busy loop of lists.
    if (Date.now() - watchedAt < 1000) await sleep(1000, undefined, { signal }).catch(() => undefined);
  }
  if (signal.aborted) return toolFailure('ABORTED', `stopped waiting for ${describeCondition(condition)} of ${subject.label}: ${verdict.pending}`);
  return toolFailure('TIMEOUT', `timed out after ${(timeoutMs / 1000).toFixed(timeoutMs % 1000 ? 1 : 0)}s waiting for ${describeCondition(condition)} of ${subject.label}: ${verdict.pending}`);
}

interface WaitInput {
  kind: string;
  apiVersion?: string;
  name?: string;
  labelSelector?: string;
  for: string;
  timeoutMs: number;
  context?: string;
  namespace?: string;
}

const subjectText = (input: WaitInput): string => (input.name !== undefined ? `${input.kind}/${input.name}` : `${input.kind} -l ${input.labelSelector}`);

export const kubeWait = defineReadTool<WaitInput, { met: string; objects: string[]; waitedMs: number }>({
  name: 'kubernetes.wait',
  description: `Wait, with a watch, until one object (name) or every object a label selector matches meets a condition, as kubectl wait: for is ${waitForms}. Fails at timeoutMs naming what was still false.`,
  input: z
    .object({
      kind: z.string().min(1).describe('Kind as kubectl takes it: deploy, pod, job, node, or a CRD kind with apiVersion'),
      apiVersion: z.string().min(1).optional(),
      name: z.string().min(1).optional().describe('One object (or labelSelector)'),
      labelSelector: z.string().min(1).optional().describe('Every object it matches (or name)'),
      for: z.string().min(1).describe(`What to wait for: ${waitForms}`),
      timeoutMs: z.number().int().min(0).max(600_000).default(60_000),
      context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
      namespace: z.string().min(1).optional().describe("Namespace (default: the context's)"),
    })
    .strict()
    .superRefine((value, issues) => {
      if ((value.name === undefined) === (value.labelSelector === undefined)) issues.addIssue({ code: 'custom', path: ['name'], message: 'give either name (one object) or labelSelector (every object it matches), not both or neither' });
      try {
        parseWaitCondition(value.for);
      } catch (error) {
        issues.addIssue({ code: 'custom', path: ['for'], message: (error as Error).message });
      }
    }),
  output: z.object({ met: z.string(), objects: z.array(z.string()), waitedMs: z.number() }),
  reads: 'waits for a Kubernetes object',
  target: ({ input, ctx }) => {
    const place = ctx.access(kubeKey).where(input);
    try {
      if (!resolveKind(input.kind, input.apiVersion).namespaced) return clusterTarget(place.context);
    } catch {
      // An unknown kind fails when it runs, saying what to do; its target is its namespace.
    }
    return place.target;
  },
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl wait ${subjectText(input)} --for=${input.for} --timeout=${Math.round(input.timeoutMs / 1000)}s${input.namespace ? ` -n ${input.namespace}` : ''}` }),
  examples: [
    { kind: 'deployment', name: 'web', namespace: 'shop', for: 'condition=Available', timeoutMs: 120_000 },
    { kind: 'pod', labelSelector: 'app=web', namespace: 'shop', for: 'Ready' },
    { kind: 'pod', name: 'web-0', namespace: 'shop', for: 'jsonpath={.status.phase}=Running' },
    { kind: 'namespace', name: 'shop-staging', for: 'delete' },
  ],
  run: ({ input, ctx, signal }) =>
    kubeCall(ctx, input, `Waiting for ${subjectText(input)}`, async (clients, namespace) => {
      const info = resolveKind(input.kind, input.apiVersion);
      const resource = await resourceOf(clients, info.apiVersion, info.kind);
      const placed = resource.namespaced ? namespace : null;
      const label = `${input.name !== undefined ? `${info.kind}/${input.name}` : `${info.kind} objects matching ${input.labelSelector}`}${placed ? ` in ${placed}` : ''}`;
      return waitFor(clients, { collection: resource.collection(placed), name: input.name, labelSelector: input.labelSelector, label }, parseWaitCondition(input.for), input.timeoutMs, signal);
    }),
});

export const kubeWaitTools = [kubeWait];
