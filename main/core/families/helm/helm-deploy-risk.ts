import { assess, combine, type RiskAssessment } from '../../policy/risk';
import type { ToolContext } from '../../tools/tool-definition';
import { kubeKey } from '../kubernetes/kube-access';
import { describeObject, parseManifest } from '../kubernetes/kube-manifests';
import { chartArguments, type ChartInput } from './helm-chart-input';
import { runHelm } from './helm-exec';

/** The objects a chart renders to, by kind, name and namespace (null: cluster-wide). */
export interface RenderedFacts {
  readonly objects: readonly { readonly kind: string; readonly name: string; readonly namespace: string | null }[];
}

/**
 * Renders the chart locally (`helm template`, no cluster) to learn what kinds it creates and where.
 * A chart that an earlier step of the plan is yet to write cannot be rendered: the step is then
 * rated without these facts.
 */
export async function renderedObjects(ctx: ToolContext, input: ChartInput & { release: string; context?: string; namespace?: string }, signal: AbortSignal, isUpgrade: boolean): Promise<RenderedFacts> {
  const place = ctx.access(kubeKey).where(input);
  const chart = chartArguments(ctx, input);
  try {
    const result = await runHelm(ctx, ['template', input.release, ...chart.args, '--namespace', place.namespace, ...(isUpgrade ? ['--is-upgrade'] : [])], { signal });
    if (!result.ok) throw new Error(result.error.message);
    return { objects: result.output.trim() ? parseManifest(result.output, place.namespace).map(({ kind, name, namespace }) => ({ kind, name, namespace })) : [] };
  } finally {
    chart.cleanup();
  }
}

/** Write, and destructive where the release reaches the cluster's own components or cluster-wide objects. */
export function deployRisk(verb: string, release: string, namespace: string, facts: RenderedFacts | undefined): RiskAssessment {
  const objects = facts?.objects ?? [];
  return combine([
    assess('write', `helm ${verb} of release ${release} in ${namespace}${objects.length ? `: ${objects.map(describeObject).join(', ')}` : ''}`),
    ...(namespace === 'kube-system' ? [assess('destructive', `changes release ${release} in kube-system, the cluster's own components`)] : []),
    ...objects.filter((object) => object.namespace === 'kube-system' && namespace !== 'kube-system').map((object) => assess('destructive', `changes ${describeObject(object)}: the cluster's own components`)),
    ...objects.filter((object) => object.namespace === null).map((object) => assess('destructive', `changes ${object.kind}/${object.name}, which is cluster-wide`)),
  ]);
}
