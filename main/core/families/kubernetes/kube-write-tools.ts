import type { KubernetesObject } from '@kubernetes/client-node';
import { z } from 'zod';
import { assess } from '../../policy/risk';
import { defineTool, type ToolContext, type ToolResult, toolFailure } from '../../tools/tool-definition';
import { kubeKey } from './kube-access';
import { apiMessage, kubeCall } from './kube-call';
import { changeRisk } from './kube-change-risk';
import { resolveKindLive } from './kube-discovery';
import { resolveKind } from './kube-kinds';
import { comparable, describeObject, type ManifestObject, parseManifest, readLive } from './kube-manifests';
import { redactSecret } from './kube-objects';
import { serverSideApply } from './kube-raw';

const FIELD_MANAGER = 'reign';
const where = {
  context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
  namespace: z.string().min(1).optional().describe("Namespace for objects that name none (default: the context's)"),
};
const workloads = /^(Deployment|StatefulSet|DaemonSet|ReplicaSet|Job|CronJob|Pod|PersistentVolumeClaim|Service|Ingress|ConfigMap|Secret)$/;

/** A live object as a snapshot keeps it: a Secret without its values (snapshots are stored with the run). */
const keptWithoutValues = (object: KubernetesObject | null): KubernetesObject | null => object && redactSecret(object);

/** An API error about one object of a manifest: which object, and what a refusal means for the person. */
async function forObject<T>(entry: ManifestObject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const said = apiMessage(error);
    // A 404 of the kind's own path (not of an object or namespace the server names) means the kind is not served.
    const message =
      (code === 404 && /could not find the requested resource|Failed to fetch resource metadata|^HTTP 404/.test(said)) || code === 'UNKNOWN_KIND'
        ? `the cluster does not serve ${entry.kind} in ${entry.object.apiVersion} (an API version removed from Kubernetes, or a CRD that is not installed)`
        : code === 409 && /conflict/i.test(said)
          ? `${said}. Other field managers own these fields: apply with force: true (reign kube apply --force-conflicts) to take them over`
          : said;
    throw Object.assign(new Error(`${describeObject(entry)}: ${message}`), { code });
  }
}

interface ApplyFacts {
  readonly objects: { readonly kind: string; readonly name: string; readonly namespace: string | null; readonly exists: boolean }[];
}

