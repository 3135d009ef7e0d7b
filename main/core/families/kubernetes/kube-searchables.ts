import type { SearchItem } from '../../../../preload/contract';
import type { SearchFrom } from '../../search/search-from';
import { gatherLists, rowStatus, viewSearchables } from '../../search/view-searchables';
import { probeKubernetes } from './kube-probe';
import { ALL_NAMESPACES, kubernetesViews } from './kube-views';

const searched = [
  { view: 'kubernetes.pods', kind: 'pod' },
  { view: 'kubernetes.deployments', kind: 'deployment' },
] as const;

/**
 * Pods and deployments in every namespace of every context of the kubeconfig, for global search.
 * A context that cannot be reached costs only its own items (the core's time limit bounds the wait).
 */
export async function kubernetesSearchables(from: SearchFrom): Promise<SearchItem[]> {
  const contexts = probeKubernetes(from.ctx.env).contexts.map((context) => context.name);
  return gatherLists(
    contexts.flatMap((context) =>
      searched.map(({ view: id, kind }) => {
        const view = kubernetesViews.find((candidate) => candidate.id === id)!;
        return viewSearchables(view, { context, namespace: ALL_NAMESPACES }, from, (row) => ({
          kind,
          name: String(row.cells.name ?? row.key),
          detail: [`${context}/${String(row.cells.namespace ?? '')}`, rowStatus(view, row)].filter(Boolean).join(' · '),
        }));
      }),
    ),
  );
}
