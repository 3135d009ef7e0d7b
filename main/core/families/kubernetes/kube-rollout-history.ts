import { stringify } from 'yaml';
import { z } from 'zod';
import { defineReadTool, defineTool, type Preview, toolFailure } from '../../tools/tool-definition';
import type { KubeClients } from './kube-access';
import { kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { changeRisk } from './kube-change-risk';
import { resolveKind } from './kube-kinds';
import { kubeRequest, resourceOf } from './kube-raw';
import { type ControllerRevisionLike, controllerRevisions, type DeploymentLike, deploymentRevisions, type PodTemplate, REVISION, type ReplicaSetLike, rollbackPatch, rollbackTarget, sameTemplate, templatePatch } from './kube-rollout-revisions';
import { workload } from './kube-rollout-tools';
import { type LabelSelector, selectorQuery } from './kube-selectors';

const where = {
  context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
  namespace: z.string().min(1).optional().describe("Namespace (default: the context's)"),
};

type Workload = DeploymentLike & { spec?: DeploymentLike['spec'] & { selector?: LabelSelector }; status?: { currentRevision?: string; updateRevision?: string } };

async function readWorkload(clients: KubeClients, kind: string, name: string, namespace: string): Promise<{ object: Workload; path: string }> {
  const resource = await resourceOf(clients, 'apps/v1', kind);
  const path = resource.item(name, namespace);
  return { object: await kubeRequest<Workload>(clients, 'GET', path), path };
}

/** The ReplicaSets that may belong to a Deployment (those its selector matches; ownership is checked by uid after). */
async function replicaSetsOf(clients: KubeClients, deployment: Workload, namespace: string): Promise<ReplicaSetLike[]> {
  const resource = await resourceOf(clients, 'apps/v1', 'ReplicaSet');
  return (await kubeRequest<{ items: ReplicaSetLike[] }>(clients, 'GET', resource.collection(namespace), { query: { labelSelector: selectorQuery(deployment.spec?.selector) || undefined } })).items;
}

const revisionSchema = z.object({ revision: z.number(), name: z.string(), changeCause: z.string().nullable(), images: z.array(z.string()), replicas: z.number().nullable(), created: z.string().nullable() });

export const kubeRolloutHistory = defineReadTool({
  name: 'kubernetes.rollout.history',
  description: "The revisions of a Deployment (its ReplicaSets), StatefulSet or DaemonSet (its ControllerRevisions), oldest first: each with its change-cause annotation and images, and which one runs now. Use before kubernetes.rollout.undo.",
  input: z.object({ kind: workload, name: z.string().min(1), ...where }).strict(),
  output: z.object({ revisions: z.array(revisionSchema), current: z.number().nullable() }),
  reads: 'reads the rollout history of a workload',
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input }) => ({ kind: 'text', text: `kubectl rollout history ${input.kind}/${input.name}${input.namespace ? ` -n ${input.namespace}` : ''}` }),
  examples: [{ kind: 'deploy', name: 'web', namespace: 'shop' }],
  run: ({ input, ctx }) =>
    kubeCall(ctx, input, `Reading the history of ${input.kind}/${input.name}`, async (clients, namespace) => {
      const kind = resolveKind(input.kind).kind;
      const { object } = await readWorkload(clients, kind, input.name, namespace);
      if (kind === 'Deployment') {
        const revisions = deploymentRevisions(object, await replicaSetsOf(clients, object, namespace));
        const current = Number(object.metadata.annotations?.[REVISION]);
        return { ok: true, output: { revisions, current: Number.isInteger(current) && current > 0 ? current : (revisions.at(-1)?.revision ?? null) } };
      }
      const resource = await resourceOf(clients, 'apps/v1', 'ControllerRevision');
      const listed = await kubeRequest<{ items: ControllerRevisionLike[] }>(clients, 'GET', resource.collection(namespace), { query: { labelSelector: selectorQuery(object.spec?.selector) || undefined } });
      const revisions = controllerRevisions(object, listed.items);
      // A StatefulSet names the revision it runs; a DaemonSet's newest is the one it rolls to.
      const running = object.status?.updateRevision ?? object.status?.currentRevision;
      return { ok: true, output: { revisions, current: revisions.find((revision) => revision.name === running)?.revision ?? revisions.at(-1)?.revision ?? null } };
    }),
});

interface UndoInput {
  name: string;
  toRevision: number;
  context?: string;
  namespace?: string;
}
interface UndoOutput {
  from: number | null;
  to: number;
  images: string[];
  skipped: boolean;
}
/** The pod template and annotations the Deployment had before the rollback: what its undo puts back. */
interface UndoSnapshot {
  readonly template: PodTemplate | null;
  readonly annotations: Record<string, string>;
}

/** What a rollback would do to the live Deployment; throws `PAUSED` or `REVISION_NOT_FOUND` as kubectl refuses them. */
async function planRollback(clients: KubeClients, input: UndoInput, namespace: string) {
  const { object, path } = await readWorkload(clients, 'Deployment', input.name, namespace);
  if (object.spec?.paused) throw Object.assign(new Error(`Deployment ${input.name} is paused: resume it first (kubectl rollout resume), then roll it back`), { code: 'PAUSED' });
  const target = rollbackTarget(object, await replicaSetsOf(clients, object, namespace), input.toRevision);
  const to = Number(target.metadata.annotations?.[REVISION]);
  const fromText = Number(object.metadata.annotations?.[REVISION]);
  return { deployment: object, path, target, to, from: Number.isInteger(fromText) && fromText > 0 ? fromText : null, unchanged: sameTemplate(target.spec?.template, object.spec?.template) };
}

