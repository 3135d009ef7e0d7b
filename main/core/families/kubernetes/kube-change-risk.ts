import { assess, combine, type RiskAssessment } from '../../policy/risk';
import type { Target } from '../../tools/tool-definition';
import { describeObject } from './kube-manifests';

/** Kinds whose objects act on the whole cluster (some, like the webhook configurations, are not in kube-kinds' table). */
const clusterWideKinds = /^(Namespace|Node|PersistentVolume|ClusterRole|ClusterRoleBinding|CustomResourceDefinition|StorageClass|MutatingWebhookConfiguration|ValidatingWebhookConfiguration|PriorityClass)$/;

export interface ChangedObject {
  readonly kind: string;
  readonly name: string;
  /** Null for a cluster-scoped object. */
  readonly namespace: string | null;
}

/** Whether changing an object reaches beyond one namespace. */
export const isClusterWide = (object: ChangedObject): boolean => object.namespace === null || clusterWideKinds.test(object.kind);

/**
 * The risk of changing objects in place (apply, patch, rollback): a write, but destructive in
 * kube-system (the cluster's own components) and for cluster-wide objects. `write` is the reason
 * a person reads for the plain case ("applies Deployment/web in shop").
 */
export function changeRisk(write: string, objects: readonly ChangedObject[]): RiskAssessment {
  return combine([
    assess('write', write),
    ...objects.filter((object) => object.namespace === 'kube-system').map((object) => assess('destructive', `changes ${describeObject(object)}: the cluster's own components`)),
    ...objects.filter(isClusterWide).map((object) => assess('destructive', `changes ${describeObject(object)}, which is cluster-wide`)),
  ]);
}

/** The target of a step on a cluster-scoped object: the whole context, which rules for every namespace match. */
export const clusterTarget = (context: string): Target => ({ kind: 'kubernetes', id: `kubernetes:${context}/*`, label: `${context}, every namespace` });
