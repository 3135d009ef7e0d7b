import { z } from 'zod';
import { defineReadTool, type ToolContext, type ToolDefinition } from '../../tools/tool-definition';
import { kubeKey } from './kube-access';
import { discoveredScope } from './kube-discovery';
import { builtInKind } from './kube-kinds';

export const where = {
  context: z.string().min(1).optional().describe('kubeconfig context (default: its current context; Reign never changes it)'),
  namespace: z.string().min(1).optional().describe("Namespace (default: the context's)"),
};
export const kind = z.string().min(1).describe("Kind as kubectl takes it: Pod, pods, deploy, Deployment; for a custom resource its kind, plural, singular or short name (found in the cluster's discovery), or plural.group");
export const apiVersion = z.string().min(1).optional().describe('Only to pick one API group/version of a kind several serve, e.g. cert-manager.io/v1');

/** What classifying a read learns from the cluster: whether a kind that is not built in is namespaced (null: built in, or not known). */
export interface ScopeFacts {
  readonly namespaced: boolean | null;
}

type Placed = { context?: string; namespace?: string; kind?: string; apiVersion?: string; allNamespaces?: boolean };

/** The target of a read: the namespace, or the whole cluster for cluster-scoped kinds (built in or discovered) and every namespace. */
export function readTarget(input: Placed, ctx: ToolContext, facts?: ScopeFacts) {
  const place = ctx.access(kubeKey).where(input);
  const builtIn = input.kind === undefined ? null : builtInKind(input.kind, input.apiVersion);
  const clusterWide = input.allNamespaces === true || builtIn?.namespaced === false || facts?.namespaced === false;
  return clusterWide ? { kind: 'kubernetes' as const, id: `kubernetes:${place.context}/*`, label: `${place.context}, every namespace` } : place.target;
}

/**
 * A read tool of a kind a person names: rated `read`, targeted at the kind's scope, which for a
 * custom resource is asked of the cluster's discovery while the step is classified.
 */
export function defineKubeRead<I extends Placed, O>(definition: Omit<Parameters<typeof defineReadTool<I, O>>[0], 'target'>): ToolDefinition<I, O, undefined, ScopeFacts> {
  const { contentHash: _none, ...read } = defineReadTool<I, O>({ ...definition, target: ({ input, ctx }) => readTarget(input, ctx) });
  return {
    ...read,
    inspect: async ({ input, ctx }) => ({ namespaced: await discoveredScope(ctx, input) }),
    target: ({ input, ctx, facts }) => readTarget(input, ctx, facts),
    risk: ({ input, ctx }) => read.risk({ input, ctx, facts: undefined }), // `read` whatever the facts
  };
}
