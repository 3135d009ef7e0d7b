import { isDeepStrictEqual } from 'node:util';

// A Deployment's history is its ReplicaSets, one per pod template, each numbered by the revision
// annotation; a StatefulSet's or DaemonSet's is its ControllerRevisions. These functions read them
// and build kubectl's rollback, without I/O.

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';

/** Annotations of the Deployment a rollback keeps, never copied from the ReplicaSet (kubectl's annotationsToSkip). */
const ownAnnotations = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to']);

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[]; [key: string]: unknown };
}

export interface Owned {
  metadata: { name: string; uid?: string; annotations?: Record<string, string>; ownerReferences?: { uid: string; controller?: boolean }[]; creationTimestamp?: string };
}
export interface ReplicaSetLike extends Owned {
  spec?: { replicas?: number; template?: PodTemplate };
  status?: { replicas?: number; readyReplicas?: number };
}
export interface ControllerRevisionLike extends Owned {
  revision: number;
  data?: { spec?: { template?: PodTemplate } };
}
export interface DeploymentLike {
  metadata: { name: string; uid?: string; annotations?: Record<string, string> };
  spec?: { paused?: boolean; template?: PodTemplate };
}

export interface Revision {
  readonly revision: number;
  /** The ReplicaSet or ControllerRevision that holds it. */
  readonly name: string;
  readonly changeCause: string | null;
  readonly images: string[];
  /** Pods it runs now (ReplicaSets only). */
  readonly replicas: number | null;
  readonly created: string | null;
}

const ownedBy = (uid: string | undefined) => (object: Owned) => uid !== undefined && (object.metadata.ownerReferences ?? []).some((owner) => owner.uid === uid && owner.controller !== false);
const imagesOf = (template: PodTemplate | undefined): string[] => [...(template?.spec?.initContainers ?? []), ...(template?.spec?.containers ?? [])].map((container) => container.image ?? '(no image)');
const revisionOf = (replicaSet: ReplicaSetLike): number | null => {
  const value = Number(replicaSet.metadata.annotations?.[REVISION]);
  return Number.isInteger(value) && value > 0 ? value : null;
};

/** The revisions of a Deployment from the ReplicaSets it controls, oldest first. */
export function deploymentRevisions(deployment: DeploymentLike, replicaSets: readonly ReplicaSetLike[]): Revision[] {
  return replicaSets
    .filter(ownedBy(deployment.metadata.uid))
    .flatMap((replicaSet) => {
      const revision = revisionOf(replicaSet);
      return revision === null ? [] : [{ revision, name: replicaSet.metadata.name, changeCause: replicaSet.metadata.annotations?.[CHANGE_CAUSE] ?? null, images: imagesOf(replicaSet.spec?.template), replicas: replicaSet.status?.replicas ?? 0, created: replicaSet.metadata.creationTimestamp ?? null }];
    })
    .sort((a, b) => a.revision - b.revision);
}

/** The revisions of a StatefulSet or DaemonSet from its ControllerRevisions, oldest first. */
export function controllerRevisions(owner: { metadata: { uid?: string } }, revisions: readonly ControllerRevisionLike[]): Revision[] {
  return revisions
    .filter(ownedBy(owner.metadata.uid))
    .map((revision) => ({ revision: revision.revision, name: revision.metadata.name, changeCause: revision.metadata.annotations?.[CHANGE_CAUSE] ?? null, images: imagesOf(revision.data?.spec?.template), replicas: null, created: revision.metadata.creationTimestamp ?? null }))
    .sort((a, b) => a.revision - b.revision);
}

/**
 * The ReplicaSet to roll back to, as kubectl picks it: the given revision, or (0) the newest but one.
 * Throws `REVISION_NOT_FOUND` naming the revisions there are.
 */
export function rollbackTarget(deployment: DeploymentLike, replicaSets: readonly ReplicaSetLike[], toRevision: number): ReplicaSetLike {
  const owned = replicaSets.filter(ownedBy(deployment.metadata.uid)).filter((replicaSet) => revisionOf(replicaSet) !== null);
  const sorted = [...owned].sort((a, b) => revisionOf(b)! - revisionOf(a)!);
  const known = sorted.map(revisionOf).reverse().join(', ') || 'none';
  if (toRevision > 0) {
    const found = owned.find((replicaSet) => revisionOf(replicaSet) === toRevision);
    if (!found) throw Object.assign(new Error(`Deployment ${deployment.metadata.name} has no revision ${toRevision} (it has ${known})`), { code: 'REVISION_NOT_FOUND' });
    return found;
  }
  if (sorted.length < 2) throw Object.assign(new Error(`Deployment ${deployment.metadata.name} has no earlier revision to go back to (revisions: ${known})`), { code: 'REVISION_NOT_FOUND' });
  return sorted[1]!;
}

/** A ReplicaSet's pod template as the Deployment would carry it: without the hash label the controller adds. */
export function templateWithoutHash(template: PodTemplate | undefined): PodTemplate {
  const copy = structuredClone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
    if (!Object.keys(copy.metadata.labels).length) delete copy.metadata.labels;
  }
  return copy;
}

export const sameTemplate = (a: PodTemplate | undefined, b: PodTemplate | undefined): boolean => isDeepStrictEqual(templateWithoutHash(a), templateWithoutHash(b));

/**
 * kubectl rollout undo's JSON patch: the ReplicaSet's template replaces the Deployment's, and the
 * Deployment's annotations become its own bookkeeping ones plus the ReplicaSet's others (so the
 * change-cause of that revision comes back).
 */
export function rollbackPatch(deployment: DeploymentLike, replicaSet: ReplicaSetLike): { op: string; path: string; value: unknown }[] {
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) if (ownAnnotations.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(replicaSet.metadata.annotations ?? {})) if (!ownAnnotations.has(key)) annotations[key] = value;
  return templatePatch(templateWithoutHash(replicaSet.spec?.template), annotations);
}

/** Replaces a Deployment's pod template and annotations (`add` replaces a member that is there, and creates one that is not). */
export const templatePatch = (template: PodTemplate, annotations: Record<string, string>) => [
  { op: 'replace', path: '/spec/template', value: template },
  { op: 'add', path: '/metadata/annotations', value: annotations },
];