export const kubeApply = defineTool<{ manifest: string; force: boolean; context?: string; namespace?: string }, { applied: string[] }, { before: (KubernetesObject | null)[] }, ApplyFacts>({
  name: 'kubernetes.apply',
  description: 'Server-side apply of a YAML manifest (one or more objects). The preview is the server\'s own dry run diffed against the live objects; undo restores what was there, or deletes what was created.',
  input: z
    .object({
      manifest: z.string().min(1).max(1_000_000).describe('YAML, one or more documents'),
      force: z.boolean().default(false).describe('Take over fields another field manager owns (kubectl, a controller); without it such a conflict is refused, naming the fields'),
      ...where,
    })
    .strict(),
  output: z.object({ applied: z.array(z.string()) }),
  inspect: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    const entries = parseManifest(input.manifest, place.namespace);
    if (place.problem) return { objects: entries.map((entry) => ({ kind: entry.kind, name: entry.name, namespace: entry.namespace, exists: false })) };
    const clients = await access.clients(place.context);
    return { objects: await Promise.all(entries.map(async (entry) => ({ kind: entry.kind, name: entry.name, namespace: entry.namespace, exists: (await readLive(clients, entry)) !== null }))) };
  },
  risk: ({ facts }) => {
    const objects = facts?.objects ?? [];
    return changeRisk(`applies ${objects.map(describeObject).join(', ') || 'a manifest'}`, objects);
  },
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input, ctx }) => {
    try {
      parseManifest(input.manifest, 'default');
    } catch (error) {
      return { kind: 'text', text: `The manifest cannot be applied: ${(error as Error).message}` };
    }
    const result = await kubeCall(ctx, input, null, async (clients, namespace) => {
      const entries = parseManifest(input.manifest, namespace);
      const before: string[] = [];
      const after: string[] = [];
      for (const entry of entries) {
        const live = await forObject(entry, () => readLive(clients, entry));
        // The server's dry run: validation, defaults and admission as the real apply would meet them.
        const dry = await forObject(entry, () => serverSideApply(clients, entry.object, { fieldManager: FIELD_MANAGER, force: input.force, dryRun: true }));
        if (live) before.push(comparable(redactSecret(live))!);
        after.push(comparable(redactSecret(dry))!);
      }
      return { ok: true as const, output: { before: before.join('---\n') || null, after: after.join('---\n') } };
    });
    if (!result.ok) return { kind: 'text', text: `The server refused the manifest in a dry run, so it would fail: ${result.error.message}` };
    return { kind: 'file', path: 'manifest (server-side dry run)', before: result.output.before, after: result.output.after };
  },
  snapshot: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    const clients = await access.clients(place.context);
    // Secrets are kept without their values (snapshots are stored with the run): undo says it cannot put one back.
    return { before: await Promise.all(parseManifest(input.manifest, place.namespace).map(async (entry) => keptWithoutValues(await readLive(clients, entry)))) };
  },
  run: ({ input, ctx, log }) =>
    kubeCall(ctx, input, null, async (clients, namespace) => {
      const applied: string[] = [];
      for (const entry of parseManifest(input.manifest, namespace)) {
        await forObject(entry, () => serverSideApply(clients, entry.object, { fieldManager: FIELD_MANAGER, force: input.force }));
        applied.push(describeObject(entry));
        log('info', `applied ${describeObject(entry)}\n`);
      }
      return { ok: true, output: { applied } };
    }),
  undo: ({ input, snapshot, ctx }) =>
    kubeCall(ctx, input, null, async (clients, namespace) => {
      const entries = parseManifest(input.manifest, namespace);
      const unrestorable: string[] = [];
      for (const [index, entry] of [...entries.entries()].reverse()) {
        const previous = snapshot.before[index];
        if (previous?.kind === 'Secret') {
          unrestorable.push(describeObject(entry));
          continue;
        }
        if (!previous) {
          await clients.objects.delete({ apiVersion: entry.object.apiVersion!, kind: entry.kind, metadata: { name: entry.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) } });
          continue;
        }
        // Put the previous object back as it was (its spec and metadata), over what the apply changed;
        // controllers keep writing status, so a replace that meets a newer version reads it again.
        for (let attempt = 1; ; attempt++) {
          const live = await readLive(clients, entry);
          const restored = { ...previous, metadata: { ...previous.metadata, resourceVersion: live?.metadata?.resourceVersion, managedFields: undefined } };
          try {
            await (live ? clients.objects.replace(restored) : clients.objects.create({ ...restored, metadata: { ...restored.metadata, resourceVersion: undefined, uid: undefined } }));
            break;
          } catch (error) {
            if ((error as { code?: number }).code !== 409 || attempt === 5) throw error;
          }
        }
      }
      if (unrestorable.length) return toolFailure('SECRET_NOT_KEPT', `${unrestorable.join(', ')} left as applied: Reign keeps no Secret values, so it cannot put the previous ones back; apply them again from their source (the rest was undone)`);
      return { ok: true, output: null };
    }),
  idempotent: true,
  describeChange: (input) => `applied a manifest of ${input.manifest.split(/^---$/m).length} document(s)`,
});

