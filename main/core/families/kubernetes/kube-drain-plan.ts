// Which pods of a node a drain evicts, leaves, or cannot take without an explicit yes, by kubectl
// drain's rules. No I/O: the pods come from the caller.

export interface DrainPod {
  metadata: { name: string; namespace: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
  spec?: { volumes?: { name: string; emptyDir?: unknown }[] };
  status?: { phase?: string };
}

export interface DrainOptions {
  /** Leave DaemonSet pods (their controller would put them right back on the node); kubectl's --ignore-daemonsets. */
  readonly ignoreDaemonSets: boolean;
  /** Evict pods whose emptyDir data is lost with them; kubectl's --delete-emptydir-data. */
  readonly deleteEmptyDirData: boolean;
  /** Evict pods no controller recreates (gone for good); kubectl's --force. */
  readonly force: boolean;
}

export interface PodNote {
  readonly pod: string;
  readonly why: string;
}

export interface DrainPlan {
  /** `namespace/name` with what manages it. */
  readonly evict: PodNote[];
  readonly skipped: PodNote[];
  /** Pods that stop the drain before anything is evicted, each with the option that allows it. */
  readonly blocked: PodNote[];
  /** The pods to evict, as given. */
  readonly pods: DrainPod[];
}

const MIRROR = 'kubernetes.io/config.mirror';
export const podName = (pod: DrainPod): string => `${pod.metadata.namespace}/${pod.metadata.name}`;

export function planDrain(pods: readonly DrainPod[], options: DrainOptions): DrainPlan {
  const plan: DrainPlan = { evict: [], skipped: [], blocked: [], pods: [] };
  for (const pod of pods) {
    const name = podName(pod);
    const controller = pod.metadata.ownerReferences?.find((owner) => owner.controller);
    if (pod.metadata.annotations?.[MIRROR] !== undefined) {
      plan.skipped.push({ pod: name, why: 'mirror pod of a static pod: the kubelet runs it, the API cannot evict it' });
      continue;
    }
    if (pod.metadata.deletionTimestamp) {
      plan.skipped.push({ pod: name, why: 'already being deleted' });
      continue;
    }
    if (controller?.kind === 'DaemonSet') {
      if (options.ignoreDaemonSets) plan.skipped.push({ pod: name, why: `DaemonSet ${controller.name}: it would be put right back on the node` });
      else plan.blocked.push({ pod: name, why: `managed by DaemonSet ${controller.name} (set ignoreDaemonSets to leave it)` });
      continue;
    }
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    const problems: string[] = [];
    if (!controller && !finished && !options.force) problems.push('no controller recreates it, so it would be gone for good (set force to evict it anyway)');
    const emptyDirs = (pod.spec?.volumes ?? []).filter((volume) => volume.emptyDir !== undefined).map((volume) => volume.name);
    if (emptyDirs.length && !finished && !options.deleteEmptyDirData) problems.push(`its emptyDir data (${emptyDirs.join(', ')}) would be lost (set deleteEmptyDirData to evict it anyway)`);
    if (problems.length) {
      plan.blocked.push({ pod: name, why: problems.join('; ') });
      continue;
    }
    plan.evict.push({ pod: name, why: finished ? `finished (${pod.status!.phase})` : controller ? `${controller.kind} ${controller.name}` : 'no controller: it will not come back' });
    plan.pods.push(pod);
  }
  return plan;
}