const templateView = (deployment: Workload): string => stringify({ metadata: { annotations: deployment.metadata.annotations ?? {} }, spec: { template: deployment.spec?.template ?? {} } });

export const kubeRolloutUndo = defineTool<UndoInput, UndoOutput, UndoSnapshot, undefined>({
  name: 'kubernetes.rollout.undo',
  description:
    "Roll a Deployment back to its previous revision, or to toRevision (see kubernetes.rollout.history), as kubectl rollout undo: that revision's pod template becomes the Deployment's and its pods roll out again. The preview is the template diff from a server dry run; undo puts back the template that ran before.",
  input: z.object({ name: z.string().min(1).describe('The Deployment'), toRevision: z.number().int().min(0).default(0).describe('0 (default): the revision before the current one'), ...where }).strict(),
  output: z.object({ from: z.number().nullable(), to: z.number(), images: z.array(z.string()), skipped: z.boolean() }),
  risk: ({ input, ctx }) => {
    const namespace = ctx.access(kubeKey).where(input).namespace;
    return changeRisk(`rolls Deployment/${input.name} in ${namespace} back to ${input.toRevision ? `revision ${input.toRevision}` : 'its previous revision'}: its pods are replaced`, [{ kind: 'Deployment', name: input.name, namespace }]);
  },
  target: ({ input, ctx }) => ctx.access(kubeKey).where(input).target,
  preview: async ({ input, ctx }) => {
    const result = await kubeCall<Preview>(ctx, input, null, async (clients, namespace) => {
      const plan = await planRollback(clients, input, namespace);
      if (plan.unchanged) return { ok: true, output: { kind: 'text', text: `Deployment/${input.name} already runs the template of revision ${plan.to}; nothing would change.` } };
      const dry = await kubeRequest<Workload>(clients, 'PATCH', plan.path, { body: rollbackPatch(plan.deployment, plan.target), contentType: 'application/json-patch+json', query: { dryRun: 'All', fieldManager: 'reign' } });
      return { ok: true, output: { kind: 'file', path: `Deployment/${input.name}: revision ${plan.from ?? '?'} → ${plan.to} (server-side dry run)`, before: templateView(plan.deployment), after: templateView(dry) } };
    });
    return result.ok ? result.output : { kind: 'text', text: `The rollback would fail: ${result.error.message}` };
  },
  snapshot: async ({ input, ctx }) => {
    const access = ctx.access(kubeKey);
    const place = access.where(input);
    const { object } = await readWorkload(await access.clients(place.context), 'Deployment', input.name, place.namespace);
    return { template: object.spec?.template ?? null, annotations: object.metadata.annotations ?? {} };
  },
  run: ({ input, ctx, log }) =>
    kubeCall<UndoOutput>(ctx, input, `Rolling back Deployment/${input.name}`, async (clients, namespace) => {
      const plan = await planRollback(clients, input, namespace);
      const images = plan.target.spec?.template?.spec?.containers?.map((container) => container.image ?? '') ?? [];
      if (plan.unchanged) {
        log('info', `Deployment/${input.name} already runs revision ${plan.to}'s template; skipped\n`);
        return { ok: true, output: { from: plan.from, to: plan.to, images, skipped: true } };
      }
      await kubeRequest(clients, 'PATCH', plan.path, { body: rollbackPatch(plan.deployment, plan.target), contentType: 'application/json-patch+json', query: { fieldManager: 'reign' } });
      return { ok: true, output: { from: plan.from, to: plan.to, images, skipped: false } };
    }),
  undo: async ({ input, output, snapshot, ctx }) => {
    if (output?.skipped) return { ok: true, output: null };
    if (!snapshot.template) return toolFailure('UNDO_UNAVAILABLE', `Deployment/${input.name} had no pod template when the rollback started, so there is nothing to put back`);
    return kubeCall(ctx, input, `Putting back the template of Deployment/${input.name}`, async (clients, namespace) => {
      const { path } = await readWorkload(clients, 'Deployment', input.name, namespace);
      await kubeRequest(clients, 'PATCH', path, { body: templatePatch(snapshot.template!, snapshot.annotations), contentType: 'application/json-patch+json', query: { fieldManager: 'reign' } });
      return { ok: true, output: null };
    });
  },
  examples: [{ name: 'web', namespace: 'shop' }, { name: 'web', namespace: 'shop', toRevision: 2 }],
  // Run twice, "the previous revision" is the one just left: a retry would roll forward again.
  idempotent: false,
  describeChange: (input) => `rolled Deployment/${input.name} back to ${input.toRevision ? `revision ${input.toRevision}` : 'its previous revision'}`,
});

export const kubeRolloutHistoryTools = [kubeRolloutHistory, kubeRolloutUndo];