export const kubeDelete = defineTool<{ kind: string; name: string; apiVersion?: string; context?: string; namespace?: string }, { deleted: string }, { object: KubernetesObject | null }, undefined>({
  name: 'kubernetes.delete',
  description: 'Delete one object. Undo recreates it from its snapshot (without status and server-set fields; a pod\'s controller may already have replaced it).',
  input: z.object({ kind: z.string().min(1), name: z.string().min(1), apiVersion: z.string().optional(), ...where }).strict(),
  output: z.object({ deleted: z.string() }),
  risk: ({ input, ctx }) => {
    const place = ctx.access(kubeKey).where(input);
    let kind = input.kind;
    try {
      kind = resolveKind(input.kind, input.apiVersion).kind;
    } catch {
      // a custom resource: destructive like any workload
    }
    if (kind === 'Namespace' || place.namespace === 'kube-system' || kind === 'CustomResourceDefinition' || kind === 'Node') return assess('critical', `deletes ${kind}/${input.name}${kind === 'Namespace' ? ', with everything in it' : kind === 'CustomResourceDefinition' ? ', with every object of that kind' : ` in ${place.namespace}`}`);
    return assess('destructive', `deletes ${kind}/${input.name} in ${place.namespace}${workloads.test(kind) ? '' : ' (a custom or cluster resource)'}`);
  },
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input, ctx }) => {
    const result = await kubeCall(ctx, input, null, async (clients, namespace) => {
      const info = await resolveKindLive(ctx, input, clients, input.kind, input.apiVersion);
      const live = await readLive(clients, { object: { apiVersion: info.apiVersion, kind: info.kind }, kind: info.kind, name: input.name, namespace: info.namespaced ? namespace : null });
      return { ok: true as const, output: live };
    });
    if (!result.ok) return { kind: 'text', text: `Cannot read it: ${result.error.message}` };
    if (!result.output) return { kind: 'text', text: `${input.kind}/${input.name} does not exist; the step would fail.` };
    return { kind: 'file', path: `${input.kind}/${input.name}`, before: comparable(redactSecret(result.output)), after: null };
  },
  snapshot: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    const clients = await access.clients(place.context);
    const info = await resolveKindLive(ctx, input, clients, input.kind, input.apiVersion);
    return { object: keptWithoutValues(await readLive(clients, { object: { apiVersion: info.apiVersion, kind: info.kind }, kind: info.kind, name: input.name, namespace: info.namespaced ? place.namespace : null })) };
  },
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, null, async (clients, namespace) => {
      const info = await resolveKindLive(ctx, input, clients, input.kind, input.apiVersion);
      await clients.objects.delete({ apiVersion: info.apiVersion, kind: info.kind, metadata: { name: input.name, ...(info.namespaced ? { namespace } : {}) } });
      return { ok: true, output: { deleted: `${info.kind}/${input.name}` } };
    }),
  undo: ({ input, snapshot, ctx }) =>
    kubeCall(ctx, input, null, async (clients) => {
      if (!snapshot.object) return { ok: true, output: null };
      if (snapshot.object.kind === 'Secret') return toolFailure('SECRET_NOT_KEPT', `Secret/${input.name} cannot be recreated: Reign keeps no Secret values; create it again from its source`);
      const { status: _status, ...object } = snapshot.object as KubernetesObject & { status?: unknown };
      const { uid: _uid, resourceVersion: _rv, creationTimestamp: _created, managedFields: _managed, generation: _generation, ...metadata } = object.metadata ?? {};
      await clients.objects.create({ ...object, metadata });
      return { ok: true, output: null };
    }),
  idempotent: false,
  describeChange: (input) => `deleted ${input.kind}/${input.name}`,
});

export const kubeScale = defineTool<{ kind: string; name: string; replicas: number; context?: string; namespace?: string }, { from: number; to: number }, { replicas: number | null }, undefined>({
  name: 'kubernetes.scale',
  description: 'Set the replicas of a Deployment, StatefulSet or ReplicaSet. Undo sets them back.',
  input: z.object({ kind: z.enum(['Deployment', 'StatefulSet', 'ReplicaSet', 'deployment', 'statefulset', 'replicaset', 'deploy', 'sts', 'rs']), name: z.string().min(1), replicas: z.number().int().min(0).max(10_000), ...where }).strict(),
  output: z.object({ from: z.number(), to: z.number() }),
  risk: ({ input }) => (input.replicas === 0 ? assess('destructive', `scales ${input.name} to 0: it stops serving`) : assess('write', `scales ${input.name} to ${input.replicas}`)),
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl scale ${input.kind}/${input.name} --replicas=${input.replicas}${input.namespace ? ` -n ${input.namespace}` : ''} (undo sets the previous count back)` }),
  snapshot: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    const info = resolveKind(input.kind);
    const live = (await readLive(await access.clients(place.context), { object: { apiVersion: info.apiVersion, kind: info.kind }, kind: info.kind, name: input.name, namespace: place.namespace })) as (KubernetesObject & { spec?: { replicas?: number } }) | null;
    return { replicas: live?.spec?.replicas ?? null };
  },
  run: ({ input, ctx }) => scaleTo(ctx, input, input.replicas),
  undo: async ({ input, snapshot, ctx }) => (snapshot.replicas === null ? { ok: true, output: null } : scaleTo(ctx, input, snapshot.replicas)),
  idempotent: true,
  describeChange: (input) => `scaled ${input.kind}/${input.name} to ${input.replicas}`,
});

function scaleTo(ctx: ToolContext, input: { kind: string; name: string; context?: string; namespace?: string }, replicas: number): Promise<ToolResult<{ from: number; to: number }>> {
  return kubeCall(ctx, input, null, async (clients, namespace) => {
    const info = resolveKind(input.kind);
    const live = (await clients.objects.read({ apiVersion: info.apiVersion, kind: info.kind, metadata: { name: input.name, namespace } })) as KubernetesObject & { spec?: { replicas?: number } };
    await clients.objects.patch({ apiVersion: info.apiVersion, kind: info.kind, metadata: { name: input.name, namespace }, spec: { replicas } } as KubernetesObject, undefined, undefined, FIELD_MANAGER, undefined, 'application/merge-patch+json');
    return { ok: true, output: { from: live.spec?.replicas ?? 0, to: replicas } };
  });
}

export const kubeWriteTools = [kubeApply, kubeDelete, kubeScale];
