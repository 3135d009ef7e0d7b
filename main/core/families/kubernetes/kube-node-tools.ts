import { z } from 'zod';
import { assess, combine } from '../../policy/risk';
import { defineTool, type ToolContext, toolFailure } from '../../tools/tool-definition';
import type { KubeClients } from './kube-access';
import { kubeKey } from './kube-access';
import { kubeCall } from './kube-call';
import { clusterTarget } from './kube-change-risk';
import { type DrainPod, planDrain } from './kube-drain-plan';
import { budgetsOf, evictPods } from './kube-evict';
import { kubeRequest } from './kube-raw';

const context = z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)');
const nodeName = z.string().min(1).describe('The node, as kubectl get nodes names it');

const nodePath = (name: string): string => `/api/v1/nodes/${encodeURIComponent(name)}`;
/** A node belongs to the whole cluster: its steps target every namespace. */
const nodeTarget = ({ input, ctx }: { input: { context?: string }; ctx: ToolContext }) => clusterTarget(ctx.access(kubeKey).where(input).context);

const isCordoned = async (clients: KubeClients, name: string): Promise<boolean> => (await kubeRequest<{ spec?: { unschedulable?: boolean } }>(clients, 'GET', nodePath(name))).spec?.unschedulable === true;

/** What kubectl cordon / uncordon patch (false is written as absent, as the API keeps it). */
const setUnschedulable = (clients: KubeClients, name: string, unschedulable: boolean) =>
  kubeRequest(clients, 'PATCH', nodePath(name), { body: { spec: { unschedulable: unschedulable ? true : null } }, contentType: 'application/merge-patch+json', query: { fieldManager: 'reign' } });

/** Whether the node was cordoned before the step: undo puts that back. Null: the node could not be read. */
async function cordonSnapshot({ input, ctx }: { input: { name: string; context?: string }; ctx: ToolContext }): Promise<{ unschedulable: boolean | null }> {
  const access = ctx.access(kubeKey);
  return { unschedulable: await isCordoned(await access.clients(access.where(input).context), input.name).catch(() => null) };
}

function restoreCordon(ctx: ToolContext, input: { name: string; context?: string }, unschedulable: boolean) {
  return kubeCall(ctx, { context: input.context }, `Setting node ${input.name} back`, async (clients) => {
    await setUnschedulable(clients, input.name, unschedulable);
    return { ok: true, output: null };
  });
}

type NodeInput = { name: string; context?: string };
type CordonOutput = { node: string; unschedulable: boolean; changed: boolean };

function cordonTool(cordon: boolean) {
  const verb = cordon ? 'cordon' : 'uncordon';
  return defineTool<NodeInput, CordonOutput, { unschedulable: boolean | null }, undefined>({
    name: `kubernetes.node.${verb}`,
    description: cordon
      ? 'Mark a node unschedulable (kubectl cordon): no new pods are placed on it; the pods running there stay. Undo uncordons it.'
      : 'Let the scheduler place pods on a cordoned node again (kubectl uncordon). Undo cordons it again.',
    input: z.object({ name: nodeName, context }).strict(),
    output: z.object({ node: z.string(), unschedulable: z.boolean(), changed: z.boolean() }),
    risk: ({ input }) => assess('write', cordon ? `marks node ${input.name} unschedulable for the whole cluster (running pods stay)` : `lets pods be scheduled on node ${input.name} again`),
    target: nodeTarget,
    preview: async ({ input, ctx }) => {
      const result = await kubeCall(ctx, { context: input.context }, `Reading node ${input.name}`, async (clients) => ({ ok: true, output: await isCordoned(clients, input.name) }));
      if (!result.ok) return { kind: 'text', text: `The step would fail: ${result.error.message}` };
      if (result.output === cordon) return { kind: 'text', text: `Node ${input.name} is already ${cordon ? 'cordoned' : 'schedulable'}; nothing would change.` };
      return { kind: 'text', text: `kubectl ${verb} ${input.name}: ${cordon ? 'no new pods will be placed on it; its running pods stay' : 'the scheduler may place pods on it again'}. Undo ${cordon ? 'uncordons' : 'cordons'} it.` };
    },
    snapshot: cordonSnapshot,
    run: ({ input, ctx }) =>
      kubeCall(ctx, { context: input.context }, `${cordon ? 'Cordoning' : 'Uncordoning'} node ${input.name}`, async (clients) => {
        const before = await isCordoned(clients, input.name);
        if (before !== cordon) await setUnschedulable(clients, input.name, cordon);
        return { ok: true, output: { node: input.name, unschedulable: cordon, changed: before !== cordon } };
      }),
    undo: async ({ input, snapshot, ctx }) => (snapshot.unschedulable === null || snapshot.unschedulable === cordon ? { ok: true, output: null } : restoreCordon(ctx, input, snapshot.unschedulable)),
    examples: [{ name: 'worker-2' }],
    idempotent: true,
    describeChange: (input) => `${verb}ed node ${input.name}`,
  });
}

export const kubeNodeCordon = cordonTool(true);
export const kubeNodeUncordon = cordonTool(false);

interface DrainInput {
  name: string;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  timeoutMs: number;
  context?: string;
}

const podsOn = async (clients: KubeClients, node: string): Promise<DrainPod[]> => (await kubeRequest<{ items: DrainPod[] }>(clients, 'GET', '/api/v1/pods', { query: { fieldSelector: `spec.nodeName=${node}` } })).items;
const AFTER_UNDO = 'Undo uncordons the node; evicted pods are not brought back to it: their controllers recreate them, on other nodes or Pending until one has room.';

