import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, toolFailure, type ToolContext } from '../../tools/tool-definition';
import { kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { comparable } from './kube-manifests';
import { namespaceContents } from './kube-namespace-contents';
import { kubeRequest, readOrNull } from './kube-raw';

const context = z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)');
const dnsLabel = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace name is lower-case letters, digits and "-", starting and ending with a letter or digit');

/** The cluster's own namespaces: deleting one breaks the cluster (or every workload that assumed `default`). */
const clusterOwned = ['kube-system', 'kube-public', 'kube-node-lease', 'default'];

const path = (name: string): string => `/api/v1/namespaces/${encodeURIComponent(name)}`;
/** A step on a namespace targets that namespace: rules and approvals for it match. */
const namespaceTarget = (input: { name: string; context?: string }, ctx: ToolContext) => ctx.access(kubeKey).where({ context: input.context, namespace: input.name }).target;

type NamespaceObject = { apiVersion: string; kind: string; metadata: { name: string; uid?: string; labels?: Record<string, string> } };

const namespaceOf = (input: { name: string; labels?: Record<string, string> }): NamespaceObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.name, ...(input.labels ? { labels: input.labels } : {}) } });

export const kubeNamespaceCreate = defineTool<{ name: string; labels?: Record<string, string>; context?: string }, { created: string; uid: string }, { existed: boolean }, undefined>({
  name: 'kubernetes.namespace.create',
  description: 'Create a namespace (with labels, e.g. pod-security.kubernetes.io/enforce). Undo deletes it again, with whatever was put in it since, if Reign created it.',
  input: z.object({ name: dnsLabel, labels: z.record(z.string(), z.string()).optional(), context }).strict(),
  output: z.object({ created: z.string(), uid: z.string() }),
  risk: ({ input }) => assess('write', `creates namespace ${input.name}`),
  target: ({ input, ctx }) => namespaceTarget(input, ctx),
  preview: async ({ input, ctx }) => {
    const result = await kubeCall(ctx, { context: input.context }, null, async (clients) => {
      if (await readOrNull(clients, path(input.name))) return { ok: true as const, output: null };
      const dry = await kubeRequest<NamespaceObject>(clients, 'POST', '/api/v1/namespaces', { body: namespaceOf(input), query: { dryRun: 'All', fieldManager: 'reign' } });
      return { ok: true as const, output: comparable(dry) };
    });
    if (!result.ok) return { kind: 'text', text: `The server refused the namespace in a dry run, so the step would fail: ${result.error.message}` };
    if (result.output === null) return { kind: 'text', text: `Namespace ${input.name} already exists; the step would fail and change nothing.` };
    return { kind: 'file', path: `Namespace/${input.name} (server-side dry run)`, before: null, after: result.output };
  },
  snapshot: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    return { existed: (await readOrNull(await access.clients(access.where(input).context), path(input.name))) !== null };
  },
  run: ({ input, ctx }) =>
    kubeCall(ctx, { context: input.context }, `Creating namespace ${input.name}`, async (clients) => {
      const created = await kubeRequest<NamespaceObject>(clients, 'POST', '/api/v1/namespaces', { body: namespaceOf(input), query: { fieldManager: 'reign' } });
      return { ok: true, output: { created: created.metadata.name, uid: created.metadata.uid ?? '' } };
    }),
  undo: async ({ input, output, snapshot, ctx }) => {
    if (snapshot.existed || !output) return { ok: true, output: null };
    return kubeCall(ctx, { context: input.context }, `Deleting namespace ${input.name}`, async (clients) => {
      // Only the namespace Reign created: one deleted and made again by someone else since is theirs.
      await kubeRequest(clients, 'DELETE', path(input.name), { body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid: output.uid } } }).catch((error: { code?: number }) => {
        if (error.code !== 404) throw error;
      });
      return { ok: true, output: null };
    });
  },
  examples: [{ name: 'shop-staging' }, { name: 'batch', labels: { team: 'data' } }],
  idempotent: false,
  describeChange: (input) => `created namespace ${input.name}`,
});

const NO_UNDO = 'This cannot be undone: the objects are deleted with it, and Reign keeps no copy.';

export const kubeNamespaceDelete = defineTool<{ name: string; context?: string }, { deleted: string; phase: string }, undefined, undefined>({
  name: 'kubernetes.namespace.delete',
  description: "Delete a namespace and everything in it (deployments, pods, secrets, volumes claims…). The preview counts what would go, by kind. Cannot be undone. The cluster's own namespaces (kube-system, kube-public, kube-node-lease, default) are refused.",
  input: z
    .object({
      name: dnsLabel.refine((name) => !clusterOwned.includes(name), { message: `is one of the cluster's own namespaces (${clusterOwned.join(', ')}): Reign does not delete it. Delete the objects in it instead.` }),
      context,
    })
    .strict(),
  output: z.object({ deleted: z.string(), phase: z.string() }),
  risk: ({ input }) => assess('critical', `deletes namespace ${input.name} with everything in it; this cannot be undone`),
  target: ({ input, ctx }) => namespaceTarget(input, ctx),
  preview: async ({ input, ctx }) => {
    const result = await kubeCall(ctx, { context: input.context }, null, async (clients) => {
      if (!(await readOrNull(clients, path(input.name)))) return { ok: true as const, output: null };
      return { ok: true as const, output: await namespaceContents(clients, input.name) };
    });
    if (!result.ok) return { kind: 'text', text: `Cannot read namespace ${input.name}: ${result.error.message}. ${NO_UNDO}` };
    if (!result.output) return { kind: 'text', text: `Namespace ${input.name} does not exist; the step would fail. ${NO_UNDO}` };
    const { counts, total, unreadable } = result.output;
    const lines = Object.entries(counts).map(([kind, count]) => `  ${kind}: ${count}`);
    return {
      kind: 'text',
      text: [
        `Deletes namespace ${input.name} and the ${total} object(s) in it. ${NO_UNDO}`,
        ...(lines.length ? ['By kind:', ...lines] : ['It is empty.']),
        ...(unreadable.length ? [`Not counted (you may not list them here): ${unreadable.join(', ')}`] : []),
      ].join('\n'),
    };
  },
  run: ({ input, ctx }) => {
    if (clusterOwned.includes(input.name)) return Promise.resolve(toolFailure('REFUSED', `${input.name} is one of the cluster's own namespaces: Reign does not delete it`));
    return kubeCall(ctx, { context: input.context }, `Deleting namespace ${input.name}`, async (clients) => {
      const deleted = await kubeRequest<{ status?: { phase?: string } }>(clients, 'DELETE', path(input.name));
      return { ok: true, output: { deleted: input.name, phase: deleted.status?.phase ?? 'Terminating' } };
    });
  },
  examples: [{ name: 'shop-staging' }],
  idempotent: false,
  describeChange: (input) => `deleted namespace ${input.name} and everything in it`,
});

export const kubeNamespaceTools = [kubeNamespaceCreate, kubeNamespaceDelete];
