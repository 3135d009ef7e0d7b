import type { SearchItem } from '../../../../preload/contract';
import type { SearchFrom } from '../../search/search-from';
import { gatherLists, rowStatus, viewSearchables } from '../../search/view-searchables';
import { probeKubernetes } from '../kubernetes/kube-probe';
import { ALL_NAMESPACES } from '../kubernetes/kube-views';
import { helmReleasesView } from './helm-views';

/** Helm releases in every namespace of every context of the kubeconfig, for global search. */
export async function helmSearchables(from: SearchFrom): Promise<SearchItem[]> {
  const contexts = probeKubernetes(from.ctx.env).contexts.map((context) => context.name);
  return gatherLists(
    contexts.map((context) =>
      viewSearchables(helmReleasesView, { context, namespace: ALL_NAMESPACES }, from, (row) => ({
        kind: 'release',
        name: String(row.cells.name ?? row.key),
        detail: [`${context}/${String(row.cells.namespace ?? '')}`, rowStatus(helmReleasesView, row), String(row.cells.chart ?? '')].filter(Boolean).join(' · '),
      })),
    ),
  );
}