export const kubeNodeDrain = defineTool<DrainInput, { node: string; evicted: string[]; skipped: string[] }, { unschedulable: boolean | null }, undefined>({
  name: 'kubernetes.node.drain',
  description:
    "Drain a node for maintenance (kubectl drain): cordon it, then evict its pods through the Eviction API, which honours PodDisruptionBudgets. DaemonSet and mirror pods are left. Pods no controller recreates, or with emptyDir data, stop the drain unless force / deleteEmptyDirData. The preview lists the pods it evicts. Undo uncordons; the evicted pods' controllers recreate them elsewhere.",
  input: z
    .object({
      name: nodeName,
      ignoreDaemonSets: z.boolean().default(true).describe('Leave DaemonSet pods (default); false stops the drain when there are some'),
      deleteEmptyDirData: z.boolean().default(false).describe('Evict pods with emptyDir volumes too; their data is lost'),
      force: z.boolean().default(false).describe('Evict pods no controller manages too; they are gone for good'),
      timeoutMs: z.number().int().min(1000).max(600_000).default(120_000).describe('How long evictions may wait for disruption budgets and pods to terminate'),
      context,
    })
    .strict(),
  output: z.object({ node: z.string(), evicted: z.array(z.string()), skipped: z.array(z.string()) }),
  risk: ({ input }) =>
    combine([
      assess('destructive', `cordons node ${input.name} and evicts its pods (their controllers recreate them elsewhere)`),
      ...(input.force ? [assess('destructive', 'force: pods no controller manages are evicted for good')] : []),
      ...(input.deleteEmptyDirData ? [assess('destructive', "deleteEmptyDirData: evicted pods' emptyDir data is lost")] : []),
    ]),
  target: nodeTarget,
  preview: async ({ input, ctx }) => {
    const result = await kubeCall(ctx, { context: input.context }, `Reading node ${input.name}`, async (clients) => {
      const cordoned = await isCordoned(clients, input.name);
      const plan = planDrain(await podsOn(clients, input.name), input);
      // A budget that allows no disruption now makes the drain wait, and fail at the timeout if it stays so.
      const budgets = (await Promise.all(plan.pods.map(async (pod) => (await budgetsOf(clients, pod)).filter((budget) => budget.allowed < 1).map((budget) => `${pod.metadata.namespace}/${budget.name} (covers ${pod.metadata.name})`)))).flat();
      return { ok: true, output: { cordoned, plan, budgets } };
    });
    if (!result.ok) return { kind: 'text', text: `The drain would fail: ${result.error.message}. ${AFTER_UNDO}` };
    const { cordoned, plan, budgets } = result.output;
    const list = (notes: { pod: string; why: string }[]) => notes.map((note) => `  ${note.pod} (${note.why})`);
    return {
      kind: 'text',
      text: [
        plan.blocked.length ? `The drain would stop before evicting anything; these pods need an option:` : `kubectl drain ${input.name}: ${cordoned ? 'already cordoned' : 'cordons it'}, then evicts ${plan.evict.length} pod(s) through the Eviction API:`,
        ...(plan.blocked.length ? list(plan.blocked) : list(plan.evict)),
        ...(plan.skipped.length ? ['Left on the node:', ...list(plan.skipped)] : []),
        ...(budgets.length ? [`Disruption budgets that allow no eviction now (the drain waits for them up to ${Math.round(input.timeoutMs / 1000)}s, then fails): ${budgets.join(', ')}`] : []),
        AFTER_UNDO,
      ].join('\n'),
    };
  },
  snapshot: cordonSnapshot,
  run: ({ input, ctx, signal, log }) =>
    kubeCall(ctx, { context: input.context }, `Draining node ${input.name}`, async (clients) => {
      const deadline = Date.now() + input.timeoutMs;
      const cordoned = await isCordoned(clients, input.name);
      const plan = planDrain(await podsOn(clients, input.name), input);
      if (plan.blocked.length) return toolFailure('DRAIN_BLOCKED', `Nothing was done: ${plan.blocked.map((note) => `${note.pod}: ${note.why}`).join('; ')}`);
      if (!cordoned) await setUnschedulable(clients, input.name, true);
      log('info', `cordoned ${input.name}; evicting ${plan.evict.length} pod(s)\n`);
      const { evicted, problems } = await evictPods(clients, plan.pods, deadline, signal, (text) => log('info', text));
      if (problems.length) return toolFailure(problems[0]!.code, `${problems.map((problem) => problem.message).join('; ')}. Node ${input.name} stays cordoned (undo uncordons it); evicted: ${evicted.join(', ') || 'none'}.`, { evicted });
      return { ok: true, output: { node: input.name, evicted, skipped: plan.skipped.map((note) => note.pod) } };
    }),
  undo: async ({ input, snapshot, ctx }) => (snapshot.unschedulable === false ? restoreCordon(ctx, input, false) : { ok: true, output: null }),
  examples: [{ name: 'worker-2' }, { name: 'worker-2', deleteEmptyDirData: true, timeoutMs: 300_000 }],
  // A drain that failed on a budget would wait its whole timeout again on a retry.
  idempotent: false,
  describeChange: (input) => `drained node ${input.name} (cordoned; pods evicted)`,
});

export const kubeNodeTools = [kubeNodeCordon, kubeNodeUncordon, kubeNodeDrain];
