import type { KubernetesObject } from '@kubernetes/client-node';
import { z } from 'zod';
import { defineTool, toolFailure } from '../../tools/tool-definition';
import type { KubeClients } from './kube-access';
import { kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { type ChangedObject, changeRisk, clusterTarget, isClusterWide } from './kube-change-risk';
import { resolveKind } from './kube-kinds';
import { comparable, describeObject } from './kube-manifests';
import { redactSecret } from './kube-objects';
import { type PatchType, patchBody, patchTypes } from './kube-patch-body';
import { kubeRequest, readOrNull, resourceOf } from './kube-raw';

const FIELD_MANAGER = 'reign';
const where = {
  context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
  namespace: z.string().min(1).optional().describe("Namespace (default: the context's; ignored for cluster-scoped kinds)"),
};

interface PatchInput {
  kind: string;
  name: string;
  apiVersion?: string;
  patch: unknown;
  type: PatchType;
  context?: string;
  namespace?: string;
}

/** What undo needs: the object as it was. A Secret's values are left out: Reign stores no secret values. */
interface PatchSnapshot {
  readonly object: KubernetesObject | null;
  readonly path: string;
  readonly secretValuesLeftOut: boolean;
}

/** The object a patch names, without asking the cluster (built-in kinds know their scope; others are taken as namespaced). */
function namedObject(input: PatchInput, namespace: string): ChangedObject {
  try {
    const info = resolveKind(input.kind, input.apiVersion);
    return { kind: info.kind, name: input.name, namespace: info.namespaced ? namespace : null };
  } catch {
    return { kind: input.kind, name: input.name, namespace };
  }
}

/** The object and its API path, with its scope from the cluster's discovery (a custom kind may be cluster-scoped). */
async function locate(clients: KubeClients, input: PatchInput, namespace: string): Promise<{ object: ChangedObject; path: string }> {
  const info = resolveKind(input.kind, input.apiVersion);
  const resource = await resourceOf(clients, info.apiVersion, info.kind);
  const placed = resource.namespaced ? namespace : null;
  return { object: { kind: info.kind, name: input.name, namespace: placed }, path: resource.item(input.name, placed) };
}

/** Sends the patch (or its dry run); a strategic patch of a custom resource gets a hint, since only built-in kinds take one. */
async function sendPatch(clients: KubeClients, path: string, input: PatchInput, dryRun: boolean): Promise<KubernetesObject> {
  const { body, contentType } = patchBody(input.patch, input.type);
  try {
    return await kubeRequest<KubernetesObject>(clients, 'PATCH', path, { body, contentType, query: { fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', ...(dryRun ? { dryRun: 'All' } : {}) } });
  } catch (error) {
    if ((error as { code?: number }).code === 415 && input.type === 'strategic') throw Object.assign(error as Error, { message: `${(error as Error).message} (custom resources take no strategic merge patch: use type "merge" or "json")` });
    throw error;
  }
}

type WithData = KubernetesObject & { data?: Record<string, string> };

/**
 * Both sides of a diff as a person may see them. A Secret's values are redacted to their sizes, so a
 * value changed for one of the same size is marked, or the diff would hide the change.
 */
function redactedDiff(live: WithData, dry: WithData): { before: string | null; after: string | null } {
  const after = redactSecret(dry) as WithData;
  if (dry.kind === 'Secret' && after.data) {
    for (const key of Object.keys(after.data)) if (dry.data?.[key] !== live.data?.[key]) after.data[key] = after.data[key]!.replace(/\]$/, ', changed]');
  }
  return { before: comparable(redactSecret(live)), after: comparable(after) };
}

/** Puts an object back as it was (spec, metadata), over what changed since; a newer version written meanwhile is read again. */
export async function restoreObject(clients: KubeClients, path: string, previous: KubernetesObject): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const live = await readOrNull<KubernetesObject>(clients, path);
    const metadata = { ...previous.metadata, resourceVersion: live?.metadata?.resourceVersion, managedFields: undefined };
    try {
      if (live) await kubeRequest(clients, 'PUT', path, { body: { ...previous, metadata }, query: { fieldManager: FIELD_MANAGER } });
      else await kubeRequest(clients, 'POST', path.slice(0, path.lastIndexOf('/')), { body: { ...previous, metadata: { ...metadata, resourceVersion: undefined, uid: undefined } }, query: { fieldManager: FIELD_MANAGER } });
      return;
    } catch (error) {
      if ((error as { code?: number }).code !== 409 || attempt === 5) throw error;
    }
  }
}

export const kubePatch = defineTool<PatchInput, { patched: string; changed: boolean }, PatchSnapshot, ChangedObject>({
  name: 'kubernetes.patch',
  description:
    'Patch one object in place, as kubectl patch: a strategic merge patch (default; built-in kinds), a JSON merge patch (type "merge") or a JSON patch (type "json", a list of operations). The preview is the server\'s dry run diffed against the live object; undo puts the previous object back.',
  input: z
    .object({
      kind: z.string().min(1).describe('Kind as kubectl takes it: deploy, Deployment, cm, or a CRD kind with apiVersion'),
      name: z.string().min(1),
      apiVersion: z.string().min(1).optional().describe('Needed for kinds that are not built in (CRDs)'),
      patch: z.union([z.string().min(1), z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]).describe('The patch: JSON or YAML text, or the value itself'),
      type: z.enum(patchTypes).default('strategic').describe('strategic (default), merge (RFC 7386) or json (RFC 6902)'),
      ...where,
    })
    .strict()
    // A patch of the wrong shape for its type is refused when proposed, with what it should look like.
    .superRefine((value, issues) => {
      try {
        patchBody(value.patch, value.type);
      } catch (error) {
        issues.addIssue({ code: 'custom', path: ['patch'], message: (error as Error).message });
      }
    }),
  output: z.object({ patched: z.string(), changed: z.boolean() }),
  inspect: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    if (place.problem) return namedObject(input, place.namespace);
    return (await locate(await access.clients(place.context), input, place.namespace)).object;
  },
  risk: ({ input, ctx, facts }) => {
    const object = facts ?? namedObject(input, ctx.access(kubeKey).where(input).namespace);
    return changeRisk(`patches ${describeObject(object)} (${input.type} patch)`, [object]);
  },
  target: ({ input, ctx, facts }) => {
    const place = ctx.access(kubeKey).where(input);
    return isClusterWide(facts ?? namedObject(input, place.namespace)) ? clusterTarget(place.context) : place.target;
  },
  preview: async ({ input, ctx }) => {
    const result = await kubeCall(ctx, input, null, async (clients, namespace) => {
      const { object, path } = await locate(clients, input, namespace);
      const live = await readOrNull<KubernetesObject>(clients, path);
      if (!live) return { ok: true as const, output: { object, before: null, after: null } };
      // The server's dry run: defaults, validation and admission as the real patch would meet them.
      const dry = await sendPatch(clients, path, input, true);
      return { ok: true as const, output: { object, ...redactedDiff(live, dry) } };
    });
    if (!result.ok) return { kind: 'text', text: `The patch would fail (the server refused its dry run, or the object cannot be found): ${result.error.message}` };
    const { object, before, after } = result.output;
    if (before === null) return { kind: 'text', text: `${describeObject(object)} does not exist; the patch would fail.` };
    if (before === after) return { kind: 'text', text: `The server's dry run shows the patch changes nothing in ${describeObject(object)}.` };
    const secretNote = object.kind === 'Secret' ? ' (undo cannot put back its values: Reign does not store secret values)' : '';
    return { kind: 'file', path: `${describeObject(object)} (server-side dry run)${secretNote}`, before, after };
  },
  snapshot: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    const clients = await access.clients(place.context);
    const { path } = await locate(clients, input, place.namespace);
    const object = await readOrNull<KubernetesObject & { data?: unknown; stringData?: unknown }>(clients, path);
    if (object?.kind === 'Secret') return { object: { ...object, data: undefined, stringData: undefined }, path, secretValuesLeftOut: true };
    return { object, path, secretValuesLeftOut: false };
  },
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, null, async (clients, namespace) => {
      const { object, path } = await locate(clients, input, namespace);
      const before = await kubeRequest<KubernetesObject>(clients, 'GET', path);
      const after = await sendPatch(clients, path, input, false);
      return { ok: true, output: { patched: describeObject(object), changed: after.metadata?.resourceVersion !== before.metadata?.resourceVersion } };
    }),
  undo: async ({ input, snapshot, output, ctx }) => {
    if (!snapshot.object || output?.changed === false) return { ok: true, output: null };
    if (snapshot.secretValuesLeftOut) return toolFailure('UNDO_UNAVAILABLE', `${input.kind}/${input.name} is a Secret: Reign does not store secret values, so it cannot put the previous ones back. Restore them from where they came from.`);
    return kubeCall(ctx, input, `Restoring ${input.kind}/${input.name}`, async (clients) => {
      await restoreObject(clients, snapshot.path, snapshot.object!);
      return { ok: true, output: null };
    });
  },
  examples: [
    { kind: 'deployment', name: 'web', namespace: 'shop', patch: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } } },
    { kind: 'configmap', name: 'settings', namespace: 'shop', type: 'merge', patch: '{"data":{"mode":"fast"}}' },
    { kind: 'deploy', name: 'web', namespace: 'shop', type: 'json', patch: [{ op: 'replace', path: '/spec/replicas', value: 3 }] },
  ],
  // A JSON patch that adds to a list is not safe to send twice.
  idempotent: false,
  describeChange: (input) => `patched ${input.kind}/${input.name} (${input.type} patch)`,
});

export const kubePatchTools = [kubePatch];
